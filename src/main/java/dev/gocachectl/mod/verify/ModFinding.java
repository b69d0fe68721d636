package dev.gocachectl.mod.verify;

import dev.gocachectl.mod.ModuleVersion;
import java.nio.file.Path;

/**
 * One thing {@code mod verify} found.
 *
 * @param kind what it is
 * @param module the module version concerned, or null for a go.sum-level finding
 * @param path the file or directory concerned
 * @param expected what a healthy cache (or go.sum) holds there, or null
 * @param found what is there
 * @param goVerify what {@code go mod verify} reports for it, or null when it does not check this
 */
public record ModFinding(
    ModFindingKind kind,
    ModuleVersion module,
    Path path,
    String expected,
    String found,
    String goVerify) {
  public ModFinding {
    if (kind == null || path == null || found == null) {
      throw new IllegalArgumentException("kind, path and found are required");
    }
  }

  /** One line: {@code kind module: found (expected ...) [path]}. */
  public String describe() {
    StringBuilder b = new StringBuilder(kind.id()).append(' ');
    b.append(module != null ? module.toString() : path.toString()).append(": ").append(found);
    if (expected != null) {
      b.append(" (expected ").append(expected).append(')');
    }
    if (module != null) {
      b.append("\n    ").append(path);
    }
    return b.toString();
  }
}
