package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.Hash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol, byte for byte, on the program's real stdin and stdout: what go sends (as
 * cmd/go/internal/cache/prog.go writes it: object, newline, empty line, base64 body line) and what
 * happens on input go would never send.
 */
@Tag("slow") // not in the quick run (./test.sh --quick)
@Timeout(60)
class ProgProtocolTest {
  static final String HANDSHAKE = "{\"ID\":0,\"KnownCommands\":[\"get\",\"put\",\"close\"]}";

  @TempDir Path tmp;

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static String id(String seed) {
    return Hash.sha256(seed.getBytes(StandardCharsets.UTF_8)).base64();
  }

  static String get(long n, String action) {
    return "{\"ID\":" + n + ",\"Command\":\"get\",\"ActionID\":\"" + action + "\"}\n\n";
  }

  static String put(long n, String action, byte[] body) {
    String head =
        "{\"ID\":"
            + n
            + ",\"Command\":\"put\",\"ActionID\":\""
            + action
            + "\",\"OutputID\":\""
            + Hash.sha256(body).base64()
            + "\"";
    if (body.length == 0) {
      return head + "}\n\n";
    }
    return head + ",\"BodySize\":" + body.length + "}\n\n\"" + b64(body) + "\"\n";
  }

  ProgProcess start() throws Exception {
    ProgProcess p = ProgProcess.start(tmp.resolve("dir"), tmp.resolve("stderr.txt"));
    assertThat(p.line()).isEqualTo(HANDSHAKE);
    return p;
  }

  /** Temporary files in the local tier: a put that ends the session must not leave its own. */
  java.util.List<Path> temporaryFilesLeft() throws java.io.IOException {
    try (var s = Files.walk(tmp.resolve("dir"))) {
      return s.filter(f -> f.getFileName().toString().startsWith(".gocachectl-tmp-")).toList();
    }
  }

  String stderr() throws Exception {
    return Files.readString(tmp.resolve("stderr.txt"));
  }

  @Test
  void putThenGetHitsWithSizeTimeAndAPlainDiskPath() throws Exception {
    byte[] body = "compiled output\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
    String a = id("a");
    try (ProgProcess p = start()) {
      Instant before = Instant.now();
      p.send(get(1, a));
      assertThat(p.line()).isEqualTo("{\"ID\":1,\"Miss\":true}");
      p.send(put(2, a, body));
      String stored = p.line();
      Matcher m = Pattern.compile("\\{\"ID\":2,\"DiskPath\":\"([^\"]+)\"}").matcher(stored);
      assertThat(m.matches()).as(stored).isTrue();
      Path disk = Path.of(m.group(1));
      assertThat(disk).isAbsolute().hasBinaryContent(body);
      assertThat(disk.getFileName().toString()).doesNotContain(".");
      p.send(get(3, a));
      String hit = p.line();
      assertThat(hit)
          .startsWith(
              "{\"ID\":3,\"OutputID\":\""
                  + Hash.sha256(body).base64()
                  + "\",\"Size\":"
                  + body.length)
          .endsWith("\"DiskPath\":\"" + disk + "\"}");
      Matcher t = Pattern.compile("\"Time\":\"([^\"]+)\"").matcher(hit);
      assertThat(t.find()).isTrue();
      assertThat(Instant.parse(t.group(1))).isBetween(before, Instant.now());
      p.send("{\"ID\":4,\"Command\":\"close\"}\n\n");
      assertThat(p.line()).isEqualTo("{\"ID\":4}");
      assertThat(p.finish()).isZero();
      assertThat(disk).exists(); // still there after close: go list -export users open it later
    }
  }

  @Test
  void emptyPutHasNoBodyLine() throws Exception {
    String a = id("empty");
    try (ProgProcess p = start()) {
      p.send(put(1, a, new byte[0]));
      assertThat(p.line())
          .startsWith("{\"ID\":1,\"DiskPath\":\"")
          .endsWith("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855-d\"}");
      p.send(get(2, a));
      assertThat(p.line()).contains("\"Size\":0,");
      assertThat(p.finish()).isZero();
    }
  }

  @Test
  void objectIdOfTheExperimentalProtocolIsAccepted() throws Exception {
    byte[] body = "x".getBytes(StandardCharsets.UTF_8);
    String req =
        "{\"ID\":1,\"Command\":\"put\",\"ActionID\":\""
            + id("o")
            + "\",\"ObjectID\":\""
            + Hash.sha256(body).base64()
            + "\",\"BodySize\":1}\n\n\""
            + b64(body)
            + "\"\n";
    try (ProgProcess p = start()) {
      p.send(req);
      assertThat(p.line()).startsWith("{\"ID\":1,\"DiskPath\":");
      assertThat(p.finish()).isZero();
    }
  }

