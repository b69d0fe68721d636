import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.stores.RemoteStores;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Measures what a store costs a fresh JVM: the time to open it and to answer its first and second
 * request (a miss), in one line. Run it by hand against a running server, with the jar the
 * launcher builds:
 *
 * <pre>
 * ./gocachectl --version &amp;&amp; java -cp target/gocachectl.jar bench/ColdStartProbe.java URL
 * </pre>
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    long main = System.nanoTime();
    Instant jvmStart = ProcessHandle.current().info().startInstant().orElse(Instant.now());
    long sinceJvmStart = Duration.between(jvmStart, Instant.now()).toMillis();
    long t0 = System.nanoTime();
    try (RemoteStore store =
        RemoteStores.open(args[0], RemoteOptions.defaults(), System.getenv())) {
      long opened = System.nanoTime();
      store.getAction(new ActionId(Hash.sha256(new byte[] {1})));
      long first = System.nanoTime();
      store.getAction(new ActionId(Hash.sha256(new byte[] {2})));
      long second = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "%-40s jvm->main %4d ms  open %5.1f ms  first request %6.1f ms  second %5.1f ms"
              + "  main->first answer %6.1f ms%n",
          store.describe(),
          sinceJvmStart,
          (opened - t0) / 1e6,
          (first - opened) / 1e6,
          (second - first) / 1e6,
          (first - main) / 1e6);
    }
    System.exit(0);
  }
}
