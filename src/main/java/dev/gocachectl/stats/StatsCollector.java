package dev.gocachectl.stats;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheSnapshot;
import dev.gocachectl.cache.OutputId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes {@link CacheStats} from a snapshot. */
public final class StatsCollector {
  private final Clock clock;
  private final int largest;

  /**
   * @param clock for ages
   * @param largest how many of the largest entries to list
   */
  public StatsCollector(Clock clock, int largest) {
    this.clock = clock;
    this.largest = largest;
  }

  /** Takes a snapshot of {@code dir} and counts it. */
  public CacheStats collect(CacheDir dir, int threads) throws IOException {
    return collect(CacheSnapshot.take(dir, threads));
  }

  /** Counts a snapshot. */
  public CacheStats collect(CacheSnapshot snap) throws IOException {
    long now = clock.millis();
    Map<AgeBucket, long[]> ages = new EnumMap<>(AgeBucket.class);
    for (AgeBucket b : AgeBucket.values()) {
      ages.put(b, new long[2]);
    }
    long actionBytes = 0;
    long malformed = 0;
    long dangling = 0;
    Set<OutputId> referenced = new HashSet<>();
    for (CacheSnapshot.Action a : snap.actions()) {
      actionBytes += a.fileSize();
      add(ages, now - a.mtimeMillis(), a.fileSize());
      ActionEntry e = a.entry();
      if (e == null) {
        malformed++;
        continue;
      }
      referenced.add(e.output());
      if (!snap.outputs().containsKey(e.output())) {
        dangling++;
      }
    }
    long outputBytes = 0;
    long executables = 0;
    long orphans = 0;
    long orphanBytes = 0;
    for (CacheSnapshot.Output o : snap.outputs().values()) {
      outputBytes += o.size();
      add(ages, now - o.mtimeMillis(), o.size());
      if (o.dir()) {
        executables++;
      }
      if (!referenced.contains(o.id())) {
        orphans++;
        orphanBytes += o.size();
      }
    }
    long foreignBytes = snap.foreign().stream().mapToLong(CacheSnapshot.Foreign::size).sum();
    Map<AgeBucket, CacheStats.Band> bands = new EnumMap<>(AgeBucket.class);
    ages.forEach((b, v) -> bands.put(b, new CacheStats.Band(v[0], v[1])));
    return new CacheStats(
        snap.dir().root().toString(),
        snap.actions().size(),
        malformed,
        snap.outputs().size(),
        executables,
        actionBytes + outputBytes + foreignBytes,
        actionBytes,
        outputBytes,
        bands,
        largest(snap),
        dangling,
        orphans,
        orphanBytes,
        snap.foreign().size(),
        foreignBytes,
        readTrimStamp(snap.dir()),
        readTestExpire(snap.dir()));
  }

  private static void add(Map<AgeBucket, long[]> ages, long ageMillis, long bytes) {
    long[] v = ages.get(AgeBucket.of(Duration.ofMillis(ageMillis)));
    v[0]++;
    v[1] += bytes;
  }

  private List<CacheStats.Largest> largest(CacheSnapshot snap) {
    return snap.actions().stream()
        .filter(a -> a.entry() != null && snap.outputs().containsKey(a.entry().output()))
        .sorted(
            Comparator.comparingLong((CacheSnapshot.Action a) -> -a.entry().size())
                .thenComparing(CacheSnapshot.Action::id))
        .limit(largest)
        .map(
            a -> {
              CacheSnapshot.Output o = snap.outputs().get(a.entry().output());
              return new CacheStats.Largest(
                  a.id(),
                  o.id(),
                  a.entry().size(),
                  Instant.ofEpochMilli(Math.max(a.mtimeMillis(), o.mtimeMillis())),
                  OutputKind.sniff(o.path(), o.dir()));
            })
        .toList();
  }

  /** trim.txt: decimal Unix seconds, whitespace allowed (Go trims it before parsing). */
  static Instant readTrimStamp(CacheDir dir) {
    String text = readSmall(dir, CacheDir.TRIM_STAMP);
    if (text == null) {
      return null;
    }
    try {
      return Instant.ofEpochSecond(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** testexpire.txt: decimal Unix nanoseconds and a newline (go test ignores it without one). */
  static Instant readTestExpire(CacheDir dir) {
    String text = readSmall(dir, CacheDir.TEST_EXPIRE);
    if (text == null || !text.endsWith("\n")) {
      return null;
    }
    try {
      long nanos = Long.parseLong(text.strip());
      return Instant.ofEpochSecond(0, nanos);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String readSmall(CacheDir dir, String name) {
    try {
      java.nio.file.Path p = dir.root().resolve(name);
      if (!Files.isRegularFile(p)) {
        return null; // a named pipe there would block the read forever
      }
      byte[] b = Files.readAllBytes(p);
      return b.length > 64 ? null : new String(b, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
