package dev.gocachectl.doctor;

import dev.gocachectl.gotool.Executables;
import dev.gocachectl.gotool.QuotedFields;
import dev.gocachectl.mod.JsonTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A conformance run of a GOCACHEPROG program (D20), started as go starts it ({@code
 * cmd/go/internal/cache/prog.go}): GOCACHEPROG split by {@link QuotedFields}, the first field
 * looked up on go's PATH, the rest its arguments, go's environment, JSON requests on its standard
 * input and JSON responses on its standard output ({@code cmd/go/internal/cacheprog}).
 *
 * <p>The exchange: the program's unprompted handshake ({@code ID} 0 with {@code KnownCommands}); a
 * {@code put} of a small random body under a random action ID (the request line, then the body as a
 * base64 JSON string on the next line), answered with the {@code DiskPath} holding the body; a
 * {@code get} of that action ID, answered with the same {@code OutputID}, {@code Size}, an RFC 3339
 * {@code Time} (optional) and a {@code DiskPath} holding the body; {@code close}, answered, after
 * which the program must exit once its standard input is closed. Each step has a deadline; go's own
 * messages are quoted where go would fail with one. The probe entry stays in the program's cache.
 */
final class CacheProgProbe {
  /** The most of one response line kept; go's own responses are a few hundred bytes. */
  private static final int MAX_LINE = 1 << 20;

  private static final Duration SLOW_HANDSHAKE = Duration.ofSeconds(2);
  private static final String EOF = "\u0000eof";

  private final Duration timeout;

  CacheProgProbe(Duration timeout) {
    this.timeout = timeout;
  }

  /** Thrown by a step that failed: the finding says how. */
  private static final class StepFailed extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Finding finding;

