package dev.gocachectl.hits;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one go command used the build cache, per mode.
 *
 * @param command the go command's arguments (with the {@code -debug-actiongraph} flag removed)
 * @param exitCode go's exit code
 * @param modes {@code compile}, {@code link}, {@code vet}, {@code test}, in that order
 */
public record HitReport(List<String> command, int exitCode, Map<String, ModeCount> modes) {
  /**
   * One mode's actions: {@code cached} were satisfied without running a tool, {@code ran} ran it
   * ({@code ranPackages} lists their packages once each: go test compiles a package under test
   * twice, with and without its test files), {@code failed} failed, {@code skipped} neither
   * consulted the cache nor ran (a dependency failed).
   */
  public record ModeCount(
      String mode, int cached, int ran, int failed, int skipped, List<String> ranPackages) {
    public ModeCount {
      ranPackages = List.copyOf(ranPackages);
    }

    /** Actions that consulted the cache: cached plus ran. */
    public int actions() {
      return cached + ran;
    }

    /** Cached over actions, 0 to 1; NaN when there were none. */
    public double hitRate() {
      return actions() == 0 ? Double.NaN : (double) cached / actions();
    }
  }

  public HitReport {
    command = List.copyOf(command);
    modes = Collections.unmodifiableMap(new LinkedHashMap<>(modes));
  }
}
