package dev.gocachectl.prog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What a runner is called in build manifests and reports, and where the name comes from. */
public final class RunnerName {
  /** At most this many characters. */
  static final int MAX = 128;

  private RunnerName() {}

  /**
   * The runner's name: {@code GOCACHECTL_RUNNER}, else the host name; white space and control
   * characters become {@code _}, at most {@link #MAX} characters.
   */
  public static String of(Map<String, String> env) {
    String r = env.get("GOCACHECTL_RUNNER");
    String name = r == null || r.isBlank() ? host(env) : r.strip();
    name = name.replaceAll("[\\s\\p{Cntrl}]", "_");
    return name.length() > MAX ? name.substring(0, MAX) : name;
  }

  /** The host name: {@code HOSTNAME}, else /etc/hostname, else {@code unknown}. */
  static String host(Map<String, String> env) {
    String h = env.get("HOSTNAME");
    if (h == null || h.isBlank()) {
      try {
        h = Files.readString(Path.of("/etc/hostname")).strip();
      } catch (java.io.IOException | RuntimeException e) {
        h = "unknown";
      }
    }
    return h.isBlank() ? "unknown" : h.replaceAll("\\s", "_");
  }
}
