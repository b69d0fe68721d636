package dev.gocachectl.mod.proxy;

import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.PrefixPatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What go would fetch for a module version under a GOPROXY list, replayed on the answers the
 * mirrors gave ({@code TryProxies} in cmd/go's modfetch). Go asks for {@code .info}, {@code .mod}
 * and {@code .zip} separately, each walking the list from the start: an answer ends the walk; "not
 * found" (404/410) moves on; any other error moves on only after a {@code |}, and after a {@code ,}
 * is the error go reports. {@code direct} fetches from version control (not replayed here); {@code
 * off} fails.
 */
public final class FetchPlan {
  /**
   * Where one file comes from.
   *
   * @param file {@code info}, {@code mod} or {@code zip}
   * @param from the proxy that serves it, or null
   * @param outcome what go does, in words
   * @param trail each entry tried and its answer
   * @param h1 what go would get (for mod and zip), or null
   */
  public record Step(String file, String from, String outcome, List<String> trail, H1 h1) {}

  /**
   * The plan for one module version.
   *
   * @param module the module version
   * @param steps info, mod, zip
   * @param verdict the outcome against the reference
   */
  public record Plan(ModuleVersion module, List<Step> steps, String verdict) {}

  private FetchPlan() {}

  /** Replays {@code list} for {@code m} on the probes (one per proxy URL in the list). */
  public static Plan of(
      ModuleVersion m,
      ProxyList list,
      PrefixPatterns gonoproxy,
      Map<String, VersionProbe> probes,
      Reference ref) {
    List<Step> steps = new ArrayList<>();
    for (String file : List.of("info", "mod", "zip")) {
      steps.add(step(m, file, list, gonoproxy, probes));
    }
    return new Plan(m, steps, verdict(steps, ref));
  }

  private static Step step(
      ModuleVersion m,
      String file,
      ProxyList list,
      PrefixPatterns gonoproxy,
      Map<String, VersionProbe> probes) {
    List<String> trail = new ArrayList<>();
    for (ProxyList.Entry e : list.entries()) {
      switch (e.url()) {
        case "noproxy" -> {
          if (gonoproxy.matches(m.path().value())) {
            return new Step(
                file,
                "direct",
                "from version control (GONOPROXY matches; not replayed)",
                trail,
                null);
          }
          continue;
        }
        case "direct" -> {
          return new Step(
              file, "direct", "from version control (direct; not replayed)", trail, null);
        }
        case "off" -> {
          return new Step(file, null, "fails: module lookup disabled by GOPROXY=off", trail, null);
        }
        default -> {}
      }
      VersionProbe p = probes.get(e.url());
      VersionProbe.Fetch f =
          switch (file) {
            case "info" -> p.info();
            case "mod" -> p.mod();
            default -> p.zip();
          };
      trail.add(e.url() + " " + (f.status() == 0 ? "network error" : Integer.toString(f.status())));
      if (f.ok() && file.equals("zip") && !p.zipProblems().isEmpty()) {
        // go takes the zip from the first proxy that serves one, then checks it (downloadZip in
        // cmd/go/internal/modfetch/fetch.go): a bad zip fails, the next proxy is not asked
        return new Step(
            file,
            null,
            "fails: the zip from "
                + e.url()
                + " is not a valid module zip: "
                + p.zipProblems().getFirst(),
            trail,
            null);
      }
      if (f.ok()) {
        H1 h = file.equals("mod") ? p.modH1() : file.equals("zip") ? p.zipH1() : null;
        return new Step(file, e.url(), "from " + e.url(), trail, h);
      }
      if (!f.notFound() && !e.fallBackOnError()) {
        return new Step(
            file,
            null,
            "fails: " + f.message() + " (a ',' after it does not fall through on this error)",
            trail,
            null);
      }
    }
    return new Step(file, null, "fails: not found on any proxy", trail, null);
  }

  private static String verdict(List<Step> steps, Reference ref) {
    for (Step s : steps) {
      if (s.from() == null) {
        return "go fails: " + s.file() + " " + s.outcome();
      }
    }
    Step mod = steps.get(1);
    Step zip = steps.get(2);
    Optional<String> bad = Optional.empty();
    if (ref.mod().isPresent() && mod.h1() != null && !ref.mod().get().equals(mod.h1())) {
      bad =
          Optional.of(
              "go fails: the go.mod from "
                  + mod.from()
                  + " does not match "
                  + ref.source()
                  + " (checksum mismatch)");
    } else if (ref.zip().isPresent() && zip.h1() != null && !ref.zip().get().equals(zip.h1())) {
      bad =
          Optional.of(
              "go fails: the zip from "
                  + zip.from()
                  + " does not match "
                  + ref.source()
                  + " (checksum mismatch)");
    }
    return bad.orElse(
        ref.zip().isPresent() || ref.mod().isPresent()
            ? "go succeeds: matches " + ref.source()
            : "go succeeds (no go.sum or database hash to check against)");
  }
}
