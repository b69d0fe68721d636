package dev.gocachectl.testing;

import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A module world for tests: a checksum database and a GOPROXY (proxying that database) over the
 * fixture modules, both real HTTP servers on 127.0.0.1, and the real go command pointed at them
 * with its own HOME, GOPATH, GOMODCACHE and GOCACHE: {@code GOPROXY=http://127.0.0.1:PORT}, {@code
 * GOSUMDB=<test key>} (no URL: go finds the database through the proxy's /sumdb/ path), GONOSUMDB
 * and GOPRIVATE empty, {@code GOFLAGS=-mod=mod}.
 */
public final class ModWorld implements AutoCloseable {
  public final SumdbServer sumdb;
  public final GoProxyServer proxy;
  public final HttpFixture proxyHttp;
  public final Path root;
  public final Path gopath;
  public final Path modCache;

  public ModWorld(Path root) {
    this(root, FixtureModules.all());
  }

  public ModWorld(Path root, List<FixtureVersion> versions) {
    this.root = root;
    this.sumdb = new SumdbServer(versions);
    this.proxy = new GoProxyServer(versions).sumdb(sumdb);
    this.proxyHttp = new HttpFixture(proxy);
    this.gopath = root.resolve("gopath");
    this.modCache = gopath.resolve("pkg/mod");
  }

  /** The go environment (without PATH): the variables every go command and gocachectl get. */
  public Map<String, String> env() {
    Map<String, String> e = new HashMap<>();
    e.put("HOME", root.resolve("home").toString());
    e.put("GOPATH", gopath.toString());
    e.put("GOMODCACHE", modCache.toString());
    e.put("GOCACHE", root.resolve("gocache").toString());
    e.put("GOENV", "off");
    e.put("GOTOOLCHAIN", "local");
    e.put("GOTELEMETRY", "off");
    e.put("GOPROXY", proxyHttp.url());
    e.put("GOSUMDB", SumdbServer.key());
    e.put("GONOSUMDB", "");
    e.put("GONOPROXY", "");
    e.put("GOPRIVATE", "");
    e.put("GOFLAGS", "-mod=mod");
    return e;
  }

  /** The go command in this world, with {@code extra} variables on top. */
  public GoTool go(Map<String, String> extra) {
    Map<String, String> e = new HashMap<>(env());
    e.putAll(extra);
    return GoEnv.isolated(root.resolve("home"), root.resolve("gocache")).withEnv(e);
  }

  public GoTool go() {
    return go(Map.of());
  }

  /**
   * Writes the consumer module requiring {@code deps}, then lets go resolve and download everything
   * ({@code go mod tidy}, {@code go mod download}): a module cache and a go.sum made by go through
   * the fixture servers.
   */
  public Path consumer(String name, List<FixtureVersion> deps) {
    Path dir = FixtureModules.consumer(root.resolve(name), deps);
    GoEnv.ok(go(), dir, "mod", "tidy");
    GoEnv.ok(go(), dir, "mod", "download");
    return dir;
  }

  /** Runs go; returns the result whatever it is. */
  public GoTool.Result run(Path dir, String... args) {
    try {
      return go().run(dir, List.of(args));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes a file of the (read-only) module cache writable, so a test can damage it. */
  public static void writable(Path p) {
    try {
      for (Path x = p; x != null && Files.exists(x); x = x.getParent()) {
        x.toFile().setWritable(true);
        if (x.getFileName() != null && x.getFileName().toString().equals("mod")) {
          break;
        }
      }
    } catch (SecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Makes everything under {@code dir} writable again (go leaves module trees read-only). */
  public static void unlock(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.filter(Files::isDirectory).forEach(d -> d.toFile().setWritable(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of the module cache at {@code to} (read-only directories stay read-only). */
  public static Path copyTree(Path from, Path to) {
    try (var s = Files.walk(from)) {
      List<Path> all = s.toList();
      for (Path p : all) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      for (Path p : all.reversed()) {
        if (Files.isDirectory(p)) {
          Path t = to.resolve(from.relativize(p).toString());
          t.toFile().setWritable(p.toFile().canWrite());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }

  @Override
  public void close() {
    proxyHttp.close();
    unlock(root);
  }
}
