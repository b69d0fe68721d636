package dev.gocachectl.mod.proxy;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.DirHash;
import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.HttpFetcher;
import dev.gocachectl.mod.JsonTree;
import dev.gocachectl.mod.ModulePath;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.SemVer;
import dev.gocachectl.mod.zip.ZipContent;
import dev.gocachectl.mod.zip.ZipEntryReader;
import dev.gocachectl.mod.zip.ZipFormatException;
import dev.gocachectl.mod.zip.ZipRules;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks one mirror for a module's version list and a version's {@code .info}, {@code .mod} and
 * {@code .zip}.
 */
final class MirrorProber {
  private final HttpFetcher http;

  MirrorProber(HttpFetcher http) {
    this.http = http;
  }

  /**
   * The mirror's version list.
   *
   * @param versions the non-pseudo, valid versions listed (go ignores the others), sorted
   */
  record ListProbe(
      String mirror, ModulePath path, VersionProbe.Fetch fetch, List<String> versions) {}

  ListProbe list(String mirror, ModulePath p) {
    HttpFetcher.Response r = ProxyClient.get(http, new ProxyClient(mirror).list(p));
    List<String> versions = new ArrayList<>();
    if (r.ok()) {
      for (String line : new String(r.body(), StandardCharsets.UTF_8).split("\n")) {
        String v = line.strip().split("\\s+")[0];
        if (SemVer.isValid(v) && !SemVer.isPseudo(v) && !versions.contains(v)) {
          versions.add(v);
        }
      }
      versions.sort(SemVer.ORDER);
    }
    return new ListProbe(mirror, p, fetch(r), List.copyOf(versions));
  }

  VersionProbe version(String mirror, ModuleVersion m) {
    ProxyClient c = new ProxyClient(mirror);
    HttpFetcher.Response info = ProxyClient.get(http, c.file(m, "info"));
    HttpFetcher.Response mod = ProxyClient.get(http, c.file(m, "mod"));
    HttpFetcher.Response zip = ProxyClient.get(http, c.file(m, "zip"));
    String infoVersion = null;
    String infoTime = null;
    if (info.ok()) {
      try {
        Object json = JsonTree.parse(info.body());
        infoVersion = JsonTree.string(json, "Version");
        infoTime = JsonTree.string(json, "Time");
      } catch (IOException e) {
        infoVersion = "(not JSON: " + e.getMessage() + ")";
      }
    }
    H1 modH1 = mod.ok() ? DirHash.goMod(mod.body()) : null;
    H1 zipH1 = null;
    Hash sha = null;
    H1 zipGoMod = null;
    List<String> problems = new ArrayList<>();
    if (zip.ok()) {
      sha = Hash.sha256(zip.body());
      try (ZipEntryReader reader = new ZipEntryReader()) {
        ZipContent content =
            ZipContent.hash(
                MemorySegment.ofArray(zip.body()),
                m.zipPrefix() + "go.mod",
                reader,
                Hash.newDigest());
        zipH1 = content.h1();
        zipGoMod = content.goMod() == null ? null : DirHash.goMod(content.goMod());
        ZipRules.check(m, zip.body().length, content.entries())
            .forEach(v -> problems.add(v.toString()));
      } catch (ZipFormatException e) {
        problems.add(e.getMessage());
      }
    }
    return new VersionProbe(
        mirror,
        m,
        fetch(info),
        fetch(mod),
        fetch(zip),
        infoVersion,
        infoTime,
        modH1,
        zipH1,
        sha,
        zipGoMod,
        List.copyOf(problems));
  }

  private static VersionProbe.Fetch fetch(HttpFetcher.Response r) {
    String message =
        r.ok()
            ? null
            : r.status() == 0 ? new String(r.body(), StandardCharsets.UTF_8) : r.describe();
    return new VersionProbe.Fetch(r.uri().toString(), r.status(), message);
  }
}
