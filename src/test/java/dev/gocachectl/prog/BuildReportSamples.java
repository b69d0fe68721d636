package dev.gocachectl.prog;

import java.util.Map;

/** Report lines for the serve tests, made by the record that writes them. */
public final class BuildReportSamples {
  private BuildReportSamples() {}

  /** A realistic line: 10 gets, 4 hits (1 remote), a Redis tier with one error. */
  public static String line(String id, String repo, String command) {
    return BuildReportTest.sample(id, command, Map.of("repo", repo, "os", "linux", "arch", "amd64"))
        .toJsonLine();
  }
}
