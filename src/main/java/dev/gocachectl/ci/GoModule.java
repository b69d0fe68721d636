package dev.gocachectl.ci;

import java.util.Optional;

/**
 * One module of the repository, as its go.mod declares it.
 *
 * @param dir the module's directory relative to the repository root, with "/" separators ("." for
 *     the root)
 * @param path the module path ({@code module} line)
 * @param go the {@code go} line's version ("1.24"), empty when the file has none
 * @param toolchain the {@code toolchain} line's version without "go" ("1.26.1"), if any
 */
public record GoModule(String dir, String path, String go, Optional<String> toolchain) {
  /** The version this module asks of the go command: the toolchain line, else the go line. */
  public String wanted() {
    return toolchain.orElse(go);
  }
}
