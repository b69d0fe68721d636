package dev.gocachectl.doctor;

import dev.gocachectl.units.ByteSize;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The directories go writes (GOCACHE, GOMODCACHE, a cache program's directory): the file system
 * under each, from the mount table (D5); its owner and mode against the user go runs as (D6); the
 * free space on it (D21); the cache's size against a budget (D22).
 *
 * <p>go locks {@code trim.txt} and module downloads with {@code flock}; on NFS that fails ("no
 * locks available") or is not atomic, and a trim where locking is unsupported returns {@code
 * errors.ErrUnsupported} ({@code cmd/go/internal/cache/cache.go} {@code Trim}; golang/go#49894). go
 * creates cache files {@code 0666} and directories {@code 0777} less the umask.
 */
final class FileSystemCheck implements Check {
  private static final Set<String> NETWORK = Set.of("nfs", "cifs", "9p", "vboxsf", "virtiofs");

  private final long minFree;
  private final Optional<Long> budget;

  /**
   * @param minFree the free bytes below which a cache file system counts as nearly full
   * @param budget the bytes GOCACHE may hold (the CI's cache quota), if any
   */
  FileSystemCheck(long minFree, Optional<Long> budget) {
    this.minFree = minFree;
    this.budget = budget;
  }

  @Override
  public List<Finding> check(RunnerFacts f) throws IOException {
    List<Finding> out = new ArrayList<>();
    Optional<Path> cache = f.gocache();
    if (cache.isPresent()) {
      out.addAll(judge(cache.get(), "GOCACHE", f, minFree));
    }
    String mod = f.go("GOMODCACHE");
    if (!mod.isEmpty() && Path.of(mod).isAbsolute()) {
      out.addAll(judge(Path.of(mod), "GOMODCACHE", f, minFree));
    }
    Optional<Long> limit =
        budget.or(
            () ->
                f.ci() == CiKind.GITHUB_ACTIONS
                    ? Optional.of(10_000_000_000L) // the default cache quota of a repository
                    : Optional.empty());
    if (limit.isPresent() && f.cache().isPresent() && f.cache().get().bytes() > limit.get()) {
      out.add(
          new Finding(
              FindingId.CACHE_OVER_BUDGET,
              Severity.MISSES_CACHE,
              "GOCACHE holds "
                  + bytes(f.cache().get().bytes())
                  + ", more than the budget of "
                  + bytes(limit.get())
                  + (budget.isEmpty()
                      ? " (GitHub Actions' default cache quota per repository)"
                      : ""),
              "the CI evicts saved caches beyond its quota, so jobs restore an old one or none.",
              "trim before saving: gocachectl trim --max-size (or go clean -cache less often)",
              "a smaller cache misses on what was trimmed; keep what the main branch builds"));
    }
    return out;
  }

  /** The findings for one directory go writes. */
  static List<Finding> judge(Path dir, String role, RunnerFacts f, long minFree)
      throws IOException {
    List<Finding> out = new ArrayList<>();
    f.mounts().mountOf(dir).ifPresent(m -> fileSystem(dir, role, m).ifPresent(out::add));
    Path existing = MountTable.realNearest(dir);
    if (f.uid() >= 0) {
      ownership(dir, existing, role, f).ifPresent(out::add);
    }
    if (Files.isDirectory(existing)) {
      FileStore store = Files.getFileStore(existing);
      long free = store.getUsableSpace();
      if (free < minFree) {
        out.add(
            new Finding(
                FindingId.DISK_LOW,
                Severity.BREAKS_BUILD,
                role
                    + "="
                    + dir
                    + ": "
                    + bytes(free)
                    + " free on "
                    + store.name()
                    + " (less than "
                    + bytes(minFree)
                    + ")",
                "go puts no cap on the cache: a build that fills the disk fails with \"no space"
                    + " left on device\", possibly mid-write.",
                "free space, trim the cache (gocachectl trim --max-size), or move it to a larger"
                    + " disk",
                "trimming costs the misses of what it removes"));
      }
    }
    return out;
  }

  private static Optional<Finding> fileSystem(Path dir, String role, MountTable.Mount m) {
    String family = m.family();
    String evidence =
        role + "=" + dir + " is on " + m.type() + " (" + m.source() + " at " + m.mountPoint() + ")";
    if (NETWORK.contains(family)) {
      return Optional.of(
          new Finding(
              FindingId.FS_NETWORK,
              Severity.LOSES_OR_POISONS,
              evidence,
              "go's file locks (trim.txt, module downloads) fail or do not exclude other machines"
                  + " on a network file system, and several writers can leave torn entries.",
              "keep " + role + " on a local disk; share through a cache program with a remote tier",
              "a local cache starts cold on each new machine"));
    }
    if (family.equals("fuse")) {
      return Optional.of(
          new Finding(
              FindingId.FS_FUSE,
              Severity.LOSES_OR_POISONS,
              evidence,
              "FUSE file systems often lack the locking and atomic rename go relies on; go's trim"
                  + " gives up where locking is unsupported and the cache grows without bound.",
              "keep " + role + " on a local disk",
              "a local cache starts cold on each new machine"));
    }
    if (family.equals("overlay")) {
      return Optional.of(
          new Finding(
              FindingId.FS_OVERLAY,
              Severity.MISSES_CACHE,
              evidence,
              "the cache lives in a container's writable layer: it goes with the container, and"
                  + " every write is a copy-up.",
              "mount a volume (or a bind mount of a host directory) at " + dir,
              "a volume shared by concurrent containers needs one owner and user ID"));
    }
    if (family.equals("tmpfs") || family.equals("ramfs")) {
      return Optional.of(
          new Finding(
              FindingId.FS_TMPFS,
              Severity.MISSES_CACHE,
              evidence,
              "the cache is in memory: it is gone after every reboot (or container), and it"
                  + " competes with the build for RAM.",
              "move " + role + " to a disk-backed directory",
              "tmpfs is faster; worth it only for a throw-away cache that is restored each job"));
    }
    return Optional.empty();
  }

  private static Optional<Finding> ownership(Path dir, Path existing, String role, RunnerFacts f)
      throws IOException {
    int owner;
    Set<PosixFilePermission> perms;
    try {
      owner = (Integer) Files.getAttribute(existing, "unix:uid");
      perms = Files.getPosixFilePermissions(existing);
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
    boolean exists = existing.equals(dir.toAbsolutePath().normalize()) || Files.exists(dir);
    if (!Files.isWritable(existing)) {
      return Optional.of(
          new Finding(
              FindingId.DIR_UNWRITABLE,
              Severity.BREAKS_BUILD,
              role
                  + "="
                  + dir
                  + (exists ? "" : " does not exist and its parent " + existing)
                  + " is owned by uid "
                  + owner
                  + " with mode "
                  + mode(perms)
                  + "; go runs as uid "
                  + f.uid(),
              "go fails: \"failed to initialize build cache ... permission denied\" (or misses"
                  + " on every entry it cannot write).",
              "chown -R "
                  + f.uid()
                  + " "
                  + existing
                  + ", or set "
                  + role
                  + " to a directory of"
                  + " this user",
              "a directory shared by several user IDs needs a common group and umask 002"));
    }
    if (owner != f.uid() && exists) {
      return Optional.of(
          new Finding(
              FindingId.DIR_FOREIGN_OWNER,
              Severity.LOSES_OR_POISONS,
              role + "=" + dir + " is owned by uid " + owner + "; go runs as uid " + f.uid(),
              "files go creates here belong to uid "
                  + f.uid()
                  + ", which the owner's own builds then cannot replace or trim.",
              "run go as uid " + owner + ", or give each user its own " + role,
              "separate caches do not share entries"));
    }
    if (exists && perms.contains(PosixFilePermission.OTHERS_WRITE)) {
      return Optional.of(
          new Finding(
              FindingId.DIR_WORLD_WRITABLE,
              Severity.LOSES_OR_POISONS,
              role + "=" + dir + " has mode " + mode(perms) + " (writable by every user)",
              "any local user can plant entries that go hands to the compiler and linker, or"
                  + " delete them.",
              "chmod o-w " + dir + " (and its subdirectories)",
              "other users can no longer share the cache; give them a group instead"));
    }
    return Optional.empty();
  }

  private static String mode(Set<PosixFilePermission> perms) {
    return java.nio.file.attribute.PosixFilePermissions.toString(perms);
  }

  static String bytes(long n) {
    return ByteSize.format(n);
  }
}
