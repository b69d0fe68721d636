package dev.gocachectl.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a job runs: a Unix crontab line of five fields (minute, hour, day of month, month, day of
 * week; {@code *}, lists, ranges, steps and names as crontab(5) has them), or one of the nicknames
 * {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code
 * @midnight}, {@code @hourly}, which stand for the five fields crontab(5) gives them ({@code @daily}
 * is {@code 0 0 * * *}, {@code @weekly} {@code 0 0 * * 0}). Parsed by cron-utils (its Unix
 * definition, which itself takes no nicknames).
 *
 * @param text the line as written
 */
public record Schedule(String text, Cron cron) {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** Parses a crontab line; the exception says what is wrong with it. */
  public static Schedule parse(String text) {
    String t = text.strip();
    String fields =
        switch (t) {
          case "@yearly", "@annually" -> "0 0 1 1 *";
          case "@monthly" -> "0 0 1 * *";
          case "@weekly" -> "0 0 * * 0";
          case "@daily", "@midnight" -> "0 0 * * *";
          case "@hourly" -> "0 * * * *";
          default -> t;
        };
    try {
      if (fields.startsWith("@")) {
        throw new IllegalArgumentException("unknown nickname " + fields);
      }
      Cron c = PARSER.parse(fields);
      c.validate();
      return new Schedule(t, c);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a cron schedule ("
              + e.getMessage()
              + "); expected five fields (minute hour day-of-month month day-of-week) as"
              + " \"0 3 * * *\", or @hourly, @daily, @weekly, @monthly",
          e);
    }
  }

  /** The first time strictly after {@code after} at which the job is due. */
  public Optional<ZonedDateTime> next(ZonedDateTime after) {
    return ExecutionTime.forCron(cron).nextExecution(after);
  }

  @Override
  public String toString() {
    return text;
  }
}
