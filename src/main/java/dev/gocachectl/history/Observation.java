package dev.gocachectl.history;

/**
 * A problem one job run saw. {@code kind} (what sort of problem, as {@code corrupt-output}) and
 * {@code subject} (what it is about, as a cache entry or a module version) identify it across runs
 * of the same job; {@code message} says what is wrong and {@code remedy} what to do, as of the
 * latest run. Strings are stored as given, up to {@link #MAX_CHARS} characters each (longer ones
 * cut), and are escaped by whoever shows them.
 */
public record Observation(String kind, String subject, String message, String remedy) {
  /** The longest string kept. */
  public static final int MAX_CHARS = 2000;

  public Observation {
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("an observation needs a kind");
    }
    if (subject == null) {
      throw new IllegalArgumentException("an observation needs a subject (may be empty)");
    }
    kind = Texts.cut(kind, 200);
    subject = Texts.cut(subject, MAX_CHARS);
    message = Texts.cut(message == null ? "" : message, MAX_CHARS);
    remedy = Texts.cut(remedy == null ? "" : remedy, MAX_CHARS);
  }
}
