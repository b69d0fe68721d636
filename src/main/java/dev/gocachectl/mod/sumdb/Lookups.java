package dev.gocachectl.mod.sumdb;

import dev.gocachectl.failure.Failure;
import dev.gocachectl.mod.HttpFetcher;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModuleVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Gets the {@code /lookup/<em>@<ev>} answers for module versions: go's cached copy in the module
 * cache first, then (unless offline) the database, several requests at a time. Nothing is written.
 */
final class Lookups {
  /**
   * One answer.
   *
   * @param data the response bytes, or null when there is none
   * @param where the cached file or the URL
   * @param failure why there is none (a finding kind other than OK), or null
   * @param message the failure's text
   */
  record Answer(byte[] data, String where, SumdbFindingKind failure, String message) {
    /** Whether the database sent it in this run (a URL, not a cached file). */
    boolean fresh() {
      return where.startsWith("http://") || where.startsWith("https://");
    }
  }

  private final ModCache cache;
  private final String db;
  private final URI base;
  private final HttpFetcher http;

  /** {@code base} and {@code http} are null when offline. */
  Lookups(ModCache cache, String db, URI base, HttpFetcher http) {
    this.cache = cache;
    this.db = db;
    this.base = base;
    this.http = http;
  }

  Map<ModuleVersion, Answer> fetch(List<ModuleVersion> modules, int parallel) throws IOException {
    Map<ModuleVersion, Answer> out = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
    try {
      List<Future<?>> futures =
          modules.stream()
              .map(m -> pool.submit(() -> out.put(m, answer(m)), null))
              .<Future<?>>map(f -> f)
              .toList();
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IOException(Failure.of(e.getCause()).toString(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  private Answer answer(ModuleVersion m) {
    Path file = cache.lookup(db, m);
    try {
      byte[] data = Files.readAllBytes(file);
      if (data.length > 0) {
        return new Answer(data, file.toString(), null, null);
      }
    } catch (NoSuchFileException e) {
      // not cached
    } catch (IOException e) {
      return new Answer(null, file.toString(), SumdbFindingKind.ERROR, Failure.of(e).toString());
    }
    if (http == null) {
      return new Answer(
          null,
          file.toString(),
          SumdbFindingKind.UNPROVEN,
          "offline, and go has not cached this lookup");
    }
    URI uri = SumdbEndpoint.join(base, "lookup/" + m.escapedPath() + "@" + m.escapedVersion());
    try {
      HttpFetcher.Response r = http.get(uri, HttpFetcher.Limit.NOTE);
      if (r.ok()) {
        return new Answer(r.body(), uri.toString(), null, null);
      }
      return new Answer(
          null,
          uri.toString(),
          r.notFound() ? SumdbFindingKind.NOT_FOUND : SumdbFindingKind.ERROR,
          r.describe());
    } catch (IOException e) {
      return new Answer(null, uri.toString(), SumdbFindingKind.ERROR, e.getMessage());
    }
  }
}
