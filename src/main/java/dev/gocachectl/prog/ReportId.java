package dev.gocachectl.prog;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The identity of one {@link BuildReport}: 128 bits as 32 lower-case hex digits, drawn when the
 * report is made. A report sent twice (a resend after a lost answer, {@code report push} of what
 * the background send already delivered) carries the same ID, so the service counts it once.
 */
public record ReportId(String hex) {
  public ReportId {
    if (!valid(hex)) {
      throw new IllegalArgumentException(
          "a report ID is 32 lower-case hex digits, not \"" + hex + "\"");
    }
  }

  /**
   * A new ID. {@code ThreadLocalRandom} rather than {@code SecureRandom}: the ID only has to be
   * unique, not secret, and seeding a secure generator costs a go command milliseconds.
   */
  public static ReportId random() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = r.nextLong() ^ System.nanoTime();
    long lo = r.nextLong() ^ (ProcessHandle.current().pid() << 40) ^ System.currentTimeMillis();
    return new ReportId(HexFormat.of().toHexDigits(hi) + HexFormat.of().toHexDigits(lo));
  }

  public static boolean valid(String s) {
    if (s == null || s.length() != 32) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return hex;
  }
}
