package dev.gocachectl.mod.verify;

import dev.gocachectl.mod.CachedVersion;
import dev.gocachectl.mod.DirHash;
import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModCache.FileKind;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.zip.ZipContent;
import dev.gocachectl.mod.zip.ZipFormatException;
import dev.gocachectl.mod.zip.ZipRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks one module version: leftovers of interrupted downloads, the {@code .ziphash}, the zip (its
 * h1 against {@code .ziphash}, the module zip rules), the extracted tree (its h1 against the zip's,
 * as {@code go mod verify} does), the {@code .mod} (against the zip's go.mod) and then all of them
 * against go.sum and the checksum database record go cached.
 */
final class VersionCheck {
  private final ModCache cache;
  private final CachedVersion cv;
  private final ModuleVersion m;
  private final Expectations exp;
  private final Instant now;
  private final Duration settle;
  private final List<ModFinding> out = new ArrayList<>();
  private String ziphash;
  private boolean ziphashValid;
  private ZipContent zip;
  private boolean treeOk;

  VersionCheck(ModCache cache, CachedVersion cv, Expectations exp, Instant now, Duration settle) {
    this.cache = cache;
    this.cv = cv;
    this.m = cv.module();
    this.exp = exp;
    this.now = now;
    this.settle = settle;
  }

  /** Runs every check; returns the findings. */
  List<ModFinding> run(Hashers h) throws IOException {
    boolean partial = leftovers();
    readZiphash();
    if (cv.has(FileKind.ZIP)) {
      checkZip(h);
    }
    if (cv.extracted() && !partial) {
      new TreeCheck(cache, cv, this).run(h);
    }
    byte[] mod = cv.has(FileKind.MOD) ? Files.readAllBytes(cache.file(m, FileKind.MOD)) : null;
    if (mod != null) {
      checkMod(mod);
    }
    new ExpectationCheck(cache, m, exp, this).run(downloadedSum(), mod);
    return out;
  }

  void add(ModFindingKind kind, Path path, String expected, String found, String goVerify) {
    out.add(new ModFinding(kind, m, path, expected, found, goVerify));
  }

  /** Go's message prefix for this module: {@code path version: }. */
  String goPrefix() {
    return m.path().value() + " " + m.version() + ": ";
  }

  /** The h1 the tree must have: the valid {@code .ziphash}, else the zip's own h1, else null. */
  H1 reference() {
    if (ziphashValid) {
      return new H1(ziphash);
    }
    return zip != null ? zip.h1() : null;
  }

  /** The zip's h1 as the go command sees the download: the valid ziphash, else the zip's h1. */
  H1 downloadedSum() {
    return reference();
  }

  ZipContent zip() {
    return zip;
  }

  /** What go mod verify compares the tree with (the raw trimmed .ziphash), or null. */
  String ziphashText() {
    return ziphash;
  }

  void treeVerified() {
    treeOk = true;
  }

  private boolean leftovers() throws IOException {
    for (Path p : cv.leftovers()) {
      debris(p, "temporary file of an interrupted download; go never reads it");
    }
    if (cv.has(FileKind.PARTIAL)) {
      debris(
          cache.file(m, FileKind.PARTIAL),
          "extraction was interrupted (.partial exists): go ignores the tree and extracts again");
      return true;
    }
    if (cv.extracted()
        && !cv.has(FileKind.ZIPHASH)
        && !m.path().value().equals("golang.org/fips140")) {
      add(
          ModFindingKind.PARTIAL_DOWNLOAD,
          cache.file(m, FileKind.ZIPHASH),
          "the zip's h1 in .ziphash",
          "no .ziphash next to the extracted tree: go treats the tree as incomplete and"
              + " extracts it again",
          cv.has(FileKind.ZIP) ? missingZiphash() : null);
      return true;
    }
    return false;
  }

  /** Reports a leftover file, as in progress when it is recent (possibly still being written). */
  private void debris(Path p, String why) throws IOException {
    Instant mtime = Files.getLastModifiedTime(p).toInstant();
    boolean young = Duration.between(mtime, now).compareTo(settle) < 0;
    add(
        young ? ModFindingKind.DOWNLOAD_IN_PROGRESS : ModFindingKind.PARTIAL_DOWNLOAD,
        p,
        null,
        young ? "modified " + mtime + ", maybe a download in progress" : why,
        null);
  }

  /** go mod verify's message when the zip is there and the .ziphash is not. */
  private String missingZiphash() {
    return goPrefix()
        + "missing ziphash: open "
        + cache.file(m, FileKind.ZIPHASH)
        + ": no such file or directory";
  }

  private void readZiphash() throws IOException {
    if (!cv.has(FileKind.ZIPHASH)) {
      if (cv.has(FileKind.ZIP) && !cv.extracted()) {
        add(
            ModFindingKind.PARTIAL_DOWNLOAD,
            cache.file(m, FileKind.ZIPHASH),
            "the zip's h1 in .ziphash",
            "missing .ziphash next to the zip",
            missingZiphash());
      }
      return;
    }
    byte[] raw = Files.readAllBytes(cache.file(m, FileKind.ZIPHASH));
    ziphash = new String(raw, StandardCharsets.ISO_8859_1).strip();
    ziphashValid = H1.isValid(ziphash);
    if (!ziphashValid) {
      boolean nul = false;
      for (byte b : raw) {
        nul |= b == 0;
      }
      add(
          ModFindingKind.PARTIAL_DOWNLOAD,
          cache.file(m, FileKind.ZIPHASH),
          "47 bytes: h1:...",
          raw.length + " bytes" + (nul ? " with NUL bytes (an interrupted write)" : ": not an h1"),
          cv.has(FileKind.ZIP) ? goPrefix() + "zip has been modified" : null);
    }
  }

  private void checkZip(Hashers h) throws IOException {
    Path file = cache.file(m, FileKind.ZIP);
    try {
      zip = h.zip(file, m);
    } catch (ZipFormatException e) {
      add(
          ModFindingKind.ZIP_INVALID,
          file,
          "a zip go can read",
          e.getMessage(),
          goPrefix() + e.getMessage());
      return;
    }
    if (ziphashValid && !zip.h1().text().equals(ziphash)) {
      add(
          ModFindingKind.ZIP_HASH_MISMATCH,
          file,
          ziphash + " (.ziphash)",
          "zip hashes to " + zip.h1(),
          goPrefix() + "zip has been modified (" + file + ")");
    }
    List<ZipRules.Violation> bad = ZipRules.check(m, cv.zipSize(), zip.entries());
    if (!bad.isEmpty()) {
      add(
          ModFindingKind.ZIP_INVALID,
          file,
          "a zip that follows the module zip rules",
          bad.size() + " rule violation" + (bad.size() == 1 ? "" : "s") + ": " + summarize(bad),
          null);
    }
  }

  private static boolean startsWith(byte[] data, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
    return data.length >= p.length && Arrays.equals(data, 0, p.length, p, 0, p.length);
  }

  private static String summarize(List<ZipRules.Violation> bad) {
    List<String> first = bad.stream().limit(3).map(ZipRules.Violation::toString).toList();
    return String.join("; ", first) + (bad.size() > 3 ? "; ..." : "");
  }

  private void checkMod(byte[] mod) throws IOException {
    Path file = cache.file(m, FileKind.MOD);
    if (startsWith(mod, "//vgo 0.0.")) {
      return; // go treats such a .mod as absent (written by vgo prototypes)
    }
    byte[] want = zip != null ? zip.goMod() : null;
    String source = "the zip's go.mod";
    if (want == null
        && zip == null
        && treeOk
        && Files.isRegularFile(cache.extracted(m).resolve("go.mod"))) {
      want = Files.readAllBytes(cache.extracted(m).resolve("go.mod"));
      source = "the extracted tree's go.mod";
    }
    if (want != null && !Arrays.equals(want, mod)) {
      add(
          ModFindingKind.MOD_HASH_MISMATCH,
          file,
          DirHash.goMod(want) + " (" + source + ")",
          ".mod hashes to " + DirHash.goMod(mod),
          null);
    }
  }
}
