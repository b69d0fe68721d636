package dev.gocachectl.prog;

import dev.gocachectl.remote.stores.RemoteStores;
import dev.gocachectl.units.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The flags of {@code gocachectl prog}, parsed by hand: this is the start-up path, where a CLI
 * library's reflection costs about 100 ms: from a JDK 25 AOT cache, a GOCACHEPROG loop that set up
 * picocli first answered go's first get after 126 ms, the same loop parsing by hand after 27 ms.
 *
 * @param dir the local tier, a directory in Go's GOCACHE layout
 * @param remotes remote store URLs, fastest first
 * @param readOnly never write to the remotes
 * @param signKeyFile HMAC key to sign the records written, or null
 * @param verifyKeyFile HMAC key records read must be signed with, or null
 * @param drainTimeout how long close waits for queued uploads
 * @param remoteTimeout a remote get's whole time (lookup and download, every tier) and an upload's
 *     base timeout
 * @param producer the name recorded in written records
 * @param prefetch how many actions to fetch ahead at once from the last run's manifest (0: none)
 * @param labels the labels chosen with {@code --label}, for the report ({@link ReportLabels})
 * @param reportTo where each report is sent ({@code gocachectl serve}), or null
 * @param reportTokenFile the file holding the service's token, or null ({@code
 *     GOCACHECTL_REPORT_TOKEN} then)
 */
