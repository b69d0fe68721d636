package dev.gocachectl.cli;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheWriter;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.DirHash;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModuleVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The CLI's training run for the JDK 25 AOT cache, as {@code prog.ProtocolAotTraining} is for the
 * protocol path: the launcher runs it once per jar under {@code -XX:AOTCacheOutput}, so that {@code
 * stats}, {@code verify}, {@code trim}, {@code repair}, {@code health} and {@code mod verify} start
 * with their classes loaded and linked and their hot methods already profiled (the JIT compiles
 * them sooner). It works on a synthetic GOCACHE and module cache in a temporary directory; nothing
 * of the user's is read or written. go never runs it.
 */
public final class CommandsAotTraining {
  private static final String MODULE = "example.com/gocachectl/training";
  private static final String VERSION = "v1.0.0";

  private CommandsAotTraining() {}

  public static void main(String[] args) throws IOException {
    Path tmp = Files.createTempDirectory("gocachectl-train-cli");
    try {
      Path cache = writeCache(tmp.resolve("gocache"));
      Path modcache = writeModCache(tmp.resolve("gopath/pkg/mod"));
      Map<String, String> env = new HashMap<>(System.getenv());
      env.put("XDG_CACHE_HOME", tmp.resolve("xdg").toString());
      env.put("GOCACHE", cache.toString());
      env.put("GOMODCACHE", modcache.toString());
      String c = cache.toString();
      String m = modcache.toString();
      List<String[]> runs =
          List.of(
              new String[] {"--version"},
              new String[] {"stats", "--cache", c},
              new String[] {"stats", "--cache", c, "--json"},
              new String[] {"verify", "--cache", c, "--jobs", "2"},
              new String[] {"verify", "--cache", c, "--json"},
              new String[] {"health", "--cache", c},
              new String[] {"repair", "--cache", c, "--dry-run"},
              new String[] {
                "trim", "--cache", c, "--dry-run", "--max-size", "1MiB", "--keep-recent", "0s"
              },
              new String[] {"mod", "verify", "--modcache", m},
              new String[] {"mod", "verify", "--modcache", m, "--json"});
      PrintStream sink =
          new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
      for (String[] run : runs) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(run, sink, new PrintStream(err, true, StandardCharsets.UTF_8), env);
        if (code != ExitCodes.OK) {
          throw new IllegalStateException(
              "training run " + String.join(" ", run) + " exited " + code + ": " + err);
        }
      }
    } finally {
      try (Stream<Path> s = Files.walk(tmp)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * A cache of 64 outputs of 256 KiB (the buffered path) and two of 9 MiB (the mapped path), with
   * their action entries: enough hashing for the profiles of the hot loops.
   */
  private static Path writeCache(Path root) throws IOException {
    CacheWriter writer = new CacheWriter(CacheDir.create(root), Clock.systemUTC());
    Random random = new Random(1);
    for (int i = 0; i < 66; i++) {
      byte[] body = new byte[i < 64 ? 256 << 10 : 9 << 20];
      random.nextBytes(body);
      writer.put(
          new ActionId(Hash.sha256(("training " + i).getBytes(StandardCharsets.UTF_8))), body);
    }
    return root;
  }

  /** One module version, downloaded as go leaves it: zip, .ziphash, .mod, .info and the tree. */
  private static Path writeModCache(Path root) throws IOException {
    ModCache mc = new ModCache(root);
    ModuleVersion mv = ModuleVersion.parse(MODULE, VERSION).orElseThrow();
    Map<String, byte[]> files = new LinkedHashMap<>();
    byte[] goMod = ("module " + MODULE + "\n\ngo 1.24\n").getBytes(StandardCharsets.UTF_8);
    files.put("go.mod", goMod);
    for (int i = 0; i < 32; i++) {
      files.put(
          "pkg" + (i % 4) + "/f" + i + ".go",
          ("package pkg" + (i % 4) + "\n\nconst C" + i + " = " + i + "\n")
              .repeat(200)
              .getBytes(StandardCharsets.UTF_8));
    }
    String prefix = MODULE + "@" + VERSION + "/";
    DirHash hash = new DirHash();
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        z.putNextEntry(new ZipEntry(prefix + f.getKey()));
        z.write(f.getValue());
        z.closeEntry();
        hash.add(prefix + f.getKey(), Hash.sha256(f.getValue()));
        Path p = mc.extracted(mv).resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, f.getValue());
      }
    }
    Path zipFile = mc.file(mv, ModCache.FileKind.ZIP);
    Files.createDirectories(zipFile.getParent());
    Files.write(zipFile, zip.toByteArray());
    Files.writeString(mc.file(mv, ModCache.FileKind.ZIPHASH), hash.sum().toString());
    Files.write(mc.file(mv, ModCache.FileKind.MOD), goMod);
    Files.writeString(
        mc.file(mv, ModCache.FileKind.INFO),
        "{\"Version\":\"" + VERSION + "\",\"Time\":\"2026-01-01T00:00:00Z\"}");
    return root;
  }
}
