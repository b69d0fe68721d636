package dev.gocachectl.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.testing.WarmCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stats on a real cache agree with a plain walk of the directory. */
class StatsRealCacheTest {
  @TempDir Path tmp;

  @Test
  void countsMatchTheFilesOnDisk() throws IOException {
    Path cache = WarmCache.copyTo(tmp.resolve("gocache"));
    List<Path> files;
    try (Stream<Path> s = Files.walk(cache, 2)) {
      files = s.filter(p -> cache.relativize(p).getNameCount() == 2).toList();
    }
    long actions = files.stream().filter(p -> p.toString().endsWith("-a")).count();
    long outputs = files.stream().filter(p -> p.toString().endsWith("-d")).count();
    long bytes = 0;
    for (Path p : files) {
      if (Files.isRegularFile(p)) {
        bytes += Files.size(p);
      } else if (Files.isDirectory(p)) {
        try (Stream<Path> in = Files.list(p)) {
          for (Path q : in.toList()) {
            bytes += Files.size(q);
          }
        }
      }
    }
    CacheStats s = new StatsCollector(Clock.systemUTC(), 3).collect(CacheDir.open(cache), 2);
    assertThat(s.actions()).isEqualTo(actions).isGreaterThan(100);
    assertThat(s.outputs()).isEqualTo(outputs);
    assertThat(s.actionBytes() + s.outputBytes()).isEqualTo(bytes);
    assertThat(s.executables()).isEqualTo(1);
    assertThat(s.dangling()).isZero();
    assertThat(s.foreign()).isZero();
    assertThat(s.largest()).hasSize(3);
    assertThat(s.largest().getFirst().size()).isGreaterThanOrEqualTo(s.largest().get(1).size());
    assertThat(s.largest())
        .extracting(CacheStats.Largest::kind)
        .allMatch(k -> !k.equals("unreadable"));
    long ageFiles = s.ages().values().stream().mapToLong(CacheStats.Band::files).sum();
    assertThat(ageFiles).isEqualTo(actions + outputs);
  }
}
