package dev.gocachectl.serve;

import dev.gocachectl.config.ServeConfig;
import dev.gocachectl.config.WatchedCache;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How serve runs.
 *
 * @param listen the address to bind (loopback unless the user says otherwise)
 * @param dataDir where the counters, the report journal and the generated token live
 * @param tokenFile the token writes need, or null for the one kept in {@code dataDir}
 * @param labelNames the report labels that become Prometheus labels
 * @param maxLabelValues distinct values per label before "other"
 * @param maxBodyBytes the largest request body taken
 * @param maxConnections connections open at once (more wait in the kernel's backlog)
 * @param caches the caches whose state is exported
 * @param refresh how often their stats are taken
 * @param verifyEvery how often they are verified (zero: never)
 * @param saveEvery how often the counters are written to the data directory
 * @param dedupWindow the reports remembered, at least, to count a resent one once
 * @param keepSegments journal segments kept (64 MiB each)
 * @param config the rest of the config file: jobs, their targets, history and notifications
 */
public record ServeOptions(
    InetSocketAddress listen,
    Path dataDir,
    Path tokenFile,
    List<String> labelNames,
    int maxLabelValues,
    long maxBodyBytes,
    int maxConnections,
    List<WatchedCache> caches,
    Duration refresh,
    Duration verifyEvery,
    Duration saveEvery,
    int dedupWindow,
    int keepSegments,
    ServeConfig config) {
  public static final int DEFAULT_PORT = 9310;
  public static final long DEFAULT_MAX_BODY = 4L << 20;
  public static final int DEFAULT_MAX_CONNECTIONS = 256;
  public static final int DEFAULT_DEDUP_WINDOW = 500_000;
  public static final List<String> DEFAULT_LABEL_NAMES = LabelPolicy.DEFAULT_NAMES;
  public static final int DEFAULT_MAX_LABEL_VALUES = LabelPolicy.DEFAULT_MAX_VALUES;
}
