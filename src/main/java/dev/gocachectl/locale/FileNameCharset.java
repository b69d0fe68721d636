package dev.gocachectl.locale;

import java.util.Map;
import java.util.Optional;

/**
 * Whether this JVM decodes file names (and the environment) as UTF-8.
 *
 * <p>The JVM turns the bytes of every file name, command-line argument and environment variable
 * into Java strings with {@code sun.jnu.encoding}, which follows the C library's {@code LC_CTYPE}
 * at start-up; {@code -Dsun.jnu.encoding=...} is ignored (JDK 25 overwrites it). Under the POSIX
 * locale ({@code LANG} unset, {@code C} or {@code POSIX}) that charset is ASCII: {@code café.go}
 * becomes {@code caf??.go}, a name that opens nothing, and a non-ASCII {@code HOME} or {@code
 * GOCACHE} points elsewhere. Hashes of such a tree would be wrong and a repair would remove healthy
 * files, so the commands refuse to run instead. The {@code gocachectl} launcher sets {@code
 * LC_CTYPE} (or {@code LC_ALL}) to {@code C.UTF-8} when the locale's charset is not UTF-8, which
 * glibc provides built in since 2.35 (and Debian has shipped for longer).
 */
public final class FileNameCharset {
  private FileNameCharset() {}

  /**
   * Why this JVM cannot be trusted with file names, or empty when it decodes them as UTF-8.
   *
   * @param jnuEncoding the value of {@code sun.jnu.encoding}
   * @param env the environment, to name the locale settings in the message
   */
  public static Optional<String> problem(String jnuEncoding, Map<String, String> env) {
    if (jnuEncoding != null
        && (jnuEncoding.equalsIgnoreCase("UTF-8") || jnuEncoding.equalsIgnoreCase("UTF8"))) {
      return Optional.empty();
    }
    String locale = describeLocale(env);
    return Optional.of(
        "the JVM decodes file names as "
            + jnuEncoding
            + " under "
            + locale
            + ", so non-ASCII names (café.go, a HOME or GOCACHE outside ASCII) would be"
            + " misread and healthy files judged damaged; nothing was read. Run through the"
            + " gocachectl launcher, which selects C.UTF-8, or set LC_ALL=C.UTF-8 (a UTF-8 locale"
            + " that is installed: see locale -a)");
  }

  /** The check for this JVM. */
  public static Optional<String> problem(Map<String, String> env) {
    return problem(System.getProperty("sun.jnu.encoding"), env);
  }

  private static String describeLocale(Map<String, String> env) {
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String v = env.get(name);
      if (v != null && !v.isEmpty()) {
        return name
            + "="
            + v
            + (v.toUpperCase(java.util.Locale.ROOT).contains("UTF")
                ? " (a UTF-8 locale that is not installed here)"
                : "");
      }
    }
    return "the POSIX locale (LANG and LC_* unset)";
  }
}
