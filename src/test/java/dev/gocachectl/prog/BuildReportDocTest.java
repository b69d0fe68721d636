package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.remote.TierStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the report line shown in docs/prog.md exactly what {@link BuildReport} writes. */
class BuildReportDocTest {
  private static final Pattern JSON_BLOCK =
      Pattern.compile("```json\n(\\{\"id\".*?)\n```", Pattern.DOTALL);

  @Test
  void docsShowTheLineBuildReportWrites() throws IOException {
    String doc = Files.readString(Path.of("docs/prog.md"));
    Matcher m = JSON_BLOCK.matcher(doc);
    assertThat(m.find()).as("a ```json block with a report line in docs/prog.md").isTrue();
    String shown = m.group(1).replaceAll("\n\\s*", "") + "\n";

    BuildReport r =
        new BuildReport(
            new ReportId("5f0c6e2a9b1d4c3e8a7f6b5d4c3b2a19"),
            Instant.parse("2026-11-22T04:05:00Z"),
            4242,
            "daemon",
            "go build ./...",
            orderedLabels(),
            new SessionStats.Counts(
                512,
                498,
                12,
                Map.of(MissKind.NEW, 12L, MissKind.TRIMMED, 2L),
                14,
                0,
                0,
                10_485_760,
                65_536,
                41_000,
                380_000,
                List.of(3L, 300L, 150L, 40L, 10L, 5L, 2L, 1L, 1L, 0L, 0L, 0L, 0L),
                61_440_000),
            List.of("redis://cache:6379"),
            List.of(
                new TierStats.Snapshot(
                    26, 12, 14, 0, 0, 0, 0, 0, 4096, 2, 0, 0, 0, 65_536, 310_000, 900_000, null, 0,
                    null)),
            0,
            new Prefetch.Counts("found", 14, 12, 12, false, false),
            2311);

    assertThat(shown).isEqualTo(r.toJsonLine());
  }

  private static Map<String, String> orderedLabels() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("os", "linux");
    m.put("arch", "amd64");
    m.put("repo", "shop");
    return m;
  }
}
