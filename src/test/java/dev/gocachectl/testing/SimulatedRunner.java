package dev.gocachectl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A CI runner simulated on this machine, for running generated CI configurations as their CI would
 * ({@link SimulatedGithub} for workflows and composite actions, {@link SimulatedGitlab} for {@code
 * .gitlab-ci.yml}): the real {@code go}, real shells and real {@code tar}, with only what cannot be
 * had here (a fresh virtual machine per job, the CI's cache service, another day) made up as
 * described below.
 *
 * <p>Layout under {@code root}: {@code home/} is the runner's HOME, emptied at the start of every
 * job (a fresh VM: nothing survives a job except through the CI cache); {@code tools/} holds the
 * {@code gocachectl} command (this build's classes, as an install step would put it on PATH);
 * {@code ci-cache/} is the CI's cache service, one tar archive per key; each job gets its own
 * workspace at the path the test names (two jobs in two different paths, as GitLab's concurrent
 * build directories or Jenkins' {@code workspace@2} give), its checkout written with fresh mtimes
 * (as git checks out).
 *
 * <p>The cache service saves with {@code tar -cf} and restores with {@code tar -xf}, which keeps
 * mtimes. A job is {@link Job#later} than the job that saved what it restores: every restored
 * file's mtime is moved back by that much, and a restored Go {@code trim.txt} (a decimal Unix time:
 * when go last trimmed) by as many seconds, so the job sees the cache as it would a day later
 * without touching the system clock.
 */
public final class SimulatedRunner {
  private final Path root;
  private final Path home;
  private final Path tools;
  private final Path store;
  private final Map<String, Path> saved = new LinkedHashMap<>();
  private int archives;

  /** A runner whose scratch files live under {@code root} (created). */
  public SimulatedRunner(Path root) {
    try {
      this.root = Files.createDirectories(root.toAbsolutePath());
      this.home = this.root.resolve("home");
      this.tools = Files.createDirectories(this.root.resolve("tools"));
      this.store = Files.createDirectories(this.root.resolve("ci-cache"));
      writeGocachectl(tools.resolve("gocachectl"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path root() {
    return root;
  }

  /** The directory holding {@code gocachectl}, for an install step's simulation. */
  public Path tools() {
    return tools;
  }

  /** The keys the cache service holds, oldest first. */
  public synchronized List<String> cacheKeys() {
    return List.copyOf(saved.keySet());
  }

  /**
   * A new job: its workspace at {@code workspace} (which must not exist) holding a copy of {@code
   * checkout}, the runner's HOME emptied, its clock {@code later} than the job that saved the
   * caches it will restore.
   */
  public Job job(String name, Path checkout, Path workspace, Duration later) {
    try {
      deleteTree(home);
      Files.createDirectories(home);
      if (Files.exists(workspace)) {
        throw new IllegalArgumentException(workspace + " exists; a job needs a fresh workspace");
      }
      copyFresh(checkout, workspace);
      Path temp = Files.createDirectories(root.resolve(name + "-temp"));
      return new Job(name, workspace.toAbsolutePath(), temp, later);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One job on the runner: environment, log, and the cache service as this job sees it. */
  public final class Job {
    private final String name;
    private final Path workspace;
    private final Path temp;
    private final Duration later;
    private final StringBuilder log = new StringBuilder();
    private final Instant started = Instant.now();

    private Job(String name, Path workspace, Path temp, Duration later) {
      this.name = name;
      this.workspace = workspace;
      this.temp = temp;
      this.later = later;
    }

    public String name() {
      return name;
    }

    public Path workspace() {
      return workspace;
    }

    /** A scratch directory of this job's own (RUNNER_TEMP). */
    public Path temp() {
      return temp;
    }

    public Path home() {
      return home;
    }

    public Duration later() {
      return later;
    }

    public Instant started() {
      return started;
    }

    /** Everything the job's steps printed, in order, each under a "## step" line. */
    public String log() {
      return log.toString();
    }

    /**
     * The environment every runner image gives a step: PATH (the runner's tools, go's directory,
     * the system's), HOME, a UTF-8 locale, and no network for go (the fixture needs none).
     */
    public Map<String, String> imageEnv() {
      Map<String, String> env = new LinkedHashMap<>();
      String go =
          dev.gocachectl.gotool.GoTool.find(System.getenv())
              .orElseThrow(() -> new IllegalStateException("go is not on PATH"))
              .binary()
              .getParent()
              .toString();
      env.put("PATH", go + ":/usr/local/bin:/usr/bin:/bin");
      env.put("HOME", home.toString());
      env.put("LANG", "C.UTF-8");
      env.put("CI", "true");
      env.put("GOPROXY", "off");
      env.put("GOSUMDB", "off");
      env.put("GOTELEMETRY", "off");
      return env;
    }

    /**
     * Runs {@code script} with {@code shell} (argv before the script's path, e.g. {@code bash -e})
     * in {@code cwd}; its output goes to the log. Returns the exit code.
     */
    public int shell(
        String step, List<String> shell, String script, Map<String, String> env, Path cwd) {
      try {
        Path file = Files.createTempFile(temp, "step", ".sh");
        Files.writeString(file, script);
        List<String> cmd = new ArrayList<>(shell);
        cmd.add(file.toString());
        Path out = Files.createTempFile(temp, "step", ".out");
        ProcessBuilder pb =
            new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.redirectOutput(out.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new IllegalStateException("step " + step + " of " + name + " ran over 10 min");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        Files.delete(file);
        note(step, text + (p.exitValue() == 0 ? "" : "(exit " + p.exitValue() + ")\n"));
        return p.exitValue();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Adds a step's heading and text to the log. */
    public void note(String step, String text) {
      synchronized (log) {
        log.append("## ").append(step).append('\n').append(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
          log.append('\n');
        }
      }
    }

    /**
     * Restores the first key that matches: {@code keys.get(0)} exactly, then each further one as a
     * prefix, newest save first (GitHub's restore-keys; GitLab's fallback keys are exact, pass
     * {@code prefixes} false). Extracts into {@code base}; returns the key restored.
     */
    public Optional<String> restore(List<String> keys, boolean prefixes, Path base) {
      Optional<Map.Entry<String, Path>> hit = find(keys, prefixes);
      if (hit.isEmpty()) {
        note("cache restore", "cache not found for " + keys + "\n");
        return Optional.empty();
      }
      try {
        Files.createDirectories(base);
        List<String> names = tar(base, "-tf", hit.get().getValue().toString()).lines().toList();
        tar(base, "-xpPf", hit.get().getValue().toString());
        for (String n : names) {
          age(n.startsWith("/") ? Path.of(n) : base.resolve(n));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      note("cache restore", "restored " + hit.get().getKey() + " into " + base + "\n");
      return Optional.of(hit.get().getKey());
    }

    private void age(Path p) throws IOException {
      if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          || Files.isSymbolicLink(p)
          || later.isZero()) {
        return;
      }
      if (Files.isRegularFile(p) && p.getFileName().toString().equals("trim.txt")) {
        String s = Files.readString(p).strip();
        if (s.matches("[0-9]+")) {
          FileTime t = Files.getLastModifiedTime(p);
          Files.writeString(p, (Long.parseLong(s) - later.toSeconds()) + "\n");
          Files.setLastModifiedTime(p, t);
        }
      }
      FileTime t = Files.getLastModifiedTime(p);
      Files.setLastModifiedTime(p, FileTime.from(t.toInstant().minus(later)));
    }

    /**
     * Saves {@code paths} (relative to {@code base}, or absolute) under {@code key}. With {@code
     * immutable} (GitHub) an existing key is kept and nothing is saved; otherwise (GitLab) the key
     * is overwritten. Returns whether it saved.
     */
    public boolean save(String key, Path base, List<String> paths, boolean immutable) {
      synchronized (SimulatedRunner.this) {
        if (immutable && saved.containsKey(key)) {
          note("cache save", "cache " + key + " exists; not saved\n");
          return false;
        }
        List<String> present = new ArrayList<>();
        for (String p : paths) {
          if (Files.exists(base.resolve(p))) {
            present.add(p);
          }
        }
        if (present.isEmpty()) {
          note("cache save", "nothing to save for " + key + " (no " + paths + ")\n");
          return false;
        }
        Path archive = store.resolve(++archives + ".tar");
        List<String> args = new ArrayList<>(List.of("-cPf", archive.toString()));
        args.addAll(present);
        tar(base, args.toArray(String[]::new));
        saved.remove(key);
        saved.put(key, archive);
        note("cache save", "saved " + present + " as " + key + "\n");
        return true;
      }
    }
  }

  private synchronized Optional<Map.Entry<String, Path>> find(List<String> keys, boolean prefix) {
    for (int i = 0; i < keys.size(); i++) {
      String k = keys.get(i);
      if (saved.containsKey(k)) {
        return Optional.of(Map.entry(k, saved.get(k)));
      }
      if (prefix && i > 0) {
        List<String> all = new ArrayList<>(saved.keySet());
        for (int j = all.size() - 1; j >= 0; j--) {
          if (all.get(j).startsWith(k)) {
            return Optional.of(Map.entry(all.get(j), saved.get(all.get(j))));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String tar(Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("tar");
    cmd.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(cmd + " in " + dir + " failed:\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code gocachectl} as a script running this build's classes (the test class path). */
  private static void writeGocachectl(Path file) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String script =
        "#!/bin/sh\nexec '"
            + java
            + "' -Xlog:disable -Xlog:all=warning:stderr -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            + " --enable-native-access=ALL-UNNAMED -cp '"
            + System.getProperty("java.class.path")
            + "' dev.gocachectl.cli.Main \"$@\"\n";
    Files.writeString(file, script);
    file.toFile().setExecutable(true);
  }

  /** Copies a tree; files get the time of the copy as their mtime, as a git checkout gives. */
  private static void copyFresh(Path from, Path to) throws IOException {
    copy(from, to, false);
  }

  /** Copies a tree keeping every mtime (a cache built elsewhere, put where a job will save it). */
  public static void copyTree(Path from, Path to) throws IOException {
    copy(from, to, true);
  }

  private static void copy(Path from, Path to, boolean keepTimes) throws IOException {
    StandardCopyOption[] opts =
        keepTimes
            ? new StandardCopyOption[] {StandardCopyOption.COPY_ATTRIBUTES}
            : new StandardCopyOption[] {StandardCopyOption.REPLACE_EXISTING};
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(d).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            Files.copy(f, to.resolve(from.relativize(f).toString()), opts);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (keepTimes) {
              Files.setLastModifiedTime(
                  to.resolve(from.relativize(d).toString()), Files.getLastModifiedTime(d));
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes a tree, read-only directories (the module cache's) included. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> all;
    try (var s = Files.walk(dir)) {
      all = s.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) {
      if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        p.toFile().setWritable(true); // the module cache's directories are read-only
      }
    }
    for (Path p : all) {
      Files.delete(p);
    }
  }
}