  @Test
  void putWithAWrongOutputIdIsAnErrorAndIsNotStored() throws Exception {
    byte[] body = "real bytes".getBytes(StandardCharsets.UTF_8);
    String a = id("w");
    String lie = Hash.sha256("other bytes".getBytes(StandardCharsets.UTF_8)).base64();
    String req =
        "{\"ID\":1,\"Command\":\"put\",\"ActionID\":\""
            + a
            + "\",\"OutputID\":\""
            + lie
            + "\",\"BodySize\":"
            + body.length
            + "}\n\n\""
            + b64(body)
            + "\"\n";
    try (ProgProcess p = start()) {
      p.send(req);
      assertThat(p.line())
          .isEqualTo(
              "{\"ID\":1,\"Err\":\"put 1: body hashes to "
                  + Hash.sha256(body).hex()
                  + ", not the OutputID "
                  + Hash.fromBase64(lie).hex()
                  + "; not stored\"}");
      p.send(get(2, a));
      assertThat(p.line()).isEqualTo("{\"ID\":2,\"Miss\":true}");
      assertThat(p.finish()).isZero();
    }
    try (var files = Files.walk(tmp.resolve("dir"))) {
      assertThat(files.filter(f -> f.toString().endsWith("-a"))).isEmpty();
    }
  }

  @Test
  void bodyShorterOrLongerThanBodySizeIsAnError() throws Exception {
    byte[] body = "0123456789".getBytes(StandardCharsets.UTF_8);
    String out = Hash.sha256(body).base64();
    try (ProgProcess p = start()) {
      p.send(
          "{\"ID\":1,\"Command\":\"put\",\"ActionID\":\""
              + id("s")
              + "\",\"OutputID\":\""
              + out
              + "\",\"BodySize\":20}\n\n\""
              + b64(body)
              + "\"\n");
      assertThat(p.line())
          .isEqualTo(
              "{\"ID\":1,\"Err\":\"put 1: body has 10 bytes but BodySize says 20; not stored\"}");
      p.send(
          "{\"ID\":2,\"Command\":\"put\",\"ActionID\":\""
              + id("l")
              + "\",\"OutputID\":\""
              + out
              + "\",\"BodySize\":4}\n\n\""
              + b64(body)
              + "\"\n");
      assertThat(p.line())
          .isEqualTo(
              "{\"ID\":2,\"Err\":\"put 2: body has 10 bytes but BodySize says 4; not stored\"}");
      p.send(get(3, id("s")));
      assertThat(p.line()).isEqualTo("{\"ID\":3,\"Miss\":true}");
      assertThat(p.finish()).isZero();
    }
  }

  @Test
  void malformedLineEndsTheProcessSayingWhatArrived() throws Exception {
    try (ProgProcess p = start()) {
      p.send("{\"ID\":1,\"Command\":\"get\" \"ActionID\":\"x\"}\n\n");
      assertThat(p.line()).isNull();
      assertThat(p.finish()).isEqualTo(2);
    }
    assertThat(stderr())
        .contains(
            "gocachectl prog: malformed request: expected ',' or '}' after field Command, received '\"' at line 1, column 25");
  }

  @Test
  void unknownCommandEndsTheProcessNamingIt() throws Exception {
    try (ProgProcess p = start()) {
      p.send("{\"ID\":7,\"Command\":\"get2\",\"ActionID\":\"" + id("u") + "\"}\n\n");
      assertThat(p.line()).isNull();
      assertThat(p.finish()).isEqualTo(2);
    }
    assertThat(stderr())
        .contains(
            "unknown command \"get2\" in request 7 (this program declared get, put and close)");
  }

  @Test
  void inputEndingInsideABodyEndsTheProcess() throws Exception {
    try (ProgProcess p = start()) {
      p.send(
          "{\"ID\":1,\"Command\":\"put\",\"ActionID\":\""
              + id("t")
              + "\",\"OutputID\":\""
              + id("t")
              + "\",\"BodySize\":300}\n\n\"AAAA");
      assertThat(p.finish()).isEqualTo(2);
    }
    assertThat(stderr()).contains("input ended inside the body of put 1");
    assertThat(temporaryFilesLeft()).isEmpty();
  }

