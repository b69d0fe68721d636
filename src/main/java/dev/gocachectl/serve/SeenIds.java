package dev.gocachectl.serve;

import dev.gocachectl.prog.ReportId;
import java.util.HexFormat;

/**
 * The IDs of the reports counted lately, so that one sent again is not counted twice: at least the
 * last {@code window} IDs, in two generations of open-addressing tables of 128-bit keys (16 bytes
 * each, no objects): when the young one is half full it becomes the old one and the old one is
 * forgotten. About {@code 64 * window} bytes. Not thread-safe: {@link Ingest} holds its lock.
 */
final class SeenIds {
  private final int window;
  private long[] young;
  private long[] old;
  private int youngCount;

  SeenIds(int window) {
    if (window < 16) {
      throw new IllegalArgumentException("the duplicate window must be at least 16 reports");
    }
    this.window = window;
    this.young = table();
    this.old = table();
  }

  boolean contains(ReportId id) {
    long hi = HexFormat.fromHexDigitsToLong(id.hex(), 0, 16);
    long lo = HexFormat.fromHexDigitsToLong(id.hex(), 16, 32);
    if (hi == 0 && lo == 0) {
      lo = 1;
    }
    return contains(young, hi, lo) || contains(old, hi, lo);
  }

  private long[] table() {
    return new long[2 * Integer.highestOneBit(Math.max(16, window - 1)) * 4];
  }

  /** Adds the ID; false when it was seen already. */
  boolean add(ReportId id) {
    long hi = HexFormat.fromHexDigitsToLong(id.hex(), 0, 16);
    long lo = HexFormat.fromHexDigitsToLong(id.hex(), 16, 32);
    if (hi == 0 && lo == 0) {
      lo = 1; // 0,0 marks an empty slot
    }
    if (contains(young, hi, lo) || contains(old, hi, lo)) {
      return false;
    }
    if (youngCount >= window) {
      old = young;
      young = table();
      youngCount = 0;
    }
    insert(young, hi, lo);
    youngCount++;
    return true;
  }

  private static int slot(long[] t, long hi, long lo) {
    long h = hi * 0x9E3779B97F4A7C15L ^ lo;
    return (int) ((h ^ (h >>> 29)) & ((t.length >> 1) - 1)) << 1;
  }

  private static boolean contains(long[] t, long hi, long lo) {
    for (int i = slot(t, hi, lo); ; i = (i + 2) & (t.length - 1)) {
      if (t[i] == 0 && t[i + 1] == 0) {
        return false;
      }
      if (t[i] == hi && t[i + 1] == lo) {
        return true;
      }
    }
  }

  private static void insert(long[] t, long hi, long lo) {
    int i = slot(t, hi, lo);
    while (t[i] != 0 || t[i + 1] != 0) {
      i = (i + 2) & (t.length - 1);
    }
    t[i] = hi;
    t[i + 1] = lo;
  }
}
