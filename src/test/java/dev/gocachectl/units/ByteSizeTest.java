package dev.gocachectl.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {
  @ParameterizedTest
  @CsvSource({
    "0,0",
    "65536,65536",
    "100B,100",
    "30k,30000",
    "1K,1000",
    "1kB,1000",
    "1KB,1000",
    "1KiB,1024",
    "64kiB,65536",
    "1.5KiB,1536",
    "0.1KiB,102",
    "500M,500000000",
    "500MB,500000000",
    "1MiB,1048576",
    "10G,10000000000",
    "10GB,10000000000",
    "1.5GiB,1610612736",
    "2T,2000000000000",
    "2TB,2000000000000",
    "2TiB,2199023255552",
  })
  void sizes(String text, long bytes) {
    assertThat(ByteSize.parse(text).bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.5 | a fraction of a byte",
        "1.5B | a fraction of a byte",
        "'10 G' | a space",
        "' 10G' | a space",
        "10G' ' | a space",
        "Kb | no number",
        "10Kb | b is bits",
        "10Mb | b is bits",
        "10gb | M G T upper case",
        "500m | m is milli",
        "1kib | i then upper-case B",
        "1KIB | i lower case",
        "2Ti | a binary prefix needs its B",
        "2Mi | a binary prefix needs its B",
        "1P | no such unit",
        "10X | no such unit",
        "ten | not a number",
        "-1G | negative",
        "+1G | a sign",
        "1e3 | an exponent",
        "'' | empty",
      })
  void badSizesAreRefusedWithTheAcceptedForms(String text, String why) {
    assertThatThrownBy(() -> ByteSize.parse(text))
        .as(why)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid size '" + text + "'")
        .hasMessageContaining("500M, 10GB, 1.5GiB, 64KiB");
  }

  @ParameterizedTest
  @CsvSource({"10000000T", "9223372036854775808", "8EiB"})
  void tooLargeIsSaid(String text) {
    assertThatThrownBy(() -> ByteSize.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text.equals("8EiB") ? "invalid size" : "is too large");
  }

  @ParameterizedTest
  @CsvSource({"0,0 B", "175,175 B", "1536,1.5 KiB", "63897600,60.9 MiB", "3221225472,3.0 GiB"})
  void formatsInBinaryUnits(long bytes, String text) {
    assertThat(ByteSize.format(bytes)).isEqualTo(text);
  }
}
