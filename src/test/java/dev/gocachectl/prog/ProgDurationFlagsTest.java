package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.units.Durations;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** prog's duration flags take the grammar of every other command ({@link Durations}). */
class ProgDurationFlagsTest {
  @ParameterizedTest
  @CsvSource({"1m30s,PT1M30S", "500ms,PT0.5S", "10s,PT10S", "1.5m,PT1M30S", "2h,PT2H", "0,PT0S"})
  void drainTimeoutTakesTheSharedGrammar(String text, String iso) throws Exception {
    assertThat(ProgArgs.duration("--drain-timeout", text)).isEqualTo(Duration.parse(iso));
    assertThat(ProgArgs.duration("--drain-timeout", text)).isEqualTo(Durations.parse(text));
  }

  @ParameterizedTest
  @CsvSource({"1 day", "10", "-5s", "soon"})
  void aBadDurationNamesTheFlagAndTheForms(String text) {
    assertThatThrownBy(() -> ProgArgs.duration("--remote-timeout", text))
        .isInstanceOf(ProgArgs.UsageException.class)
        .hasMessageStartingWith("--remote-timeout: invalid duration '" + text + "'")
        .hasMessageContaining(Durations.EXAMPLES);
  }

  @ParameterizedTest
  @CsvSource({"1e9", "10", "0"})
  void theDaemonsIdleFlagIsAFlagErrorNamingItAndTheForms(String text) {
    assertThatThrownBy(() -> ProgDaemon.parse(new String[] {"--socket", "/tmp/s", "--idle", text}))
        .isInstanceOf(ProgArgs.UsageException.class)
        .hasMessageStartingWith("--idle: ")
        .hasMessageContaining(text.equals("0") ? "15m" : Durations.EXAMPLES);
  }

  @Test
  void theDaemonRefusesAnUnknownFlagEvenAfterTheSocketAndAnswersHelp() throws Exception {
    assertThatThrownBy(() -> ProgDaemon.parse(new String[] {"--socket", "/tmp/s", "--bogus"}))
        .isInstanceOf(ProgArgs.UsageException.class)
        .hasMessageContaining("unknown flag --bogus");
    assertThat(ProgDaemon.parse(new String[] {"--help"})).isNull();
    assertThat(ProgDaemon.parse(new String[] {"--socket", "/tmp/s", "--idle", "90s"})).isNotNull();
  }

  @Test
  void aRemoteTimeoutOfZeroIsRefusedSayingWhy() {
    assertThatThrownBy(
            () ->
                ProgArgs.parse(
                    new String[] {"--dir", "/tmp/x", "--remote-timeout", "0"}, Map.of(), null))
        .isInstanceOf(ProgArgs.UsageException.class)
        .hasMessage(
            "--remote-timeout: 0 would mean no timeout at all, so a stalled remote would hold go;"
                + " give a duration like 5s");
  }
}
