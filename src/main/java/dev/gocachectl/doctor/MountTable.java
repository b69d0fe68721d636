package dev.gocachectl.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The mount table of this process, from {@code /proc/self/mountinfo} (proc(5)): one line per mount,
 * {@code ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS};
 * space, tab, newline and backslash in paths are written as octal escapes ({@code \040}).
 *
 * @param mounts in the file's order (a later mount on the same point hides an earlier one)
 */
public record MountTable(List<Mount> mounts) {
  /** The mount table of this process: empty where there is no /proc (not Linux). */
  public static MountTable read() throws IOException {
    try {
      return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
    } catch (NoSuchFileException e) {
      return new MountTable(List.of());
    }
  }

  /** One mount. */
  public record Mount(Path mountPoint, String type, String source) {
    /** The type's family as doctor judges it: nfs4 is nfs, fuse.sshfs is fuse. */
    public String family() {
      String t = type.toLowerCase(Locale.ROOT);
      if (t.startsWith("nfs")) {
        return "nfs";
      }
      if (t.startsWith("fuse")) {
        return "fuse";
      }
      if (t.equals("smb3") || t.equals("smbfs")) {
        return "cifs";
      }
      return t;
    }
  }

  static MountTable parse(List<String> lines) {
    List<Mount> out = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split(" ", -1);
      int dash = -1;
      for (int i = 6; i < f.length; i++) {
        if (f[i].equals("-")) {
          dash = i;
          break;
        }
      }
      if (f.length < 7 || dash < 0 || dash + 2 >= f.length) {
        continue; // not a mountinfo line: leave it out rather than guess
      }
      out.add(new Mount(Path.of(unescape(f[4])), f[dash + 1], unescape(f[dash + 2])));
    }
    return new MountTable(List.copyOf(out));
  }

  /**
   * The mount holding {@code path}: the longest mount point above its real path (the nearest
   * existing ancestor's, when the path does not exist yet: go would create it there).
   */
  public Optional<Mount> mountOf(Path path) {
    Path real = realNearest(path);
    Mount best = null;
    for (Mount m : mounts) {
      if (real.startsWith(m.mountPoint())
          && (best == null || m.mountPoint().getNameCount() >= best.mountPoint().getNameCount())) {
        best = m;
      }
    }
    return Optional.ofNullable(best);
  }

  static Path realNearest(Path path) {
    Path p = path.toAbsolutePath().normalize();
    while (p != null) {
      try {
        return p.toRealPath();
      } catch (IOException e) {
        p = p.getParent();
      }
    }
    return path.toAbsolutePath().normalize();
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && isOctal(s, i + 1)) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isOctal(String s, int at) {
    if (at + 3 > s.length()) {
      return false;
    }
    for (int i = at; i < at + 3; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '7') {
        return false;
      }
    }
    return true;
  }
}
