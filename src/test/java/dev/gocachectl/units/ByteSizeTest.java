package dev.gocachectl.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {
  @ParameterizedTest
  @CsvSource({
    "100,100",
    "100B,100",
    "1k,1000",
    "1KB,1000",
    "1KiB,1024",
    "64kib,65536",
    "1.5KIB,1536",
    "500M,500000000",
    "500MB,500000000",
    "'500 M',500000000",
    "10G,10000000000",
    "1.5GiB,1610612736",
    "1MiB,1048576",
    "2Ti,2199023255552",
    "0.5,0",
    "1.5,1",
  })
  void sizes(String text, long bytes) {
    assertThat(ByteSize.parse(text).bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ten | invalid size 'ten'",
        "-1G | invalid size '-1G'",
        "10X | invalid size '10X'",
        "1P | invalid size '1P'",
        "'' | invalid size ''",
        "10000000T | is too large",
      })
  void badSizesSayWhatIsAccepted(String text, String problem) {
    assertThatThrownBy(() -> ByteSize.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
    if (!problem.contains("too large")) {
      assertThatThrownBy(() -> ByteSize.parse(text)).hasMessageContaining("500M, 10G, 1.5GiB");
    }
  }

  @ParameterizedTest
  @CsvSource({"0,0 B", "175,175 B", "1536,1.5 KiB", "63897600,60.9 MiB", "3221225472,3.0 GiB"})
  void formatsInBinaryUnits(long bytes, String text) {
    assertThat(ByteSize.format(bytes)).isEqualTo(text);
  }
}
