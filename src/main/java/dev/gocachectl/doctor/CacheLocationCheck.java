package dev.gocachectl.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the build cache is (D1–D4): go takes GOCACHE from the environment, else the {@code go env
 * -w} file, else {@code os.UserCacheDir()/go-build} ({@code $XDG_CACHE_HOME}, else {@code
 * $HOME/.cache}). A relative value, {@code off}, or no HOME and no XDG_CACHE_HOME leave go without
 * a cache, which it refuses since Go 1.12 ({@code cmd/go/internal/cache/default.go}: "GOCACHE is
 * not an absolute path", "build cache is disabled by GOCACHE=off", "GOCACHE is not defined and
 * neither $XDG_CACHE_HOME nor $HOME are defined"); {@code go env GOCACHE} prints {@code off} in all
 * three cases.
 */
final class CacheLocationCheck implements Check {
  /** The variables go reads; any other name that looks like them is a typo go ignores. */
  private static final Set<String> REAL = Set.of("GOCACHE", "GOCACHEPROG", "GOMODCACHE");

  @Override
  public List<Finding> check(RunnerFacts f) {
    List<Finding> out = new ArrayList<>();
    location(f).ifPresent(out::add);
    out.addAll(misspelled(f));
    return out;
  }

  private static Optional<Finding> location(RunnerFacts f) {
    String source;
    String value;
    if (f.setInEnv("GOCACHE")) {
      source = "$GOCACHE";
      value = f.raw("GOCACHE");
    } else if (f.goEnvFile().containsKey("GOCACHE")) {
      source = "GOCACHE in the go env file " + f.go("GOENV");
      value = f.goEnvFile().get("GOCACHE");
    } else {
      source = null;
      value = "";
    }
    if (value.equals("off")) {
      return Optional.of(
          new Finding(
              FindingId.GOCACHE_OFF,
              Severity.BREAKS_BUILD,
              source + "=off",
              "go refuses to build: \"build cache is disabled by GOCACHE=off, but required as of"
                  + " Go 1.12\".",
              "unset GOCACHE or point it at an absolute directory kept between jobs",
              "none: go has had no way to build without a cache since Go 1.12"));
    }
    if (!value.isEmpty() && !Path.of(value).isAbsolute()) {
      return Optional.of(relative(source + "=" + value, "GOCACHE is not an absolute path"));
    }
    if (value.isEmpty() && f.go("GOCACHE").equals("off")) {
      String xdg = f.raw("XDG_CACHE_HOME");
      if (!xdg.isEmpty() && !Path.of(xdg).isAbsolute()) {
        return Optional.of(
            relative(
                "$XDG_CACHE_HOME=" + xdg + " and GOCACHE unset",
                "path in $XDG_CACHE_HOME is relative"));
      }
      return Optional.of(
          new Finding(
              FindingId.GOCACHE_UNLOCATABLE,
              Severity.BREAKS_BUILD,
              "GOCACHE, XDG_CACHE_HOME and HOME are all unset (go env GOCACHE says off)",
              "go refuses to build: \"build cache is required, but could not be located: GOCACHE"
                  + " is not defined and neither $XDG_CACHE_HOME nor $HOME are defined\"; typical"
                  + " of containers run with another user ID.",
              "set GOCACHE to an absolute directory kept between jobs (or set HOME)",
              "none"));
    }
    Optional<Path> cache = f.gocache();
    if (cache.isPresent()) {
      Optional<String> why = JobPaths.why(cache.get(), f);
      if (why.isPresent()) {
        return Optional.of(
            new Finding(
                FindingId.GOCACHE_EPHEMERAL,
                Severity.MISSES_CACHE,
                "GOCACHE=" + cache.get() + ": " + why.get(),
                "every job starts with an empty cache and compiles everything.",
                "put GOCACHE in a directory that outlives the job (or restore and save it with the"
                    + " CI's cache step)",
                "a persistent cache grows: trim it (gocachectl trim --max-size) and keep it on"
                    + " local disk"));
      }
    }
    return Optional.empty();
  }

  private static Finding relative(String evidence, String goMessage) {
    return new Finding(
        FindingId.GOCACHE_RELATIVE,
        Severity.BREAKS_BUILD,
        evidence,
        "go refuses to build: \"" + goMessage + "\" (the cache is off, which go does not allow).",
        "make it absolute, e.g. GOCACHE=$PWD/.cache/go-build",
        "none: a relative cache would move with every working directory anyway");
  }

  private static List<Finding> misspelled(RunnerFacts f) {
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(f.env()).entrySet()) {
      String name = e.getKey();
      String squashed = name.toUpperCase(Locale.ROOT).replace("_", "");
      boolean looksLike =
          squashed.contains("GOCACHE")
              || squashed.contains("GOBUILDCACHE")
              || squashed.contains("GOMODCACHE")
              || squashed.contains("GOMODULECACHE");
      if (!looksLike
          || REAL.contains(name)
          || squashed.startsWith("GOCACHECTL")
          || squashed.startsWith("GOCACHEPROG")) {
        continue;
      }
      String meant = squashed.contains("MOD") ? "GOMODCACHE" : "GOCACHE";
      if (e.getValue().equals(f.go(meant))) {
        continue; // the same value as the real one: harmless
      }
      out.add(
          new Finding(
              FindingId.CACHE_VARIABLE_MISSPELLED,
              Severity.MISSES_CACHE,
              "$"
                  + name
                  + "="
                  + e.getValue()
                  + " is set, but go reads only $"
                  + meant
                  + " (go env "
                  + meant
                  + "="
                  + f.go(meant)
                  + ")",
              "go ignores the variable and uses "
                  + f.go(meant)
                  + ", so whatever the job saves or restores at "
                  + e.getValue()
                  + " is not the cache go used.",
              "rename it to " + meant + " (or remove it)",
              "none"));
    }
    return out;
  }
}
