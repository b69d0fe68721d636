package dev.gocachectl.mod;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A semantic version as the go command reads it ({@code golang.org/x/mod/semver}): {@code v}, a
 * major number, optional {@code .minor} and {@code .patch} (shorthands {@code v1} and {@code v1.2}
 * are valid, their canonical forms are {@code v1.0.0} and {@code v1.2.0}), an optional {@code
 * -prerelease} and an optional {@code +build}. Numbers have no leading zeros; prerelease
 * identifiers are dot-separated {@code [0-9A-Za-z-]+}, numeric ones without leading zeros.
 *
 * @param text the version as written
 * @param major the major number, digits
 * @param minor the minor number, digits ({@code 0} when omitted)
 * @param patch the patch number, digits ({@code 0} when omitted)
 * @param shortSuffix what canonicalisation appends ({@code .0.0}, {@code .0} or empty)
 * @param prerelease {@code -...} or empty
 * @param build {@code +...} or empty
 */
public record SemVer(
    String text,
    String major,
    String minor,
    String patch,
    String shortSuffix,
    String prerelease,
    String build)
    implements Comparable<SemVer> {

  private static final Pattern IDENT = Pattern.compile("[0-9A-Za-z-]+");
  private static final Pattern PSEUDO =
      Pattern.compile(
          "^v[0-9]+\\.(0\\.0-|\\d+\\.\\d+-([^+]*\\.)?0\\.)\\d{14}-[A-Za-z0-9]+"
              + "(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$");

  /** Go's semver ordering of versions as strings: invalid ones first, then by precedence. */
  public static final Comparator<String> ORDER =
      (a, b) -> {
        Optional<SemVer> x = parse(a);
        Optional<SemVer> y = parse(b);
        if (x.isEmpty() || y.isEmpty()) {
          return Boolean.compare(x.isPresent(), y.isPresent());
        }
        return x.get().compareTo(y.get());
      };

  /** Parses a version, or empty if Go's semver rejects it. */
  public static Optional<SemVer> parse(String v) {
    if (v == null || v.isEmpty() || v.charAt(0) != 'v') {
      return Optional.empty();
    }
    VersionCursor c = new VersionCursor(v, 1);
    String major = c.number();
    if (major == null) {
      return Optional.empty();
    }
    String minor = "0";
    String patch = "0";
    String shortSuffix = ".0.0";
    if (c.atEnd()) {
      return Optional.of(new SemVer(v, major, minor, patch, shortSuffix, "", ""));
    }
    if (!c.take('.') || (minor = c.number()) == null) {
      return Optional.empty();
    }
    shortSuffix = ".0";
    if (c.atEnd()) {
      return Optional.of(new SemVer(v, major, minor, patch, shortSuffix, "", ""));
    }
    if (!c.take('.') || (patch = c.number()) == null) {
      return Optional.empty();
    }
    String pre = "";
    String build = "";
    if (c.peek('-')) {
      pre = c.rest('+');
      if (!validIdents(pre.substring(1), true)) {
        return Optional.empty();
      }
    }
    if (c.peek('+')) {
      build = c.rest((char) 0);
      if (!validIdents(build.substring(1), false)) {
        return Optional.empty();
      }
    }
    return c.atEnd()
        ? Optional.of(new SemVer(v, major, minor, patch, "", pre, build))
        : Optional.empty();
  }

  /** Whether Go accepts {@code v} as a semantic version. */
  public static boolean isValid(String v) {
    return parse(v).isPresent();
  }

  /**
   * Go's {@code module.CanonicalVersion}: the canonical form (build metadata dropped, except {@code
   * +incompatible}, which stays), or empty for an invalid version.
   */
  public static String canonicalModuleVersion(String v) {
    return parse(v)
        .map(s -> s.canonical() + (s.build.equals("+incompatible") ? s.build : ""))
        .orElse("");
  }

  /** Go's {@code module.IsPseudoVersion}. */
  public static boolean isPseudo(String v) {
    return v.chars().filter(ch -> ch == '-').count() >= 2
        && isValid(v)
        && PSEUDO.matcher(v).matches();
  }

  /** Go's {@code semver.Canonical}: {@code vMAJOR.MINOR.PATCH[-pre]}, build metadata dropped. */
  public String canonical() {
    if (!build.isEmpty()) {
      return text.substring(0, text.length() - build.length());
    }
    return text + shortSuffix;
  }

  /** {@code vMAJOR}. */
  public String majorPrefix() {
    return "v" + major;
  }

  @Override
  public int compareTo(SemVer o) {
    int c = compareNumbers(major, o.major);
    if (c == 0) {
      c = compareNumbers(minor, o.minor);
    }
    if (c == 0) {
      c = compareNumbers(patch, o.patch);
    }
    return c != 0 ? c : comparePrerelease(prerelease, o.prerelease);
  }

  private static boolean validIdents(String s, boolean prerelease) {
    if (s.isEmpty()) {
      return false;
    }
    for (String id : s.split("\\.", -1)) {
      if (!IDENT.matcher(id).matches()) {
        return false;
      }
      if (prerelease && id.length() > 1 && id.charAt(0) == '0' && isNumber(id)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNumber(String s) {
    return s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
  }

  private static int compareNumbers(String x, String y) {
    if (x.length() != y.length()) {
      return Integer.compare(x.length(), y.length());
    }
    return Integer.signum(x.compareTo(y));
  }

  private static int comparePrerelease(String x, String y) {
    if (x.equals(y)) {
      return 0;
    }
    if (x.isEmpty()) {
      return 1;
    }
    if (y.isEmpty()) {
      return -1;
    }
    String[] a = x.substring(1).split("\\.", -1);
    String[] b = y.substring(1).split("\\.", -1);
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i].equals(b[i])) {
        continue;
      }
      boolean na = isNumber(a[i]);
      boolean nb = isNumber(b[i]);
      if (na != nb) {
        return na ? -1 : 1;
      }
      if (na && a[i].length() != b[i].length()) {
        return Integer.compare(a[i].length(), b[i].length());
      }
      return Integer.signum(a[i].compareTo(b[i]));
    }
    return Integer.compare(a.length, b.length);
  }
}
