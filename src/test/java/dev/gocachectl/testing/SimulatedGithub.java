package dev.gocachectl.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs one job of a GitHub Actions workflow on a {@link SimulatedRunner} as the Actions runner
 * would: steps in order, {@code if:} conditions (a failed step skips the rest but {@code always()}
 * and {@code failure()} ones), {@code ${{ }}} expressions, the files GITHUB_ENV, GITHUB_PATH and
 * GITHUB_OUTPUT honoured between steps (a fresh file per step, heredoc form too), and local
 * composite actions ({@code uses: ./dir} with inputs, defaults and outputs).
 *
 * <p>Environment precedence (lowest first): the runner image, the workflow's {@code env}, the
 * job's, what earlier steps wrote to GITHUB_ENV, the step's own {@code env}. Run steps use GitHub's
 * shells: none given is {@code bash -e}, {@code bash} is {@code bash --noprofile --norc -eo
 * pipefail}, {@code sh} is {@code sh -e}.
 *
 * <p>Actions that download things are simulated: {@code actions/checkout} (the job's workspace
 * already holds the checkout), {@code actions/setup-go} (the machine's go; its own cache must be
 * off, since setup-go restores only on an exact key and never saves after a hit: setup-go #395,
 * #404), {@code actions/cache/restore} and {@code actions/cache/save} (the runner's cache service:
 * restore-keys are prefixes, newest first; keys are immutable). Paths in the workspace are archived
 * relative to it, others absolute. Any other {@code uses:}, or a step a test wants to replace (by
 * {@code id:<step id>}), is an {@link Action} the test supplies.
 */
public final class SimulatedGithub {
  /** A simulated action: runs with the step's inputs, returns its outputs. */
  public interface Action {
    Map<String, String> run(SimulatedRunner.Job job, Map<String, String> with, Env env);
  }

  /** The step's environment, and a way to add to PATH and the job's environment. */
  public interface Env {
    Map<String, String> vars();

    void addPath(String dir);

    void setEnv(String name, String value);
  }

  /** What triggered the run: push to a branch, or a pull request (from a fork or not). */
  public record Event(String name, String branch, String defaultBranch, boolean fork, String sha) {
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    public Event(String name, String branch, String defaultBranch, boolean fork) {
      this(name, branch, defaultBranch, fork, SHA);
    }

    public static Event push(String branch) {
      return new Event("push", branch, "main", false);
    }

    public static Event pullRequest(boolean fork) {
      return new Event("pull_request", "feature", "main", fork);
    }

    /** The same event for another commit. */
    public Event commit(String sha) {
      return new Event(name, branch, defaultBranch, fork, sha);
    }
  }

  private final SimulatedRunner.Job job;
  private final Event event;
  private final Map<String, String> secrets;
  private final Map<String, Action> actions = new LinkedHashMap<>();
  private final Map<String, String> githubEnv = new LinkedHashMap<>();
  private final List<String> githubPath = new ArrayList<>();
  private final Map<String, Object> steps = new LinkedHashMap<>();
  private boolean failed;
  private int stepCount;

  public SimulatedGithub(SimulatedRunner.Job job, Event event, Map<String, String> secrets) {
    this.job = job;
    this.event = event;
    this.secrets = Map.copyOf(secrets);
  }

  /** Simulates {@code uses: NAME@...} (NAME without the ref), or the step {@code id:ID}. */
  public SimulatedGithub action(String name, Action action) {
    actions.put(name, action);
    return this;
  }

  /** The outputs of the step with this id. */
  @SuppressWarnings("unchecked")
  public Map<String, String> outputs(String stepId) {
    Object s = steps.get(stepId);
    return s == null ? Map.of() : (Map<String, String>) ((Map<String, Object>) s).get("outputs");
  }

