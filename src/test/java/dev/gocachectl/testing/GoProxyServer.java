package dev.gocachectl.testing;

import dev.gocachectl.mod.ModulePath;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.SemVer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A GOPROXY over the fixture modules, speaking the protocol byte for byte ({@code $module/@v/list},
 * {@code .info}, {@code .mod}, {@code .zip}, {@code @latest}; 404 with a text/plain "not found"
 * body otherwise) and optionally proxying a checksum database under {@code /sumdb/<name>/} (then
 * {@code /sumdb/<name>/supported} answers 200). Switches per module version: hidden (a lagging
 * mirror), another zip (tampered) or the same content stored instead of deflated (other bytes, same
 * h1), another go.mod, or a fixed error status for one file.
 */
public final class GoProxyServer implements HttpFixture.Route {
  private final Map<ModuleVersion, FixtureVersion> versions = new ConcurrentHashMap<>();
  private final Set<ModuleVersion> hidden = ConcurrentHashMap.newKeySet();
  private final Map<ModuleVersion, byte[]> zips = new ConcurrentHashMap<>();
  private final Map<ModuleVersion, byte[]> mods = new ConcurrentHashMap<>();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private volatile SumdbServer sumdb;
  private volatile byte[] lists;

  public GoProxyServer(List<FixtureVersion> all) {
    all.forEach(this::publish);
  }

  /** Serves a version (a new tag reaching this mirror). */
  public GoProxyServer publish(FixtureVersion v) {
    versions.put(v.module(), v);
    hidden.remove(v.module());
    return this;
  }

  /** Proxies this checksum database under /sumdb/ (null: no). */
  public GoProxyServer sumdb(SumdbServer s) {
    sumdb = s;
    return this;
  }

  /** Pretends not to have the version yet. */
  public GoProxyServer hide(String pathAtVersion) {
    hidden.add(mv(pathAtVersion));
    return this;
  }

  /**
   * Answers every {@code @v/list} with 200 and these bytes while still serving each version's files
   * (empty: a mirror that only caches what was asked for by exact version).
   */
  public GoProxyServer lists(byte[] body) {
    lists = body.clone();
    return this;
  }

  /** Serves these bytes as the version's zip. */
  public GoProxyServer zip(String pathAtVersion, byte[] zip) {
    zips.put(mv(pathAtVersion), zip);
    return this;
  }

  /** Serves these bytes as the version's go.mod. */
  public GoProxyServer mod(String pathAtVersion, byte[] mod) {
    mods.put(mv(pathAtVersion), mod);
    return this;
  }

  /** Answers {@code status} for one file ({@code info}, {@code mod}, {@code zip}). */
  public GoProxyServer fail(String pathAtVersion, String file, int status) {
    failures.put(pathAtVersion + "." + file, status);
    return this;
  }

  static ModuleVersion mv(String s) {
    return ModuleVersion.parse(s).orElseThrow();
  }

  @Override
  public HttpFixture.Reply handle(String path) {
    SumdbServer db = sumdb;
    String sumdbPrefix = "/sumdb/" + SumdbServer.NAME;
    if (path.startsWith("/sumdb/")) {
      if (db == null || !path.startsWith(sumdbPrefix + "/")) {
        return HttpFixture.Reply.text(404, "not found: no such checksum database");
      }
      String rest = path.substring(sumdbPrefix.length());
      return rest.equals("/supported") ? HttpFixture.Reply.text(200, "") : db.handle(rest);
    }
    int at = path.indexOf("/@v/");
    if (at > 0) {
      return file(path.substring(1, at), path.substring(at + 4));
    }
    if (path.endsWith("/@latest")) {
      return latest(path.substring(1, path.length() - "/@latest".length()));
    }
    return notFound(path);
  }

  private HttpFixture.Reply file(String escapedPath, String file) {
    Optional<ModulePath> p = ModulePath.unescape(escapedPath);
    if (p.isEmpty()) {
      return HttpFixture.Reply.text(400, "bad request: invalid escaped module path");
    }
    if (file.equals("list")) {
      byte[] l = lists;
      if (l != null) {
        return new HttpFixture.Reply(200, "text/plain; charset=utf-8", l);
      }
      return HttpFixture.Reply.text(
          200, String.join("\n", listed(p.get())) + (listed(p.get()).isEmpty() ? "" : "\n"));
    }
    int dot = file.lastIndexOf('.');
    if (dot < 0) {
      return notFound(file);
    }
    String ext = file.substring(dot + 1);
    Optional<ModuleVersion> m = ModuleVersion.unescape(escapedPath, file.substring(0, dot));
    FixtureVersion v = m.map(versions::get).orElse(null);
    if (v == null || hidden.contains(v.module())) {
      return notFound(escapedPath + "@" + file.substring(0, Math.max(0, dot)));
    }
    Integer status = failures.get(v.module() + "." + ext);
    if (status != null) {
      return HttpFixture.Reply.text(
          status, "fixture: " + status + " for " + v.module() + "." + ext);
    }
    return switch (ext) {
      case "info" -> new HttpFixture.Reply(200, "application/json", v.info());
      case "mod" ->
          new HttpFixture.Reply(
              200, "text/plain; charset=utf-8", mods.getOrDefault(v.module(), v.mod()));
      case "zip" -> HttpFixture.Reply.ok(zips.getOrDefault(v.module(), v.zip()));
      default -> notFound(file);
    };
  }

  private List<String> listed(ModulePath p) {
    List<String> out = new ArrayList<>();
    versions.forEach(
        (m, v) -> {
          if (m.path().equals(p) && !hidden.contains(m)) {
            out.add(m.version());
          }
        });
    out.sort(SemVer.ORDER);
    return out;
  }

  private HttpFixture.Reply latest(String escapedPath) {
    Optional<ModulePath> p = ModulePath.unescape(escapedPath);
    List<String> l = p.map(this::listed).orElse(List.of());
    if (l.isEmpty()) {
      return notFound(escapedPath);
    }
    return new HttpFixture.Reply(
        200,
        "application/json",
        versions.get(ModuleVersion.parse(p.get().value(), l.getLast()).orElseThrow()).info());
  }

  private static HttpFixture.Reply notFound(String what) {
    return HttpFixture.Reply.text(404, "not found: " + what);
  }
}
