package dev.gocachectl.history;

/**
 * One page of a list read newest first: up to {@code size} items older than {@code before} (null:
 * from the newest).
 */
public record PageRequest(Cursor before, int size) {
  /** The largest page. */
  public static final int MAX_SIZE = 1000;

  public PageRequest {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("page size must be 1 to " + MAX_SIZE + ": " + size);
    }
  }

  /** The newest {@code size} items. */
  public static PageRequest first(int size) {
    return new PageRequest(null, size);
  }
}