  /** Runs job {@code jobId} of {@code workflow}; fails with the job's log when a step failed. */
  @SuppressWarnings("unchecked")
  public void run(Path workflow, String jobId) {
    Map<String, Object> wf = load(workflow);
    Map<String, Object> jobs = (Map<String, Object>) wf.get("jobs");
    Map<String, Object> j = (Map<String, Object>) jobs.get(jobId);
    if (j == null) {
      throw new IllegalArgumentException(workflow + " has no job " + jobId + ": " + jobs.keySet());
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.putAll(strings((Map<String, Object>) wf.get("env")));
    env.putAll(strings((Map<String, Object>) j.get("env")));
    String shell = defaultShell(wf);
    String jobShell = defaultShell(j);
    GithubExpressions ex = expressions(Map.of());
    if (!ex.condition((String) j.get("if"))) {
      job.note("job " + jobId, "skipped by if: " + j.get("if") + "\n");
      return;
    }
    runSteps(
        (List<Object>) j.get("steps"),
        env,
        jobShell != null ? jobShell : shell,
        Map.of(),
        job.workspace());
    if (failed) {
      throw new AssertionError("job " + jobId + " of " + workflow + " failed:\n" + job.log());
    }
  }

  @SuppressWarnings("unchecked")
  private static String defaultShell(Map<String, Object> m) {
    Object d = m.get("defaults");
    if (d instanceof Map<?, ?> dm && dm.get("run") instanceof Map<?, ?> run) {
      return (String) ((Map<String, Object>) run).get("shell");
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private void runSteps(
      List<Object> list,
      Map<String, String> baseEnv,
      String defaultShell,
      Map<String, String> inputs,
      Path actionPath) {
    for (Object o : list) {
      Map<String, Object> step = (Map<String, Object>) o;
      String id = step.containsKey("id") ? (String) step.get("id") : "__" + ++stepCount;
      String label = String.valueOf(step.getOrDefault("name", step.getOrDefault("uses", id)));
      GithubExpressions ex = expressions(inputs, actionPath);
      if (!ex.condition(str(step.get("if")))) {
        job.note(label, "skipped\n");
        continue;
      }
      Map<String, String> env = stepEnv(baseEnv, step, ex);
      Map<String, String> outputs = new LinkedHashMap<>();
      boolean ok;
      Action override = actions.get("id:" + id);
      if (override != null || step.containsKey("uses")) {
        ok = uses(label, step, override, ex, env, outputs);
      } else {
        ok = runStep(label, step, ex, env, defaultShell, outputs);
      }
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("outputs", outputs);
      record.put("outcome", ok ? "success" : "failure");
      record.put(
          "conclusion",
          ok || Boolean.TRUE.equals(step.get("continue-on-error")) ? "success" : "failure");
      steps.put(id, record);
      if (!ok && !Boolean.TRUE.equals(step.get("continue-on-error"))) {
        failed = true;
      }
    }
  }

  private boolean runStep(
      String label,
      Map<String, Object> step,
      GithubExpressions ex,
      Map<String, String> env,
      String defaultShell,
      Map<String, String> outputs) {
    String shell = step.containsKey("shell") ? str(step.get("shell")) : defaultShell;
    List<String> argv =
        switch (shell == null ? "" : shell) {
          case "" -> List.of("bash", "-e");
          case "bash" -> List.of("bash", "--noprofile", "--norc", "-eo", "pipefail");
          case "sh" -> List.of("sh", "-e");
          default -> throw new IllegalArgumentException("shell " + shell + " is not simulated");
        };
    String script = ex.interpolate(str(step.get("run")));
    Path cwd = job.workspace();
    if (step.containsKey("working-directory")) {
      cwd = job.workspace().resolve(ex.interpolate(str(step.get("working-directory"))));
    }
    try {
      Path envFile = Files.createTempFile(job.temp(), "env", "");
      Path pathFile = Files.createTempFile(job.temp(), "path", "");
      Path outFile = Files.createTempFile(job.temp(), "output", "");
      Path summary = Files.createTempFile(job.temp(), "summary", "");
      env.put("GITHUB_ENV", envFile.toString());
      env.put("GITHUB_PATH", pathFile.toString());
      env.put("GITHUB_OUTPUT", outFile.toString());
      env.put("GITHUB_STEP_SUMMARY", summary.toString());
      int code = job.shell(label, argv, script, env, cwd);
      githubEnv.putAll(fileCommands(Files.readString(envFile)));
      for (String line : Files.readAllLines(pathFile)) {
        if (!line.isBlank()) {
          githubPath.addFirst(line.strip());
        }
      }
      outputs.putAll(fileCommands(Files.readString(outFile)));
      return code == 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GITHUB_ENV and GITHUB_OUTPUT: NAME=value lines, or NAME<<DELIM ... DELIM. */
  static Map<String, String> fileCommands(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      int heredoc = l.indexOf("<<");
      int eq = l.indexOf('=');
      if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
        String delim = l.substring(heredoc + 2);
        StringBuilder v = new StringBuilder();
        i++;
        while (i < lines.size() && !lines.get(i).equals(delim)) {
          v.append(v.isEmpty() ? "" : "\n").append(lines.get(i));
          i++;
        }
        out.put(l.substring(0, heredoc), v.toString());
      } else if (eq > 0) {
        out.put(l.substring(0, eq), l.substring(eq + 1));
      } else if (!l.isBlank()) {
        throw new IllegalArgumentException("not a NAME=value line: " + l);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private boolean uses(
      String label,
      Map<String, Object> step,
      Action override,
      GithubExpressions ex,
      Map<String, String> env,
      Map<String, String> outputs) {
    String uses = str(step.get("uses"));
    String name = uses.contains("@") ? uses.substring(0, uses.indexOf('@')) : uses;
    Map<String, String> with = new LinkedHashMap<>();
    Map<String, Object> w = (Map<String, Object>) step.get("with");
    if (w != null) {
      w.forEach((k, v) -> with.put(k, ex.interpolate(str(v))));
    }
    Env stepEnv =
        new Env() {
          @Override
          public Map<String, String> vars() {
            return env;
          }

          @Override
          public void addPath(String dir) {
            githubPath.addFirst(dir);
          }

          @Override
          public void setEnv(String k, String v) {
            githubEnv.put(k, v);
          }
        };
    try {
      Action a = override != null ? override : actions.get(name);
      if (a != null) {
        job.note(label, "simulated " + (override != null ? "step" : name) + " " + with + "\n");
        outputs.putAll(a.run(job, with, stepEnv));
        return true;
      }
      if (name.startsWith("./")) {
        return composite(label, job.workspace().resolve(name), with, env, outputs);
      }
      switch (name) {
        case "actions/checkout" -> job.note(label, "checkout is the job's workspace\n");
        case "actions/setup-go" -> {
          if (!"false".equals(with.get("cache"))) {
            throw new AssertionError(
                "setup-go's own cache is on: it restores on an exact key only and never saves"
                    + " after a hit (setup-go #395, #404); a template must pass cache: false");
          }
          job.note(label, "setup-go: the machine's go\n");
        }
        case "actions/cache/restore" -> outputs.putAll(restore(with));
        case "actions/cache/save" -> save(with);
        default -> throw new AssertionError("no simulation for uses: " + uses + " (" + label + ")");
      }
      return true;
    } catch (RuntimeException e) {
      job.note(label, "failed: " + e + "\n");
      return false;
    }
  }

  private List<String> cachePaths(Map<String, String> with) {
    List<String> out = new ArrayList<>();
    for (String p : with.getOrDefault("path", "").lines().map(String::strip).toList()) {
      if (p.isEmpty()) {
        continue;
      }
      Path abs =
          p.startsWith("~/")
              ? job.home().resolve(p.substring(2))
              : job.workspace().resolve(p).normalize();
      out.add(
          abs.startsWith(job.workspace())
              ? job.workspace().relativize(abs).toString()
              : abs.toString());
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("actions/cache: no path");
    }
    return out;
  }

  private Map<String, String> restore(Map<String, String> with) {
    cachePaths(with);
    String key = with.get("key");
    List<String> keys = new ArrayList<>();
    keys.add(key);
    with.getOrDefault("restore-keys", "")
        .lines()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .forEach(keys::add);
    Optional<String> hit = job.restore(keys, true, job.workspace());
    return Map.of(
        "cache-hit", String.valueOf(hit.isPresent() && hit.get().equals(key)),
        "cache-primary-key", key,
        "cache-matched-key", hit.orElse(""));
  }

  private void save(Map<String, String> with) {
    job.save(with.get("key"), job.workspace(), cachePaths(with), true);
  }

  @SuppressWarnings("unchecked")
  private boolean composite(
      String label,
      Path dir,
      Map<String, String> with,
      Map<String, String> env,
      Map<String, String> outputs) {
    Path file =
        Files.exists(dir.resolve("action.yml"))
            ? dir.resolve("action.yml")
            : dir.resolve("action.yaml");
    Map<String, Object> action = load(file);
    Map<String, String> inputs = new LinkedHashMap<>();
    Map<String, Object> declared = (Map<String, Object>) action.getOrDefault("inputs", Map.of());
    for (Map.Entry<String, Object> in : declared.entrySet()) {
      Map<String, Object> spec = (Map<String, Object>) in.getValue();
      String v = with.get(in.getKey());
      if (v == null && spec != null && spec.get("default") != null) {
        v = expressions(Map.of(), dir).interpolate(str(spec.get("default")));
      }
      if (v == null && spec != null && Boolean.TRUE.equals(spec.get("required"))) {
        throw new AssertionError(file + ": required input " + in.getKey() + " not given");
      }
      inputs.put(in.getKey(), v == null ? "" : v);
    }
    for (String k : with.keySet()) {
      if (!declared.containsKey(k)) {
        throw new AssertionError(file + " has no input " + k);
      }
    }
    Map<String, Object> runs = (Map<String, Object>) action.get("runs");
    if (!"composite".equals(runs.get("using"))) {
      throw new AssertionError(file + ": only composite actions are simulated");
    }
    Map<String, Object> outer = new LinkedHashMap<>(steps);
    steps.clear();
    boolean before = failed;
    failed = false;
    for (Object s : (List<Object>) runs.get("steps")) {
      Map<String, Object> st = (Map<String, Object>) s;
      if (st.containsKey("run") && !st.containsKey("shell")) {
        throw new AssertionError(file + ": a composite run step needs shell: " + st);
      }
    }
    runSteps((List<Object>) runs.get("steps"), env, null, inputs, dir);
    GithubExpressions ex = expressions(inputs, dir);
    Map<String, Object> outs = (Map<String, Object>) action.getOrDefault("outputs", Map.of());
    for (Map.Entry<String, Object> o : outs.entrySet()) {
      outputs.put(
          o.getKey(), ex.interpolate(str(((Map<String, Object>) o.getValue()).get("value"))));
    }
    boolean ok = !failed;
    failed = before;
    steps.clear();
    steps.putAll(outer);
    job.note(label, "composite action " + file + (ok ? " done" : " failed") + "\n");
    return ok;
  }

  private Map<String, String> stepEnv(
      Map<String, String> base, Map<String, Object> step, GithubExpressions ex) {
    Map<String, String> env = new LinkedHashMap<>(job.imageEnv());
    env.putAll(githubVars());
    base.forEach((k, v) -> env.put(k, ex.interpolate(v)));
    env.putAll(githubEnv);
    @SuppressWarnings("unchecked")
    Map<String, Object> own = (Map<String, Object>) step.get("env");
    if (own != null) {
      own.forEach((k, v) -> env.put(k, ex.interpolate(str(v))));
    }
    if (!githubPath.isEmpty()) {
      env.put("PATH", String.join(":", githubPath) + ":" + env.get("PATH"));
    }
    return env;
  }

  private Map<String, String> githubVars() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("GITHUB_ACTIONS", "true");
    v.put("GITHUB_WORKSPACE", job.workspace().toString());
    v.put("RUNNER_TEMP", job.temp().toString());
    v.put("RUNNER_OS", "Linux");
    v.put("RUNNER_ARCH", "X64");
    v.put("GITHUB_EVENT_NAME", event.name());
    v.put("GITHUB_REF", ref());
    v.put("GITHUB_REF_NAME", event.branch());
    v.put("GITHUB_SHA", event.sha());
    v.put("GITHUB_RUN_ID", String.valueOf(Math.floorMod(job.name().hashCode(), 1_000_000)));
    v.put("GITHUB_REPOSITORY", "example/fixture");
    return v;
  }

  private String ref() {
    return event.name().equals("pull_request")
        ? "refs/pull/7/merge"
        : "refs/heads/" + event.branch();
  }

  private GithubExpressions expressions(Map<String, String> inputs) {
    return expressions(inputs, job.workspace());
  }

  private GithubExpressions expressions(Map<String, String> inputs, Path actionPath) {
    Map<String, Object> c = new LinkedHashMap<>();
    Map<String, Object> repo = Map.of("default_branch", event.defaultBranch());
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("repository", repo);
    if (event.name().equals("pull_request")) {
      ev.put("pull_request", Map.of("head", Map.of("repo", Map.of("fork", event.fork()))));
    }
    Map<String, Object> gh = new LinkedHashMap<>();
    gh.put("ref", ref());
    gh.put("ref_name", event.branch());
    gh.put("event_name", event.name());
    gh.put("event", ev);
    gh.put("sha", event.sha());
    gh.put("workspace", job.workspace().toString());
    gh.put("repository", "example/fixture");
    gh.put("action_path", actionPath.toString());
    gh.put("run_id", String.valueOf(Math.floorMod(job.name().hashCode(), 1_000_000)));
    c.put("github", gh);
    c.put("runner", Map.of("os", "Linux", "arch", "X64", "temp", job.temp().toString()));
    Map<String, String> env = new LinkedHashMap<>(job.imageEnv());
    env.putAll(githubEnv);
    c.put("env", env);
    c.put("steps", steps);
    c.put("secrets", secrets);
    c.put("vars", Map.of());
    c.put("inputs", inputs);
    c.put("matrix", Map.of());
    return new GithubExpressions(c, job.workspace(), () -> failed);
  }

  static Map<String, Object> load(Path file) {
    try (Reader r = Files.newBufferedReader(file)) {
      Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
      if (!(o instanceof Map<?, ?>)) {
        throw new IllegalArgumentException(file + " is not a YAML mapping");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) o;
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> strings(Map<String, Object> m) {
    Map<String, String> out = new LinkedHashMap<>();
    if (m != null) {
      m.forEach((k, v) -> out.put(k, str(v)));
    }
    return out;
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }
}
