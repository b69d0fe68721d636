package dev.gocachectl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArgsTest {
  @ParameterizedTest
  @CsvSource({
    "100,100",
    "1k,1000",
    "1KiB,1024",
    "500M,500000000",
    "500MB,500000000",
    "10G,10000000000",
    "1.5GiB,1610612736",
    "2Ti,2199023255552",
  })
  void sizes(String text, long bytes) {
    assertThat(ByteSize.parse(text).bytes()).isEqualTo(bytes);
  }

  @Test
  void badSizesSayWhatIsAccepted() {
    assertThatThrownBy(() -> ByteSize.parse("ten")).hasMessageContaining("500M, 10G, 1.5GiB");
    assertThatThrownBy(() -> ByteSize.parse("-1G")).hasMessageContaining("invalid size");
  }

  @Test
  void formatsInBinaryUnits() {
    assertThat(ByteSize.format(175)).isEqualTo("175 B");
    assertThat(ByteSize.format(1536)).isEqualTo("1.5 KiB");
    assertThat(ByteSize.format(3L << 30)).isEqualTo("3.0 GiB");
  }

  @ParameterizedTest
  @CsvSource({"24h,PT24H", "90m,PT1H30M", "1h30m,PT1H30M", "7d,PT168H", "45s,PT45S", "0,PT0S"})
  void durations(String text, String iso) {
    assertThat(DurationArg.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @Test
  void badDurationsSayWhatIsAccepted() {
    assertThatThrownBy(() -> DurationArg.parse("1 day")).hasMessageContaining("24h, 90m");
    assertThatThrownBy(() -> DurationArg.parse("5")).hasMessageContaining("invalid duration");
  }
}
