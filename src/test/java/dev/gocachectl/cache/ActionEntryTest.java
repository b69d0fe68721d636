package dev.gocachectl.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionEntryTest {
  /**
   * A real entry from go1.19.8: {@code "v1 %x %x %20d %20d\n"} of action ID, output ID, size and
   * time, as {@code putIndexEntry} in Go's {@code cmd/go/internal/cache/cache.go} writes it.
   */
  static final String REAL =
      "v1 011c691a83d396c678cd3c62942c8e0507c9aba6c86faff6a52d9203b1693b61"
          + " 76bfaa36312d6073ee8ddc347571887287bdc7ef6aca3c1c9418094a088300ae"
          + "                 2653  1795314433838950386\n";

  static final ActionId REAL_ID =
      ActionId.fromHex("011c691a83d396c678cd3c62942c8e0507c9aba6c86faff6a52d9203b1693b61");

  static EntryRead parse(String text, ActionId id) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    byte[] buf = new byte[ActionEntry.SIZE + 1];
    System.arraycopy(b, 0, buf, 0, Math.min(b.length, buf.length));
    return ActionEntry.parse(buf, Math.min(b.length, buf.length), id);
  }

  /** REAL with the 20-character field at {@code at} replaced by {@code value}, padded left. */
  static String withField(int at, String value) {
    return REAL.substring(0, at)
        + " ".repeat(20 - value.length())
        + value
        + REAL.substring(at + 20);
  }

  static final int SIZE_AT = 133;
  static final int TIME_AT = 154;

  @Test
  void realEntryIsExactly175BytesAndParses() {
    assertThat(REAL).hasSize(175);
    EntryRead r = parse(REAL, REAL_ID);
    assertThat(r).isInstanceOf(EntryRead.Valid.class);
    ActionEntry e = ((EntryRead.Valid) r).entry();
    assertThat(e.output().hex())
        .isEqualTo("76bfaa36312d6073ee8ddc347571887287bdc7ef6aca3c1c9418094a088300ae");
    assertThat(e.size()).isEqualTo(2653);
    assertThat(e.timeNanos()).isEqualTo(1795314433838950386L);
  }

  @Test
  void encodeWritesWhatGoWrites() {
    ActionEntry e = ((EntryRead.Valid) parse(REAL, REAL_ID)).entry();
    assertThat(new String(e.encode(), StandardCharsets.US_ASCII)).isEqualTo(REAL);
  }

  @Test
  void upperCaseHexIsAcceptedLikeGoHexDecode() {
    String upper = "v1 " + REAL.substring(3, 67).toUpperCase() + REAL.substring(67);
    assertThat(parse(upper, REAL_ID)).isInstanceOf(EntryRead.Valid.class);
  }

  @Test
  void plusSignAndLeadingZerosAreAcceptedLikeParseInt() {
    String text = withField(SIZE_AT, "+0000000000000002653");
    EntryRead r = parse(text, REAL_ID);
    assertThat(((EntryRead.Valid) r).entry().size()).isEqualTo(2653);
  }

  @Test
  void anotherIdIsAMismatchNotMalformed() {
    ActionId other =
        ActionId.fromHex("111c691a83d396c678cd3c62942c8e0507c9aba6c86faff6a52d9203b1693b61");
    assertThat(parse(REAL, other)).isEqualTo(new EntryRead.IdMismatch(REAL_ID));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "<empty>|file is empty",
        "v1 011c|entry file incomplete",
        "<long>|too long",
        "v2<rest>|invalid header",
        "<nonl>|invalid header",
        "<badid>|decoding ID: encoding/hex: invalid byte: U+0067 'g'",
        "<badout>|decoding output ID: encoding/hex: invalid byte: U+007A 'z'",
        "<badsize>|parsing size: strconv.ParseInt: parsing \"26x3\": invalid syntax",
        "<negsize>|negative size",
        "<blanksize>|parsing size: strconv.ParseInt: parsing \"\": invalid syntax",
        "<badtime>|parsing timestamp: strconv.ParseInt: parsing \"1795314433838950386 \": invalid syntax",
        "<negtime>|negative timestamp",
      })
  void malformedEntriesGetGosReason(String shape, String reason) {
    String text =
        switch (shape) {
          case "<empty>" -> "";
          case "<long>" -> REAL + "x";
          case "v2<rest>" -> "v2" + REAL.substring(2);
          case "<nonl>" -> REAL.substring(0, 174) + " ";
          case "<badid>" -> REAL.substring(0, 10) + "g" + REAL.substring(11);
          case "<badout>" -> REAL.substring(0, 70) + "z" + REAL.substring(71);
          case "<badsize>" -> withField(SIZE_AT, "26x3");
          case "<negsize>" -> withField(SIZE_AT, "-2653");
          case "<blanksize>" -> withField(SIZE_AT, "");
          case "<badtime>" -> REAL.substring(0, TIME_AT) + "1795314433838950386 \n";
          case "<negtime>" -> withField(TIME_AT, "-1795314433838950386");
          default -> shape;
        };
    assertThat(parse(text, REAL_ID)).isEqualTo(new EntryRead.Malformed(reason));
  }
}
