package dev.gocachectl.serve;

import dev.gocachectl.config.ServeConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which of a report's labels become Prometheus labels, so that the number of series stays bounded
 * whatever runners send: only the configured names (other names are ignored), each with at most
 * {@code maxValues} distinct values; a value past that, or one that is not a plain word ({@value
 * #VALUE_PATTERN}), becomes {@value #OTHER} and is counted. A report without a label gets the empty
 * value (Prometheus reads it as no label). The combinations are bounded too: past {@value
 * #MAX_LABEL_SETS} distinct label sets, a report of a new set is counted with every value {@value
 * #OTHER} (label {@code *} in the replacement counter), so that the series, and serve's memory,
 * stay bounded however the values combine (each set holds about 60 series). The values seen are
 * kept with the counters, so that a restart keeps the same ones.
 */
final class LabelPolicy {
  static final String OTHER = "other";
  static final String VALUE_PATTERN = "[A-Za-z0-9._:/@+-]{1,128}";
  private static final Pattern VALUE = Pattern.compile(VALUE_PATTERN);
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,63}");

  /** Label names a report may carry by default: what ReportLabels sets, and two for the user. */
  static final List<String> DEFAULT_NAMES = ServeConfig.DEFAULT_LABEL_NAMES;

  static final int DEFAULT_MAX_VALUES = ServeConfig.DEFAULT_MAX_LABEL_VALUES;

  /** Distinct combinations of label values before a new one is counted as all {@value #OTHER}. */
  static final int MAX_LABEL_SETS = 2000;

  /** The {@code label} of a replacement of a whole label set. */
  static final String WHOLE_SET = "*";

  private final List<String> names;
  private final int maxValues;
  private final Map<String, Set<String>> seen = new LinkedHashMap<>();
  private final Set<List<String>> sets = new java.util.HashSet<>();

  /** Why a value became {@value #OTHER}. */
  enum Replaced {
    OVERFLOW,
    INVALID
  }

  /** A value replaced: the label and why. */
  record Replacement(String label, Replaced reason) {}

  LabelPolicy(List<String> names, int maxValues) {
    for (String n : names) {
      if (!NAME.matcher(n).matches() || n.startsWith("__")) {
        throw new IllegalArgumentException(
            "invalid label name \"" + n + "\" (expected lower-case letters, digits and _)");
      }
      if (RESERVED.contains(n)) {
        throw new IllegalArgumentException(
            "label name \"" + n + "\" is one serve uses itself; choose another");
      }
    }
    if (maxValues < 1) {
      throw new IllegalArgumentException("the number of values per label must be at least 1");
    }
    this.names = List.copyOf(names);
    this.maxValues = maxValues;
    for (String n : names) {
      seen.put(n, new LinkedHashSet<>());
    }
  }

  /** Label names serve's own families use. */
  static final Set<String> RESERVED =
      Set.of(
          "verb",
          "source",
          "cause",
          "result",
          "tier",
          "manifest",
          "reason",
          "label",
          "cache",
          "kind",
          "age",
          "finding",
          "le",
          "version",
          "java",
          "quantile");

  List<String> names() {
    return names;
  }

  int maxValues() {
    return maxValues;
  }

  /**
   * The label values for a report's labels, in {@link #names()} order; replacements go to {@code
   * replaced}. Not thread-safe: the caller holds the ingest lock.
   */
  List<String> values(Map<String, String> labels, List<Replacement> replaced) {
    List<String> out = new ArrayList<>(names.size());
    for (String n : names) {
      String v = labels.get(n);
      if (v == null || v.isEmpty()) {
        out.add("");
      } else if (!VALUE.matcher(v).matches()) {
        out.add(OTHER);
        replaced.add(new Replacement(n, Replaced.INVALID));
      } else {
        Set<String> s = seen.get(n);
        if (s.contains(v) || s.size() < maxValues && s.add(v)) {
          out.add(v);
        } else {
          out.add(OTHER);
          replaced.add(new Replacement(n, Replaced.OVERFLOW));
        }
      }
    }
    List<String> set = List.copyOf(out);
    if (sets.contains(set) || sets.size() < MAX_LABEL_SETS && sets.add(set)) {
      return set;
    }
    replaced.add(new Replacement(WHOLE_SET, Replaced.OVERFLOW));
    List<String> all = new ArrayList<>(names.size());
    for (String v : set) {
      all.add(v.isEmpty() ? "" : OTHER);
    }
    return List.copyOf(all);
  }

  /** Restores a label set counted before a restart (up to the bound). */
  void restoreSet(List<String> values) {
    if (values.size() == names.size() && sets.size() < MAX_LABEL_SETS) {
      sets.add(List.copyOf(values));
    }
  }

  /** The values seen per label, for the state file. */
  Map<String, List<String>> seen() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    seen.forEach((k, v) -> m.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(m);
  }

  /** Restores values seen before a restart (those of labels still configured, up to the bound). */
  void restore(String label, List<String> values) {
    Set<String> s = seen.get(label);
    if (s == null) {
      return;
    }
    for (String v : values) {
      if (s.size() < maxValues && VALUE.matcher(v).matches()) {
        s.add(v);
      }
    }
  }
}
