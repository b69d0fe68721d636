package dev.gocachectl.explain;

import dev.gocachectl.cache.ActionId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test side of a capture. A test result is found in two steps ({@code
 * cmd/go/internal/test/test.go}): {@code testResult} hashes the test binary's ID and the cacheable
 * flags into the test ID; the test log stored under it lists the variables and files the last run
 * read, and {@code testInputs} hashes their current values (files by size, mode and mtime, never
 * content); the output is stored under {@code Subkey(testID, "inputs:<inputs ID>")}.
 *
 * <p>Neither hash names its package; {@code GODEBUG=gocachetest=1} does, in lines like:
 *
 * <pre>
 * testcache: P: test ID <hex of the 20-char ID> => TESTID
 * testcache: P: test ID TESTID => input ID INPUTSID => KEY          (lookup)
 * testcache: P: save test ID TESTID => input ID INPUTSID => KEY     (after running)
 * testcache: caching disabled for test argument: -test.count=1
 * testcache: P: input file /abs/testdata/x: file used as input is too new
 * </pre>
 *
 * A test becomes one action of mode {@code test}: the {@code testResult} write of its first test ID
 * followed by the inputs of the last lookup or save under that ID, with that key as its ID: the
 * state the run left in the cache.
 */
final class TestCacheLog {
  private static final Pattern TEST_ID =
      Pattern.compile("(\\S+): test ID [0-9a-f]+ => ([0-9a-f]{64})");
  private static final Pattern INPUTS =
      Pattern.compile(
          "(\\S+): (save )?test ID ([0-9a-f]{64}) => input ID ([0-9a-f]{64}) => ([0-9a-f]{64})");
  private static final Pattern INPUT_FILE = Pattern.compile("(\\S+): input file (.*)");
  private static final Pattern EXPIRED =
      Pattern.compile("(\\S+): test output expired due to go clean -testcache");

  private record Result(String salt, List<InputLine> writes) {}

  private record Lookup(String testId, String inputsId, String key) {}

  private final Map<String, Result> results = new HashMap<>();
  private final Map<String, List<InputLine>> inputs = new HashMap<>();
  private final Map<String, String> firstTestId = new LinkedHashMap<>();
  private final Map<String, List<Lookup>> lookups = new HashMap<>();

  void result(String sumHex, String salt, List<InputLine> writes) {
    results.put(sumHex, new Result(salt, List.copyOf(writes)));
  }

  void inputs(String sumHex, List<InputLine> writes) {
    inputs.put(sumHex, List.copyOf(writes));
  }

  /** One {@code testcache:} line, without its prefix. */
  void debugLine(String line, Set<String> notes) {
    Matcher m;
    if (line.startsWith("caching disabled for test argument")) {
      notes.add(
          "test results not cached: "
              + line
              + " (only -benchtime, -cpu, -list, -parallel, -run, -short, -skip, -timeout,"
              + " -failfast, -v, -fullpath, -coverprofile and -outputdir keep results cacheable;"
              + " -count=1 is the usual way to turn caching off)");
    } else if (line.startsWith("caching disabled")) {
      notes.add("test results not cached: " + line);
    } else if ((m = TEST_ID.matcher(line)).matches()) {
      firstTestId.putIfAbsent(m.group(1), m.group(2));
    } else if ((m = INPUTS.matcher(line)).matches()) {
      lookups
          .computeIfAbsent(m.group(1), k -> new ArrayList<>())
          .add(new Lookup(m.group(3), m.group(4), m.group(5)));
    } else if ((m = INPUT_FILE.matcher(line)).matches()) {
      notes.add("test results of " + m.group(1) + " not cached: input file " + m.group(2));
    } else if ((m = EXPIRED.matcher(line)).matches()) {
      notes.add("test result of " + m.group(1) + " expired by go clean -testcache");
    }
  }

  /** One action per tested package whose test ID the log shows. */
  List<CapturedAction> actions(String defaultSalt, Set<String> notes) {
    if (!results.isEmpty() && firstTestId.isEmpty()) {
      notes.add(
          "the log hashes test results but has no gocachetest lines naming their packages:"
              + " capture with GODEBUG=gocachehash=1,gocachetest=1 to explain test results");
    }
    List<CapturedAction> out = new ArrayList<>();
    for (Map.Entry<String, String> e : firstTestId.entrySet()) {
      String pkg = e.getKey();
      String testId = e.getValue();
      Result r = results.get(testId);
      List<InputLine> lines = new ArrayList<>();
      if (r != null) {
        lines.addAll(r.writes());
      }
      String id = testId;
      Lookup last = lastLookup(pkg, testId);
      if (last != null && inputs.containsKey(last.inputsId())) {
        lines.addAll(inputs.get(last.inputsId()));
        id = last.key();
      }
      String salt = r != null ? r.salt() : defaultSalt;
      out.add(new CapturedAction(new ActionKey("test", pkg, 0), salt, lines, ActionId.fromHex(id)));
    }
    return out;
  }

  private Lookup lastLookup(String pkg, String testId) {
    List<Lookup> all = lookups.getOrDefault(pkg, List.of());
    Lookup any = null;
    for (Lookup l : all) {
      if (l.testId().equals(testId)) {
        any = l;
      }
    }
    return any != null || all.isEmpty() ? any : all.getLast();
  }
}
