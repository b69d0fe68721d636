package dev.gocachectl.ci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Go modules of a repository: from {@code go.work} when the root has one (its {@code use}
 * directives), else every {@code go.mod} in the tree, found by a bounded walk that skips what go
 * itself ignores ({@code vendor}, {@code testdata}, names starting with "." or "_") and {@code
 * node_modules}; symbolic links are not followed.
 *
 * <p>go.mod and go.work are read line by line for the directives that matter here (module, go,
 * toolchain, use; single or in a block), with {@code //} comments and Go-quoted paths, as {@code
 * golang.org/x/mod/modfile} reads them.
 *
 * @param root the repository root
 * @param modules the modules, sorted by directory (the root first)
 * @param workspace whether a go.work at the root lists them
 */
public record ModuleLayout(Path root, List<GoModule> modules, boolean workspace) {
  private static final Set<String> SKIP = Set.of("vendor", "testdata", "node_modules");
  private static final int MAX_DEPTH = 12;
  private static final int MAX_FILES = 200_000;

  /** The files whose content makes the module cache: every go.sum (and go.work.sum), as globs. */
  public List<String> sumGlobs() {
    return workspace ? List.of("**/go.sum", "go.work.sum") : List.of("**/go.sum");
  }

  /**
   * The Go version the CI must install: the highest any module (or go.work) asks for, since with
   * GOTOOLCHAIN=local the installed go must satisfy every go line.
   */
  public String goVersion() {
    return modules.stream()
        .map(GoModule::wanted)
        .filter(v -> !v.isEmpty())
        .max((a, b) -> compare(versionKey(a), versionKey(b)))
        .orElse("1.24");
  }

  /** The module whose go.mod names {@link #goVersion} (for setup-go's go-version-file). */
  public GoModule newest() {
    String v = goVersion();
    return modules.stream()
        .filter(m -> m.wanted().equals(v))
        .findFirst()
        .orElse(modules.getFirst());
  }

  /** "1.24" or "1.26.1" as numbers for ordering; a pre-release sorts before its release. */
  static List<Integer> versionKey(String v) {
    List<Integer> out = new ArrayList<>();
    for (String part : v.replaceAll("(rc|beta).*$", "").split("\\.", -1)) {
      try {
        out.add(Integer.parseInt(part));
      } catch (NumberFormatException e) {
        out.add(0);
      }
    }
    while (out.size() < 3) {
      out.add(v.matches(".*(rc|beta).*") ? -1 : 0);
    }
    return out;
  }

  private static int compare(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Integer.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** Reads the layout under {@code root}; an IOException names what is missing or unreadable. */
  public static ModuleLayout read(Path root) throws IOException {
    Path r = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(r)) {
      throw new NoSuchFileException(
          r.toString(), null, "not a directory; give the repository's (or module's) directory");
    }
    Path work = r.resolve("go.work");
    if (Files.isRegularFile(work)) {
      List<GoModule> mods = new ArrayList<>();
      for (String use : uses(Files.readString(work, StandardCharsets.UTF_8))) {
        Path dir = r.resolve(use).normalize();
        if (!dir.startsWith(r)) {
          throw new IOException(
              work
                  + ": use "
                  + use
                  + " is outside the repository; a CI checkout would not have it");
        }
        Path mod = dir.resolve("go.mod");
        if (!Files.isRegularFile(mod)) {
          throw new NoSuchFileException(
              mod.toString(), null, "go.work uses " + use + " but it has no go.mod");
        }
        mods.add(module(r, mod));
      }
      if (mods.isEmpty()) {
        throw new IOException(work + ": no use directive; add the modules with go work use");
      }
      mods.sort(Comparator.comparing(GoModule::dir, ModuleLayout::dirOrder));
      return new ModuleLayout(r, List.copyOf(mods), true);
    }
    List<Path> found = findGoMods(r);
    if (found.isEmpty()) {
      throw new NoSuchFileException(
          r.resolve("go.mod").toString(),
          null,
          "no go.mod in " + r + " or below; give the directory of a Go module or repository");
    }
    List<GoModule> mods = new ArrayList<>();
    for (Path f : found) {
      mods.add(module(r, f));
    }
    mods.sort(Comparator.comparing(GoModule::dir, ModuleLayout::dirOrder));
    return new ModuleLayout(r, List.copyOf(mods), false);
  }

