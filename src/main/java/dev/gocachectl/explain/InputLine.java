package dev.gocachectl.explain;

/**
 * One write into an action's hash, exactly as the go command printed it ({@code quoted}, Go {@code
 * %q} syntax), with an optional {@code detail}: for a test input ({@code env}, {@code open}, {@code
 * stat}, {@code chdir}) what the hashed value was made of, when the log shows it ({@code
 * set}/{@code unset} for a variable, never its value; the {@code stat} line of a file).
 */
public record InputLine(String quoted, String detail) {
  /** The text written, without its trailing newline. */
  public String text() {
    String t = GoQuoted.unquote(quoted);
    return t.endsWith("\n") ? t.substring(0, t.length() - 1) : t;
  }
}
