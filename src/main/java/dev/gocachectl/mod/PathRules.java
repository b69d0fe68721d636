package dev.gocachectl.mod;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Go's rules for module paths and for file paths inside a module ({@code module.CheckPath}, {@code
 * module.CheckFilePath}). Each check returns Go's reason for rejecting a path, or empty.
 *
 * <p>Strings here are already decoded; callers holding raw bytes (zip entry names) check {@link
 * #isUtf8} first, as Go's "invalid UTF-8" rule comes before the others.
 *
 * <ul>
 *   <li>Both: valid UTF-8, not empty, no {@code //}, no trailing {@code /}, no empty element, no
 *       element of dots only, no element ending in a dot, no element whose part before the first
 *       dot is a Windows device name ({@code CON}, {@code COM1}, ...) in any case.
 *   <li>Module paths: ASCII {@code [A-Za-z0-9-._~]} per element, no leading dash, no element
 *       starting with a dot, no element ending in {@code ~digits}; the first element is a lower
 *       case host name with a dot; a {@code /vN} suffix must be a valid major version (N ≥ 2).
 *   <li>File paths: letters ({@link Letters}), ASCII digits, space and {@code
 *       !#$%&()+,-.=@[]^_{}~}.
 * </ul>
 */
public final class PathRules {
  private static final String FILE_PUNCT = "!#$%&()+,-.=@[]^_{}~ ";
  private static final List<String> WINDOWS =
      List.of(
          "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
          "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

  private enum Kind {
    MODULE,
    FILE
  }

  private PathRules() {}

  /** Go's {@code module.CheckPath} reason, e.g. {@code missing dot in first path element}. */
  public static Optional<String> checkModulePath(String path) {
    Optional<String> bad = checkPath(path, Kind.MODULE);
    if (bad.isPresent()) {
      return bad;
    }
    int slash = path.indexOf('/');
    String first = slash < 0 ? path : path.substring(0, slash);
    if (first.isEmpty()) {
      return Optional.of("leading slash");
    }
    if (!first.contains(".")) {
      return Optional.of("missing dot in first path element");
    }
    for (int i = 0; i < first.length(); i++) {
      char ch = first.charAt(i);
      if (!(ch == '-' || ch == '.' || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z'))) {
        return Optional.of("invalid char '" + ch + "' in first path element");
      }
    }
    if (ModulePath.splitMajor(path).isEmpty()) {
      return Optional.of("invalid version");
    }
    return Optional.empty();
  }

  /** Go's {@code module.CheckFilePath} reason, e.g. {@code invalid char '\''}. */
  public static Optional<String> checkFilePath(String path) {
    return checkPath(path, Kind.FILE);
  }

  /** Whether {@code s} is one valid file-name element (what Go requires of a version string). */
  static Optional<String> checkFileElement(String s) {
    return checkElem(s, Kind.FILE);
  }

  /** Whether the bytes are valid UTF-8. */
  public static boolean isUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static Optional<String> checkPath(String path, Kind kind) {
    if (path.isEmpty()) {
      return Optional.of("empty string");
    }
    if (path.charAt(0) == '-' && kind != Kind.FILE) {
      return Optional.of("leading dash");
    }
    if (path.contains("//")) {
      return Optional.of("double slash");
    }
    if (path.endsWith("/")) {
      return Optional.of("trailing slash");
    }
    for (String elem : path.split("/", -1)) {
      Optional<String> bad = checkElem(elem, kind);
      if (bad.isPresent()) {
        return bad;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> checkElem(String elem, Kind kind) {
    if (elem.isEmpty()) {
      return Optional.of("empty path element");
    }
    if (elem.chars().allMatch(ch -> ch == '.')) {
      return Optional.of("invalid path element \"" + elem + "\"");
    }
    if (elem.charAt(0) == '.' && kind == Kind.MODULE) {
      return Optional.of("leading dot in path element");
    }
    if (elem.endsWith(".")) {
      return Optional.of("trailing dot in path element");
    }
    for (int i = 0; i < elem.length(); ) {
      int cp = elem.codePointAt(i);
      if (!(kind == Kind.MODULE ? modPathOk(cp) : fileNameOk(cp))) {
        return Optional.of("invalid char '" + Character.toString(cp) + "'");
      }
      i += Character.charCount(cp);
    }
    int dot = elem.indexOf('.');
    String shortName = dot < 0 ? elem : elem.substring(0, dot);
    if (isWindowsDevice(shortName)) {
      return Optional.of("\"" + shortName + "\" disallowed as path element component on Windows");
    }
    if (kind == Kind.MODULE) {
      int tilde = shortName.lastIndexOf('~');
      if (tilde >= 0
          && tilde < shortName.length() - 1
          && shortName.substring(tilde + 1).chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        return Optional.of("trailing tilde and digits in path element");
      }
    }
    return Optional.empty();
  }

  /**
   * Go's EqualFold against each reserved name. The names hold no K or S, the only ASCII letters
   * with non-ASCII fold partners (U+212A, U+017F), so an ASCII comparison is exact.
   */
  private static boolean isWindowsDevice(String shortName) {
    int n = shortName.length();
    if (n < 3 || n > 4) {
      return false;
    }
    for (String bad : WINDOWS) {
      if (bad.equalsIgnoreCase(shortName) && shortName.chars().allMatch(c -> c < 0x80)) {
        return true;
      }
    }
    return false;
  }

  private static boolean modPathOk(int cp) {
    return cp == '-'
        || cp == '.'
        || cp == '_'
        || cp == '~'
        || (cp >= '0' && cp <= '9')
        || (cp >= 'A' && cp <= 'Z')
        || (cp >= 'a' && cp <= 'z');
  }

  private static boolean fileNameOk(int cp) {
    if (cp < 0x80) {
      return (cp >= '0' && cp <= '9')
          || (cp >= 'A' && cp <= 'Z')
          || (cp >= 'a' && cp <= 'z')
          || FILE_PUNCT.indexOf(cp) >= 0;
    }
    return Letters.isLetter(cp);
  }
}
