package dev.gocachectl.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
  /** The nanoseconds are what Go 1.26's time.ParseDuration returns for the same text. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 | 0",
        "0s | 0",
        "24h | 86400000000000",
        "90m | 5400000000000",
        "1h30m | 5400000000000",
        "1m30s | 90000000000",
        "1.5h | 5400000000000",
        "45s | 45000000000",
        "500ms | 500000000",
        ".5s | 500000000",
        "1.s | 1000000000",
        "2h45m30.5s | 9930500000000",
        "10us | 10000",
        "10µs | 10000",
        "10μs | 10000",
        "10ns | 10",
        "0.000000001s | 1",
        "1.0000000001s | 1000000000",
        "2562047h | 9223369200000000000",
      })
  void goDurations(String text, long nanos) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "7d | PT168H",
        "1d12h | PT36H",
        "1.5d | PT36H",
        "7D | PT168H",
        "1H30M | PT1H30M",
        "' 10s ' | PT10S",
      })
  void daysCapitalsAndSpaceAroundAreAccepted(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | invalid duration ''",
        "5 | a number without a unit",
        "10.5 | a number without a unit",
        "1.5.5s | a number without a unit",
        "1 day | unknown unit ' day'",
        "1x | unknown unit 'x'",
        "1h-5m | unknown unit 'h-'",
        "s | invalid duration 's'",
        ".s | invalid duration '.s'",
        "-5s | invalid duration '-5s'",
        "+5s | invalid duration '+5s'",
        "soon | invalid duration 'soon'",
        "2562048h | is too large",
        "106752d | is too large",
        "9999999999999999999s | is too large",
      })
  void badDurationsNameTheTextAndTheAcceptedForms(String text, String problem) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining(problem);
    if (!problem.contains("too large")) {
      assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining(Durations.EXAMPLES);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "PT168H,7d",
    "PT24H,1d",
    "PT36H,36h",
    "PT5M,5m",
    "PT1.2S,1.2s",
    "PT1M0.5S,1m0.5s",
    "PT1M30S,1m30s",
    "PT1H30M,1h30m",
    "PT0.5S,500ms",
    "PT0S,0s"
  })
  void formatsShort(String iso, String text) {
    assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
  }

  @Test
  void formattedDurationsParseBack() {
    for (String iso :
        new String[] {"PT168H", "PT36H", "PT5M", "PT1.5S", "PT1M30S", "PT1H0.25S", "PT0.0015S"}) {
      Duration d = Duration.parse(iso);
      assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
  }
}
