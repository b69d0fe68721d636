package dev.gocachectl.mod.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.mod.GoFlags;
import dev.gocachectl.mod.MainModule;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.sumdb.SumdbConfig;
import dev.gocachectl.mod.zip.ZipDirectory;
import dev.gocachectl.mod.zip.ZipEntryInfo;
import dev.gocachectl.testing.FixtureModules;
import dev.gocachectl.testing.FixtureVersion;
import dev.gocachectl.testing.ModWorld;
import dev.gocachectl.testing.SumdbServer;
import dev.gocachectl.verify.VerifyProgress;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mod verify against {@code go mod verify} on a module cache the real go filled through the fixture
 * GOPROXY and checksum database. Each test damages a copy of that cache one way; go judges the
 * copy, gocachectl must flag every module go flags (with go's own message where go mod verify
 * prints one) and must also flag the damage go mod verify never looks at.
 */
class ModVerifyRealGoTest {
  static final String ALPHA = "example.com/alpha@v1.1.0";
  static final List<String> DEPS =
      List.of(
          ALPHA,
          "example.com/Upper/beta@v1.2.0",
          "example.com/delta/v2@v2.1.0",
          "example.com/gamma@v2.0.0+incompatible");

  @TempDir static Path shared;
  static ModWorld world;
  static Path consumer;

  @TempDir Path tmp;
  Path cache;
  Path module;

  @BeforeAll
  static void download() {
    world = new ModWorld(shared);
    consumer = world.consumer("consumer", DEPS.stream().map(FixtureModules::get).toList());
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @BeforeEach
  void copyOfTheCache() {
    cache = ModWorld.copyTree(world.modCache, tmp.resolve("mod"));
    module = ModWorld.copyTree(consumer, tmp.resolve("consumer"));
  }

  @org.junit.jupiter.api.AfterEach
  void unlock() {
    ModWorld.unlock(tmp);
  }

  /** go mod verify's complaints, one per line (empty when all verified). */
  Set<String> goModVerify() throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("GOMODCACHE", cache.toString());
    env.put("GOPROXY", "off");
    GoTool.Result r = world.go(env).run(module, List.of("mod", "verify"));
    if (r.ok()) {
      assertThat(r.stdout()).isEqualTo("all modules verified\n");
      return Set.of();
    }
    return r.stderr().lines().collect(Collectors.toCollection(TreeSet::new));
  }

  ModVerifyReport verify(boolean withGoSum) throws IOException {
    Optional<MainModule> main =
        withGoSum
            ? Optional.of(MainModule.read(module, goEnv(), new GoFlags("")))
            : Optional.empty();
    ModVerifyOptions o = new ModVerifyOptions(2, Duration.ZERO, SumdbServer.NAME);
    return new ModVerifier(o, Clock.systemUTC())
        .verify(new ModCache(cache), main, VerifyProgress.NONE);
  }

  Map<String, String> goEnv() {
    Map<String, String> e = new HashMap<>(world.env());
    e.put("PATH", System.getenv("PATH"));
    e.put("GOMODCACHE", cache.toString());
    return e;
  }

  /** Every line go printed is the goVerify of a finding, and only those. */
  static void agreesWithGo(ModVerifyReport r, Set<String> go) {
    Set<String> ours =
        r.findings().stream()
            .map(ModFinding::goVerify)
            .filter(s -> s != null)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(ours).isEqualTo(go);
  }

  static List<String> kinds(ModVerifyReport r) {
    return r.findings().stream().map(f -> f.kind().id() + " " + f.module()).sorted().toList();
  }

  Path tree(String mv) {
    return cache.resolve(
        ModuleVersion.parse(mv).orElseThrow().escapedPath()
            + "@"
            + mv.substring(mv.lastIndexOf('@') + 1));
  }

  Path download(String mv, String ext) {
    ModuleVersion m = ModuleVersion.parse(mv).orElseThrow();
    return cache.resolve("cache/download/" + m.escapedPath() + "/@v/" + m.escapedVersion() + ext);
  }

