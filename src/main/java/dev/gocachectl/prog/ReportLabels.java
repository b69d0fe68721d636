package dev.gocachectl.prog;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The labels a {@link BuildReport} carries: the runner's OS and architecture (Go's names), the
 * repository and branch class that the CI's own variables tell (GitHub Actions, GitLab CI,
 * Buildkite), then what the user chose ({@code prog --label NAME=VALUE}, or {@code
 * GOCACHECTL_REPORT_LABELS="NAME=VALUE,..."}), which wins. Never a build ID, a commit or a package:
 * the service groups time series by these, and a value per build would make one series per build.
 *
 * <p>The branch class is {@code default} (the repository's default branch, or {@code main} or
 * {@code master} where the CI does not say), {@code pull_request}, {@code tag} or {@code branch}.
 */
public final class ReportLabels {
  private ReportLabels() {}

  /** The labels for a report, from the environment and the user's {@code NAME=VALUE} pairs. */
  public static Map<String, String> of(Map<String, String> env, Map<String, String> chosen) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("os", goos(System.getProperty("os.name", "")));
    m.put("arch", goarch(System.getProperty("os.arch", "")));
    String repo = first(env, "GITHUB_REPOSITORY", "CI_PROJECT_PATH", "BUILDKITE_PIPELINE_SLUG");
    if (repo != null) {
      m.put("repo", repo);
    }
    String branch = branchClass(env);
    if (branch != null) {
      m.put("branch", branch);
    }
    String fromEnv = env.get("GOCACHECTL_REPORT_LABELS");
    if (fromEnv != null) {
      for (String pair : fromEnv.split(",", -1)) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          m.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
      }
    }
    m.putAll(chosen);
    return java.util.Collections.unmodifiableMap(m);
  }

  static String branchClass(Map<String, String> env) {
    if ("pull_request".equals(env.get("GITHUB_EVENT_NAME"))
        || "pull_request_target".equals(env.get("GITHUB_EVENT_NAME"))
        || env.containsKey("CI_MERGE_REQUEST_IID")
        || (env.containsKey("BUILDKITE_PULL_REQUEST")
            && !"false".equals(env.get("BUILDKITE_PULL_REQUEST")))) {
      return "pull_request";
    }
    if ("tag".equals(env.get("GITHUB_REF_TYPE"))
        || env.containsKey("CI_COMMIT_TAG")
        || !env.getOrDefault("BUILDKITE_TAG", "").isEmpty()) {
      return "tag";
    }
    String branch = first(env, "CI_COMMIT_BRANCH", "BUILDKITE_BRANCH", "GITHUB_REF_NAME");
    if (branch == null) {
      return null;
    }
    String def = first(env, "CI_DEFAULT_BRANCH", "BUILDKITE_PIPELINE_DEFAULT_BRANCH");
    boolean isDefault =
        def != null ? def.equals(branch) : branch.equals("main") || branch.equals("master");
    return isDefault ? "default" : "branch";
  }

  private static String first(Map<String, String> env, String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  static String goos(String osName) {
    String o = osName.toLowerCase(Locale.ROOT);
    if (o.startsWith("linux")) {
      return "linux";
    }
    if (o.startsWith("mac") || o.startsWith("darwin")) {
      return "darwin";
    }
    if (o.startsWith("windows")) {
      return "windows";
    }
    return o.isEmpty() ? "unknown" : o.replaceAll("[^a-z0-9]", "");
  }

  static String goarch(String osArch) {
    return switch (osArch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      default -> osArch.isEmpty() ? "unknown" : osArch;
    };
  }
}
