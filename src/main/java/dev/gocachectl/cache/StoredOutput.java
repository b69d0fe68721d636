package dev.gocachectl.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * What is on disk at {@code <out>-d}, resolved the way Go's {@code OutputFile} does: a plain file,
 * or (Go 1.24+, {@code go run}/{@code go tool}) a directory holding exactly one executable, whose
 * bytes are what the output ID names. A directory with any other content makes Go hand out a
 * poisoned path ({@code DO NOT USE - invalid binary cache entry}).
 */
public sealed interface StoredOutput {
  /** Nothing there. */
  record Absent(Path path) implements StoredOutput {}

  /** A plain output file. */
  record File(Path path, long size) implements StoredOutput {}

  /** An executable entry: {@code dir} holds the single file {@code file}. */
  record Executable(Path dir, Path file, long size) implements StoredOutput {}

  /** A directory that does not hold exactly one regular file. */
  record MalformedDir(Path dir, List<String> names) implements StoredOutput {}

  /** The path of the bytes to hash, or null if there are none. */
  default Path contentFile() {
    return switch (this) {
      case File f -> f.path();
      case Executable e -> e.file();
      case Absent a -> null;
      case MalformedDir m -> null;
    };
  }

  /** Resolves {@code <out>-d}. */
  static StoredOutput locate(Path path) throws IOException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return new Absent(path);
    }
    if (!attrs.isDirectory()) {
      return new File(path, attrs.size());
    }
    return locateInDir(path);
  }

  /** Resolves a directory already known to be one. */
  static StoredOutput locateInDir(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    Path only = null;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        names.add(p.getFileName().toString());
        only = p;
      }
    } catch (NoSuchFileException e) {
      return new Absent(dir);
    }
    if (names.size() == 1 && Files.isRegularFile(only, LinkOption.NOFOLLOW_LINKS)) {
      return new Executable(dir, only, Files.size(only));
    }
    names.sort(null);
    return new MalformedDir(dir, List.copyOf(names));
  }
}