  private static int dirOrder(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    return a.equals(".") ? -1 : b.equals(".") ? 1 : a.compareTo(b);
  }

  private static List<Path> findGoMods(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    int[] seen = {0};
    Files.walkFileTree(
        root,
        Set.of(),
        MAX_DEPTH,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
            String n = d.equals(root) ? "" : d.getFileName().toString();
            if (!n.isEmpty() && (n.startsWith(".") || n.startsWith("_") || SKIP.contains(n))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
            if (++seen[0] > MAX_FILES) {
              return FileVisitResult.TERMINATE;
            }
            if (a.isRegularFile() && f.getFileName().toString().equals("go.mod")) {
              out.add(f);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) {
            return FileVisitResult.CONTINUE; // an unreadable corner is not a module
          }
        });
    return out;
  }

  private static GoModule module(Path root, Path goMod) throws IOException {
    if (!Files.isRegularFile(goMod, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(goMod + ": not a regular file; a go.mod is expected there");
    }
    if (Files.size(goMod) > 4 << 20) {
      throw new IOException(goMod + ": over 4 MiB, not a go.mod");
    }
    String text = Files.readString(goMod, StandardCharsets.UTF_8);
    String path = null;
    String go = "";
    Optional<String> toolchain = Optional.empty();
    for (String raw : text.split("\n", -1)) {
      List<String> f = fields(raw);
      if (f.size() >= 2) {
        switch (f.get(0)) {
          case "module" -> path = f.get(1);
          case "go" -> go = checkedVersion(goMod, f.get(1));
          case "toolchain" ->
              toolchain =
                  f.get(1).startsWith("go")
                      ? Optional.of(checkedVersion(goMod, f.get(1).substring(2)))
                      : Optional.empty();
          default -> {}
        }
      }
    }
    if (path == null) {
      throw new IOException(goMod + ": no module line; is it a go.mod?");
    }
    Path rel = root.relativize(goMod.getParent());
    String dir = rel.toString().isEmpty() ? "." : rel.toString().replace('\\', '/');
    if (!dir.matches("[A-Za-z0-9._/+-]{1,200}") || !path.matches("[A-Za-z0-9._~/+-]{1,300}")) {
      throw new IOException(
          goMod
              + ": the module's directory or path holds characters a CI file cannot carry"
              + " unquoted (letters, digits and . _ ~ / + - only); rename it or write that job by"
              + " hand");
    }
    return new GoModule(dir, path, go, toolchain);
  }

  private static String checkedVersion(Path file, String v) throws IOException {
    if (!v.matches("1(\\.[0-9]{1,3}){1,2}((rc|beta)[0-9]{1,3})?")) {
      throw new IOException(file + ": go version '" + v + "' is not a Go version such as 1.24");
    }
    return v;
  }

  /** The directories of go.work's use directives (single or in a block). */
  static List<String> uses(String text) {
    List<String> out = new ArrayList<>();
    boolean block = false;
    for (String raw : text.split("\n", -1)) {
      List<String> f = fields(raw);
      if (f.isEmpty()) {
        continue;
      }
      if (block) {
        if (f.get(0).equals(")")) {
          block = false;
        } else {
          out.add(f.get(0));
        }
      } else if (f.get(0).equals("use")) {
        if (f.size() >= 2 && f.get(1).equals("(")) {
          block = true;
        } else if (f.size() >= 2) {
          out.add(f.get(1));
        }
      }
    }
    return out;
  }

  /** A line's fields: space separated, "//" starts a comment, Go's "..." and `...` quoting. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r') {
        i++;
      } else if (line.startsWith("//", i)) {
        break;
      } else if (c == '"' || c == '`') {
        int end = line.indexOf(c, i + 1);
        if (end < 0) {
          end = n;
        }
        out.add(line.substring(i + 1, end));
        i = end + 1;
      } else if (c == '(' || c == ')') {
        out.add(String.valueOf(c));
        i++;
      } else {
        int start = i;
        while (i < n && " \t\r()".indexOf(line.charAt(i)) < 0 && !line.startsWith("//", i)) {
          i++;
        }
        out.add(line.substring(start, i));
      }
    }
    return out;
  }
}
