package dev.gocachectl.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What doctor shows of a GOCACHEPROG command line or a variable: never a token or password. */
class RunnerSnapshotRedactTest {
  @Test
  void aTokenInAFlagOrAUrlIsMasked() {
    String shown =
        RunnerSnapshot.redact(
            "gocachectl prog --report-token=s3cr3t -password hunter2"
                + " --remote redis://ci:pw0rd@cache:6379/0 --sign-key-file /etc/k");
    assertThat(shown)
        .doesNotContain("s3cr3t", "hunter2", "pw0rd")
        .contains(
            "--report-token=***", "-password ***", "redis://***@cache", "--sign-key-file /etc/k");
  }

  @Test
  void aSecretFlagsValueInTheNextArgumentIsMasked() {
    assertThat(
            RunnerSnapshot.redact(
                List.of(
                    "gocachectl",
                    "prog",
                    "--token",
                    "abc123",
                    "--api-key-file",
                    "/k",
                    "--dir",
                    "d")))
        .containsExactly(
            "gocachectl", "prog", "--token", "***", "--api-key-file", "/k", "--dir", "d");
  }
}
