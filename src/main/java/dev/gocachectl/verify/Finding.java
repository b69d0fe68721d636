package dev.gocachectl.verify;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.OutputId;
import java.nio.file.Path;

/**
 * One thing {@code verify} found.
 *
 * @param kind what it is
 * @param path the file concerned
 * @param actionId the action entry concerned, or null for an output-level finding
 * @param outputId the output concerned, or null when unknown (a malformed entry)
 * @param expected what a healthy cache would hold there
 * @param found what is there
 */
public record Finding(
    FindingKind kind,
    Path path,
    ActionId actionId,
    OutputId outputId,
    String expected,
    String found) {
  public Finding {
    if (kind == null || path == null) {
      throw new IllegalArgumentException("kind and path are required");
    }
  }

  /** One line for humans: {@code kind path: found (expected ...)}. */
  public String describe() {
    StringBuilder b = new StringBuilder(kind.id()).append(' ').append(path);
    if (found != null) {
      b.append(": ").append(found);
    }
    if (expected != null) {
      b.append(" (expected ").append(expected).append(')');
    }
    return b.toString();
  }
}
