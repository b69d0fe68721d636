package dev.gocachectl.cli;

import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Where and how one go command runs: variables set on top of gocachectl's own environment ({@code
 * NAME=VALUE}; an empty value sets the variable empty) and the directory (null: the current one).
 */
record GoSide(Map<String, String> env, Path dir) {
  /** Parses {@code NAME=VALUE} pairs given with {@code flag}; checks that {@code dir} exists. */
  static GoSide parse(CommandLine cl, String flag, List<String> pairs, Path dir, String dirFlag) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String p : pairs == null ? List.<String>of() : pairs) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new CommandLine.ParameterException(
            cl, flag + " expects NAME=VALUE (e.g. " + flag + " CGO_CFLAGS=-O2), found '" + p + "'");
      }
      env.put(p.substring(0, eq), p.substring(eq + 1));
    }
    if (dir != null && !Files.isDirectory(dir)) {
      throw new CommandLine.ParameterException(
          cl, dirFlag + " " + dir + ": no such directory; give the module directory to run go in");
    }
    return new GoSide(env, dir == null ? null : dir.toAbsolutePath().normalize());
  }

  /** The go command of {@code ctx}'s environment with these variables set. */
  GoTool tool(Context ctx) throws IOException {
    return GoTool.require(ctx.env()).withEnv(env);
  }

  /** {@code CGO_CFLAGS=-O2 GOFLAGS=} as one would type it, or "" when nothing is set. */
  String describe() {
    StringBuilder b = new StringBuilder();
    env.forEach((k, v) -> b.append(b.isEmpty() ? "" : " ").append(k).append('=').append(v));
    return b.toString();
  }
}
