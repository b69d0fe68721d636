package dev.gocachectl.explain;

/**
 * Which action a hash belongs to, the same on both sides of a comparison: the mode ({@code build},
 * {@code link}, {@code vet}, {@code test}), the package, and the ordinal among actions of that mode
 * and package in one capture ({@code go test} compiles a package twice: once with its internal test
 * files, once without).
 */
public record ActionKey(String mode, String pkg, int ordinal) implements Comparable<ActionKey> {
  /** How the mode reads in reports: Go's {@code build} action is the compile step. */
  public String modeLabel() {
    return mode.equals("build") ? "compile" : mode;
  }

  /** {@code compile example.com/m/a}, with {@code #2} for a second action of the same package. */
  @Override
  public String toString() {
    return modeLabel() + " " + pkg + (ordinal == 0 ? "" : " #" + (ordinal + 1));
  }

  @Override
  public int compareTo(ActionKey o) {
    int c = pkg.compareTo(o.pkg);
    if (c == 0) {
      c = mode.compareTo(o.mode);
    }
    return c != 0 ? c : Integer.compare(ordinal, o.ordinal);
  }
}
