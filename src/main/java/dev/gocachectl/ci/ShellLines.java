package dev.gocachectl.ci;

import java.util.ArrayList;
import java.util.List;

/**
 * The shell lines every generated CI file runs, POSIX sh (checked with shellcheck by the tests).
 * Variables they expect: GOCACHE, GOCACHECTL_JOB_START (the job's start, RFC 3339 or Unix seconds),
 * GOCACHECTL_PROG_DIR (prog's local tier) and GOCACHECTL_ARCHIVE_URL.
 */
final class ShellLines {
  private ShellLines() {}

  /**
   * Installs gocachectl from its release archive into {@code dir}, whose launcher is at the top of
   * the archive's one directory.
   */
  static List<String> install(String dir) {
    return List.of(
        "mkdir -p \"" + dir + "\"",
        "curl -fsSL \"$GOCACHECTL_ARCHIVE_URL\" | tar -xz -C \"" + dir + "\" --strip-components=1");
  }

  /** doctor: findings (exit 1) are printed, not fatal; exit 2 (doctor could not run) is. */
  static String doctor() {
    return "gocachectl doctor || [ $? -eq 1 ]";
  }

  /**
   * A restored cache carries the trim.txt of the job that saved it: when that is a day old, go's
   * first command trims whatever the restored mtimes say is over five days old, before later
   * commands of this job can use it. Stamping it now keeps go's own trim out of this job.
   */
  static String stampTrim() {
    return "mkdir -p \"$GOCACHE\" && date +%s > \"$GOCACHE/trim.txt\"";
  }

  /** Build and test one module (its directory relative to the checkout). */
  static List<String> buildAndTest(GoModule m) {
    List<String> out = new ArrayList<>();
    String cd = m.dir().equals(".") ? "" : "cd " + m.dir() + " && ";
    out.add("(" + cd + "go build ./... && go test ./...)");
    return out;
  }

  /** Keep only what this job used, then remove what go would reject, before the save. */
  static List<String> trimAndVerify() {
    return List.of(
        "gocachectl trim --cache \"$GOCACHE\" --unused-since \"$GOCACHECTL_JOB_START\"",
        "status=0; gocachectl verify --cache \"$GOCACHE\" || status=$?",
        "if [ \"$status\" -eq 1 ]; then gocachectl repair --cache \"$GOCACHE\";"
            + " elif [ \"$status\" -ne 0 ]; then exit \"$status\"; fi");
  }

  /**
   * Sets GOCACHEPROG to gocachectl prog with the remotes, into the variable-setting form {@code
   * export} (a shell line) with {@code signed} deciding whether this job may write: the signing key
   * comes from GOCACHECTL_SIGN_KEY (a secret, written to a private file); without it (pull requests
   * from forks get no secrets) prog only reads.
   */
  static List<String> progFlags(CiRequest r, String keyFile) {
    List<String> out = new ArrayList<>();
    StringBuilder remotes = new StringBuilder();
    for (String u : r.remotes()) {
      remotes.append(" --remote ").append(u);
    }
    r.serve().ifPresent(s -> remotes.append(" --report-to ").append(s));
    out.add("flags=\"--dir $GOCACHECTL_PROG_DIR" + remotes + "\"");
    out.add("if [ -n \"${GOCACHECTL_SIGN_KEY:-}\" ]; then");
    out.add("  (umask 077 && printf '%s' \"$GOCACHECTL_SIGN_KEY\" > \"" + keyFile + "\")");
    out.add("  flags=\"$flags --sign-key-file " + keyFile + " --verify-key-file " + keyFile + "\"");
    out.add("else");
    out.add("  flags=\"$flags --read-only\"");
    out.add("fi");
    return out;
  }

  /** Pushes the reports prog could not send during the build; a failure does not fail the job. */
  static String reportPush(String serve) {
    return "gocachectl report push --dir \"$GOCACHECTL_PROG_DIR\" --to "
        + serve
        + " || [ $? -eq 1 ]";
  }
}
