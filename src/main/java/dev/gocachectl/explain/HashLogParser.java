package dev.gocachectl.explain;

import dev.gocachectl.cache.ActionId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the standard error of a go command run with {@code GODEBUG=gocachehash=1,gocachetest=1}
 * into a {@link Manifest}, one line at a time, so a log of any length streams through.
 *
 * <p>The line grammar ({@code cmd/go/internal/cache/hash.go}; one {@code write(2)} per line, so
 * lines never tear even when actions run in parallel):
 *
 * <pre>
 * HASH[NAME]                          a hash named NAME starts
 * HASH[NAME]: "GO-QUOTED"             bytes written into it (%q); the first write is the salt, go1.26.8
 * HASH[NAME]: 64-HEX                  its sum: the action ID for "build P", "link P", "vet P"
 * HASH subkey 64-HEX "DESC" = 64-HEX  a derived key (ignored)
 * HASH /abs/file: 64-HEX              a file's content hash: the path becomes the detail of the
 *                                     "file NAME HASH20" write that follows (HASH20 is HashToString
 *                                     of it), so a file compiled on one side only can be read
 * testcache: ...                      GODEBUG=gocachetest=1 decisions (see {@link TestCacheLog})
 * anything else                       go's ordinary output, not consumed
 * </pre>
 *
 * <p>Kept: {@code build P}, {@code link P}, {@code vet P} (one action each), {@code testResult} and
 * {@code testInputs} (a test, attributed to its package by the {@code testcache} lines), and the
 * {@code getenv}, {@code open} and {@code stat} hashes nested inside {@code testInputs}, whose
 * contents become the detail of the test input line that follows them. Everything else ({@code
 * moduleIndex}, {@code gccCompilerID}, ...) is skipped unparsed. Hashes of different names may
 * interleave (parallel actions); two open hashes of the same kept name cannot be told apart, so
 * that is an error asking for {@code -p=1}.
 */
public final class HashLogParser {
  private final String source;
  private final Map<String, HashBlock> open = new HashMap<>();
  private final Map<String, Integer> ordinals = new HashMap<>();
  private final Map<String, String> details = new HashMap<>();
  private final Map<String, String> filePaths = new HashMap<>();
  private final Set<String> sums = new java.util.HashSet<>();
  private final List<CapturedAction> actions = new ArrayList<>();
  private final TestCacheLog tests = new TestCacheLog();
  private final Set<String> notes = new LinkedHashSet<>();
  private String salt = "";
  private long lineNo;

  /** A parser whose errors name {@code source} (a file, or the go command that is running). */
  public HashLogParser(String source) {
    this.source = source;
  }

  /**
   * Takes the next line. Returns whether it was part of the hash log; other lines (compiler errors,
   * go's messages) are for the caller to pass on.
   *
   * @throws IOException naming the source and line if a hash line is malformed
   */
  public boolean accept(String rawLine) throws IOException {
    lineNo++;
    String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
    if (line.startsWith("testcache: ")) {
      tests.debugLine(line.substring("testcache: ".length()), notes);
      return true;
    }
    if (!line.startsWith("HASH")) {
      return false;
    }
    if (line.startsWith("HASH[")) {
      hashLine(line);
      return true;
    }
    if (line.startsWith("HASH ") && !line.startsWith("HASH subkey ")) {
      fileHash(line);
      return true;
    }
    return line.startsWith("HASH ");
  }

  /** {@code HASH /abs/path: 64-HEX} (cache.FileHash; printed once per file per go command). */
  private void fileHash(String line) {
    int colon = line.lastIndexOf(": ");
    String hex = colon < 0 ? "" : line.substring(colon + 2);
    if (hex.length() != 64 || !hex.chars().allMatch(HashLogParser::isHex)) {
      return; // an error reading the file: no hash to match
    }
    String path = line.substring("HASH ".length(), colon);
    byte[] head = java.util.HexFormat.of().parseHex(hex.substring(0, 30));
    String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(head);
    filePaths.put(id + " " + baseName(path), path);
  }

