package dev.gocachectl.mod.verify;

import dev.gocachectl.mod.CachedVersion;
import dev.gocachectl.mod.DirHash;
import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModCache.FileKind;
import dev.gocachectl.mod.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks one module version: leftovers of interrupted downloads ({@link LeftoverCheck}), the {@code
 * .ziphash}, the zip ({@link ZipCheck}: its h1 against {@code .ziphash}, the module zip rules), the
 * extracted tree ({@link TreeCheck}: its h1 against the zip's, as {@code go mod verify} does), the
 * {@code .mod} (against the zip's go.mod) and then all of them against go.sum and the checksum
 * database record go cached ({@link ExpectationCheck}).
 */
final class VersionCheck {
  private final ModCache cache;
  private final CachedVersion cv;
  private final ModuleVersion m;
  private final Expectations exp;
  private final LeftoverCheck leftovers;
  private final List<ModFinding> out = new ArrayList<>();
  private String ziphash;
  private boolean ziphashValid;
  private ZipCheck zip;
  private boolean treeOk;

  VersionCheck(ModCache cache, CachedVersion cv, Expectations exp, LeftoverCheck leftovers) {
    this.cache = cache;
    this.cv = cv;
    this.m = cv.module();
    this.exp = exp;
    this.leftovers = leftovers;
  }

  /** Runs every check; returns the findings. */
  List<ModFinding> run(Hashers h, ZipVerdicts verdicts) throws IOException {
    boolean partial = leftovers.run(cache, cv, this);
    readZiphash();
    if (cv.has(FileKind.ZIP)) {
      zip = new ZipCheck(this, m, cache.file(m, FileKind.ZIP), cv.zipSize());
      zip.run(h, verdicts, ziphash, ziphashValid);
    }
    if (cv.extracted() && !partial) {
      new TreeCheck(cache, cv, this).run(h);
    }
    byte[] mod = cv.has(FileKind.MOD) ? Files.readAllBytes(cache.file(m, FileKind.MOD)) : null;
    if (mod != null) {
      checkMod(mod);
    }
    new ExpectationCheck(cache, m, exp, this).run(reference(), mod);
    return out;
  }

  void add(ModFindingKind kind, Path path, String expected, String found, String goVerify) {
    out.add(new ModFinding(kind, m, path, expected, found, goVerify));
  }

  /** Go's message prefix for this module: {@code path version: }. */
  String goPrefix() {
    return m.path().value() + " " + m.version() + ": ";
  }

  /**
   * The zip's h1 as the go command sees the download, and what the tree must hash to: the valid
   * {@code .ziphash}, else the zip's own h1, else null.
   */
  H1 reference() {
    if (ziphashValid) {
      return new H1(ziphash);
    }
    return zip != null ? zip.h1() : null;
  }

  /** Whether the .ziphash holds a valid h1. */
  boolean ziphashValid() {
    return ziphashValid;
  }

  /** The zip, or null when there is none. */
  ZipCheck zip() {
    return zip;
  }

  void treeVerified() {
    treeOk = true;
  }

  /** go mod verify's message when the zip is there and the .ziphash is not. */
  String missingZiphash() {
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

  private void checkMod(byte[] mod) throws IOException {
    if (startsWith(mod, "//vgo 0.0.")) {
      return; // go treats such a .mod as absent (written by vgo prototypes)
    }
    H1 have = DirHash.goMod(mod);
    H1 want = zip != null ? zip.goMod() : null;
    String source = "the zip's go.mod";
    Path treeGoMod = cache.extracted(m).resolve("go.mod");
    if (zip == null && treeOk && Files.isRegularFile(treeGoMod)) {
      want = DirHash.goMod(Files.readAllBytes(treeGoMod));
      source = "the extracted tree's go.mod";
    }
    if (want != null && !want.equals(have)) {
      add(
          ModFindingKind.MOD_HASH_MISMATCH,
          cache.file(m, FileKind.MOD),
          want + " (" + source + ")",
          ".mod hashes to " + have,
          null);
    }
  }

  private static boolean startsWith(byte[] data, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
    return data.length >= p.length && Arrays.equals(data, 0, p.length, p, 0, p.length);
  }
}
