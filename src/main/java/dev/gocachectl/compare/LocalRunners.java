package dev.gocachectl.compare;

import dev.gocachectl.explain.Manifest;
import dev.gocachectl.explain.ManifestFile;
import dev.gocachectl.mod.JsonTree;
import dev.gocachectl.prog.BuildFingerprint;
import dev.gocachectl.prog.BuildManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A side read from local files: a build manifest as prog stores it, or a {@code doctor --snapshot}
 * file (its fingerprint fields, no actions), with an explain capture beside it or not.
 */
public final class LocalRunners {
  /** The largest snapshot read. */
  static final long MAX_SNAPSHOT = 4L << 20;

  private LocalRunners() {}

  /** Reads {@code file} (a build manifest or a doctor snapshot) and {@code capture} (or null). */
  public static RunnerSide read(Path file, Path capture) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        && !(Files.isRegularFile(file) && Files.isSymbolicLink(file))) {
      throw new IOException(
          file + ": not a regular file; give a build manifest or a doctor --snapshot file");
    }
    long size = Files.size(file);
    byte[] head = new byte[(int) Math.min(size, 20)];
    try (var in = Files.newInputStream(file)) {
      in.readNBytes(head, 0, head.length);
    }
    String start = new String(head, StandardCharsets.ISO_8859_1);
    BuildManifest build;
    if (start.startsWith("gocachectl-manifest ")) {
      if (size > BuildManifest.MAX_BYTES) {
        throw new IOException(file + ": " + size + " bytes, larger than any build manifest");
      }
      try {
        build = BuildManifest.parse(Files.readAllBytes(file));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": " + e.getMessage(), e);
      }
    } else if (start.stripLeading().startsWith("{")) {
      if (size > MAX_SNAPSHOT) {
        throw new IOException(file + ": " + size + " bytes, larger than a doctor snapshot");
      }
      build = new BuildManifest(List.of(), "", snapshot(file));
    } else {
      throw new IOException(
          file
              + ": neither a build manifest (gocachectl-manifest ...) nor a doctor --snapshot"
              + " file (JSON); give one of those");
    }
    Manifest c = capture == null ? null : ManifestFile.read(capture);
    return new RunnerSide(file.toString(), build, c);
  }

  /**
   * The fingerprint fields a doctor snapshot holds (no tool IDs: doctor does not run the tools).
   */
  static BuildFingerprint snapshot(Path file) throws IOException {
    Object root = JsonTree.parse(Files.readString(file, StandardCharsets.UTF_8));
    if (!(root instanceof Map<?, ?> m)
        || !"gocachectl-runner-snapshot/1".equals(String.valueOf(m.get("format")))) {
      throw new IOException(
          file + ": not a doctor snapshot (expected \"format\": \"gocachectl-runner-snapshot/1\")");
    }
    Map<?, ?> go = map(m.get("goEnv"));
    Map<String, String> f = new LinkedHashMap<>();
    for (String v :
        List.of("GOVERSION", "GOROOT", "GOOS", "GOARCH", "GOEXPERIMENT", "GOFLAGS", "GOMODCACHE")) {
      put(f, v, go.get(v));
    }
    String level = BuildFingerprint.levelVariable(String.valueOf(go.get("GOARCH")));
    if (level != null && go.get(level) != null) {
      f.put("level", level + "=" + go.get(level));
    }
    put(f, "CGO_ENABLED", go.get("CGO_ENABLED"));
    if ("1".equals(String.valueOf(go.get("CGO_ENABLED")))) {
      put(f, "CC", go.get("CC"));
      Map<?, ?> cc = map(map(map(m.get("tools")).get("cc")));
      Object line = cc.get("versionLine");
      put(
          f,
          "CC ID",
          line != null ? line : cc.get("error") == null ? null : "error: " + cc.get("error"));
      for (String v :
          List.of("CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_FFLAGS", "CGO_LDFLAGS")) {
        put(f, v, go.get(v));
      }
    }
    Map<?, ?> paths = map(m.get("paths"));
    put(
        f,
        "module root",
        paths.get("moduleRoot") != null ? paths.get("moduleRoot") : paths.get("workDir"));
    String goflags = String.valueOf(go.get("GOFLAGS") == null ? "" : go.get("GOFLAGS"));
    f.put("trimpath", BuildFingerprint.flag(List.of(), goflags, "trimpath", "false"));
    f.put("buildvcs", BuildFingerprint.flag(List.of(), goflags, "buildvcs", "auto"));
    return new BuildFingerprint(f);
  }

  private static Map<?, ?> map(Object o) {
    return o instanceof Map<?, ?> m ? m : Map.of();
  }

  private static void put(Map<String, String> f, String name, Object v) {
    if (v != null) {
      f.put(name, String.valueOf(v));
    }
  }
}
