package dev.gocachectl.prog;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;

/**
 * What names "the same go command" across runs and machines, so that one run's {@link
 * BuildManifest} can be found by the next: the SHA-256 of the go process's arguments, its working
 * directory and the variables that choose what go builds, read from {@code /proc/<pid>}.
 *
 * <p>The key is an {@link ActionId} outside the space go uses (its input starts with a tag go never
 * hashes), so the manifest is stored as an ordinary action record. Paths of caches (GOCACHEPROG,
 * GOCACHE, GOMODCACHE) are left out: CI runners put them in different places for the same build.
 * Where {@code /proc} cannot be read there is no key and no prefetch. The pid is the prog process's
 * parent (in-process) or the bridge's (daemon): a GOCACHEPROG that wraps prog in another program
 * that does not exec it gets the wrapper's command line instead, a key just as stable unless the
 * wrapper's arguments change from run to run.
 */
final class BuildKey {
  /** The variables that change which actions a go command runs. */
  static final Set<String> VARIABLES =
      Set.of(
          "GOOS",
          "GOARCH",
          "GOAMD64",
          "GOARM",
          "GOARM64",
          "GO386",
          "GOFLAGS",
          "GOEXPERIMENT",
          "GOROOT",
          "GOTOOLCHAIN",
          "GOWORK",
          "CGO_ENABLED",
          "CC",
          "CXX",
          "CGO_CFLAGS",
          "CGO_CPPFLAGS",
          "CGO_CXXFLAGS",
          "CGO_LDFLAGS");

  private static final byte[] TAG =
      "gocachectl build manifest v1\n".getBytes(StandardCharsets.UTF_8);

  private BuildKey() {}

  /** The key of the go command with this pid, or null where it cannot be read. */
  static ActionId of(long goPid) {
    if (goPid <= 0) {
      return null;
    }
    Path proc = Path.of("/proc", Long.toString(goPid));
    try {
      byte[] args = Files.readAllBytes(proc.resolve("cmdline"));
      String cwd = Files.readSymbolicLink(proc.resolve("cwd")).toString();
      byte[] env;
      try {
        env = Files.readAllBytes(proc.resolve("environ"));
      } catch (IOException e) {
        env = new byte[0]; // another user's process: the key stays without the variables
      }
      return of(args, cwd, env);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The key from a NUL-separated command line, a directory and a NUL-separated environment. */
  static ActionId of(byte[] cmdline, String cwd, byte[] environ) {
    TreeMap<String, String> chosen = new TreeMap<>();
    int start = 0;
    for (int i = 0; i <= environ.length; i++) {
      if (i == environ.length || environ[i] == 0) {
        String kv = new String(environ, start, i - start, StandardCharsets.UTF_8);
        int eq = kv.indexOf('=');
        if (eq > 0 && VARIABLES.contains(kv.substring(0, eq))) {
          chosen.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        start = i + 1;
      }
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(TAG);
    b.writeBytes(cmdline);
    b.write('\n');
    b.writeBytes(cwd.getBytes(StandardCharsets.UTF_8));
    b.write('\n');
    chosen.forEach(
        (k, v) -> {
          b.writeBytes((k + "=" + v).getBytes(StandardCharsets.UTF_8));
          b.write(0);
        });
    return new ActionId(Hash.sha256(b.toByteArray()));
  }
}