  static void write(Path p, String content) throws IOException {
    ModWorld.writable(p);
    p.toFile().setWritable(true);
    Files.writeString(p, content);
  }

  @Test
  void aCacheGoDownloadedIsCleanForBoth() throws IOException {
    assertThat(goModVerify()).isEmpty();
    ModVerifyReport all = verify(false);
    assertThat(all.findings()).isEmpty();
    assertThat(all.versions()).isGreaterThanOrEqualTo(DEPS.size());
    assertThat(all.zips()).isEqualTo(DEPS.size());
    ModVerifyReport withSum = verify(true);
    assertThat(withSum.findings()).isEmpty();
  }

  @Test
  void anEditedFileIsTreeModifiedAsGoSays() throws IOException {
    write(tree(ALPHA).resolve("alpha.go"), "package alpha\n\nconst V = 99\n");
    Set<String> go = goModVerify();
    assertThat(go).hasSize(1).allMatch(l -> l.contains("dir has been modified"));
    ModVerifyReport r = verify(true);
    agreesWithGo(r, go);
    assertThat(kinds(r)).containsExactly("tree-modified " + ALPHA);
    assertThat(r.findings().getFirst().found()).contains("modified " + ALPHA + "/alpha.go");
  }

  @Test
  void addedAndRemovedFilesAreNamed() throws IOException {
    Path t = tree("example.com/Upper/beta@v1.2.0");
    ModWorld.writable(t.resolve("x"));
    t.toFile().setWritable(true);
    Files.writeString(t.resolve(".DS_Store"), "junk");
    Files.delete(t.resolve("go.mod"));
    Set<String> go = goModVerify();
    ModVerifyReport r = verify(false);
    agreesWithGo(r, go);
    assertThat(r.findings().getFirst().found())
        .contains("added example.com/Upper/beta@v1.2.0/.DS_Store")
        .contains("missing example.com/Upper/beta@v1.2.0/go.mod");
  }

  @Test
  void aDamagedZipIsFlaggedWhereGoFlagsIt() throws IOException {
    Path zip = download(ALPHA, ".zip");
    byte[] b = Files.readAllBytes(zip);
    ZipEntryInfo first = ZipDirectory.read(MemorySegment.ofArray(b)).getFirst();
    int data = (int) first.localHeaderOffset() + 30 + first.rawName().length;
    b[data + 2] ^= 0x55;
    ModWorld.writable(zip);
    Files.write(zip, b);
    Set<String> go = goModVerify();
    assertThat(go).hasSize(1);
    ModVerifyReport r = verify(false);
    assertThat(r.findings()).isNotEmpty().allMatch(f -> f.module().toString().equals(ALPHA));
    assertThat(r.findings().stream().filter(f -> f.goVerify() != null).count()).isEqualTo(1);
    assertThat(kinds(r)).containsExactly("zip-invalid " + ALPHA);
  }

  @Test
  void aLocalHeaderNameGoNeverReadsIsNoDamage() throws IOException {
    // Go reads names from the central directory only; so does gocachectl.
    Path zip = download(ALPHA, ".zip");
    byte[] b = Files.readAllBytes(zip);
    b[32] ^= 0x01;
    ModWorld.writable(zip);
    Files.write(zip, b);
    assertThat(goModVerify()).isEmpty();
    assertThat(verify(false).findings()).isEmpty();
  }

