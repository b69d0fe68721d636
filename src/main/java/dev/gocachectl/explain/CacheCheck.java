package dev.gocachectl.explain;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.EntryRead;
import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which compile actions of a build would miss in a cache, and why, without building: {@code go list
 * -deps} asked for {@code .Stale} computes every compile action ID exactly as a build would (and
 * prints it under {@code gocachehash}), but compiles nothing. Each ID is then looked up in the
 * cache directory the way go does.
 *
 * <p>A package whose dependency misses cannot be judged: its ID depends on the dependency's new
 * output, which go list does not have (it uses a placeholder), so it is reported as depending on
 * that miss. For a package that misses on its own account, a baseline manifest (a capture of the
 * build that filled the cache) tells whether it was never seen, trimmed (the baseline built this
 * exact ID), or its inputs changed (and which).
 */
public final class CacheCheck {
  private CacheCheck() {}

  /** The go list arguments for a {@code build} or {@code install} command. */
  static List<String> listArgs(List<String> goArgs) throws IOException {
    if (goArgs.isEmpty()
        || !(goArgs.getFirst().equals("build") || goArgs.getFirst().equals("install"))) {
      throw new IOException(
          "--against-cache takes a go build or go install command after --, e.g. -- build ./...;"
              + " found: "
              + String.join(" ", goArgs));
    }
    List<String> out =
        new ArrayList<>(List.of("list", "-deps", "-f", "{{.ImportPath}} {{.Stale}}"));
    for (int i = 1; i < goArgs.size(); i++) {
      String a = goArgs.get(i);
      if (a.equals("-o")) {
        i++;
      } else if (!(a.startsWith("-o=") || List.of("-v", "-x", "-n", "-a", "-i").contains(a))) {
        out.add(a);
      }
    }
    return out;
  }

  /** Checks the build {@code goArgs} would do in {@code dir} against {@code cache}. */
  public static CacheReport check(
      GoTool go,
      Path dir,
      List<String> goArgs,
      CacheDir cache,
      Manifest baseline,
      Consumer<String> messages)
      throws IOException {
    Map<String, Boolean> goStale = new HashMap<>();
    Consumer<String> out =
        line -> {
          String[] f = line.split(" ");
          if (f.length == 2 && (f[1].equals("true") || f[1].equals("false"))) {
            synchronized (goStale) {
              goStale.put(f[0], f[1].equals("true"));
            }
          } else {
            messages.accept(line);
          }
        };
    Capture.Result r =
        Capture.run(
            go.withEnv(Map.of("GOCACHE", cache.root().toString())), dir, listArgs(goArgs), out);
    if (r.exitCode() != 0 || r.manifest().actions().isEmpty()) {
      throw new IOException(
          "go "
              + String.join(" ", listArgs(goArgs))
              + " exited "
              + r.exitCode()
              + ": "
              + String.join("\n", r.tail()));
    }
    List<CacheReport.Verdict> verdicts = judge(r.manifest(), cache, baseline);
    synchronized (goStale) {
      return new CacheReport(
          cache.root(), r.manifest(), verdicts, Map.copyOf(goStale), baseline != null);
    }
  }

  static List<CacheReport.Verdict> judge(Manifest current, CacheDir cache, Manifest baseline)
      throws IOException {
    Map<String, CacheReport.Kind> state = new HashMap<>();
    List<CapturedAction> builds = new ArrayList<>();
    for (CapturedAction a : current.actions()) {
      if (a.key().mode().equals("build")) {
        builds.add(a);
        state.put(a.key().pkg(), lookup(cache, a));
      }
    }
    Map<ActionKey, CapturedAction> before = baseline == null ? Map.of() : baseline.byKey();
    List<CacheReport.Verdict> out = new ArrayList<>();
    for (CapturedAction a : builds) {
      CacheReport.Kind k = state.get(a.key().pkg());
      List<String> missingDeps = missingDeps(a, state);
      if (k != CacheReport.Kind.HIT && !missingDeps.isEmpty()) {
        out.add(
            new CacheReport.Verdict(
                a.key(), a.id(), CacheReport.Kind.DEPENDENCY_MISSES, List.of(), missingDeps));
      } else if (k == CacheReport.Kind.NOT_IN_CACHE && baseline != null) {
        out.add(fromBaseline(a, before.get(a.key())));
      } else {
        out.add(new CacheReport.Verdict(a.key(), a.id(), k, List.of(), List.of()));
      }
    }
    return out;
  }

  private static CacheReport.Verdict fromBaseline(CapturedAction now, CapturedAction then) {
    if (then == null) {
      return new CacheReport.Verdict(
          now.key(), now.id(), CacheReport.Kind.NEVER_SEEN, List.of(), List.of());
    }
    if (then.id().equals(now.id())) {
      return new CacheReport.Verdict(
          now.key(), now.id(), CacheReport.Kind.TRIMMED, List.of(), List.of());
    }
    List<Cause> causes = new ArrayList<>();
    ActionDiff.of(then, now).causes().forEach(f -> causes.add(f.cause()));
    return new CacheReport.Verdict(
        now.key(), now.id(), CacheReport.Kind.INPUTS_CHANGED, causes, List.of());
  }

  /** Go's lookup: a valid entry whose output file is present with the recorded size. */
  private static CacheReport.Kind lookup(CacheDir cache, CapturedAction a) throws IOException {
    EntryRead read;
    try {
      read = cache.readAction(a.id());
    } catch (NoSuchFileException e) {
      return CacheReport.Kind.NOT_IN_CACHE;
    }
    if (!(read instanceof EntryRead.Valid(ActionEntry entry))) {
      return CacheReport.Kind.DAMAGED;
    }
    Path out = cache.outputPath(entry.output());
    if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      return CacheReport.Kind.OUTPUT_GONE;
    }
    if (Files.isRegularFile(out) && Files.size(out) != entry.size()) {
      return CacheReport.Kind.DAMAGED;
    }
    return CacheReport.Kind.HIT;
  }

  private static List<String> missingDeps(CapturedAction a, Map<String, CacheReport.Kind> state) {
    List<String> deps = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (InputLine in : a.inputs()) {
      String t = in.text();
      if (t.startsWith("import ") && !t.startsWith("import \"")) {
        String dep = t.split(" ")[1];
        CacheReport.Kind k = state.get(dep);
        if (k != null && k != CacheReport.Kind.HIT && seen.add(dep)) {
          deps.add(dep);
        }
      }
    }
    return deps;
  }
}
