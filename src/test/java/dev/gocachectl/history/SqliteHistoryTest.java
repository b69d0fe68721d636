package dev.gocachectl.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteHistoryTest extends HistoryContract {
  @TempDir Path tmp;
  private String url;

  @Override
  String freshUrl() {
    url = "jdbc:sqlite:" + tmp.resolve(History.DEFAULT_FILE);
    return url;
  }

  @Override
  String url() {
    return url;
  }

  @Test
  void aDatabaseWrittenByANewerSchemaIsRefusedByName() throws Exception {
    history.close();
    history = null;
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_version VALUES (99, 'future', 0)");
    }
    assertThatThrownBy(() -> History.open(url, Retention.DEFAULT, clock))
        .isInstanceOf(HistoryException.class)
        .hasMessageContaining(tmp.resolve(History.DEFAULT_FILE).toString())
        .hasMessageContaining("version 99");
  }

  @Test
  void theFileIsInWalMode() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        var rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("wal");
    }
  }
}
