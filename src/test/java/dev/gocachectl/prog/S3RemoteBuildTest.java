package dev.gocachectl.prog;

import dev.gocachectl.cache.OutputId;
import dev.gocachectl.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/** The remote tier on a real S3-compatible server (s3proxy, SigV4, path-style). */
@Tag("slow") // not in the quick run (./test.sh --quick)
class S3RemoteBuildTest extends RemoteBuildTest {
  @Override
  Backend start() {
    S3ProxyServer s3 = S3ProxyServer.start();
    s3.createBucket("builds");
    return new Backend() {
      @Override
      public String url(int port) {
        return s3.url("builds", "ci/go").replace(s3.endpoint(), "http://127.0.0.1:" + port);
      }

      @Override
      public int port() {
        return Integer.parseInt(s3.endpoint().substring(s3.endpoint().lastIndexOf(':') + 1));
      }

      @Override
      public Map<String, String> env() {
        return s3.env();
      }

      @Override
      public void stop() {
        s3.stop();
      }

      @Override
      public void corrupt(OutputId out, Path original) throws IOException {
        overwrite(out, original);
      }

      @Override
      public void close() {
        s3.close();
      }
    };
  }
}
