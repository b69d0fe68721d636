package dev.gocachectl.doctor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.gotool.CcToolId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The runner's fingerprint, written by {@code doctor --snapshot FILE}: what a later comparison of
 * two runners needs to tell why one misses the other's entries. One JSON object:
 *
 * <pre>
 * {
 *   "format": "gocachectl-runner-snapshot/1",
 *   "time": RFC 3339,
 *   "uid": the user go runs as,
 *   "ci": "github-actions" | "gitlab" | "jenkins" | "buildkite" | "circleci" | "none",
 *   "goEnv": { the variables of go env -json but PKG_CONFIG and GOGCCFLAGS },
 *   "goEnvFile": { the variables of the go env -w file },
 *   "rawEnv": { variables go reads with os.Getenv that go env does not show (GOSSAFUNC, GOSSADIR,
 *               GOCOMPILEDEBUG, GOCLOBBERDEADHASH), and GODEBUG, GOEXPERIMENT, GOFLAGS, GOAMD64...
 *               as set in the job's environment; only those that are set },
 *   "tools": { "go": GOVERSION,
 *              "cc": { "command": [CC split as go splits it], "path": the executable or null,
 *                      "versionLine": the CC ID line go hashes, or null, "error": or null } },
 *   "paths": { "workDir", "moduleRoot", "gitRoot", "gocache", "gomodcache" (null when unknown) },
 *   "fileSystems": [ { "role", "path", "type", "source", "mountPoint" } ],
 *   "cache": { "files", "bytes", "staleFiles", "staleBytes", "lastTrim", "trimDue" } or null
 * }
 * </pre>
 *
 * <p>Credentials in URLs ({@code https://user:token@host}) are replaced by {@code ***}. The file is
 * written to a temporary name beside it and renamed into place, so a reader never sees half of it.
 */
public final class RunnerSnapshot {
  public static final String FORMAT = "gocachectl-runner-snapshot/1";
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Pattern USERINFO = Pattern.compile("(://)[^/@\\s]+@");

  /**
   * A flag whose name says it carries a secret ({@code --token=abc}, {@code -password abc}, {@code
   * --secret-key abc}), with its value: the value is masked. A name ending in {@code file} or
   * {@code path} names where a secret is, not the secret, and is kept.
   */
  private static final Pattern SECRET_FLAG =
      Pattern.compile(
          "(?i)(--?[a-z0-9_-]*(?:token|password|passwd|secret|credential|api-?key|auth)"
              + "(?![a-z0-9_-]*(?:file|path)\\b)[a-z0-9_-]*)([=\\s]+)([^\\s'\"]+)");

  private static final List<String> RAW =
      List.of(
          "GOSSAFUNC",
          "GOSSADIR",
          "GOCOMPILEDEBUG",
          "GOCLOBBERDEADHASH",
          "GODEBUG",
          "GOEXPERIMENT",
          "GOFLAGS",
          "GOAMD64",
          "GOARM",
          "GOARM64",
          "GO386",
          "GOTOOLCHAIN",
          "CGO_ENABLED",
          "CC",
          "GOCACHE",
          "GOCACHEPROG",
          "TMPDIR");

  private RunnerSnapshot() {}

  /**
   * Checks that {@code file} can take a snapshot: its directory exists, and it is absent or a
   * regular file. A symlink, a FIFO or a device is refused, not replaced by the rename (nor written
   * through: a link planted in a shared directory must not choose what doctor overwrites).
   */
  public static Path target(Path file) throws IOException {
    Path abs = file.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IOException(
          abs + ": its directory does not exist; create it or give --snapshot another path");
    }
    if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(abs + ": is a directory; --snapshot wants a file name");
    }
    if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(
          abs
              + ": is "
              + (Files.isSymbolicLink(abs) ? "a symbolic link" : "not a regular file")
              + "; --snapshot writes a regular file: give a new path or a regular file's");
    }
    return abs;
  }

  /** Writes the snapshot of {@code facts} to {@code file}. */
  public static void write(RunnerFacts facts, Path file) throws IOException {
    Path abs = target(file);
    Path dir = abs.getParent();
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    } catch (IOException e) {
      throw new IOException(
          abs + ": cannot write a file in " + dir + " (" + e + "); give --snapshot another path",
          e);
    }
    try {
      try (OutputStream out = Files.newOutputStream(tmp);
          JsonGenerator g = FACTORY.createGenerator(out)) {
        g.useDefaultPrettyPrinter();
        write(facts, g);
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void write(RunnerFacts f, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("format", FORMAT);
    g.writeStringField("time", f.now().toString());
    g.writeNumberField("uid", f.uid());
    g.writeStringField("ci", ciName(f.ci()));
    map(g, "goEnv", f.goEnv());
    map(g, "goEnvFile", f.goEnvFile());
    Map<String, String> raw = new LinkedHashMap<>();
    for (String v : RAW) {
      if (f.setInEnv(v)) {
        raw.put(v, f.raw(v));
      }
    }
    map(g, "rawEnv", raw);
    g.writeObjectFieldStart("tools");
    g.writeStringField("go", f.go("GOVERSION"));
    g.writeObjectFieldStart("cc");
    if (f.cc().isPresent()) {
      CcToolId cc = f.cc().get();
      g.writeArrayFieldStart("command");
      for (String s : cc.command()) {
        g.writeString(redact(s));
      }
      g.writeEndArray();
      string(g, "path", cc.executable().map(Path::toString));
      string(g, "versionLine", cc.versionLine());
      string(g, "error", cc.error().map(RunnerSnapshot::redact));
    } else {
      g.writeArrayFieldStart("command");
      g.writeEndArray();
      g.writeNullField("path");
      g.writeNullField("versionLine");
      g.writeStringField("error", "cgo is off (CGO_ENABLED=" + f.go("CGO_ENABLED") + ")");
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeObjectFieldStart("paths");
    string(g, "workDir", Optional.of(f.workDir().toString()));
    string(g, "moduleRoot", f.moduleRoot().map(Path::toString));
    string(g, "gitRoot", f.gitRoot().map(Path::toString));
    string(g, "gocache", f.gocache().map(Path::toString));
    string(g, "gomodcache", Optional.of(f.go("GOMODCACHE")).filter(s -> !s.isEmpty()));
    g.writeEndObject();
    g.writeArrayFieldStart("fileSystems");
    Map<String, String> roles = new LinkedHashMap<>();
    f.gocache().ifPresent(p -> roles.put("GOCACHE", p.toString()));
    if (!f.go("GOMODCACHE").isEmpty()) {
      roles.put("GOMODCACHE", f.go("GOMODCACHE"));
    }
    roles.put("workDir", f.workDir().toString());
    for (Map.Entry<String, String> e : roles.entrySet()) {
      Optional<MountTable.Mount> m = f.mounts().mountOf(Path.of(e.getValue()));
      g.writeStartObject();
      g.writeStringField("role", e.getKey());
      g.writeStringField("path", e.getValue());
      string(g, "type", m.map(MountTable.Mount::type));
      string(g, "source", m.map(MountTable.Mount::source));
      string(g, "mountPoint", m.map(x -> x.mountPoint().toString()));
      g.writeEndObject();
    }
    g.writeEndArray();
    if (f.cache().isPresent()) {
      CacheUsage u = f.cache().get();
      g.writeObjectFieldStart("cache");
      g.writeNumberField("files", u.files());
      g.writeNumberField("bytes", u.bytes());
      g.writeNumberField("staleFiles", u.staleFiles());
      g.writeNumberField("staleBytes", u.staleBytes());
      string(g, "lastTrim", u.lastTrim().map(Object::toString));
      g.writeBooleanField("trimDue", u.trimDue());
      g.writeEndObject();
    } else {
      g.writeNullField("cache");
    }
    g.writeEndObject();
  }

  /** The name of a CI system in snapshots and {@code --json}. */
  public static String ciName(CiKind ci) {
    return ci.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * A value with the user and password of any URL in it replaced, and the value of any flag whose
   * name says it carries a secret: a GOCACHEPROG command line may carry a token.
   */
  public static String redact(String s) {
    return SECRET_FLAG.matcher(USERINFO.matcher(s).replaceAll("$1***@")).replaceAll("$1$2***");
  }

  /** A command's arguments redacted as {@link #redact} does, a flag's value in the next one too. */
  public static List<String> redact(List<String> args) {
    List<String> out = new ArrayList<>(args.size());
    for (String a : args) {
      boolean secretNext =
          !out.isEmpty() && SECRET_FLAG.matcher(args.get(out.size() - 1) + " x").matches();
      out.add(secretNext ? "***" : redact(a));
    }
    return out;
  }

  private static void map(JsonGenerator g, String field, Map<String, String> m) throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> e : m.entrySet()) {
      g.writeStringField(e.getKey(), redact(e.getValue()));
    }
    g.writeEndObject();
  }

  private static void string(JsonGenerator g, String field, Optional<String> v) throws IOException {
    if (v.isPresent()) {
      g.writeStringField(field, v.get());
    } else {
      g.writeNullField(field);
    }
  }
}
