package dev.gocachectl.mod.verify;

import dev.gocachectl.mod.DirHash;
import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModCache.FileKind;
import dev.gocachectl.mod.ModuleVersion;

/**
 * The cache against what others recorded: each go.sum line (what every go command checks before it
 * uses a module: "verifying m@v: checksum mismatch ... SECURITY ERROR"; {@code go mod verify} never
 * compares go.sum with the cache) and the checksum database record go cached when it first
 * downloaded the version (which catches a zip and {@code .ziphash} replaced together).
 */
final class ExpectationCheck {
  private final ModCache cache;
  private final ModuleVersion m;
  private final Expectations exp;
  private final VersionCheck v;

  ExpectationCheck(ModCache cache, ModuleVersion m, Expectations exp, VersionCheck v) {
    this.cache = cache;
    this.m = m;
    this.exp = exp;
    this.v = v;
  }

  /**
   * Compares.
   *
   * @param zipSum the zip's h1 as downloaded, or null when no zip was downloaded
   * @param mod the {@code .mod} bytes, or null when absent
   */
  void run(H1 zipSum, byte[] mod) {
    H1 modSum = mod == null ? null : DirHash.goMod(mod);
    for (Expectations.SumLine s : exp.sumLines()) {
      if (!s.line().isH1()) {
        continue;
      }
      H1 actual = s.line().goMod() ? modSum : zipSum;
      if (actual != null && !actual.text().equals(s.line().hash())) {
        v.add(
            ModFindingKind.GOSUM_MISMATCH,
            s.file(),
            s.line().hash() + " (" + s.where() + ")",
            (s.line().goMod() ? "cached .mod" : "cached zip")
                + " hashes to "
                + actual
                + ": go fails with \"verifying "
                + m
                + (s.line().goMod() ? "/go.mod" : "")
                + ": checksum mismatch\"",
            null);
      }
    }
    exp.lookup().ifPresent(l -> lookup(l, zipSum, modSum));
  }

  private void lookup(Expectations.CachedLookup l, H1 zipSum, H1 modSum) {
    if (zipSum != null && l.zip().isPresent() && !l.zip().get().equals(zipSum)) {
      v.add(
          ModFindingKind.ZIP_HASH_MISMATCH,
          cache.file(m, FileKind.ZIP),
          l.zip().get() + " (" + l.db() + " record cached in " + l.file().getFileName() + ")",
          "downloaded zip hashes to " + zipSum,
          null);
    }
    if (modSum != null && l.mod().isPresent() && !l.mod().get().equals(modSum)) {
      v.add(
          ModFindingKind.MOD_HASH_MISMATCH,
          cache.file(m, FileKind.MOD),
          l.mod().get() + " (" + l.db() + " record cached in " + l.file().getFileName() + ")",
          ".mod hashes to " + modSum,
          null);
    }
  }
}
