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
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks one mirror for a module's version list and a version's {@code .info}, {@code .mod} and
 * {@code .zip}. Each body is bounded by what its kind can be ({@link HttpFetcher.Limit}); the zip
 * (up to 500 MiB) is streamed into a temporary file, hashed on the way, and mapped to be read.
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
    HttpFetcher.Response r =
        ProxyClient.get(http, new ProxyClient(mirror).list(p), HttpFetcher.Limit.LIST);
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

  VersionProbe version(String mirror, ModuleVersion m) throws IOException {
    ProxyClient c = new ProxyClient(mirror);
    HttpFetcher.Response info = ProxyClient.get(http, c.file(m, "info"), HttpFetcher.Limit.INFO);
    HttpFetcher.Response mod = ProxyClient.get(http, c.file(m, "mod"), HttpFetcher.Limit.MOD);
    Path temp = Files.createTempFile("gocachectl-mirror-", ".zip");
    try {
      return version(mirror, m, info, mod, c, temp);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private VersionProbe version(
      String mirror,
      ModuleVersion m,
      HttpFetcher.Response info,
      HttpFetcher.Response mod,
      ProxyClient c,
      Path temp)
      throws IOException {
    MessageDigest zipDigest = Hash.newDigest();
    HttpFetcher.Response zip;
    try (OutputStream out =
        new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)), zipDigest)) {
      zip = ProxyClient.get(http, c.file(m, "zip"), HttpFetcher.Limit.ZIP, out);
    }
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
      sha = Hash.finish(zipDigest);
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.READ);
          Arena arena = Arena.ofConfined();
          ZipEntryReader reader = new ZipEntryReader()) {
        long size = ch.size();
        MemorySegment bytes =
            size == 0
                ? MemorySegment.ofArray(new byte[0])
                : ch.map(MapMode.READ_ONLY, 0, size, arena);
        ZipContent content =
            ZipContent.hash(bytes, m.zipPrefix() + "go.mod", reader, Hash.newDigest());
        zipH1 = content.h1();
        zipGoMod = content.goMod() == null ? null : DirHash.goMod(content.goMod());
        ZipRules.check(m, size, content.entries()).forEach(v -> problems.add(v.toString()));
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