  @Test
  void invalidBase64BodyEndsTheProcess() throws Exception {
    try (ProgProcess p = start()) {
      p.send(
          "{\"ID\":1,\"Command\":\"put\",\"ActionID\":\""
              + id("t")
              + "\",\"OutputID\":\""
              + id("t")
              + "\",\"BodySize\":3}\n\n\"AA*A\"\n");
      assertThat(p.line()).isNull();
      assertThat(p.finish()).isEqualTo(2);
    }
    assertThat(stderr()).contains("body of put 1 is not valid base64");
    assertThat(temporaryFilesLeft()).isEmpty();
  }

  @Test
  void stdinClosedWithRequestsPendingAnswersThemAndExits() throws Exception {
    try (ProgProcess p = start()) {
      StringBuilder many = new StringBuilder();
      for (int i = 1; i <= 50; i++) {
        many.append(get(i, id("p" + i)));
      }
      p.send(many.toString());
      assertThat(p.finish()).isZero(); // go list never sends close: it just exits
      for (int i = 1; i <= 50; i++) {
        assertThat(p.line()).isEqualTo("{\"ID\":" + i + ",\"Miss\":true}");
      }
      assertThat(p.line()).isNull();
    }
  }

  @Test
  void unknownFieldsAndCaseAreToleratedAsGosDecoderDoes() throws Exception {
    try (ProgProcess p = start()) {
      p.send(
          "{\"id\":1,\"command\":\"get\",\"actionid\":\""
              + id("c")
              + "\",\"Future\":{\"a\":[1,2,{\"b\":null}],\"c\":\"d\\\"e\"},\"Flag\":true}\n\n");
      assertThat(p.line()).isEqualTo("{\"ID\":1,\"Miss\":true}");
      assertThat(p.finish()).isZero();
    }
  }

  @Test
  void aDeeplyNestedValueIsRefusedNamingTheLimit() throws Exception {
    try (ProgProcess p = start()) {
      p.send(
          "{\"ID\":1,\"Command\":\"get\",\"ActionID\":\""
              + id("n")
              + "\",\"F\":{\"a\":[[[[[[1]]]]]]}}\n\n"
              + "{\"ID\":2,\"Command\":\"get\",\"X\":"
              + "[".repeat(100_000));
      assertThat(p.line()).isEqualTo("{\"ID\":1,\"Miss\":true}"); // 8 levels: still read
      assertThat(p.finish()).isEqualTo(2);
    }
    assertThat(stderr())
        .contains(
            "gocachectl prog: malformed request: a value nested deeper than 8 levels at line 3,"
                + " column 36")
        .doesNotContain("StackOverflowError");
  }

  @Test
  void jvmMessagesNeverReachTheProtocolStream() throws Exception {
    // a missing AOT cache makes the JVM complain; the launcher's flags send that to stderr
    try (ProgProcess p =
        ProgProcess.start(
            tmp.resolve("dir"),
            tmp.resolve("stderr.txt"),
            "-XX:AOTCache=" + tmp.resolve("none.aot"))) {
      assertThat(p.line()).isEqualTo(HANDSHAKE);
      assertThat(p.finish()).isZero();
    }
    assertThat(stderr()).contains("AOT");
  }

  @Test
  void reportIsAppendedForEachInvocation() throws Exception {
    byte[] body = "r".getBytes(StandardCharsets.UTF_8);
    try (ProgProcess p = start()) {
      p.send(
          get(1, id("r"))
              + put(2, id("r"), body)
              + get(3, id("r"))
              + "{\"ID\":4,\"Command\":\"close\"}\n\n");
      assertThat(p.finish()).isZero();
    }
    var log = StatsLogReader.read(dev.gocachectl.cache.CacheDir.open(tmp.resolve("dir")));
    assertThat(log.entries()).hasSize(1);
    var e = log.entries().getFirst();
    assertThat(e.get("gets")).isEqualTo(2);
    assertThat(e.get("hits")).isEqualTo(1);
    assertThat(e.get("miss.new")).isEqualTo(1);
    assertThat(e.get("puts")).isEqualTo(1);
    assertThat(e.get("bytesWritten")).isEqualTo(1);
    assertThat(e.mode()).isEqualTo("process");
    assertThat(e.command()).contains("java"); // the test JVM started it
    assertThat(Duration.between(e.time(), Instant.now())).isLessThan(Duration.ofMinutes(5));
  }
}
