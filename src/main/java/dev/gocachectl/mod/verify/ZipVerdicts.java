package dev.gocachectl.mod.verify;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What earlier runs found about zips that passed every check, so that an unchanged zip is not
 * inflated again: a zip whose bytes have the SHA-256 of a zip verified clean before has, by that
 * hash's collision resistance, the same content hash, go.mod and entry names, so the same verdict.
 * The bytes are still read and hashed on every run; only the decompression and the zip rules are
 * skipped. Zips with any problem are never recorded.
 *
 * <p>File ({@code $XDG_CACHE_HOME/gocachectl/mod-zip-verdicts}, else {@code
 * ~/.cache/gocachectl/...}; written to a temporary name and renamed):
 *
 * <pre>
 * gocachectl mod zip verdicts 1
 * &lt;sha256 of the zip's bytes, hex&gt; &lt;module path&gt;@&lt;version&gt; &lt;h1 of the content&gt; &lt;h1 of its go.mod, or -&gt;
 * </pre>
 *
 * Whoever can write this file can make gocachectl skip inflating a zip; it is as trusted as the
 * module cache it describes, and {@code --rehash} ignores it.
 */
final class ZipVerdicts {
  static final String HEADER = "gocachectl mod zip verdicts 1";
  private static final int MAX_ENTRIES = 200_000;

  /**
   * A clean zip.
   *
   * @param content its h1
   * @param goMod the h1 of its root go.mod, or null when it has none
   */
  record Verdict(H1 content, H1 goMod) {}

  private final Path file;
  private final boolean lookup;
  private final Map<String, Verdict> known = new ConcurrentHashMap<>();
  private final Map<String, Verdict> added = new ConcurrentHashMap<>();

  private ZipVerdicts(Path file, boolean lookup) {
    this.file = file;
    this.lookup = lookup;
  }

  /** No file: nothing remembered, nothing saved. */
  static ZipVerdicts none() {
    return new ZipVerdicts(null, false);
  }

  /**
   * The verdicts in {@code file}. With {@code lookup} false they are not used (every zip is
   * inflated) but kept, and new ones added, when the file is saved.
   */
  static ZipVerdicts open(Path file, boolean lookup) {
    ZipVerdicts v = new ZipVerdicts(file, lookup);
    v.read();
    return v;
  }

  /** {@code $XDG_CACHE_HOME/gocachectl/mod-zip-verdicts}, else under {@code ~/.cache}; or null. */
  static Path defaultFile(Map<String, String> env) {
    String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
    if (!xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "gocachectl", "mod-zip-verdicts");
    }
    String home = env.getOrDefault("HOME", "");
    return home.isEmpty() ? null : Path.of(home, ".cache", "gocachectl", "mod-zip-verdicts");
  }

  private void read() {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return; // absent or unreadable: start afresh
    }
    if (lines.isEmpty() || !lines.getFirst().equals(HEADER)) {
      return;
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(" ");
      Optional<H1> content = f.length == 4 ? H1.parse(f[2]) : Optional.empty();
      if (content.isPresent() && f[0].length() == 64) {
        known.put(f[0] + " " + f[1], new Verdict(content.get(), H1.parse(f[3]).orElse(null)));
      }
    }
  }

  Optional<Verdict> get(ModuleVersion m, Hash zipSha) {
    return lookup ? Optional.ofNullable(known.get(zipSha.hex() + " " + m)) : Optional.empty();
  }

  void put(ModuleVersion m, Hash zipSha, Verdict v) {
    if (file != null) {
      added.put(zipSha.hex() + " " + m, v);
    }
  }

  /** Writes the file if anything was added. */
  void save() throws IOException {
    if (file == null || added.isEmpty()) {
      return;
    }
    Map<String, Verdict> all = new java.util.LinkedHashMap<>(known);
    all.putAll(added);
    List<String> out = new ArrayList<>(List.of(HEADER));
    all.entrySet().stream()
        .skip(Math.max(0, all.size() - MAX_ENTRIES))
        .forEach(
            e ->
                out.add(
                    e.getKey()
                        + " "
                        + e.getValue().content()
                        + " "
                        + (e.getValue().goMod() == null ? "-" : e.getValue().goMod())));
    Files.createDirectories(file.getParent());
    Path tmp =
        file.resolveSibling(
            file.getFileName()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
    try {
      Files.write(tmp, out, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(tmp + ": cannot rename into " + file + " atomically", e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (NoSuchFileException ignored) {
        // gone already
      }
    }
  }
}
