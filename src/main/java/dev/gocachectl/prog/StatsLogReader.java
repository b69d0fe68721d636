package dev.gocachectl.prog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gocachectl.cache.CacheDir;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the per-build stats log back ({@link BuildReport} has the format): the rotated file first,
 * then the current one, oldest line first. A line that does not parse (a torn write after a crash)
 * is counted and skipped.
 */
public final class StatsLogReader {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * One invocation as read back; {@code numbers} holds every numeric field by name, {@code remotes}
   * the remote tiers in order (empty without {@code --remote}).
   */
  public record Entry(
      Instant time, String mode, String command, Map<String, Long> numbers, List<Tier> remotes) {
    public long get(String field) {
      return numbers.getOrDefault(field, 0L);
    }
  }

  /** One remote tier of an invocation: its name and counters. */
  public record Tier(String name, Map<String, Long> numbers) {
    public long get(String field) {
      return numbers.getOrDefault(field, 0L);
    }
  }

  /** What was read. */
  public record Log(List<Entry> entries, int unreadable) {}

  private StatsLogReader() {}

  public static Log read(CacheDir dir) throws IOException {
    Path current = StatsLog.file(dir);
    List<Entry> entries = new ArrayList<>();
    int bad = 0;
    for (Path p : List.of(current.resolveSibling(StatsLog.FILE + ".1"), current)) {
      if (Files.exists(p) && !Files.isRegularFile(p)) {
        throw new IOException(
            p + ": not a regular file; move it away (prog starts a new stats log)");
      }
      // Bytes that are not UTF-8 (a torn write) decode as U+FFFD and fail that line alone.
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(Files.newInputStream(p), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.isBlank()) {
            continue;
          }
          try {
            entries.add(parse(line));
          } catch (IOException | RuntimeException e) {
            bad++;
          }
        }
      } catch (NoSuchFileException e) {
        // not written yet
      }
    }
    return new Log(List.copyOf(entries), bad);
  }

  static Entry parse(String line) throws IOException {
    Instant time = null;
    String mode = null;
    String command = null;
    Map<String, Long> numbers = new LinkedHashMap<>();
    List<Tier> remotes = new ArrayList<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      parseObject(p, "", numbers);
      // the strings are read in a second pass: simpler than tracking them in the walk
    }
    try (JsonParser p = JSON.createParser(line)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING) {
          switch (f) {
            case "time" -> time = Instant.parse(p.getText());
            case "mode" -> mode = p.getText();
            case "command" -> command = p.getText();
            default -> {}
          }
        } else if (t == JsonToken.START_ARRAY && f.equals("remotes")) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            remotes.add(tier(p));
          }
        } else {
          p.skipChildren();
        }
      }
    }
    if (time == null) {
      throw new IOException("no time");
    }
    return new Entry(time, mode, command, numbers, List.copyOf(remotes));
  }

  private static Tier tier(JsonParser p) throws IOException {
    String name = null;
    Map<String, Long> numbers = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NUMBER_INT) {
        numbers.put(f, p.getLongValue());
      } else if (t == JsonToken.VALUE_STRING && f.equals("name")) {
        name = p.getText();
      } else {
        p.skipChildren();
      }
    }
    if (name == null) {
      throw new IOException("a remote without a name");
    }
    return new Tier(name, numbers);
  }

  /** Collects numbers, nested ones as {@code outer.inner}. */
  private static void parseObject(JsonParser p, String prefix, Map<String, Long> numbers)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = prefix + p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NUMBER_INT) {
        numbers.put(name, p.getLongValue());
      } else if (t == JsonToken.START_OBJECT) {
        parseObject(p, name + ".", numbers);
      } else {
        p.skipChildren();
      }
    }
  }
}
