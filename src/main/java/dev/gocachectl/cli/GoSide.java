package dev.gocachectl.cli;

import dev.gocachectl.explain.Capture;
import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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

  /** This side with {@code GOCACHE} set to {@code cache}, unless that is null. */
  GoSide withCache(Path cache) {
    if (cache == null) {
      return this;
    }
    Map<String, String> e = new LinkedHashMap<>(env);
    e.put("GOCACHE", cache.toAbsolutePath().normalize().toString());
    return new GoSide(e, dir);
  }

  /** gocachectl's environment with this side's variables set. */
  Map<String, String> environment(Context ctx) {
    Map<String, String> e = new HashMap<>(ctx.env());
    e.putAll(env);
    return e;
  }

  /**
   * Captures {@code go goArgs...} on this side, saying so on standard error; go's own output goes
   * there too.
   *
   * @throws IOException if go hashed no action (its last output is in the message)
   */
  Capture.Result capture(Context ctx, String name, List<String> goArgs) throws IOException {
    ctx.err().println("gocachectl explain: " + name + ": " + describe(goArgs));
    ctx.err().flush();
    Capture.Result r = Capture.run(tool(ctx), dir, goArgs, ctx.err()::println);
    String go = "go " + String.join(" ", goArgs);
    if (r.manifest().actions().isEmpty()) {
      throw new IOException(
          name
              + ": "
              + go
              + " exited "
              + r.exitCode()
              + " and hashed no actions; its last"
              + " output:\n"
              + String.join("\n", r.tail()));
    }
    if (r.exitCode() != 0) {
      ctx.err()
          .println(
              "gocachectl explain: "
                  + name
                  + ": "
                  + go
                  + " exited "
                  + r.exitCode()
                  + "; explaining the actions it hashed before that");
    }
    return r;
  }

  /** {@code go build ./... in DIR with CGO_CFLAGS=-O2}. */
  String describe(List<String> goArgs) {
    String where = dir == null ? "" : " in " + dir;
    String vars = variables().isEmpty() ? "" : " with " + variables();
    return "go " + String.join(" ", goArgs) + where + vars;
  }

  /** {@code CGO_CFLAGS=-O2 GOFLAGS=} as one would type it, or "" when nothing is set. */
  String variables() {
    StringBuilder b = new StringBuilder();
    env.forEach((k, v) -> b.append(b.isEmpty() ? "" : " ").append(k).append('=').append(v));
    return b.toString();
  }
}
