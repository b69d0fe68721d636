package dev.gocachectl.config;

import java.util.regex.Pattern;

/**
 * The names the config gives caches, repositories, remotes and jobs: 1 to 64 letters, digits, '.',
 * '_' or '-', so that a name is safe as a Prometheus label value, in a URL path ({@code
 * /api/jobs/NAME/run}) and in a file name in the data directory.
 */
final class Names {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private Names() {}

  static boolean valid(String name) {
    return NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
  }

  static String rule(String what, String name) {
    return what + " \"" + name + "\" must be 1 to 64 letters, digits, '.', '_' or '-'";
  }
}
