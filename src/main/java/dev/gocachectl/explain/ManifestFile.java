package dev.gocachectl.explain;

import dev.gocachectl.failure.Failure;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The manifest file: UTF-8 text, gzip-compressed when the name ends in {@code .gz} (reading
 * recognises gzip by its magic bytes). Line-oriented so that two manifests diff with ordinary tools
 * too:
 *
 * <pre>
 * gocachectl manifest 1
 * salt "go1.26.8"                              the Go version salting every ID
 * command "build" "./..."                      the go command's arguments (optional)
 * dir "/src/m"                                 where it ran (optional)
 * note "test results not cached: ..."          capture notes (any number)
 * action build 64-HEX example.com/m/a          an action: mode, ID, package
 *  "compile\n"                                 its inputs in hash order, as go quoted them
 *   = "stat 3 1a4 2026-11-22 ... false"        detail of the input above: what a test input
 *                                              was made of, the path of a "file" input
 * action test 64-HEX example.com/m/a "go1.25"  a fifth field: an action salted differently
 * </pre>
 *
 * Actions of the same mode and package are numbered by their order in the file. {@link #read} also
 * accepts a raw {@code gocachehash} log, such as a CI artifact.
 */
public final class ManifestFile {
  static final String MAGIC = "gocachectl manifest 1";

  private ManifestFile() {}

  /** Writes a manifest to a temporary file beside {@code file}, then renames it into place. */
  public static void write(Manifest m, Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    if (!Files.isDirectory(abs.getParent())) {
      throw new IOException(
          file + ": cannot save the manifest: " + abs.getParent() + " is not a directory");
    }
    // Not createTempFile: its 0600 mode would stick to the renamed file, a CI artifact.
    Path temp =
        abs.resolveSibling(
            ".gocachectl-manifest-"
                + Long.toHexString(System.nanoTime())
                + "-"
                + ProcessHandle.current().pid());
    try {
      try (OutputStream raw =
              Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream os =
              abs.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
          Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8))) {
        write(m, w);
      }
      Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static void write(Manifest m, Writer w) throws IOException {
    w.write(MAGIC + "\n");
    w.write("salt " + GoQuoted.quote(m.salt()) + "\n");
    if (!m.command().isEmpty()) {
      w.write("command");
      for (String arg : m.command()) {
        w.write(" " + GoQuoted.quote(arg));
      }
      w.write("\n");
    }
    if (m.dir() != null && !m.dir().isEmpty()) {
      w.write("dir " + GoQuoted.quote(m.dir()) + "\n");
    }
    for (String note : m.notes()) {
      w.write("note " + GoQuoted.quote(note) + "\n");
    }
    for (CapturedAction a : m.actions()) {
      w.write("action " + a.key().mode() + " " + a.id().hex() + " " + a.key().pkg());
      w.write(a.salt().equals(m.salt()) ? "\n" : " " + GoQuoted.quote(a.salt()) + "\n");
      for (InputLine in : a.inputs()) {
        w.write(" " + in.quoted() + "\n");
        if (in.detail() != null) {
          w.write("  = " + GoQuoted.quote(in.detail()) + "\n");
        }
      }
    }
  }

  /**
   * Reads a manifest, or parses a {@code gocachehash} log.
   *
   * @throws IOException naming the file and line of anything malformed
   */
  public static Manifest read(Path file) throws IOException {
    try (InputStream in = open(file);
        BufferedReader r =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      r.mark(MAGIC.length() + 2);
      char[] head = new char[MAGIC.length()];
      int n = r.read(head);
      r.reset();
      if (n == head.length && new String(head).equals(MAGIC)) {
        return new ManifestReader(file.toString()).read(r);
      }
      return readLog(file, r);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      // the gzip stream's own words name no file
      String detail = e.getMessage() != null ? e.getMessage() : Failure.of(e).problem();
      throw new IOException(
          file
              + ": the capture is truncated or damaged ("
              + detail
              + "); copy it again or capture again (--save)",
          e);
    }
  }

  private static Manifest readLog(Path file, BufferedReader r) throws IOException {
    HashLogParser p = new HashLogParser(file.toString());
    for (String line; (line = r.readLine()) != null; ) {
      p.accept(line);
    }
    Manifest m = p.finish(List.of(), null);
    if (m.actions().isEmpty()) {
      throw new IOException(
          file
              + ": neither a gocachectl manifest nor a gocachehash log (no HASH[build ...] lines"
              + " in "
              + p.lines()
              + " lines); capture the go command's stderr with GODEBUG=gocachehash=1");
    }
    return m;
  }

  private static InputStream open(Path file) throws IOException {
    // a FIFO or a terminal would block the read forever, a directory fails with no file named
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new IOException(
          file
              + ": is "
              + (Files.isDirectory(file) ? "a directory" : "not a regular file")
              + "; expected a capture: a manifest saved with --save or a go command's stderr"
              + " with GODEBUG=gocachehash=1");
    }
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }
}
