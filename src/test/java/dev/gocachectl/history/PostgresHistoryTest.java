package dev.gocachectl.history;

import dev.gocachectl.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The history contract on a real PostgreSQL server the test starts. */
class PostgresHistoryTest extends HistoryContract {
  static PostgresServer server;
  private String url;

  @BeforeAll
  static void startServer() {
    server = PostgresServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  String freshUrl() {
    url = server.newDatabase();
    return url;
  }

  @Override
  String url() {
    return url;
  }
}
