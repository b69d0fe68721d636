package dev.gocachectl.config;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A mistake in serve's config file, at a line and column (1-based; 0 when the mistake is the file
 * as a whole). The message reads {@code FILE:LINE:COLUMN: what is wrong and what was expected}.
 */
public final class ConfigException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final int column;
  private final String reason;

  public ConfigException(Path file, int line, int column, String reason) {
    super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + reason);
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  public Path file() {
    return file;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String reason() {
    return reason;
  }
}
