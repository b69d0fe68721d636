package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.remote.TierStats;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report line read back through the record that writes it, and what the reader refuses. */
class BuildReportTest {
  static BuildReport sample(String id, String command, Map<String, String> labels) {
    Map<MissKind, Long> miss = new EnumMap<>(MissKind.class);
    miss.put(MissKind.NEW, 5L);
    miss.put(MissKind.TRIMMED, 1L);
    miss.put(MissKind.DANGLING, 0L);
    miss.put(MissKind.INVALID, 0L);
    return new BuildReport(
        new ReportId(id),
        Instant.parse("2026-12-07T22:00:00Z"),
        42,
        "process",
        command,
        labels,
        new SessionStats.Counts(
            10,
            4,
            1,
            miss,
            6,
            0,
            0,
            100,
            200,
            40_000,
            300_000,
            List.of(1L, 2L, 3L, 4L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L),
            1_000_000),
        List.of("redis://cache:6379"),
        List.of(
            new TierStats.Snapshot(
                7, 1, 5, 1, 0, 0, 0, 0, 50, 5, 0, 1, 0, 150, 300_000, 900_000, "refused", 0, null)),
        0,
        new Prefetch.Counts("found", 14, 12, 12, false, true),
        1500);
  }

  @Test
  void theTimeIsReadAsInstantParseReadsItOrRefusedAsIt() throws Exception {
    for (String t :
        List.of(
            "2026-12-07T23:00:00Z",
            "1970-01-01T00:00:00Z",
            "2028-02-29T12:34:56Z",
            "2026-12-31T23:59:60Z",
            "2026-12-07T23:00:00.123Z",
            "2026-12-07T23:00:00+01:00")) {
      assertThat(BuildReportReader.time(t)).as(t).isEqualTo(Instant.parse(t));
    }
    for (String t :
        List.of(
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-12-07T24:00:00Z",
            "2026-12-07T23:60:00Z",
            "2026-12-07T2a:00:00Z",
            "+2026-12-0T23:00:00Z",
            "")) {
      assertThatThrownBy(() -> BuildReportReader.time(t))
          .as(t)
          .isInstanceOf(BuildReport.MalformedException.class)
          .hasMessageContaining("\"time\"");
    }
  }

  @Test
  void aLineReadsBackAsTheSameReport() throws Exception {
    BuildReport r =
        sample(
            "0123456789abcdef0123456789abcdef",
            "go build ./...",
            Map.of("repo", "shop", "os", "linux"));
    assertThat(BuildReport.parse(r.toJsonLine())).isEqualTo(r);
  }

  @Test
  void hostileStringsRoundTripEscaped() throws Exception {
    String nasty = "<script>alert(1)</script>\u0000\u001b[31m\n\"quoted\"\\";
    BuildReport r =
        sample("0123456789abcdef0123456789abcdef", nasty, Map.of("repo", "<b>x</b>\u0007"));
    String line = r.toJsonLine();
    assertThat(line.strip()).doesNotContain("\n").doesNotContain("\u0000").doesNotContain("\u001b");
    assertThat(BuildReport.parse(line)).isEqualTo(r);
  }

  @Test
  void theVerbIsTheOnlyPartOfTheCommandUsed() {
    String id = "0123456789abcdef0123456789abcdef";
    assertThat(sample(id, "/usr/lib/go/bin/go test -run X ./pkg", Map.of()).verb())
        .isEqualTo("test");
    assertThat(sample(id, "go vet ./...", Map.of()).verb()).isEqualTo("vet");
    assertThat(sample(id, "go mod download", Map.of()).verb()).isEqualTo("other");
    assertThat(sample(id, null, Map.of()).verb()).isEqualTo("other");
  }

  @Test
  void refusesWhatIsNotAReport() {
    String ok = sample("0123456789abcdef0123456789abcdef", "go build", Map.of()).toJsonLine();
    assertThatThrownBy(() -> BuildReport.parse("{\"time\":\"2026-12-07T22:00:00Z\"}"))
        .hasMessageContaining("\"id\"");
    assertThatThrownBy(() -> BuildReport.parse(ok.replace("0123456789abcdef", "XYZ")))
        .hasMessageContaining("hex");
    assertThatThrownBy(() -> BuildReport.parse(ok.replace("\"gets\":10", "\"gets\":-10")))
        .hasMessageContaining("\"gets\" is negative");
    assertThatThrownBy(() -> BuildReport.parse(ok.replace("\"gets\":10", "\"gets\":1e300")))
        .hasMessageContaining("not a count");
    assertThatThrownBy(() -> BuildReport.parse(ok.strip() + "{}"))
        .hasMessageContaining("after the report");
    assertThatThrownBy(() -> BuildReport.parse("[1,2]")).hasMessageContaining("JSON object");
    String deep = "{\"id\":\"0123456789abcdef0123456789abcdef\",\"x\":" + "[".repeat(200_000);
    assertThatThrownBy(() -> BuildReport.parse(deep)).hasMessageContaining("not JSON");
    String longCommand = ok.replace("go build", "x".repeat(20_000));
    assertThatThrownBy(() -> BuildReport.parse(longCommand)).hasMessageContaining("not JSON");
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    BuildReport r = sample("0123456789abcdef0123456789abcdef", "go build", Map.of());
    String newer = r.toJsonLine().replaceFirst("\\{", "{\"future\":{\"a\":[1,2,{}]},");
    assertThat(BuildReport.parse(newer)).isEqualTo(r);
  }
}
