package dev.gocachectl.doctor;

import java.util.List;
import java.util.Map;

/**
 * The CI system a job runs on, recognised from the variables each sets in every job, and what each
 * does with checkout paths and per-job values.
 */
@SuppressWarnings("ImmutableEnumChecker") // the lists are List.of, immutable
public enum CiKind {
  GITHUB_ACTIONS(
      "GitHub Actions",
      "GITHUB_ACTIONS",
      "GITHUB_WORKSPACE",
      List.of(
          "GITHUB_RUN_ID",
          "GITHUB_RUN_NUMBER",
          "GITHUB_RUN_ATTEMPT",
          "GITHUB_SHA",
          "GITHUB_JOB",
          "RUNNER_TEMP")),
  GITLAB(
      "GitLab CI",
      "GITLAB_CI",
      "CI_PROJECT_DIR",
      List.of("CI_JOB_ID", "CI_PIPELINE_ID", "CI_COMMIT_SHA", "CI_JOB_TOKEN", "CI_CONCURRENT_ID")),
  JENKINS(
      "Jenkins",
      "JENKINS_URL",
      "WORKSPACE",
      List.of(
          "BUILD_NUMBER", "BUILD_ID", "BUILD_TAG", "BUILD_URL", "GIT_COMMIT", "EXECUTOR_NUMBER")),
  BUILDKITE(
      "Buildkite",
      "BUILDKITE",
      "BUILDKITE_BUILD_CHECKOUT_PATH",
      List.of(
          "BUILDKITE_BUILD_ID",
          "BUILDKITE_BUILD_NUMBER",
          "BUILDKITE_JOB_ID",
          "BUILDKITE_COMMIT",
          "BUILDKITE_AGENT_NAME")),
  CIRCLECI(
      "CircleCI",
      "CIRCLECI",
      "CIRCLE_WORKING_DIRECTORY",
      List.of("CIRCLE_BUILD_NUM", "CIRCLE_WORKFLOW_ID", "CIRCLE_SHA1", "CIRCLE_NODE_INDEX")),
  /** No CI recognised: a developer's machine or a runner doctor does not know. */
  NONE("a plain machine", null, null, List.of());

  private final String title;
  private final String marker;
  private final String checkoutVariable;
  private final List<String> perJobVariables;

  CiKind(String title, String marker, String checkoutVariable, List<String> perJobVariables) {
    this.title = title;
    this.marker = marker;
    this.checkoutVariable = checkoutVariable;
    this.perJobVariables = perJobVariables;
  }

  /** The CI system whose marker variable is set (non-empty), else {@link #NONE}. */
  public static CiKind detect(Map<String, String> env) {
    for (CiKind k : values()) {
      if (k.marker != null && !env.getOrDefault(k.marker, "").isEmpty()) {
        return k;
      }
    }
    return NONE;
  }

  /** The name shown to people. */
  public String title() {
    return title;
  }

  /** The variable naming the checkout directory, or null. */
  public String checkoutVariable() {
    return checkoutVariable;
  }

  /** Variables whose values change from one job to the next. */
  public List<String> perJobVariables() {
    return perJobVariables;
  }

  /** Every per-job variable of every CI system (what a test must not read). */
  public static List<String> allPerJobVariables() {
    return java.util.Arrays.stream(values()).flatMap(k -> k.perJobVariables.stream()).toList();
  }
}
