package dev.gocachectl.serve;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters on disk, so that a restart of serve neither resets them (which a rate would read as
 * a reset, not a jump, but the history between two scrapes would be lost) nor counts a report
 * twice.
 *
 * <h2>Format</h2>
 *
 * <p>{@code <data>/state.json}, written to {@code state.json.tmp}, flushed to the disk and renamed
 * over the old one:
 *
 * <pre>
 * {"version":1,"createdMillis":1765100000000,"journal":{"segment":1,"offset":52311},
 *  "labels":{"repo":["shop","billing"]},
 *  "series":[{"name":"gocachectl_go_gets","labels":["shop","","linux","amd64"],"values":[812]}]}
 * </pre>
 *
 * <p>{@code journal} is the place in the {@link ReportJournal} up to which the counters include the
 * reports; the reports after it are counted again from the journal when serve starts. {@code
 * labels} are the label values seen ({@link LabelPolicy}); {@code series} the values in {@link
 * CounterStore}'s layout, labels in the family's order (the report labels first).
 */
final class StateFile {
  static final String FILE = "state.json";
  private static final JsonFactory JSON = new JsonFactory();

  /** What the file holds. */
  record State(
      long createdMillis,
      ReportJournal.Position journal,
      Map<String, List<String>> labels,
      Map<Series, double[]> series) {}

  private StateFile() {}

  static void write(Path dataDir, State s) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeNumberField("version", 1);
      g.writeNumberField("createdMillis", s.createdMillis());
      g.writeObjectFieldStart("journal");
      g.writeNumberField("segment", s.journal().segment());
      g.writeNumberField("offset", s.journal().offset());
      g.writeEndObject();
      g.writeObjectFieldStart("labels");
      for (var e : s.labels().entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        for (String v : e.getValue()) {
          g.writeString(v);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeArrayFieldStart("series");
      for (var e : s.series().entrySet()) {
        g.writeStartObject();
        g.writeStringField("name", e.getKey().family().name());
        g.writeArrayFieldStart("labels");
        for (String v : e.getKey().values()) {
          g.writeString(v);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("values");
        for (double v : e.getValue()) {
          g.writeNumber(v);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    Path tmp = dataDir.resolve(FILE + ".tmp");
    try (FileChannel c =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray());
      while (b.hasRemaining()) {
        c.write(b);
      }
      c.force(true);
    }
    Files.move(
        tmp,
        dataDir.resolve(FILE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Reads the state, or null when there is none yet. Series of families serve no longer has, or
   * with another number of labels (the label names were changed), are left out.
   */
  static State read(Path dataDir, Map<String, Family> families, int userLabels) throws IOException {
    Path f = dataDir.resolve(FILE);
    byte[] b;
    try {
      b = Files.readAllBytes(f);
    } catch (NoSuchFileException e) {
      return null;
    }
    long created = 0;
    ReportJournal.Position pos = new ReportJournal.Position(1, 0);
    Map<String, List<String>> labels = new LinkedHashMap<>();
    Map<Series, double[]> series = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(b)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "createdMillis" -> created = p.getLongValue();
          case "journal" -> {
            long seg = 1;
            long off = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String k = p.currentName();
              p.nextToken();
              if (k.equals("segment")) {
                seg = p.getLongValue();
              } else if (k.equals("offset")) {
                off = p.getLongValue();
              } else {
                p.skipChildren();
              }
            }
            pos = new ReportJournal.Position(seg, off);
          }
          case "labels" -> {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String k = p.currentName();
              p.nextToken();
              labels.put(k, strings(p));
            }
          }
          case "series" -> {
            while (p.nextToken() == JsonToken.START_OBJECT) {
              String fam = null;
              List<String> values = List.of();
              List<Double> nums = new ArrayList<>();
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                p.nextToken();
                switch (k) {
                  case "name" -> fam = p.getText();
                  case "labels" -> values = strings(p);
                  case "values" -> {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                      nums.add(p.getDoubleValue());
                    }
                  }
                  default -> p.skipChildren();
                }
              }
              Family family = families.get(fam);
              if (family != null
                  && values.size() == (family.byUser() ? userLabels : 0) + family.labels().size()
                  && !nums.isEmpty()) {
                double[] d = new double[nums.size()];
                for (int i = 0; i < d.length; i++) {
                  d[i] = nums.get(i);
                }
                series.put(new Series(family, values), d);
              }
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          f
              + " is damaged ("
              + e.getMessage()
              + "); move it away to start the counters afresh from the journal",
          e);
    }
    return new State(created, pos, labels, series);
  }

  private static List<String> strings(JsonParser p) throws IOException {
    List<String> l = new ArrayList<>();
    while (p.nextToken() == JsonToken.VALUE_STRING) {
      l.add(p.getText());
    }
    return List.copyOf(l);
  }
}
