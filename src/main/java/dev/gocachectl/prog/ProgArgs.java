package dev.gocachectl.prog;

import java.nio.file.Path;
import java.util.Map;

/**
 * The flags of {@code gocachectl prog}, parsed by hand: this is the start-up path, where a CLI
 * library's reflection costs about 100 ms (java-stack.md section 2.3).
 *
 * @param dir the local tier, a directory in Go's GOCACHE layout
 */
record ProgArgs(Path dir) {
  static final String USAGE =
      """
      usage: gocachectl prog [--dir DIR]

      Go's GOCACHEPROG: set GOCACHEPROG="<gocachectl> prog --dir DIR".
        --dir DIR   the local tier, in Go's own GOCACHE layout
                    (default: $XDG_CACHE_HOME/gocachectl/prog, else ~/.cache/gocachectl/prog)
      """;

  /** A flag the program does not understand, with what to do about it. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static ProgArgs parse(String[] args, Map<String, String> env) throws UsageException {
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      switch (a) {
        case "--dir" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new UsageException("--dir needs a directory");
            }
            value = args[++i];
          }
          dir = Path.of(value).toAbsolutePath().normalize();
        }
        default -> throw new UsageException("unknown flag " + args[i]);
      }
    }
    return new ProgArgs(dir != null ? dir : defaultDir(env));
  }

  private static Path defaultDir(Map<String, String> env) throws UsageException {
    try {
      return ProgDir.defaultDir(env);
    } catch (java.io.IOException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
