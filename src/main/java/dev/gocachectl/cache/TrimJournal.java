package dev.gocachectl.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A small journal of the action IDs {@code gocachectl trim} removed, so that a later miss on one of
 * them is classified "trimmed" (the cache is too small or the age too short) rather than "new" (the
 * inputs changed).
 *
 * <h2>Format</h2>
 *
 * <p>{@code <cache>/gocachectl/trimmed.ids}: raw 32-byte action IDs back to back, appended by trim.
 * It is kept to the last {@value #KEEP} IDs (6.4 MB): past twice that, the newest {@value #KEEP}
 * are rewritten to a temporary file and renamed over it. Trim writes it only for caches that have
 * the {@code gocachectl/} directory, which {@code prog} creates.
 */
public final class TrimJournal {
  static final String FILE = "trimmed.ids";
  static final int KEEP = 200_000;

  private final Path file;
  private Set<Hash> ids;

  public TrimJournal(CacheDir dir) {
    this.file = dir.root().resolve(CacheDir.TOOL_STATE).resolve(FILE);
  }

  /** Whether trim removed this action ID (the journal is read at the first question). */
  public synchronized boolean wasTrimmed(ActionId id) {
    if (ids == null) {
      ids = load(file);
    }
    return ids.contains(id.hash());
  }

  private static Set<Hash> load(Path file) {
    Set<Hash> set = new HashSet<>();
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      return set;
    }
    for (int i = 0; i + Hash.SIZE <= all.length; i += Hash.SIZE) {
      set.add(Hash.of(Arrays.copyOfRange(all, i, i + Hash.SIZE)));
    }
    return set;
  }

  /** Appends removed IDs to the journal of {@code dir}, if that cache keeps one. */
  public static void record(CacheDir dir, List<ActionId> removed) throws IOException {
    Path state = dir.root().resolve(CacheDir.TOOL_STATE);
    if (removed.isEmpty() || !Files.isDirectory(state)) {
      return;
    }
    Path f = state.resolve(FILE);
    ByteBuffer b = ByteBuffer.allocate(removed.size() * Hash.SIZE);
    for (ActionId id : removed) {
      b.put(id.hash().toByteArray());
    }
    Files.write(f, b.array(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    long size;
    try {
      size = Files.size(f);
    } catch (NoSuchFileException e) {
      return;
    }
    if (size > 2L * KEEP * Hash.SIZE) {
      byte[] all = Files.readAllBytes(f);
      int keepFrom = all.length - KEEP * Hash.SIZE;
      keepFrom -= keepFrom % Hash.SIZE;
      Path tmp = state.resolve(FILE + ".tmp-" + ProcessHandle.current().pid());
      Files.write(tmp, Arrays.copyOfRange(all, keepFrom, all.length));
      Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
