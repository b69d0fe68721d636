package dev.gocachectl.prog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Where {@code gocachectl prog} keeps its local tier when no {@code --dir} is given. */
public final class ProgDir {
  private ProgDir() {}

  /**
   * {@code $XDG_CACHE_HOME/gocachectl/prog}, else {@code $HOME/.cache/gocachectl/prog}; a relative
   * {@code $HOME} is taken relative to {@code cwd}, the go command's working directory.
   */
  public static Path defaultDir(Map<String, String> env, Path cwd) throws IOException {
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "gocachectl", "prog");
    }
    String home = env.get("HOME");
    if (home == null || home.isEmpty()) {
      throw new IOException("neither $XDG_CACHE_HOME nor $HOME is set; pass --dir DIR");
    }
    Path h = Path.of(home);
    if (!h.isAbsolute()) {
      if (cwd == null) {
        throw new IOException(
            "$HOME (" + home + ") is relative and the working directory unknown; pass --dir DIR");
      }
      h = cwd.resolve(h);
    }
    return h.resolve(".cache/gocachectl/prog").normalize();
  }
}