  @Test
  void aReplacedVersionThatGoModVerifyMissesIsCaught() throws IOException {
    // Zip, .ziphash and tree replaced consistently: go mod verify is satisfied; go.sum and the
    // checksum database record go cached are not, and every go build fails on it.
    FixtureVersion real = FixtureModules.get(ALPHA);
    FixtureVersion evil =
        new FixtureVersion(
            real.module(),
            Map.of(
                "go.mod",
                real.files().get("go.mod"),
                "alpha.go",
                "package alpha\n\nconst V = 666\n"),
            real.time(),
            List.of());
    ModWorld.writable(download(ALPHA, ".zip"));
    Files.write(download(ALPHA, ".zip"), evil.zip());
    Files.writeString(download(ALPHA, ".ziphash"), evil.zipH1().text());
    Path t = tree(ALPHA);
    t.toFile().setWritable(true);
    for (Path f : Files.list(t).toList()) {
      if (Files.isDirectory(f)) {
        ModWorld.unlock(f);
        try (var w = Files.walk(f)) {
          for (Path x : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(x);
          }
        }
      } else {
        Files.delete(f);
      }
    }
    Files.writeString(t.resolve("go.mod"), real.files().get("go.mod"));
    Files.writeString(t.resolve("alpha.go"), "package alpha\n\nconst V = 666\n");
    assertThat(goModVerify()).isEmpty();
    GoTool.Result build =
        world
            .go(Map.of("GOMODCACHE", cache.toString(), "GOPROXY", "off"))
            .run(module, List.of("mod", "download", "example.com/alpha"));
    assertThat(build.ok()).isFalse();
    assertThat(build.stderr()).contains("checksum mismatch").contains("SECURITY ERROR");
    assertThat(kinds(verify(false))).containsExactly("zip-hash-mismatch " + ALPHA);
    assertThat(kinds(verify(true)))
        .containsExactly("gosum-mismatch " + ALPHA, "zip-hash-mismatch " + ALPHA);
  }

  @Test
  void anEditedModFileFailsGoAndIsFlagged() throws IOException {
    write(
        download(ALPHA, ".mod"),
        "module example.com/alpha\n\ngo 1.21\n\nrequire example.com/evil v1.0.0\n");
    Set<String> go = goModVerify();
    assertThat(String.join("\n", go)).contains("checksum mismatch");
    ModVerifyReport r = verify(true);
    assertThat(kinds(r))
        .containsExactly(
            "gosum-mismatch " + ALPHA, "mod-hash-mismatch " + ALPHA, "mod-hash-mismatch " + ALPHA);
  }

