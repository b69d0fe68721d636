package dev.gocachectl.verify;

import java.nio.charset.StandardCharsets;

/**
 * The build ID in the header of a gc-compiled package archive, read as Go's {@code
 * buildid.ReadFile} reads it from the first 1024 bytes:
 *
 * <pre>
 * !&lt;arch&gt;
 * __.PKGDEF       0           0     0     644     7955      `
 * go object linux amd64 go1.26.8 X:none
 * build id "X9wLNUQBan-ihmQUwkkh/EbvulayhGG6QU6QaocgX"
 * </pre>
 *
 * The first half of the build ID is the action ID of the compile that produced the archive, in
 * {@code HashToString} form; the second half is the content ID.
 */
public sealed interface ArchiveBuildId {
  /** Not a gc archive (not {@code !<arch>\n__.PKGDEF\ngo object ...}). */
  record NotArchive() implements ArchiveBuildId {}

  /** A gc archive with a build ID line. */
  record Found(String buildId) implements ArchiveBuildId {
    /** The part before the first slash: the compile action's ID in HashToString form. */
    public String actionPart() {
      int slash = buildId.indexOf('/');
      return slash < 0 ? buildId : buildId.substring(0, slash);
    }
  }

  /** A gc archive whose fourth line is not a build ID (Go reads that as an empty build ID). */
  record Missing() implements ArchiveBuildId {}

  /** Bytes Go must read before it knows; only the start of a file is needed. */
  int PREFIX = 1024;

  /** Reads the build ID from the first bytes of a file. */
  static ArchiveBuildId read(byte[] head, int length) {
    int pos = 0;
    for (int line = 0; line < 4; line++) {
      int nl = indexOf(head, pos, length, (byte) '\n');
      if (nl < 0) {
        return new NotArchive();
      }
      String text = new String(head, pos, nl - pos, StandardCharsets.ISO_8859_1);
      pos = nl + 1;
      switch (line) {
        case 0 -> {
          if (!text.equals("!<arch>")) {
            return new NotArchive();
          }
        }
        case 1 -> {
          if (!text.startsWith("__.PKGDEF")) {
            return new NotArchive();
          }
        }
        case 2 -> {
          if (!text.startsWith("go object ")) {
            return new NotArchive();
          }
        }
        default -> {
          if (!text.startsWith("build id ")) {
            return new Missing();
          }
          String quoted = text.substring("build id ".length());
          if (quoted.length() < 2
              || quoted.charAt(0) != '"'
              || quoted.charAt(quoted.length() - 1) != '"'
              || quoted.indexOf('\\') >= 0) {
            return new NotArchive(); // Go falls back to the gccgo reader, which finds nothing
          }
          return new Found(quoted.substring(1, quoted.length() - 1));
        }
      }
    }
    return new NotArchive();
  }

  private static int indexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
