package dev.gocachectl.doctor;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * A bounded walk of the checkout: at most {@link #LIMIT} regular files (symbolic links not
 * followed), skipping {@code .git}, {@code vendor}, {@code node_modules} and hidden directories
 * other than the CI directories, so that doctor stays fast on a large repository.
 */
final class RepoFiles {
  static final int LIMIT = 20_000;
  private static final Set<String> SKIP = Set.of(".git", "vendor", "node_modules", "target");
  private static final Set<String> HIDDEN_KEPT = Set.of(".github", ".buildkite", ".circleci");

  private RepoFiles() {}

  /** The regular files under {@code root} the predicate accepts. */
  static List<Path> find(Path root, BiPredicate<Path, BasicFileAttributes> accept)
      throws IOException {
    List<Path> out = new ArrayList<>();
    int[] seen = {0};
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
            String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!dir.equals(root)
                && (SKIP.contains(n) || (n.startsWith(".") && !HIDDEN_KEPT.contains(n)))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
            if (a.isRegularFile()) {
              if (++seen[0] > LIMIT) {
                return FileVisitResult.TERMINATE;
              }
              if (accept.test(file, a)) {
                out.add(file);
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // unreadable: not ours to judge
          }
        });
    return out;
  }
}
