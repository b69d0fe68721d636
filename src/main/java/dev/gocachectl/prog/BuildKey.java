package dev.gocachectl.prog;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What names "the same build" across runs, checkouts and machines, so that one run's {@link
 * BuildManifest} is found by the next run of the same build wherever it runs: the SHA-256 of the
 * main module's path and the go command's directory relative to the module's root, the go command's
 * arguments (the program's own path reduced to its name) and the variables that choose what go
 * builds ({@link #VARIABLES}), read from {@code /proc/<pid>}.
 *
 * <p>The absolute directory is not in the key: a runner that checks out into another path (the
 * commonest cause of misses across runners) must find the other runner's manifest, both to prefetch
 * and to be told why it misses. Where it is, and everything else that decides action IDs on a
 * runner (the toolchain and its path, GOFLAGS, the C compiler), is in the {@link BuildFingerprint}
 * stored with the manifest instead. Outside a module (no go.mod at or above the directory) the
 * absolute directory stands in for the module.
 *
 * <p>The key is an {@link ActionId} outside the space go uses (its input starts with a tag go never
 * hashes), so the manifest is stored as an ordinary action record. Where {@code /proc} cannot be
 * read there is no key and no prefetch. The pid is the prog process's parent (in-process) or the
 * bridge's (daemon): a GOCACHEPROG that wraps prog in another program that does not exec it gets
 * the wrapper's command line instead, a key just as stable unless the wrapper's arguments change
 * from run to run.
 */
public final class BuildKey {
  /**
   * The variables that choose what a go command builds: the target. The rest of what changes action
   * IDs (GOFLAGS, CGO_ENABLED, CC, GOAMD64, GOEXPERIMENT...) is in the fingerprint: they differ
   * between runners building the same thing, and saying so is the point.
   */
  static final Set<String> VARIABLES = Set.of("GOOS", "GOARCH");

  private static final byte[] TAG =
      "gocachectl build manifest v2\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] RUNNER_TAG =
      "gocachectl runner manifest v1\n".getBytes(StandardCharsets.UTF_8);

  /**
   * A go command as {@code /proc} shows it.
   *
   * @param args the command line
   * @param dir its working directory
   * @param env the variables of its environment (empty when another user's)
   * @param exe the go program that runs, or null when unknown
   */
  record Command(List<String> args, Path dir, Map<String, String> env, Path exe) {
    /** The go command with this pid, or null where it cannot be read. */
    static Command read(long pid) {
      if (pid <= 0) {
        return null;
      }
      Path proc = Path.of("/proc", Long.toString(pid));
      try {
        byte[] args = Files.readAllBytes(proc.resolve("cmdline"));
        Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
        byte[] env;
        try {
          env = Files.readAllBytes(proc.resolve("environ"));
        } catch (IOException e) {
          env = new byte[0]; // another user's process: the key stays without the variables
        }
        TreeMap<String, String> vars = new TreeMap<>();
        for (String kv : split(env)) {
          int eq = kv.indexOf('=');
          if (eq > 0) {
            vars.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
        }
        Path exe;
        try {
          exe = Files.readSymbolicLink(proc.resolve("exe"));
        } catch (IOException e) {
          exe = null;
        }
        return new Command(split(args), cwd, vars, exe);
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    /** The directory of the nearest go.mod at or above {@link #dir}, or null. */
    Path moduleRoot() {
      for (Path p = dir; p != null; p = p.getParent()) {
        if (Files.isRegularFile(p.resolve("go.mod"))) {
          return p;
        }
      }
      return null;
    }
  }

  private BuildKey() {}

  /** The key of the go command with this pid, or null where it cannot be read. */
  static ActionId of(long goPid) {
    Command c = Command.read(goPid);
    return c == null ? null : of(c);
  }

  /**
   * The key of {@code go ARGS...} run in {@code dir} with {@code env}, as prog computes it for that
   * go command: for {@code explain --save-remote}, which runs the command itself.
   */
  public static ActionId of(List<String> goArgs, Path dir, Map<String, String> env) {
    List<String> args = new ArrayList<>(List.of("go"));
    args.addAll(goArgs);
    return of(new Command(args, dir.toAbsolutePath().normalize(), env, null));
  }

  /** The key of a go command. */
  static ActionId of(Command c) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(TAG);
    Path root = c.moduleRoot();
    String module = root == null ? null : modulePath(root.resolve("go.mod"));
    if (module != null) {
      line(b, "module " + module);
      line(b, "dir " + root.relativize(c.dir()));
    } else {
      line(b, "dir " + c.dir());
    }
    for (int i = 0; i < c.args().size(); i++) {
      String a = c.args().get(i);
      b.writeBytes((i == 0 ? a.substring(a.lastIndexOf('/') + 1) : a).getBytes(UTF8));
      b.write(0);
    }
    b.write('\n');
    new TreeMap<>(c.env())
        .forEach(
            (k, v) -> {
              if (VARIABLES.contains(k)) {
                b.writeBytes((k + "=" + v).getBytes(UTF8));
                b.write(0);
              }
            });
    return new ActionId(Hash.sha256(b.toByteArray()));
  }

  /**
   * Where a runner's own copy of the manifest of build {@code key} is kept, for {@code gocachectl
   * compare}: the build key stays the last writer's, whichever runner that was.
   */
  public static ActionId forRunner(ActionId key, String runner) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(RUNNER_TAG);
    b.writeBytes(key.hash().toByteArray());
    b.writeBytes(runner.getBytes(UTF8));
    return new ActionId(Hash.sha256(b.toByteArray()));
  }

  /** Where a runner's last manifest of any build is kept, for {@code compare} without a key. */
  public static ActionId latest(String runner) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(RUNNER_TAG);
    b.writeBytes(("latest\n" + runner).getBytes(UTF8));
    return new ActionId(Hash.sha256(b.toByteArray()));
  }

  /**
   * The module path in a go.mod's {@code module} line (quoted or not, a comment after it), or null
   * when there is none or the file cannot be read (then the absolute directory keys the build).
   */
  static String modulePath(Path gomod) {
    try {
      if (Files.size(gomod) > 16L << 20) {
        return null;
      }
      for (String line : Files.readAllLines(gomod, UTF8)) {
        String s = line.strip();
        int comment = s.indexOf("//");
        if (comment >= 0) {
          s = s.substring(0, comment).strip();
        }
        if (s.startsWith("module") && s.length() > 6 && Character.isWhitespace(s.charAt(6))) {
          String p = s.substring(7).strip();
          if (p.length() >= 2 && (p.startsWith("\"") || p.startsWith("`"))) {
            p = p.substring(1, p.length() - 1);
          }
          return p.isEmpty() ? null : p;
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static void line(ByteArrayOutputStream b, String s) {
    b.writeBytes(s.getBytes(UTF8));
    b.write('\n');
  }

  /** NUL-terminated strings (the last one may lack its NUL); an empty argument is kept. */
  private static List<String> split(byte[] nul) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < nul.length; i++) {
      if (nul[i] == 0) {
        out.add(new String(nul, start, i - start, UTF8));
        start = i + 1;
      }
    }
    if (start < nul.length) {
      out.add(new String(nul, start, nul.length - start, UTF8));
    }
    return out;
  }
}
