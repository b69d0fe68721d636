package dev.gocachectl.hits;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a go command with {@code -debug-actiongraph} and counts, per mode, the actions satisfied
 * from the cache and the ones that ran a tool.
 *
 * <p>Exact sources only. Compile ({@code build}), link and vet actions: the action graph's {@code
 * Cmd} lists every tool the action ran, so an action that consulted the cache and ran nothing was
 * satisfied from it ({@link ActionGraph}). Test results: go runs test binaries outside that list,
 * so tests are counted from go's own result lines, {@code ok <pkg> (cached)} for a cached result
 * and {@code ok}/{@code FAIL <pkg> <time>} for a run (plain or {@code -json} output). A link that
 * runs is not a miss in the usual sense: go build never caches links, only go run and go tool
 * executables.
 */
public final class HitCounter {
  private static final Pattern TEST_LINE =
      Pattern.compile("^(ok|FAIL)\\s+(\\S+)\\s+(\\(cached\\)|[0-9.]+s|\\[.*\\])");
  private static final JsonFactory JSON = new JsonFactory();

  private HitCounter() {}

  /** Runs {@code go args...} in {@code dir}; go's output goes to {@code passThrough}. */
  public static HitReport run(GoTool go, Path dir, List<String> args, Consumer<String> passThrough)
      throws IOException {
    if (args.isEmpty()) {
      throw new IOException("no go command given: put one after --, e.g. -- build ./...");
    }
    Path tmp = Files.createTempDirectory("gocachectl-hits-");
    Path graph = tmp.resolve("actiongraph.json");
    try {
      List<String> argv = new ArrayList<>(args);
      argv.add(1, "-debug-actiongraph=" + graph);
      List<String> stdout = Collections.synchronizedList(new ArrayList<>());
      int code =
          go.stream(
              dir,
              argv,
              line -> {
                stdout.add(line);
                passThrough.accept(line);
              },
              passThrough::accept);
      if (!Files.exists(graph)) {
        throw new IOException(
            "go "
                + String.join(" ", args)
                + " exited "
                + code
                + " before writing its action graph; run it alone to see why");
      }
      return count(args, code, ActionGraph.read(graph), stdout);
    } finally {
      Files.deleteIfExists(graph);
      Files.deleteIfExists(tmp);
    }
  }

  /** Counts a graph and go's standard output. */
  static HitReport count(
      List<String> args, int code, List<ActionGraph.Action> graph, List<String> stdout)
      throws IOException {
    Map<String, ModeTally> t = new LinkedHashMap<>();
    for (String m : List.of("compile", "link", "vet", "test")) {
      t.put(m, new ModeTally());
    }
    for (ActionGraph.Action a : graph) {
      String mode =
          switch (a.mode()) {
            case "build" -> "compile";
            case "link", "vet" -> a.mode();
            default -> null;
          };
      if (mode != null) {
        t.get(mode).add(a.pkg(), a.ran(), a.failed(), a.actionId() != null || mode.equals("vet"));
      }
    }
    for (String line : stdout) {
      testLine(line, t.get("test"));
    }
    Map<String, HitReport.ModeCount> modes = new LinkedHashMap<>();
    t.forEach((m, tally) -> modes.put(m, tally.count(m)));
    return new HitReport(args, code, modes);
  }

  private static void testLine(String line, ModeTally tests) throws IOException {
    String text = line.startsWith("{") ? jsonOutput(line) : line;
    Matcher m = TEST_LINE.matcher(text == null ? "" : text);
    if (!m.find() || m.group(3).startsWith("[no test files")) {
      return;
    }
    if (m.group(3).startsWith("[")) {
      tests.add(m.group(2), false, m.group(1).equals("FAIL"), false);
      return;
    }
    boolean cached = m.group(3).equals("(cached)");
    tests.add(m.group(2), !cached, m.group(1).equals("FAIL"), true);
  }

  /** The {@code Output} of a {@code go test -json} event, or null. */
  private static String jsonOutput(String line) throws IOException {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        if (f.equals("Output")) {
          return p.getText();
        }
        p.skipChildren();
      }
      return null;
    } catch (com.fasterxml.jackson.core.JsonParseException e) {
      return null;
    }
  }

  private static final class ModeTally {
    int cached;
    int ran;
    int failed;
    int skipped;
    final TreeSet<String> ranPackages = new TreeSet<>();

    void add(String pkg, boolean didRun, boolean didFail, boolean consulted) {
      if (didFail) {
        failed++;
      }
      if (didRun) {
        ran++;
        ranPackages.add(pkg);
      } else if (consulted && !didFail) {
        cached++;
      } else if (!didFail) {
        skipped++;
      }
    }

    HitReport.ModeCount count(String mode) {
      return new HitReport.ModeCount(mode, cached, ran, failed, skipped, List.copyOf(ranPackages));
    }
  }
}
