package dev.gocachectl.mod.sumdb;

/**
 * One thing {@code mod sumdb} found.
 *
 * @param kind what it is
 * @param subject what it is about: {@code module version[/go.mod]} for a go.sum line, else the tree
 *     head or file concerned
 * @param expected what the database says (or what was expected), or null
 * @param found what go.sum says (or what was found)
 * @param where where the data came from ({@code go.sum:12}, a URL, a cached file), or null
 */
public record SumdbFinding(
    SumdbFindingKind kind, String subject, String expected, String found, String where) {
  /** One line: {@code kind subject: found (expected ...) [where]}. */
  public String describe() {
    StringBuilder b =
        new StringBuilder(kind.id()).append(' ').append(subject).append(": ").append(found);
    if (expected != null) {
      b.append(" (expected ").append(expected).append(')');
    }
    if (where != null) {
      b.append(" [").append(where).append(']');
    }
    return b.toString();
  }
}