  @Test
  void anEditedGoSumLineIsWhatGoModVerifyNeverChecks() throws IOException {
    Path sum = module.resolve("go.sum");
    String h = FixtureModules.get(ALPHA).zipH1().text();
    Files.writeString(
        sum, Files.readString(sum).replace(h, "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    assertThat(goModVerify()).isEmpty();
    ModVerifyReport r = verify(true);
    assertThat(kinds(r)).containsExactly("gosum-mismatch " + ALPHA);
    GoTool.Result build =
        world
            .go(Map.of("GOMODCACHE", cache.toString(), "GOPROXY", "off"))
            .run(module, List.of("build", "./..."));
    assertThat(build.stderr()).contains("checksum mismatch");
  }

  @Test
  void debrisOfInterruptedDownloads() throws IOException {
    Files.writeString(download(ALPHA, ".partial"), "");
    Files.delete(download("example.com/delta/v2@v2.1.0", ".ziphash"));
    Files.write(download("example.com/gamma@v2.0.0+incompatible", ".ziphash"), new byte[47]);
    Set<String> go = goModVerify();
    ModVerifyReport r = verify(false);
    assertThat(kinds(r))
        .containsExactly(
            "partial-download " + ALPHA,
            "partial-download example.com/delta/v2@v2.1.0",
            "partial-download example.com/gamma@v2.0.0+incompatible");
    Set<String> goModules =
        go.stream().map(l -> l.substring(0, l.indexOf(':'))).collect(Collectors.toSet());
    assertThat(goModules)
        .containsExactlyInAnyOrder(
            "example.com/delta/v2 v2.1.0", "example.com/gamma v2.0.0+incompatible");
    assertThat(go).anyMatch(l -> r.findings().stream().anyMatch(f -> l.equals(f.goVerify())));
  }

  @Test
  void repairRemovesOnlyTheBrokenVersionAndGoDownloadsItAgain() throws IOException {
    write(tree(ALPHA).resolve("alpha.go"), "package alpha\n\nconst V = 99\n");
    ModVerifyReport r = verify(false);
    List<ModRepairer.Removal> removed = ModRepairer.repair(new ModCache(cache), r);
    assertThat(removed).extracting(x -> x.module().toString()).containsExactly(ALPHA);
    assertThat(tree(ALPHA)).doesNotExist();
    assertThat(download(ALPHA, ".zip")).doesNotExist();
    assertThat(tree("example.com/Upper/beta@v1.2.0")).exists();
    assertThat(Files.readString(download(ALPHA, "").getParent().resolve("list")))
        .doesNotContain("v1.1.0");
    Map<String, String> env = new HashMap<>();
    env.put("GOMODCACHE", cache.toString());
    GoTool.Result again = world.go(env).run(module, List.of("mod", "download"));
    assertThat(again.ok()).as(again.stderr()).isTrue();
    assertThat(goModVerify()).isEmpty();
    assertThat(verify(true).findings()).isEmpty();
  }

  @Test
  void zipDirectoryEntriesMakeGoModVerifyFailForever(@TempDir Path other) throws IOException {
    try (ModWorld w = new ModWorld(other)) {
      Path c = w.consumer("c", List.of(FixtureModules.get("example.com/dirs@v1.0.0")));
      GoTool.Result go = w.run(c, "mod", "verify");
      assertThat(go.ok()).isFalse();
      ModVerifyReport r =
          new ModVerifier(new ModVerifyOptions(1, Duration.ZERO, null), Clock.systemUTC())
              .verify(new ModCache(w.modCache), Optional.empty(), VerifyProgress.NONE);
      agreesWithGo(r, go.stderr().lines().collect(Collectors.toSet()));
      assertThat(r.findings().getFirst().found()).contains("golang/go#53448");
      // A new download makes the same tree: repair reports it and leaves it, run after run.
      assertThat(kinds(r)).containsExactly("zip-directory-entries example.com/dirs@v1.0.0");
      assertThat(ModRepairer.repair(new ModCache(w.modCache), r)).isEmpty();
      assertThat(w.modCache.resolve("example.com/dirs@v1.0.0/sub/x.txt")).exists();
      assertThat(w.run(c, "build", "./...").ok()).isTrue();
    }
  }

  @Test
  void aTreeFileThatFailsToReadIsAnErrorAndNothingIsRemoved() throws IOException {
    // Reading /proc/self/mem at offset 0 fails with EIO, whoever runs the test (root included).
    Path t = tree(ALPHA);
    ModWorld.writable(t.resolve("x"));
    t.toFile().setWritable(true);
    Files.createSymbolicLink(t.resolve("unreadable.go"), Path.of("/proc/self/mem"));
    assertThatThrownBy(() -> verify(false))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot read the extracted tree of " + ALPHA)
        .hasMessageContaining("unreadable.go")
        .hasMessageContaining("nothing was judged or removed");
    Map<String, String> env = new HashMap<>(goEnv());
    dev.gocachectl.testing.Cli.Run r =
        dev.gocachectl.testing.Cli.run(Clock.systemUTC(), env, "mod", "verify", "--repair");
    assertThat(r.exit()).as(r.out()).isEqualTo(2);
    assertThat(r.out()).doesNotContain("removed");
    assertThat(t.resolve("alpha.go")).exists();
  }

  @Test
  void aZipWhoseEntriesShareBytesIsReportedWithoutInflatingThem() throws IOException {
    Path zip = download(ALPHA, ".zip");
    ModWorld.writable(zip);
    int copies = 100;
    byte[] bomb = sharedEntryZip(ALPHA + "/f", 4 << 20, copies);
    Files.write(zip, bomb);
    ModVerifyReport r = verify(false);
    assertThat(r.findings())
        .filteredOn(f -> f.kind() == ModFindingKind.ZIP_INVALID)
        .singleElement()
        .satisfies(f -> assertThat(f.found()).contains("share bytes"));
    assertThat(r.bytesHashed()).isLessThan((long) copies * (4 << 20) / 10);
  }

  /**
   * A zip of one stored entry of {@code size} bytes and {@code copies} central records, each with
   * its own name, all pointing at that one entry: {@code copies * size} bytes of content.
   */
  static byte[] sharedEntryZip(String namePrefix, int size, int copies) {
    byte[] data = new byte[size];
    java.util.Arrays.fill(data, (byte) 'a');
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    byte[] first = (namePrefix + "000").getBytes(StandardCharsets.UTF_8);
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(30 + first.length + size + copies * (46 + first.length) + 22)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 0);
    b.putInt(0).putInt((int) crc.getValue()).putInt(size).putInt(size);
    b.putShort((short) first.length).putShort((short) 0).put(first).put(data);
    int cd = b.position();
    for (int i = 0; i < copies; i++) {
      byte[] name = String.format("%s%03d", namePrefix, i).getBytes(StandardCharsets.UTF_8);
      b.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0);
      b.putShort((short) 0).putInt(0).putInt((int) crc.getValue()).putInt(size).putInt(size);
      b.putShort((short) name.length).putShort((short) 0).putShort((short) 0);
      b.putShort((short) 0).putShort((short) 0).putInt(0).putInt(0).put(name);
    }
    int cdSize = b.position() - cd;
    b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
    b.putShort((short) copies).putShort((short) copies).putInt(cdSize).putInt(cd);
    b.putShort((short) 0);
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  @Test
  void unchangedZipsAreNotInflatedAgainButChangedOnesAre() throws IOException {
    Path file = tmp.resolve("verdicts");
    ModVerifyOptions remember =
        new ModVerifyOptions(2, Duration.ZERO, SumdbServer.NAME, file, false);
    ModVerifier v = new ModVerifier(remember, Clock.systemUTC());
    ModCache c = new ModCache(cache);
    assertThat(v.verify(c, Optional.empty(), VerifyProgress.NONE).zipsReused()).isZero();
    assertThat(Files.readAllLines(file))
        .hasSize(1 + DEPS.size())
        .first()
        .isEqualTo(ZipVerdicts.HEADER);
    ModVerifyReport again = v.verify(c, Optional.empty(), VerifyProgress.NONE);
    assertThat(again.zipsReused()).isEqualTo(DEPS.size());
    assertThat(again.findings()).isEmpty();
    // A changed tree is still named file by file (the zip is then inflated after all).
    write(tree(ALPHA).resolve("alpha.go"), "package alpha\n\nconst V = 99\n");
    ModVerifyReport tree = v.verify(c, Optional.empty(), VerifyProgress.NONE);
    assertThat(kinds(tree)).containsExactly("tree-modified " + ALPHA);
    assertThat(tree.findings().getFirst().found()).contains("modified " + ALPHA + "/alpha.go");
    // A changed zip has other bytes, so no verdict applies: it is inflated and found out.
    Path zip = download(ALPHA, ".zip");
    FixtureVersion real = FixtureModules.get(ALPHA);
    ModWorld.writable(zip);
    Files.write(
        zip,
        new FixtureVersion(
                real.module(),
                Map.of("go.mod", "module example.com/alpha\n"),
                real.time(),
                List.of())
            .zip());
    assertThat(kinds(v.verify(c, Optional.empty(), VerifyProgress.NONE)))
        .contains("zip-hash-mismatch " + ALPHA, "mod-hash-mismatch " + ALPHA);
    ModVerifyOptions rehash = new ModVerifyOptions(2, Duration.ZERO, SumdbServer.NAME, file, true);
    assertThat(
            new ModVerifier(rehash, Clock.systemUTC())
                .verify(c, Optional.empty(), VerifyProgress.NONE)
                .zipsReused())
        .isZero();
  }

  @Test
  void sumdbNameComesFromGosumdb() {
    assertThat(SumdbConfig.nameOf(SumdbServer.key())).contains(SumdbServer.NAME);
    assertThat(new String(new byte[0], StandardCharsets.UTF_8)).isEmpty();
  }
}
