package dev.gocachectl.history;

import java.util.List;

/** One page of items, newest first; {@code next} asks for the following page, null on the last. */
public record Page<T>(List<T> items, Cursor next) {
  public Page {
    items = List.copyOf(items);
  }
}
