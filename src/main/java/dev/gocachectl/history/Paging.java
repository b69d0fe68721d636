package dev.gocachectl.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Reads one page newest first: the statement ends in {@code ORDER BY key DESC LIMIT ?}, with its
 * other parameters set; this sets the limit to one more than the page, so that a page knows whether
 * another follows. A row {@code row} turns into null is skipped.
 */
final class Paging {
  private Paging() {}

  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  static <T> Page<T> read(
      PreparedStatement s, int limitIndex, PageRequest p, Row<T> row, ToLongFunction<T> key)
      throws SQLException {
    s.setInt(limitIndex, p.size() + 1);
    List<T> out = new ArrayList<>(Math.min(p.size(), 256));
    boolean more = false;
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        if (out.size() == p.size()) {
          more = true;
          break;
        }
        T t = row.read(rs);
        if (t != null) {
          out.add(t);
        }
      }
    }
    return new Page<>(
        out, more && !out.isEmpty() ? new Cursor(key.applyAsLong(out.getLast())) : null);
  }
}
