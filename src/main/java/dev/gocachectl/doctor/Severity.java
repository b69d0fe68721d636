package dev.gocachectl.doctor;

/** How badly a condition hurts, worst first (the order findings are printed in). */
public enum Severity {
  /** The go command fails, or runs without a usable cache. */
  BREAKS_BUILD("breaks-build"),
  /** Builds or tests miss entries they would otherwise hit. */
  MISSES_CACHE("misses-cache"),
  /** Entries can be lost (trimmed, wiped) or a wrong one handed out. */
  LOSES_OR_POISONS("loses-or-poisons"),
  /** Everything works, only slower than it should. */
  SLOWS("slows");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  /** The name shown in text and JSON. */
  public String label() {
    return label;
  }
}
