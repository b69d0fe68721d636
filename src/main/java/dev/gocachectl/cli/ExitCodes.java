package dev.gocachectl.cli;

/**
 * The exit-code contract, the same for every command.
 *
 * <ul>
 *   <li>0: done, nothing wrong.
 *   <li>1: the command ran and found problems (verify found a broken entry, a dry-run repair has
 *       work to do, trim could not meet the size budget).
 *   <li>2: the command could not run: a wrong flag, a missing cache directory, an I/O error.
 * </ul>
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int PROBLEMS = 1;
  public static final int ERROR = 2;

  private ExitCodes() {}
}
