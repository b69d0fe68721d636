package dev.gocachectl.serve;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every report serve accepted, in the order it counted them: the write-ahead log under the
 * counters, so that a report acknowledged before serve is killed is counted after it restarts, and
 * the history the {@code /api/reports} read serves.
 *
 * <h2>Format</h2>
 *
 * <p>{@code <data>/reports/<segment>.jsonl}, segments numbered from 1 ({@code %012d}), each up to
 * {@value #SEGMENT_BYTES} bytes; the oldest are removed past {@code keepSegments}. One line per
 * report: the Unix second it arrived, a space, then the report's line as {@code
 * BuildReport.toJsonLine} writes it (which starts with its ID). The reports that arrive together
 * are written as one group: one {@code write} of their lines, then one {@code fdatasync} ({@link
 * #force}), and only then is any of them acknowledged, so an acknowledged report survives a killed
 * serve and a power cut (group commit: one disk flush for all the requests waiting, not one each).
 * A last line without its newline (a write cut short) is cut off when the journal is opened; a
 * group whose write or flush failed is cut off at once ({@link #undo}).
 */
final class ReportJournal implements AutoCloseable {
  static final long SEGMENT_BYTES = 64L << 20;

  /** A place in the journal: a segment and a byte offset in it. */
  record Position(long segment, long offset) implements Comparable<Position> {
    @Override
    public int compareTo(Position o) {
      return segment != o.segment
          ? Long.compare(segment, o.segment)
          : Long.compare(offset, o.offset);
    }
  }

  /** One line read back: where it ends, when it arrived, the report's line. */
  record Line(Position end, long arrived, String report) {}

  private final Path dir;
  private final int keepSegments;
  private long segment;
  private FileChannel out;
  private long offset;
  private long lastStart;

  ReportJournal(Path dataDir, int keepSegments) throws IOException {
    this.dir = Files.createDirectories(dataDir.resolve("reports"));
    this.keepSegments = keepSegments;
    List<Long> segs = segments();
    segment = segs.isEmpty() ? 1 : segs.getLast();
    open();
  }

  private void open() throws IOException {
    Path f = file(segment);
    out = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    long size = out.size();
    long good = lastNewline(f, size);
    if (good < size) {
      out.truncate(good); // a torn last line: it was never acknowledged
    }
    offset = good;
    out.position(offset);
  }

  /** The length up to and including the last newline. */
  private static long lastNewline(Path f, long size) throws IOException {
    try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
      for (long p = size - 1; p >= 0; p--) {
        r.seek(p);
        if (r.read() == '\n') {
          return p + 1;
        }
      }
    }
    return 0;
  }

  Path file(long seg) {
    return dir.resolve(String.format("%012d.jsonl", seg));
  }

  List<Long> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d{12}\\.jsonl"))
          .map(n -> Long.parseLong(n.substring(0, 12)))
          .sorted()
          .toList();
    }
  }

  /**
   * Appends whole journal lines ({@code <arrived> <report line>}) with one write, in the current
   * segment (a new one once it is past {@link #SEGMENT_BYTES}); returns the position after them.
   * Not on disk until {@link #force}.
   */
  synchronized Position append(ByteBuffer lines) throws IOException {
    if (offset >= SEGMENT_BYTES) {
      out.close();
      segment++;
      open();
      List<Long> segs = segments();
      for (int i = 0; i < segs.size() - keepSegments; i++) {
        Files.deleteIfExists(file(segs.get(i)));
      }
    }
    lastStart = offset;
    while (lines.hasRemaining()) {
      offset += out.write(lines);
    }
    return new Position(segment, offset);
  }

  /** Flushes what was appended to the disk (the data, not the file's times). */
  synchronized void force() throws IOException {
    out.force(false);
  }

  /** Cuts off what the last {@link #append} wrote (a group not acknowledged). */
  synchronized void undo() throws IOException {
    out.truncate(lastStart);
    out.position(lastStart);
    offset = lastStart;
  }

  synchronized Position position() {
    return new Position(segment, offset);
  }

  /** Calls {@code each} for every line in the retained segments, oldest first. */
  void forEach(IoConsumer<Line> each) throws IOException {
    for (long seg : segments()) {
      long pos = 0;
      List<String> lines;
      try {
        lines = Files.readAllLines(file(seg), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        continue;
      }
      for (String l : lines) {
        pos += l.getBytes(StandardCharsets.UTF_8).length + 1;
        int sp = l.indexOf(' ');
        if (sp <= 0) {
          continue;
        }
        long arrived;
        try {
          arrived = Long.parseLong(l.substring(0, sp));
        } catch (NumberFormatException e) {
          continue;
        }
        each.accept(new Line(new Position(seg, pos), arrived, l.substring(sp + 1)));
      }
    }
  }

  /** The newest {@code n} report lines, newest first. */
  synchronized List<String> newest(int n) throws IOException {
    List<String> out = new ArrayList<>();
    List<Long> segs = segments();
    for (int i = segs.size() - 1; i >= 0 && out.size() < n; i--) {
      List<String> lines;
      try {
        lines = tail(file(segs.get(i)), n - out.size());
      } catch (NoSuchFileException e) {
        continue;
      }
      for (int k = lines.size() - 1; k >= 0 && out.size() < n; k--) {
        String l = lines.get(k);
        int sp = l.indexOf(' ');
        if (sp > 0) {
          out.add(l.substring(sp + 1));
        }
      }
    }
    return out;
  }

  private static List<String> tail(Path f, int n) throws IOException {
    try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
      long size = r.length();
      long want = Math.min(size, (long) n * 8192);
      byte[] b = new byte[(int) want];
      r.seek(size - want);
      r.readFully(b);
      String s = new String(b, StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(s.split("\n")));
      if (want < size && !lines.isEmpty()) {
        lines.removeFirst(); // cut in the middle
      }
      return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  /** A consumer that may throw an IOException. */
  interface IoConsumer<T> {
    void accept(T t) throws IOException;
  }
}
