package dev.gocachectl.history;

import java.util.regex.Pattern;

/**
 * A job's name as the config file gives it: 1 to 64 characters, letters, digits, {@code .}, {@code
 * _} and {@code -}, starting with a letter or digit. It appears in URLs ({@code
 * /api/jobs/NAME/runs}) and in notifications, so nothing else is allowed.
 */
public record JobName(String value) implements Comparable<JobName> {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public JobName {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "job name "
              + (value == null ? "null" : "\"" + Texts.printable(value, 80) + "\"")
              + ": expected 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit");
    }
  }

  @Override
  public int compareTo(JobName o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
