package dev.gocachectl.mod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A go.sum (or go.work.sum) file, read as Go's {@code readGoSum} reads it.
 *
 * <p>Format: one {@code <module> <version>[/go.mod] <hash>} per line, fields separated by white
 * space; {@code <hash>} is {@code h1:...} today (other algorithm prefixes are "unknown" to go,
 * which warns and adds an h1 line). Blank lines are ignored. A line without exactly three fields
 * makes every go command fail ({@code malformed go.sum: file:line: wrong number of fields n}); it
 * is kept in {@link #malformed()}. Lines whose hash is {@link H1#EMPTY_GO_MOD} are dropped, as go
 * drops them. A missing file reads as empty.
 *
 * @param file where it was read from
 * @param lines the well-formed lines in file order
 * @param malformed Go's message for each malformed line
 */
public record GoSum(Path file, List<Line> lines, List<String> malformed) {
  /**
   * One go.sum line.
   *
   * @param path the module path as written
   * @param version the version as written, without {@code /go.mod}
   * @param goMod whether this line is the {@code /go.mod} hash
   * @param hash the hash as written ({@code h1:...} or an unknown algorithm)
   * @param lineNumber 1-based
   */
  public record Line(String path, String version, boolean goMod, String hash, int lineNumber) {
    /** The module version, or empty if the path or version is not valid. */
    public java.util.Optional<ModuleVersion> module() {
      return ModuleVersion.parse(path, version);
    }

    /** Whether the hash uses the h1 algorithm (go ignores others when checking). */
    public boolean isH1() {
      return hash.startsWith("h1:");
    }

    /** {@code path version[/go.mod]}: how go names the thing this line hashes. */
    public String key() {
      return path + " " + version + (goMod ? "/go.mod" : "");
    }

    @Override
    public String toString() {
      return key() + " " + hash;
    }
  }

  public GoSum {
    lines = List.copyOf(lines);
    malformed = List.copyOf(malformed);
  }

  /** Reads a go.sum file; an absent file is an empty go.sum. */
  public static GoSum read(Path file) throws IOException {
    try {
      return parse(file, Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return new GoSum(file, List.of(), List.of());
    }
  }

  /** Parses go.sum bytes. */
  public static GoSum parse(Path file, byte[] data) {
    List<Line> lines = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    String[] raw = new String(data, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String[] f = fields(raw[i]);
      if (f.length == 0) {
        continue;
      }
      if (f.length != 3) {
        malformed.add(file + ":" + (i + 1) + ": wrong number of fields " + f.length);
        continue;
      }
      if (f[2].equals(H1.EMPTY_GO_MOD.text())) {
        continue;
      }
      boolean goMod = f[1].endsWith("/go.mod");
      String version = goMod ? f[1].substring(0, f[1].length() - "/go.mod".length()) : f[1];
      lines.add(new Line(f[0], version, goMod, f[2], i + 1));
    }
    return new GoSum(file, lines, malformed);
  }

  /** Go's {@code strings.Fields}: split around runs of Unicode white space. */
  static String[] fields(String line) {
    List<String> out = new ArrayList<>(3);
    int start = -1;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      boolean space = isGoSpace(cp);
      if (space && start >= 0) {
        out.add(line.substring(start, i));
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      out.add(line.substring(start));
    }
    return out.toArray(String[]::new);
  }

  /** Go's {@code unicode.IsSpace}. */
  private static boolean isGoSpace(int cp) {
    return switch (cp) {
      case '\t', '\n', 0x0b, '\f', '\r', ' ', 0x85, 0xA0 -> true;
      default -> cp > 0xff && Character.isSpaceChar(cp);
    };
  }

  /** The lines for {@code m}: its zip hash lines, or its {@code /go.mod} lines. */
  public List<Line> linesFor(ModuleVersion m, boolean goMod) {
    List<Line> out = new ArrayList<>(2);
    for (Line l : lines) {
      if (l.goMod() == goMod
          && l.path().equals(m.path().value())
          && l.version().equals(m.version())) {
        out.add(l);
      }
    }
    return out;
  }
}
