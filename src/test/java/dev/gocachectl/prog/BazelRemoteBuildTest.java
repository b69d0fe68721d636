package dev.gocachectl.prog;

import dev.gocachectl.cache.OutputId;
import dev.gocachectl.testing.BazelRemoteServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;

/**
 * The remote tier on a real, unmodified bazel-remote (HTTP API, ActionResult validation on). Its
 * CAS refuses bytes that do not hash to their key, so the corruption is done where it happens in
 * life: in the server's own files on disk.
 */
@Tag("slow") // not in the quick run (./test.sh --quick)
class BazelRemoteBuildTest extends RemoteBuildTest {
  @Override
  Backend start() {
    BazelRemoteServer br = BazelRemoteServer.start();
    return new Backend() {
      @Override
      public String url(int port) {
        return "http://127.0.0.1:" + port;
      }

      @Override
      public int port() {
        return br.port();
      }

      @Override
      public Map<String, String> env() {
        return Map.of();
      }

      @Override
      public void stop() {
        br.stop();
      }

      @Override
      public void corrupt(OutputId out, Path original) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(br.cacheDir())) {
          files =
              s.filter(p -> p.getFileName().toString().startsWith(out.hex()))
                  .filter(Files::isRegularFile)
                  .toList();
        }
        if (files.isEmpty()) {
          throw new IOException(
              "bazel-remote holds no file for " + out.hex() + " in " + br.cacheDir());
        }
        for (Path f : files) {
          try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            for (long at = r.length() / 3; at < r.length(); at += 997) {
              r.seek(at);
              int b = r.read();
              r.seek(at);
              r.write(b ^ 0x5a);
            }
          }
        }
      }

      @Override
      public String corruptionCounter() {
        return "errors"; // bazel-remote notices its damaged file and fails the GET
      }

      @Override
      public void close() {
        br.close();
      }
    };
  }
}
