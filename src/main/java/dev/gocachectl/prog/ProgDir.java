package dev.gocachectl.prog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Where {@code gocachectl prog} keeps its local tier when no {@code --dir} is given. */
public final class ProgDir {
  private ProgDir() {}

  /** {@code $XDG_CACHE_HOME/gocachectl/prog}, else {@code $HOME/.cache/gocachectl/prog}. */
  public static Path defaultDir(Map<String, String> env) throws IOException {
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "gocachectl", "prog");
    }
    String home = env.get("HOME");
    if (home == null || home.isEmpty()) {
      throw new IOException("neither $XDG_CACHE_HOME nor $HOME is set; pass --dir DIR");
    }
    return Path.of(home, ".cache", "gocachectl", "prog");
  }
}