  private static String baseName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }

  private void hashLine(String line) throws IOException {
    int close = line.indexOf("]: ", 5);
    if (close < 0) {
      if (!line.endsWith("]")) {
        throw malformed(line, "expected HASH[NAME], HASH[NAME]: \"...\" or HASH[NAME]: <hex>");
      }
      String name = line.substring(5, line.length() - 1);
      if (kept(name)) {
        start(name);
      }
      return;
    }
    String name = line.substring(5, close);
    if (!kept(name)) {
      return;
    }
    String rest = line.substring(close + 3);
    HashBlock b = open.get(name);
    if (b == null) {
      throw malformed(line, "a write or sum for HASH[" + name + "], which never started");
    }
    if (rest.startsWith("\"")) {
      write(b, line, rest);
    } else if (rest.length() == 64 && rest.chars().allMatch(HashLogParser::isHex)) {
      open.remove(name);
      finish(b, rest);
    } else {
      throw malformed(line, "expected a Go-quoted write or a 64-digit hex sum after ']: '");
    }
  }

  private static boolean kept(String name) {
    return name.startsWith("build ")
        || name.startsWith("link ")
        || name.startsWith("vet ")
        || name.equals("testResult")
        || name.equals("testInputs")
        || name.equals("getenv")
        || name.equals("open")
        || name.equals("stat");
  }

  private void start(String name) throws IOException {
    HashBlock previous = open.put(name, new HashBlock(name, lineNo));
    if (previous != null) {
      throw new IOException(
          source
              + ":"
              + lineNo
              + ": a second HASH["
              + name
              + "] starts while the one from line "
              + previous.line
              + " is still open: parallel actions interleaved; capture with -p=1");
    }
  }

  private void write(HashBlock b, String line, String quoted) throws IOException {
    try {
      if (GoQuoted.endOf(quoted, 0) != quoted.length()) {
        throw new IllegalArgumentException("text after the closing quote");
      }
      if (b.salt == null) {
        b.salt = GoQuoted.unquote(quoted);
        if (salt.isEmpty()) {
          salt = b.salt;
        }
        return;
      }
      String detail = null;
      if (b.name.startsWith("build ") && quoted.startsWith("\"file ")) {
        String text = GoQuoted.unquote(quoted).strip();
        int sp = text.lastIndexOf(' ');
        String name = text.substring("file ".length(), Math.max("file ".length(), sp));
        detail = filePaths.get(text.substring(sp + 1) + " " + baseName(name));
      } else if (b.name.equals("testInputs")) {
        String text = GoQuoted.unquote(quoted).strip();
        detail = details.get(text.substring(text.lastIndexOf(' ') + 1));
      }
      b.writes.add(new InputLine(quoted, detail));
    } catch (IllegalArgumentException e) {
      throw malformed(line, e.getMessage());
    }
  }

  private void finish(HashBlock b, String sumHex) {
    switch (b.name) {
      case "testResult" -> tests.result(sumHex, b.salt, b.writes);
      case "testInputs" -> tests.inputs(sumHex, b.writes);
      case "getenv", "open", "stat" -> details.put(sumHex, b.detail());
      default -> {
        int sp = b.name.indexOf(' ');
        String mode = b.name.substring(0, sp);
        String pkg = b.name.substring(sp + 1);
        if (!sums.add(b.name + " " + sumHex)) {
          // The same action hashed again with the same inputs (a link go redoes when it checks
          // the installed binary): one action, not a second one.
          return;
        }
        int ordinal = ordinals.merge(b.name, 1, Integer::sum) - 1;
        ActionKey key = new ActionKey(mode, pkg, ordinal);
        actions.add(new CapturedAction(key, b.salt, b.writes, ActionId.fromHex(sumHex)));
      }
    }
  }

  /** The manifest of everything read so far. */
  public Manifest finish(List<String> command, String dir) {
    for (HashBlock b : open.values()) {
      notes.add("the log ends inside HASH[" + b.name + "] (line " + b.line + "): truncated?");
    }
    List<CapturedAction> all = new ArrayList<>(actions);
    all.addAll(tests.actions(salt, notes));
    return new Manifest(salt, command, dir, List.copyOf(notes), all);
  }

  /** How many lines were read. */
  public long lines() {
    return lineNo;
  }

  private IOException malformed(String line, String why) {
    String shown = line.length() > 160 ? line.substring(0, 160) + "…" : line;
    return new IOException(
        source + ":" + lineNo + ": malformed gocachehash line (" + why + "): " + shown);
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