    StepFailed(Finding finding) {
      super(finding.evidence(), null, false, false);
      this.finding = finding;
    }
  }

  ProgConformance run(String gocacheprog, Map<String, String> env, Path workDir) {
    // What findings show: a token on the command line never reaches a report or a CI log.
    String shown = RunnerSnapshot.redact(gocacheprog);
    List<Finding> findings = new ArrayList<>();
    List<String> argv;
    try {
      argv = QuotedFields.split(gocacheprog);
    } catch (IllegalArgumentException e) {
      findings.add(
          finding(
              FindingId.CACHEPROG_SPLIT,
              Severity.BREAKS_BUILD,
              "GOCACHEPROG=" + shown,
              "go fails: \"GOCACHEPROG args: " + e.getMessage() + "\".",
              "close the quote: go splits GOCACHEPROG at spaces, with '...' or \"...\" around"
                  + " a field that holds spaces (no escapes)"));
      return new ProgConformance(
          List.of(shown), List.of(), -1, -1, -1, -1, Optional.empty(), findings);
    }
    String name = argv.isEmpty() ? "" : argv.getFirst();
    Optional<Path> exe = Executables.lookPath(name, env, workDir);
    if (exe.isEmpty()) {
      findings.add(
          finding(
              FindingId.CACHEPROG_START,
              Severity.BREAKS_BUILD,
              "GOCACHEPROG=" + shown + ": " + name + " is not an executable file on PATH",
              "go fails: \"error starting GOCACHEPROG program \\\""
                  + name
                  + "\\\": exec: \\\""
                  + name
                  + "\\\": executable file not found in $PATH\".",
              "install the program or give its absolute path"));
      return new ProgConformance(argv, List.of(), -1, -1, -1, -1, Optional.empty(), findings);
    }
    List<String> cmd = new ArrayList<>(argv);
    cmd.set(0, exe.get().toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      findings.add(
          finding(
              FindingId.CACHEPROG_START,
              Severity.BREAKS_BUILD,
              "GOCACHEPROG=" + shown + ": " + e.getMessage(),
              "go fails: \"error starting GOCACHEPROG program\".",
              "make " + exe.get() + " executable by this user"));
      return new ProgConformance(argv, List.of(), -1, -1, -1, -1, Optional.empty(), findings);
    }
    StringBuilder stderr = new StringBuilder();
    Thread err = Thread.ofVirtual().start(() -> drain(p.getErrorStream(), stderr));
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread.ofVirtual().start(() -> readLines(p.getInputStream(), lines));
    Session s = new Session(p, lines, stderr, shown);
    try {
      return s.converse(argv, findings);
    } finally {
      p.destroyForcibly();
      err.interrupt();
    }
  }

  private final class Session {
    private final Process p;
    private final BlockingQueue<String> lines;
    private final StringBuilder stderr;
    private final String prog;
    private final OutputStream in;
    private List<String> known = List.of();
    private long handshake = -1;
    private long put = -1;
    private long get = -1;
    private long close = -1;
    private Optional<Path> diskPath = Optional.empty();

    Session(Process p, BlockingQueue<String> lines, StringBuilder stderr, String prog) {
      this.p = p;
      this.lines = lines;
      this.stderr = stderr;
      this.prog = prog;
      this.in = p.getOutputStream();
    }

    ProgConformance converse(List<String> argv, List<Finding> findings) {
      try {
        long t = System.nanoTime();
        Map<String, Object> hello = await(0, FindingId.CACHEPROG_HANDSHAKE, "the handshake");
        handshake = ms(t);
        known = strings(hello.get("KnownCommands"), FindingId.CACHEPROG_HANDSHAKE);
        if (known.isEmpty()) {
          throw new StepFailed(
              finding(
                  FindingId.CACHEPROG_HANDSHAKE,
                  Severity.BREAKS_BUILD,
                  "handshake " + JsonText.clip(hello.toString()) + " lists no KnownCommands",
                  "go fails: \"GOCACHEPROG " + prog + " declared no supported commands\".",
                  "answer with {\"ID\":0,\"KnownCommands\":[\"get\",\"put\",\"close\"]} at start"));
        }
        if (handshake > SLOW_HANDSHAKE.toMillis()) {
          findings.add(
              finding(
                  FindingId.CACHEPROG_SLOW,
                  Severity.SLOWS,
                  "the handshake took " + handshake + " ms",
                  "every go command waits that long before its first cache lookup.",
                  "start faster: answer the handshake before connecting to remote tiers"));
        }
        byte[] body = new byte[48];
        new SecureRandom().nextBytes(body);
        byte[] actionId =
            sha256(
                ("gocachectl doctor probe\n" + Arrays.toString(body))
                    .getBytes(StandardCharsets.UTF_8));
        byte[] outputId = sha256(body);
        if (known.contains("put")) {
          t = System.nanoTime();
          send(
              "{\"ID\":1,\"Command\":\"put\",\"ActionID\":\""
                  + b64(actionId)
                  + "\",\"OutputID\":\""
                  + b64(outputId)
                  + "\",\"BodySize\":"
                  + body.length
                  + "}\n\""
                  + b64(body)
                  + "\"\n");
          Map<String, Object> r = await(1, FindingId.CACHEPROG_PUT, "the put");
          put = ms(t);
          error(r, FindingId.CACHEPROG_PUT, "put", Severity.BREAKS_BUILD);
          String dp = string(r.get("DiskPath"), FindingId.CACHEPROG_PUT);
          if (dp.isEmpty()) {
            throw new StepFailed(
                finding(
                    FindingId.CACHEPROG_PUT,
                    Severity.BREAKS_BUILD,
                    "put response " + JsonText.clip(r.toString()) + " has no DiskPath",
                    "go fails: \"GOCACHEPROG didn't return DiskPath in put response\".",
                    "answer a put with the absolute path of the file holding the body"));
          }
          diskPath(dp, body, "put", findings);
          if (known.contains("get")) {
            t = System.nanoTime();
            send("{\"ID\":2,\"Command\":\"get\",\"ActionID\":\"" + b64(actionId) + "\"}\n");
            Map<String, Object> g = await(2, FindingId.CACHEPROG_GET, "the get");
            get = ms(t);
            checkGet(g, outputId, body, findings);
          }
        }
        t = System.nanoTime();
        if (known.contains("close")) {
          send("{\"ID\":3,\"Command\":\"close\"}\n");
          await(3, FindingId.CACHEPROG_CLOSE, "close");
        }
        in.close();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new StepFailed(
              finding(
                  FindingId.CACHEPROG_CLOSE,
                  Severity.BREAKS_BUILD,
                  "still running "
                      + timeout.toSeconds()
                      + " s after close"
                      + " and the end of its standard input",
                  "go waits for the program's standard output to end after close: the go command"
                      + " hangs at exit (golang/go#70848).",
                  "exit (or at least close standard output) after answering close and at the end"
                      + " of standard input"));
        }
        close = ms(t);
      } catch (StepFailed e) {
        findings.add(e.finding);
      } catch (IOException e) {
        findings.add(
            finding(
                FindingId.CACHEPROG_CLOSE,
                Severity.BREAKS_BUILD,
                "writing to the program failed: " + e.getMessage() + stderrTail(),
                "go fails the same way when the program stops reading its requests.",
                "keep reading standard input until close"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new ProgConformance(
          argv, known, handshake, put, get, close, diskPath, List.copyOf(findings));
    }

    private void checkGet(
        Map<String, Object> g, byte[] outputId, byte[] body, List<Finding> findings)
        throws StepFailed {
      error(g, FindingId.CACHEPROG_GET, "get", Severity.MISSES_CACHE);
      if (bool(g.get("Miss"))) {
        throw new StepFailed(
            finding(
                FindingId.CACHEPROG_GET,
                Severity.MISSES_CACHE,
                "a get of the action just put answered Miss",
                "go misses on everything it stores through this program.",
                "answer a get of a stored action with its OutputID, Size and DiskPath"));
      }
      String out = string(g.get("OutputID"), FindingId.CACHEPROG_GET);
      if (!out.equals(b64(outputId))) {
        throw new StepFailed(
            finding(
                FindingId.CACHEPROG_GET,
                Severity.LOSES_OR_POISONS,
                "get answered OutputID " + JsonText.clip(out) + ", the put stored " + b64(outputId),
                "go takes the output named by the get for the action: a wrong one is a wrong"
                    + " object handed to the compiler or linker.",
                "answer with the OutputID stored by the put"));
      }
      Object size = g.get("Size");
      long n = size instanceof Number num ? num.longValue() : 0;
      if (size != null && !(size instanceof Number)) {
        throw new StepFailed(decodeError("Size", size, FindingId.CACHEPROG_GET));
      }
      if (n != body.length) {
        throw new StepFailed(
            finding(
                FindingId.CACHEPROG_GET,
                Severity.LOSES_OR_POISONS,
                "get answered Size " + n + " for a body of " + body.length + " bytes",
                "go records the wrong size for the entry and checks outputs against it.",
                "answer with the size stored by the put"));
      }
      Object time = g.get("Time");
      if (time != null) {
        if (!(time instanceof String ts)) {
          throw new StepFailed(decodeError("Time", time, FindingId.CACHEPROG_GET));
        }
        try {
          OffsetDateTime.parse(ts);
        } catch (DateTimeParseException e) {
          throw new StepFailed(
              finding(
                  FindingId.CACHEPROG_GET,
                  Severity.BREAKS_BUILD,
                  "get answered Time " + JsonText.clip(ts) + ", not an RFC 3339 time",
                  "go fails: \"error reading JSON from GOCACHEPROG: parsing time ...\".",
                  "send Time in RFC 3339 form (Go's time.Time JSON), or leave it out"));
        }
      }
      String dp = string(g.get("DiskPath"), FindingId.CACHEPROG_GET);
      if (dp.isEmpty()) {
        throw new StepFailed(
            finding(
                FindingId.CACHEPROG_GET,
                Severity.MISSES_CACHE,
                "get hit without a DiskPath",
                "go counts it a miss: \"GOCACHEPROG didn't populate DiskPath on get hit\".",
                "answer a hit with the absolute path of the output's file"));
      }
      diskPath(dp, body, "get", findings);
    }

    private void diskPath(String dp, byte[] body, String step, List<Finding> findings)
        throws StepFailed {
      Path path = Path.of(dp);
      diskPath = Optional.of(path);
      byte[] got;
      try {
        if (!path.isAbsolute() || !Files.isRegularFile(path)) {
          throw new IOException("not an absolute path of a regular file");
        }
        got = Files.readAllBytes(path);
      } catch (IOException e) {
        throw new StepFailed(
            finding(
                FindingId.CACHEPROG_DISKPATH,
                Severity.BREAKS_BUILD,
                step + " answered DiskPath " + dp + ": " + e.getMessage(),
                "go opens DiskPath to read the output, and the build fails where it cannot.",
                "answer with the absolute path of a file readable by the go command's user"));
      }
      if (!Arrays.equals(got, body)) {
        throw new StepFailed(
            finding(
                FindingId.CACHEPROG_DISKPATH,
                Severity.LOSES_OR_POISONS,
                step
                    + " answered DiskPath "
                    + dp
                    + " holding "
                    + got.length
                    + " bytes that are not the "
                    + body.length
                    + " bytes put",
                "go hands that file to the compiler or linker as the action's output.",
                "write the body to DiskPath completely (temporary file, then rename) before"
                    + " answering"));
      }
      String file = path.getFileName().toString();
      if (file.lastIndexOf('.') > 0) {
        findings.add(
            finding(
                FindingId.CACHEPROG_DISKPATH,
                Severity.BREAKS_BUILD,
                step + " answered DiskPath " + dp + " with the extension " + ext(file),
                "go runs cached executables (go run, go tool) from DiskPath, and programs that"
                    + " take their name from it break (golang/go#74451).",
                "name output files without an extension, as GOCACHE's -d files are"));
      }
    }

    private void send(String text) throws IOException {
      in.write(text.getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    private Map<String, Object> await(long id, FindingId step, String what)
        throws StepFailed, InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new StepFailed(
              finding(
                  step,
                  step == FindingId.CACHEPROG_HANDSHAKE ? Severity.BREAKS_BUILD : Severity.SLOWS,
                  "no answer to " + what + " within " + timeout.toSeconds() + " s" + stderrTail(),
                  step == FindingId.CACHEPROG_HANDSHAKE
                      ? "go waits for the handshake forever, printing \"still waiting for"
                          + " GOCACHEPROG\" every 5 s."
                      : "go waits for the answer: the build stalls.",
                  "answer every request (and send the handshake at once, unprompted)"));
        }
        if (line.equals(EOF)) {
          throw new StepFailed(
              finding(
                  step,
                  Severity.BREAKS_BUILD,
                  "the program closed its output before answering " + what + stderrTail(),
                  "go fails: \"GOCACHEPROG exited pre-Close with 1 pending requests\".",
                  "answer every request before exiting"));
        }
        if (line.isBlank()) {
          continue;
        }
        Object v;
        try {
          v = JsonTree.parse(line);
        } catch (IOException e) {
          v = null;
        }
        if (!(v instanceof Map<?, ?> m)) {
          throw new StepFailed(
              finding(
                  step,
                  Severity.BREAKS_BUILD,
                  "answered " + JsonText.clip(line) + ", not a JSON object",
                  "go fails: \"error reading JSON from GOCACHEPROG\".",
                  "write one JSON object per response"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) m;
        Object rid = r.get("ID");
        if (!(rid instanceof Number n) || n.longValue() != id) {
          throw new StepFailed(
              finding(
                  step,
                  Severity.BREAKS_BUILD,
                  "answered " + JsonText.clip(line) + " to request ID " + id,
                  "go fails: \"GOCACHEPROG sent response for unknown request ID " + rid + "\".",
                  "echo each request's ID in its response"));
        }
        return r;
      }
    }

    private void error(Map<String, Object> r, FindingId id, String what, Severity severity)
        throws StepFailed {
      String e = string(r.get("Err"), id);
      if (!e.isEmpty()) {
        throw new StepFailed(
            finding(
                id,
                severity,
                what + " answered Err " + JsonText.clip(e),
                severity == Severity.BREAKS_BUILD
                    ? "go fails the action that stores its output."
                    : "go counts it a miss.",
                "see the program's own log for why"));
      }
    }

    private String stderrTail() {
      String s;
      synchronized (stderr) {
        s = stderr.toString().strip();
      }
      return s.isEmpty() ? "" : "; its standard error: " + JsonText.clip(s);
    }
  }

  private static String string(Object v, FindingId id) throws StepFailed {
    if (v == null) {
      return "";
    }
    if (v instanceof String s) {
      return s;
    }
    throw new StepFailed(decodeError("a string field", v, id));
  }

  private static boolean bool(Object v) throws StepFailed {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new StepFailed(decodeError("Miss", v, FindingId.CACHEPROG_GET));
  }

  private static List<String> strings(Object v, FindingId id) throws StepFailed {
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (Object o : l) {
        out.add(string(o, id));
      }
      return out;
    }
    throw new StepFailed(decodeError("KnownCommands", v, id));
  }

  private static Finding decodeError(String field, Object v, FindingId id) {
    return finding(
        id,
        Severity.BREAKS_BUILD,
        field + " is " + JsonText.clip(String.valueOf(v)) + ", of the wrong JSON type",
        "go fails: \"error reading JSON from GOCACHEPROG: json: cannot unmarshal ...\".",
        "send the field with the type of cmd/go/internal/cacheprog's Response");
  }

  private static Finding finding(
      FindingId id, Severity severity, String evidence, String effect, String fix) {
    return new Finding(
        id,
        severity,
        evidence,
        effect,
        fix,
        "none: go itself relies on this part of the protocol (cmd/go/internal/cacheprog)");
  }

  private static void readLines(InputStream out, BlockingQueue<String> lines) {
    // Line by line, keeping at most MAX_LINE characters of each: a program printing a line of
    // gigabytes costs a bounded buffer, and the step's deadline still ends the conversation.
    try (Reader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
      StringBuilder line = new StringBuilder();
      for (int c; (c = r.read()) >= 0; ) {
        if (c == '\n') {
          int end = line.length();
          lines.add(line.substring(0, end > 0 && line.charAt(end - 1) == '\r' ? end - 1 : end));
          line.setLength(0);
        } else if (line.length() < MAX_LINE) {
          line.append((char) c);
        }
      }
      if (!line.isEmpty()) {
        lines.add(line.toString());
      }
    } catch (IOException e) {
      // the program went away: the EOF below says so
    }
    lines.add(EOF);
  }

  private static void drain(InputStream err, StringBuilder sink) {
    byte[] buf = new byte[4096];
    try (err) {
      for (int n; (n = err.read(buf)) > 0; ) {
        synchronized (sink) {
          if (sink.length() < 4096) {
            sink.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          }
        }
      }
    } catch (IOException e) {
      // the program went away
    }
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static String ext(String file) {
    return file.substring(file.lastIndexOf('.'));
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
