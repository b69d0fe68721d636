package dev.gocachectl.cli;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/**
 * The launcher trains the CLI's AOT cache with {@link CommandsAotTraining}; it fails loudly when
 * one of its command lines no longer succeeds (a renamed flag would leave that command untrained).
 */
class CommandsAotTrainingTest {
  @Test
  void everyTrainingCommandSucceeds() {
    assertThatCode(() -> CommandsAotTraining.main(new String[0])).doesNotThrowAnyException();
  }
}
