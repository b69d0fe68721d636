import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor for any JVM verify here: a fresh JVM that does nothing but SHA-256 the files of a
 * NUL-separated list on N threads with the JDK's MessageDigest (SHA-NI intrinsic), each file from
 * 64 KiB up mapped, as gocachectl verify does. No walk, no entry parsing, no CLI. bench/verify.sh
 * times it beside verify and openssl.
 *
 * <p>usage: java -cp DIR HashFloor LIST THREADS
 */
public final class HashFloor {
  public static void main(String[] args) throws Exception {
    byte[] raw = Files.readAllBytes(Path.of(args[0]));
    int threads = Integer.parseInt(args[1]);
    List<Path> files = new ArrayList<>();
    for (int i = 0, start = 0; i < raw.length; i++) {
      if (raw[i] == 0) {
        files.add(Path.of(new String(raw, start, i - start)));
        start = i + 1;
      }
    }
    AtomicInteger next = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    byte[] xor = new byte[32];
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      ts.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      MessageDigest md = MessageDigest.getInstance("SHA-256");
                      byte[] buf = new byte[64 << 10];
                      for (int i; (i = next.getAndIncrement()) < files.size(); ) {
                        try (FileChannel ch = FileChannel.open(files.get(i))) {
                          long size = ch.size();
                          if (size >= buf.length) {
                            md.update(ch.map(FileChannel.MapMode.READ_ONLY, 0, size));
                          } else {
                            int n = ch.read(java.nio.ByteBuffer.wrap(buf));
                            md.update(buf, 0, Math.max(0, n));
                          }
                          bytes.addAndGet(size);
                        }
                        byte[] d = md.digest();
                        synchronized (xor) {
                          for (int k = 0; k < d.length; k++) {
                            xor[k] ^= d[k];
                          }
                        }
                      }
                    } catch (Exception e) {
                      throw new RuntimeException(e);
                    }
                  }));
    }
    for (Thread t : ts) {
      t.join();
    }
    System.out.println(
        files.size() + " files, " + bytes.get() + " bytes, xor " + HexFormat.of().formatHex(xor));
  }
}
