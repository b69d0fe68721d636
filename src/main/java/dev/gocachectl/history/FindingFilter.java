package dev.gocachectl.history;

import java.util.Locale;

/** Which findings a list shows: those still open (new or present), or those resolved. */
public enum FindingFilter {
  OPEN,
  RESOLVED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code open} or {@code resolved}; the exception says what was expected. */
  public static FindingFilter ofId(String id) {
    for (FindingFilter f : values()) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "state \"" + Texts.printable(id, 40) + "\": expected open or resolved");
  }
}
