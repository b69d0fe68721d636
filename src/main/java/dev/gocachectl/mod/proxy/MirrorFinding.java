package dev.gocachectl.mod.proxy;

/**
 * One disagreement.
 *
 * @param kind what it is
 * @param mirror the mirror concerned (several, comma-separated, for zip-bytes-differ)
 * @param subject {@code path@version}, or the module path for list findings
 * @param expected the reference (go.sum, the checksum database, the other mirrors), or null
 * @param found what the mirror served
 */
public record MirrorFinding(
    MirrorFindingKind kind, String mirror, String subject, String expected, String found) {
  /** One line: {@code kind subject mirror: found (expected ...)}. */
  public String describe() {
    return kind.id()
        + " "
        + subject
        + " on "
        + mirror
        + ": "
        + found
        + (expected == null ? "" : " (expected " + expected + ")");
  }
}
