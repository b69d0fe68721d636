package dev.gocachectl.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file of {@code serve --config}: what serve watches and how it labels, so that a deployment
 * keeps it in one place. Flags add to it.
 *
 * <h2>Format</h2>
 *
 * <p>One JSON object (JSON is also YAML, so a YAML-minded reader can keep to this subset); unknown
 * keys are errors, so that a typo is not silently ignored:
 *
 * <pre>
 * {
 *   "caches": [
 *     {"name": "ci", "kind": "gocache", "dir": "/var/cache/go-build", "budgetBytes": 10737418240},
 *     {"name": "ci-prog", "kind": "prog", "dir": "/var/cache/gocachectl/prog"}
 *   ],
 *   "labels": {"names": ["repo", "branch", "os", "arch", "pipeline"], "maxValues": 100}
 * }
 * </pre>
 *
 * <p>A mistake is reported with its line and column.
 */
public record ServeConfig(List<WatchedCache> caches, List<String> labelNames, int maxLabelValues) {
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Reads a config file; the exception names the file, line and column of a mistake. */
  public static ServeConfig read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IOException("cannot read the config file " + file + ": " + e.getMessage(), e);
    }
    try (JsonParser p = JSON.createParser(text)) {
      try {
        return parse(p);
      } catch (JsonProcessingException e) {
        throw new IOException(where(file, e.getLocation()) + e.getOriginalMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new IOException(where(file, p.currentLocation()) + e.getMessage(), e);
      }
    }
  }

  private static String where(Path file, JsonLocation l) {
    return file + ":" + (l == null ? "?" : l.getLineNr() + ":" + l.getColumnNr()) + ": ";
  }

  private static ServeConfig parse(JsonParser p) throws IOException {
    expect(p.nextToken(), JsonToken.START_OBJECT, "the config");
    List<WatchedCache> caches = new ArrayList<>();
    List<String> names = null;
    int maxValues = LabelPolicy.DEFAULT_MAX_VALUES;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      switch (f) {
        case "caches" -> {
          expect(t, JsonToken.START_ARRAY, "caches");
          while (p.nextToken() == JsonToken.START_OBJECT) {
            caches.add(cache(p));
          }
        }
        case "labels" -> {
          expect(t, JsonToken.START_OBJECT, "labels");
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            switch (k) {
              case "names" -> {
                expect(v, JsonToken.START_ARRAY, "labels.names");
                names = new ArrayList<>();
                while (p.nextToken() == JsonToken.VALUE_STRING) {
                  names.add(p.getText());
                }
              }
              case "maxValues" -> {
                expect(v, JsonToken.VALUE_NUMBER_INT, "labels.maxValues");
                maxValues = p.getIntValue();
              }
              default -> throw new IllegalArgumentException("unknown key labels." + k);
            }
          }
        }
        default ->
            throw new IllegalArgumentException(
                "unknown key \"" + f + "\" (expected caches or labels)");
      }
    }
    return new ServeConfig(
        List.copyOf(caches),
        names == null ? LabelPolicy.DEFAULT_NAMES : List.copyOf(names),
        maxValues);
  }

  private static WatchedCache cache(JsonParser p) throws IOException {
    String name = null;
    String kind = WatchedCache.GOCACHE;
    String dir = null;
    long budget = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      JsonToken v = p.nextToken();
      switch (k) {
        case "name" -> name = text(p, v, k);
        case "kind" -> kind = text(p, v, k);
        case "dir" -> dir = text(p, v, k);
        case "budgetBytes" -> {
          expect(v, JsonToken.VALUE_NUMBER_INT, "budgetBytes");
          budget = p.getLongValue();
        }
        default ->
            throw new IllegalArgumentException(
                "unknown key caches[]." + k + " (expected name, kind, dir, budgetBytes)");
      }
    }
    if (name == null || dir == null) {
      throw new IllegalArgumentException("a cache needs \"name\" and \"dir\"");
    }
    return new WatchedCache(name, kind, Path.of(dir), budget);
  }

  private static String text(JsonParser p, JsonToken t, String what) throws IOException {
    expect(t, JsonToken.VALUE_STRING, what);
    return p.getText();
  }

  private static void expect(JsonToken t, JsonToken want, String what) {
    if (t != want) {
      throw new IllegalArgumentException(
          what + ": expected " + want.asString() + ", found " + (t == null ? "the end" : t));
    }
  }
}
