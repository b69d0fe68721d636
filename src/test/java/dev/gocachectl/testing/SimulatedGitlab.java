package dev.gocachectl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one job of a {@code .gitlab-ci.yml} on a {@link SimulatedRunner} as GitLab Runner's shell
 * executor would: variables (global, then the job's, then those of the first matching rule; {@code
 * $VAR} and {@code ${VAR}} expanded), {@code rules:} with {@code if:} ({@code == != && ||},
 * variables, quoted strings; {@code when: never} skips the job), the caches restored before {@code
 * before_script} (the key, then each {@code fallback_keys} entry, exactly), {@code before_script}
 * and {@code script} in one {@code bash -eo pipefail}, {@code after_script} in another whose
 * failure does not fail the job, then the caches saved when the job passed and their policy pushes
 * (a key is overwritten). A cache path outside the project directory fails the job, as GitLab
 * refuses to archive it. {@code cache:key:files} is the prefix and a SHA-256 of the files (GitLab
 * uses their last commits; equal content gives equal keys either way); no file gives "default".
 *
 * <p>Predefined variables: CI, GITLAB_CI, CI_PROJECT_DIR (the job's workspace), CI_BUILDS_DIR,
 * CI_COMMIT_BRANCH (push only), CI_COMMIT_REF_NAME, CI_COMMIT_REF_SLUG, CI_DEFAULT_BRANCH,
 * CI_PIPELINE_SOURCE, CI_JOB_NAME, CI_JOB_ID, CI_JOB_STARTED_AT (RFC 3339, seconds), CI_COMMIT_SHA,
 * CI_PROJECT_PATH, CI_CONCURRENT_ID, and the test's masked variables.
 */
public final class SimulatedGitlab {
  private static final Pattern VAR =
      Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

  private final SimulatedRunner.Job job;
  private final String branch;
  private final String source;
  private final Map<String, String> secrets;

  /** A job on {@code branch} run for a {@code source} (push, merge_request_event, ...). */
  public SimulatedGitlab(
      SimulatedRunner.Job job, String branch, String source, Map<String, String> secrets) {
    this.job = job;
    this.branch = branch;
    this.source = source;
    this.secrets = Map.copyOf(secrets);
  }

  /** Runs job {@code name}; returns false when its rules skip it; fails with the log on failure. */
  @SuppressWarnings("unchecked")
  public boolean run(Path ciFile, String name) {
    Map<String, Object> ci = SimulatedGithub.load(ciFile);
    Map<String, Object> j = (Map<String, Object>) ci.get(name);
    if (j == null) {
      throw new IllegalArgumentException(ciFile + " has no job " + name);
    }
    Map<String, Object> defaults = (Map<String, Object>) ci.getOrDefault("default", Map.of());
    Map<String, String> vars = new LinkedHashMap<>(job.imageEnv());
    vars.putAll(predefined(name));
    vars.putAll(secrets);
    addVariables(vars, (Map<String, Object>) ci.get("variables"));
    addVariables(vars, (Map<String, Object>) j.get("variables"));
    if (!rules((List<Object>) j.get("rules"), vars)) {
      job.note(name, "skipped by rules\n");
      return false;
    }
    List<Map<String, Object>> caches =
        caches(j.containsKey("cache") ? j.get("cache") : defaults.get("cache"));
    for (Map<String, Object> c : caches) {
      String policy = expand(str(c.getOrDefault("policy", "pull-push")), vars);
      if (policy.contains("pull")) {
        List<String> keys = new ArrayList<>();
        keys.add(key(c, vars));
        for (Object k : (List<Object>) c.getOrDefault("fallback_keys", List.of())) {
          keys.add(expand(str(k), vars));
        }
        paths(c, vars);
        job.restore(keys, false, job.workspace());
      }
    }
    List<String> script = new ArrayList<>();
    script.addAll(
        lines(
            j.containsKey("before_script")
                ? j.get("before_script")
                : defaults.get("before_script")));
    script.addAll(lines(j.get("script")));
    int code =
        job.shell(
            name,
            List.of("bash", "--noprofile", "--norc", "-eo", "pipefail"),
            String.join("\n", script) + "\n",
            vars,
            job.workspace());
    List<String> after =
        lines(j.containsKey("after_script") ? j.get("after_script") : defaults.get("after_script"));
    if (!after.isEmpty()) {
      job.shell(
          name + " after_script",
          List.of("bash", "--noprofile", "--norc", "-eo", "pipefail"),
          String.join("\n", after) + "\n",
          vars,
          job.workspace());
    }
    if (code != 0) {
      throw new AssertionError("job " + name + " of " + ciFile + " failed:\n" + job.log());
    }
    for (Map<String, Object> c : caches) {
      String policy = expand(str(c.getOrDefault("policy", "pull-push")), vars);
      if (policy.contains("push")) {
        job.save(key(c, vars), job.workspace(), paths(c, vars), false);
      }
    }
    return true;
  }

  private Map<String, String> predefined(String name) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("CI", "true");
    v.put("GITLAB_CI", "true");
    v.put("CI_PROJECT_DIR", job.workspace().toString());
    v.put("CI_BUILDS_DIR", job.workspace().getParent().toString());
    if (source.equals("push")) {
      v.put("CI_COMMIT_BRANCH", branch);
    } else {
      v.put("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", branch);
    }
    v.put("CI_COMMIT_REF_NAME", branch);
    v.put(
        "CI_COMMIT_REF_SLUG",
        branch.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "-"));
    v.put("CI_DEFAULT_BRANCH", "main");
    v.put("CI_PIPELINE_SOURCE", source);
    v.put("CI_JOB_NAME", name);
    v.put("CI_JOB_ID", String.valueOf(Math.floorMod(job.name().hashCode(), 1_000_000)));
    v.put("CI_JOB_STARTED_AT", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    v.put("CI_COMMIT_SHA", "0123456789abcdef0123456789abcdef01234567");
    v.put("CI_PROJECT_PATH", "example/fixture");
    v.put("CI_CONCURRENT_ID", "0");
    return v;
  }

  @SuppressWarnings("unchecked")
  private static void addVariables(Map<String, String> vars, Map<String, Object> add) {
    if (add == null) {
      return;
    }
    for (Map.Entry<String, Object> e : add.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map<?, ?> m) {
        v = ((Map<String, Object>) m).get("value");
      }
      vars.put(e.getKey(), expand(str(v), vars));
    }
  }

  @SuppressWarnings("unchecked")
  private boolean rules(List<Object> rules, Map<String, String> vars) {
    if (rules == null) {
      return true;
    }
    for (Object o : rules) {
      Map<String, Object> r = (Map<String, Object>) o;
      if (r.containsKey("if") && !condition(str(r.get("if")), vars)) {
        continue;
      }
      if ("never".equals(r.get("when"))) {
        return false;
      }
      addVariables(vars, (Map<String, Object>) r.get("variables"));
      return true;
    }
    return false;
  }

  /** GitLab's rules:if: {@code ||} of {@code &&} of comparisons or variable presence. */
  static boolean condition(String cond, Map<String, String> vars) {
    for (String any : Pattern.compile("\\|\\|").splitAsStream(cond).toList()) {
      boolean all = true;
      for (String term : Pattern.compile("&&").splitAsStream(any).toList()) {
        all &= term(term.strip(), vars);
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private static boolean term(String t, Map<String, String> vars) {
    for (String op : List.of("==", "!=")) {
      int i = t.indexOf(op);
      if (i >= 0) {
        String a = operand(t.substring(0, i).strip(), vars);
        String b = operand(t.substring(i + 2).strip(), vars);
        boolean eq = a == null ? b == null : a.equals(b);
        return op.equals("==") == eq;
      }
    }
    String v = operand(t, vars);
    return v != null && !v.isEmpty();
  }

  private static String operand(String s, Map<String, String> vars) {
    if (s.equals("null")) {
      return null;
    }
    if (s.length() >= 2 && (s.startsWith("\"") || s.startsWith("'"))) {
      return s.substring(1, s.length() - 1);
    }
    if (s.startsWith("$")) {
      return vars.get(s.substring(1).replace("{", "").replace("}", ""));
    }
    throw new IllegalArgumentException("rules:if operand not simulated: " + s);
  }

  static String expand(String s, Map<String, String> vars) {
    Matcher m = VAR.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String n = m.group(1) != null ? m.group(1) : m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement(vars.getOrDefault(n, "")));
    }
    m.appendTail(out);
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> caches(Object c) {
    if (c == null) {
      return List.of();
    }
    if (c instanceof List<?> l) {
      return (List<Map<String, Object>>) l;
    }
    return List.of((Map<String, Object>) c);
  }

  @SuppressWarnings("unchecked")
  private String key(Map<String, Object> c, Map<String, String> vars) {
    Object k = c.get("key");
    if (k == null) {
      return "default";
    }
    if (!(k instanceof Map<?, ?> km)) {
      return expand(str(k), vars);
    }
    Map<String, Object> m = (Map<String, Object>) km;
    List<Object> files = (List<Object>) m.getOrDefault("files", List.of());
    String hash;
    try {
      MessageDigest all = MessageDigest.getInstance("SHA-256");
      boolean any = false;
      for (Object f : files) {
        Path p = job.workspace().resolve(expand(str(f), vars));
        if (Files.isRegularFile(p)) {
          all.update(Files.readAllBytes(p));
          any = true;
        }
      }
      hash = any ? HexFormat.of().formatHex(all.digest()) : "default";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Object prefix = m.get("prefix");
    return prefix == null ? hash : expand(str(prefix), vars) + "-" + hash;
  }

  @SuppressWarnings("unchecked")
  private List<String> paths(Map<String, Object> c, Map<String, String> vars) {
    List<String> out = new ArrayList<>();
    for (Object p : (List<Object>) c.getOrDefault("paths", List.of())) {
      String e = expand(str(p), vars);
      Path abs = job.workspace().resolve(e).normalize();
      if (!abs.startsWith(job.workspace())) {
        throw new AssertionError(
            "cache path "
                + p
                + " ("
                + abs
                + ") is outside the project directory "
                + job.workspace()
                + "; GitLab caches only paths inside it");
      }
      out.add(job.workspace().relativize(abs).toString());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> lines(Object o) {
    if (o == null) {
      return List.of();
    }
    if (o instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (Object x : l) {
        if (x instanceof List<?> nested) {
          out.addAll(lines(nested));
        } else {
          out.add(str(x));
        }
      }
      return out;
    }
    return List.of(str(o));
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }
}
