package dev.gocachectl.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the grammar documented in docs/commands.md what the parsers accept. */
class UnitsDocTest {
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  @Test
  void everyDocumentedDurationParsesAndTheRefusedOneIsRefused() throws IOException {
    List<String> examples = numbers(paragraph("**Durations**"));
    assertThat(examples).contains("1m30s", "7d", "106751d", "0", "10");
    for (String e : examples) {
      if (e.equals("10")) {
        assertThatThrownBy(() -> Durations.parse(e)).hasMessageContaining("without a unit");
      } else if (e.equals("0")) {
        assertThat(Durations.parse(e)).isZero();
      } else {
        assertThat(Durations.parse(e)).as(e).isPositive();
      }
    }
  }

  @Test
  void everyDocumentedSizeParsesAndTheRefusedOnesAreRefused() throws IOException {
    String p = paragraph("**Sizes**");
    int refused = p.indexOf("Refused");
    List<String> examples = numbers(p.substring(0, refused));
    assertThat(examples).contains("65536", "30k", "1.5GiB", "64KiB");
    for (String e : examples) {
      assertThat(ByteSize.parse(e).bytes()).as(e).isPositive();
    }
    List<String> bad = numbers(p.substring(refused));
    assertThat(bad).contains("1.5", "10 G", "10Mb", "1.5 GiB");
    for (String e : bad) {
      assertThatThrownBy(() -> ByteSize.parse(e)).as(e).hasMessageContaining("invalid size");
    }
  }

  @Test
  void theDocumentedMessageIsTheParsersOwn() throws IOException {
    String p = paragraph("A value that does not fit").replaceAll("\\s+", " ");
    assertThatThrownBy(() -> Durations.parse("1 day"))
        .satisfies(e -> assertThat(p).contains("`--drain-timeout: " + e.getMessage() + "`"));
  }

  private static String paragraph(String start) throws IOException {
    String doc = Files.readString(Path.of("docs/commands.md"));
    int at = doc.indexOf("\n" + start);
    assertThat(at).as("a paragraph starting with " + start + " in docs/commands.md").isPositive();
    int end = doc.indexOf("\n\n", at + 1);
    return doc.substring(at + 1, end);
  }

  /** The code spans that start with a digit or a dot. */
  private static List<String> numbers(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = CODE.matcher(text.replace('\n', ' '));
    while (m.find()) {
      if (m.group(1).matches("[0-9.].*")) {
        out.add(m.group(1));
      }
    }
    return out;
  }
}
