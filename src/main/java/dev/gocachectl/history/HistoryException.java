package dev.gocachectl.history;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The history database failed: which database, what was being done, why, and what to do. {@link
 * #problem} sorts the cause for {@code /healthz} and the metrics.
 */
public final class HistoryException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The sorts of failure an operator acts on differently. */
  public enum Problem {
    /** The disk (or the database's size limit) is full. */
    FULL("full", "free space on its disk"),
    /** The file, its directory or the server refuses writes. */
    READ_ONLY("read-only", "make it writable (file mode, mount, or the server's read-only mode)"),
    /** The server cannot be reached, or the file cannot be opened. */
    UNAVAILABLE("unavailable", "check that the database server runs and the URL is right"),
    /** The file is damaged. */
    CORRUPT("corrupt", "restore it from a backup, or move it away to start a new history"),
    /** Another process holds the database locked past the wait. */
    BUSY("busy", "another process holds it locked; try again"),
    /** Anything else. */
    OTHER("error", "see the message");

    private final String id;
    private final String remedy;

    Problem(String id, String remedy) {
      this.id = id;
      this.remedy = remedy;
    }

    /** The word in metrics and {@code /healthz}: full, read-only, unavailable, ... */
    public String id() {
      return id;
    }
  }

  private final Problem problem;

  HistoryException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  /** Words an SQL failure: {@code where} names the database, {@code doing} the operation. */
  static HistoryException of(String where, String doing, SQLException e) {
    Problem p = classify(e);
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new HistoryException(
        p,
        "the history database "
            + where
            + " cannot "
            + doing
            + ": "
            + Texts.printable(reason, 400)
            + " ("
            + p.id
            + ": "
            + p.remedy
            + ")",
        e);
  }

  static Problem classify(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        Problem p = classifyOne(s);
        if (p != Problem.OTHER) {
          return p;
        }
      }
    }
    return Problem.OTHER;
  }

  private static Problem classifyOne(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    // PostgreSQL's SQLSTATEs (Appendix A of its manual); SQLite's result codes, whose names
    // sqlite-jdbc puts in its messages (SQLITE_FULL, SQLITE_READONLY, ...)
    if (state.equals("53100") || m.contains("sqlite_full") || m.contains("disk is full")) {
      return Problem.FULL;
    }
    if (state.equals("25006") || m.contains("sqlite_readonly") || m.contains("readonly database")) {
      return Problem.READ_ONLY;
    }
    if (state.startsWith("08")
        || state.equals("57P01")
        || state.equals("57P03")
        || m.contains("sqlite_cantopen")) {
      return Problem.UNAVAILABLE;
    }
    if (m.contains("sqlite_corrupt") || m.contains("sqlite_notadb")) {
      return Problem.CORRUPT;
    }
    if (m.contains("sqlite_busy") || m.contains("sqlite_locked") || state.equals("55P03")) {
      return Problem.BUSY;
    }
    return Problem.OTHER;
  }
}