record ProgArgs(
    Path dir,
    List<String> remotes,
    boolean readOnly,
    Path signKeyFile,
    Path verifyKeyFile,
    Duration drainTimeout,
    Duration remoteTimeout,
    String producer,
    int prefetch,
    Map<String, String> labels,
    java.net.URI reportTo,
    Path reportTokenFile) {
  /** Fetches ahead at once: enough to hide a 20 ms round trip behind go's own work. */
  static final int DEFAULT_PREFETCH = 32;

  static final String USAGE =
      """
      usage: gocachectl prog [--help] [--dir DIR] [--remote URL]... [--read-only]
                             [--sign-key-file FILE] [--verify-key-file FILE]
                             [--drain-timeout DURATION] [--remote-timeout DURATION]
                             [--producer NAME] [--prefetch N]
                             [--report-to URL] [--report-token-file FILE] [--label NAME=VALUE]...

      Go's GOCACHEPROG: set GOCACHEPROG="<gocachectl> prog --dir DIR ...".
        --dir DIR              the local tier, in Go's own GOCACHE layout
                               (default: $XDG_CACHE_HOME/gocachectl/prog, else ~/.cache/gocachectl/prog)
        --remote URL           a shared tier, asked after the local one, in order (repeatable):
                               s3://BUCKET/PREFIX?endpoint=..., redis://HOST:PORT,
                               redis+cluster://H:P,H:P, http(s)://HOST:PORT/PATH (bazel-remote)
        --read-only            read the remotes, never write them (untrusted jobs)
        --sign-key-file FILE   sign written records with this HMAC key
        --verify-key-file FILE treat unsigned or badly signed records as misses
        --drain-timeout D      how long close waits for uploads (default 10s)
        --remote-timeout D     a remote get's whole time, every tier (default 5s)
        --producer NAME        recorded in written records (default: the host name)
        --prefetch N           fetch up to N actions at once ahead of go, those the last run
                               of the same go command used (default 32; 0: off)
        --report-to URL        send each go command's report to gocachectl serve at URL
                               (default: $GOCACHECTL_REPORT_TO); what cannot be sent is kept
                               in DIR and sent with the next report
        --report-token-file F  the service's token (default: $GOCACHECTL_REPORT_TOKEN)
        --label NAME=VALUE     a label for the reports (repeatable; also
                               $GOCACHECTL_REPORT_LABELS="NAME=VALUE,..."); never a build ID
      """;

  /** A flag the program does not understand, with what to do about it. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Just a directory: the local tier alone. */
  ProgArgs(Path dir) {
    this(
        dir,
        List.of(),
        false,
        null,
        null,
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        "-",
        DEFAULT_PREFETCH,
        Map.of(),
        null,
        null);
  }

  /**
   * Whether the arguments ask for the usage: {@code --help} or {@code -h} where a flag goes (not as
   * the value of another flag).
   */
  static boolean helpAsked(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        return true;
      }
      if (a.startsWith("--") && a.indexOf('=') < 0 && !a.equals("--read-only")) {
        i++; // its value
      }
    }
    return false;
  }

  /**
   * Parses the flags of a go command whose working directory is {@code cwd} (null if unknown):
   * relative paths are resolved against it, which in the daemon is not the daemon's own.
   */
  static ProgArgs parse(String[] args, Map<String, String> env, Path cwd) throws UsageException {
    Path dir = null;
    List<String> remotes = new ArrayList<>();
    boolean readOnly = false;
    Path sign = null;
    Path verify = null;
    Duration drain = Duration.ofSeconds(10);
    Duration timeout = Duration.ofSeconds(5);
    String producer = null;
    int prefetch = DEFAULT_PREFETCH;
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    String reportTo = env.get("GOCACHECTL_REPORT_TO");
    Path reportToken = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value = null;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      }
      if (flag.equals("--read-only")) {
        readOnly = true;
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length || !flag.startsWith("--")) {
          throw new UsageException(
              flag.startsWith("--") ? flag + " needs a value" : "unexpected argument " + flag);
        }
        value = args[++i];
      }
      switch (flag) {
        case "--dir" -> dir = path(flag, value, cwd);
        case "--remote" -> remotes.add(checked(value, env));
        case "--sign-key-file" -> sign = path(flag, value, cwd);
        case "--verify-key-file" -> verify = path(flag, value, cwd);
        case "--drain-timeout" -> drain = duration(flag, value);
        case "--remote-timeout" -> timeout = positive(flag, value, "5s");
        case "--producer" -> producer = value;
        case "--prefetch" -> prefetch = count(flag, value);
        case "--report-to" -> reportTo = value;
        case "--report-token-file" -> reportToken = Path.of(value).toAbsolutePath();
        case "--label" -> label(labels, value);
        default -> throw new UsageException("unknown flag " + flag);
      }
    }
    return new ProgArgs(
        dir != null ? dir : defaultDir(env, cwd),
        List.copyOf(remotes),
        readOnly,
        sign,
        verify,
        drain,
        timeout,
        producer != null ? producer : remotes.isEmpty() ? "-" : hostName(env),
        prefetch,
        java.util.Collections.unmodifiableMap(labels),
        reportTo == null || reportTo.isEmpty() ? null : reportUrl(reportTo),
        reportToken);
  }

  /** {@code NAME=VALUE}: a name as Prometheus takes one, a value without control characters. */
  private static void label(Map<String, String> labels, String v) throws UsageException {
    int eq = v.indexOf('=');
    String name = eq > 0 ? v.substring(0, eq) : "";
    if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]{0,63}")
        || name.startsWith("__")
        || v.length() - eq - 1 > 256
        || v.chars().anyMatch(Character::isISOControl)) {
      throw new UsageException(
          "--label: invalid label '"
              + v
              + "' (expected NAME=VALUE, NAME of letters, digits and _, VALUE up to 256"
              + " characters)");
    }
    labels.put(name, v.substring(eq + 1));
  }

  private static java.net.URI reportUrl(String v) throws UsageException {
    try {
      return new ReportSpool.Target(new java.net.URI(v), null).url();
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      throw new UsageException(
          "--report-to: invalid URL '" + v + "' (expected http://HOST:PORT of gocachectl serve)");
    }
  }

  /** A path flag's value, absolute: resolved against the go command's working directory. */
  private static Path path(String flag, String value, Path cwd) throws UsageException {
    Path p;
    try {
      p = Path.of(value);
    } catch (java.nio.file.InvalidPathException e) {
      throw new UsageException(flag + " " + value + ": not a path (" + e.getReason() + ")");
    }
    if (!p.isAbsolute()) {
      if (cwd == null) {
        throw new UsageException(
            flag
                + " "
                + value
                + " is relative and the go command's working directory is unknown; pass an"
                + " absolute path");
      }
      p = cwd.resolve(p);
    }
    return p.normalize();
  }

  /** A remote URL that names a store in a form we know, or a usage error saying what is wrong. */
  private static String checked(String url, Map<String, String> env) throws UsageException {
    try {
      RemoteStores.check(url, env);
      return url;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static int count(String flag, String v) throws UsageException {
    try {
      int n = Integer.parseInt(v);
      if (n >= 0 && n <= 256) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new UsageException(flag + ": invalid count '" + v + "' (expected 0 to 256)");
  }

  /**
   * A timeout: 0 is refused, since the JDK's and the stores' clients read 0 as "wait forever", so a
   * stalled remote would hold the go command.
   */
  static Duration positive(String flag, String v, String example) throws UsageException {
    Duration d = duration(flag, v);
    if (d.isZero()) {
      throw new UsageException(
          flag
              + ": 0 would mean no timeout at all, so a stalled remote would hold go; give a"
              + " duration like "
              + example);
    }
    return d;
  }

  /** A duration in the grammar of {@link Durations}: {@code 500ms}, {@code 10s}, {@code 1m30s}. */
  static Duration duration(String flag, String v) throws UsageException {
    try {
      return Durations.parse(v);
    } catch (IllegalArgumentException e) {
      throw new UsageException(flag + ": " + e.getMessage());
    }
  }

  private static String hostName(Map<String, String> env) {
    return RunnerName.host(env);
  }

  private static Path defaultDir(Map<String, String> env, Path cwd) throws UsageException {
    try {
      return ProgDir.defaultDir(env, cwd);
    } catch (java.io.IOException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The same flags again, for the daemon (which parses them per connection). */
  String remoteKey() {
    return String.join("\u0000", remotes)
        + "\u0000"
        + readOnly
        + "\u0000"
        + signKeyFile
        + "\u0000"
        + verifyKeyFile
        + "\u0000"
        + remoteTimeout
        + "\u0000"
        + drainTimeout
        + "\u0000"
        + producer;
  }
}
