package dev.gocachectl.units;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Walks what an exception was caused by. Each exception is visited once, so a cycle (an exception
 * that is its own cause's cause, or one suppressed into what it caused, as a client's clean-up can
 * make) ends the walk instead of looping.
 */
public final class Causes {
  private Causes() {}

  /** {@code e}, its cause, that one's cause, and so on: each once, in that order. */
  public static List<Throwable> chain(Throwable e) {
    List<Throwable> out = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      out.add(t);
    }
    return out;
  }

  /**
   * {@code e}, its causes, and the exceptions suppressed along the way with their own causes: each
   * once, depth first (an exception, then what it suppressed, then its cause).
   */
  public static List<Throwable> withSuppressed(Throwable e) {
    List<Throwable> out = new ArrayList<>();
    walk(e, Collections.newSetFromMap(new IdentityHashMap<>()), out);
    return out;
  }

  /** The first exception of {@code type} in {@code e}'s cause chain, or null. */
  public static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t : chain(e)) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static void walk(Throwable e, Set<Throwable> seen, List<Throwable> out) {
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      out.add(t);
      for (Throwable s : t.getSuppressed()) {
        walk(s, seen, out);
      }
    }
  }
}
