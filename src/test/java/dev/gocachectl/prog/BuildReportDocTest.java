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
      Pattern.compile("```json\n(\\{\"time\".*?)\n```", Pattern.DOTALL);

  @Test
  void docsShowTheLineBuildReportWrites() throws IOException {
    String doc = Files.readString(Path.of("docs/prog.md"));
    Matcher m = JSON_BLOCK.matcher(doc);
    assertThat(m.find()).as("a ```json block with a report line in docs/prog.md").isTrue();
    String shown = m.group(1).replaceAll("\n\\s*", "") + "\n";

    BuildReport r =
        new BuildReport(
            Instant.parse("2026-11-22T04:05:00Z"),
            4242,
            "daemon",
            "go build ./...",
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
                380_000),
            List.of("redis://cache:6379"),
            List.of(
                new TierStats.Snapshot(
                    26, 12, 14, 0, 0, 0, 0, 0, 4096, 2, 0, 0, 0, 65_536, 310_000, 900_000, null)),
            0,
            new Prefetch.Counts("found", 14, 12, 12, false, false),
            2311);

    assertThat(shown).isEqualTo(r.toJsonLine());
  }
}
