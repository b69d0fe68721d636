package dev.gocachectl.mod.proxy;

import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.SemVer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * How far a mirror that lacks a version is behind: what it answered, the newest version it lists,
 * how many of the mirrors serve the version, and since when (the {@code .info} time of the mirrors
 * that have it: a lower bound of the lag, as {@code list} and {@code .info} are cached and not
 * authenticated).
 */
final class Lag {
  private Lag() {}

  /** Why the mirror lacks it, and how far behind it is (versions listed, age of the version). */
  static String describe(
      ModuleVersion m,
      VersionProbe p,
      List<VersionProbe> probes,
      MirrorProber.ListProbe list,
      Instant now) {
    StringBuilder b = new StringBuilder("not served (info ");
    b.append(p.info().status()).append(", mod ").append(p.mod().status());
    b.append(", zip ").append(p.zip().status()).append(')');
    if (list != null && list.fetch().ok()) {
      List<String> v = list.versions();
      if (!SemVer.isPseudo(m.version())) {
        b.append(v.contains(m.version()) ? "; listed" : "; not in its list");
      }
      b.append(", newest listed ").append(v.isEmpty() ? "none" : v.getLast());
    }
    long have = probes.stream().filter(q -> q.zip().ok()).count();
    b.append("; ").append(have).append(" of ").append(probes.size()).append(" mirrors serve it");
    probes.stream()
        .map(VersionProbe::infoTime)
        .filter(t -> t != null && !t.isEmpty())
        .min(String::compareTo)
        .ifPresent(t -> b.append(", dated ").append(t).append(age(t, now)));
    return b.toString();
  }

  private static String age(String rfc3339, Instant now) {
    try {
      Duration d = Duration.between(OffsetDateTime.parse(rfc3339).toInstant(), now);
      if (d.isNegative()) {
        return "";
      }
      return d.toDays() > 0
          ? " (" + d.toDays() + "d ago)"
          : d.toHours() > 0 ? " (" + d.toHours() + "h ago)" : " (" + d.toMinutes() + "m ago)";
    } catch (DateTimeParseException e) {
      return "";
    }
  }
}
