package dev.gocachectl.config;

import dev.gocachectl.units.ByteSize;
import dev.gocachectl.units.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One mapping of the config file being read: typed getters that name the key, line and column of a
 * wrong value, and {@link #done} that refuses any key nobody asked for (a typo must not be silently
 * ignored).
 */
final class Section {
  private final ConfigNode node;
  private final String path;
  private final Map<String, ConfigNode.Field> fields;
  private final Set<String> known = new LinkedHashSet<>();

  @SuppressWarnings("unchecked")
  Section(ConfigNode node, String path) throws ConfigException {
    if (!(node.value() instanceof Map<?, ?>)) {
      throw node.error(name(path) + ": expected a mapping of keys, found " + node.describe());
    }
    this.node = node;
    this.path = path;
    this.fields = (Map<String, ConfigNode.Field>) node.value();
  }

  private static String name(String path) {
    return path.isEmpty() ? "the config" : path;
  }

  String path() {
    return path;
  }

  ConfigNode node() {
    return node;
  }

  /** The value of {@code key}, or empty when the key is absent (or null). */
  Optional<ConfigNode> get(String key) {
    known.add(key);
    ConfigNode.Field f = fields.get(key);
    return f == null || f.value().value() == null ? Optional.empty() : Optional.of(f.value());
  }

  private String at(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  ConfigNode require(String key) throws ConfigException {
    Optional<ConfigNode> v = get(key);
    if (v.isEmpty()) {
      throw node.error(name(path) + ": \"" + key + "\" is missing");
    }
    return v.get();
  }

  Optional<String> string(String key) throws ConfigException {
    Optional<ConfigNode> v = get(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.get().value() instanceof Map<?, ?> || v.get().value() instanceof List<?>) {
      throw v.get().error(at(key) + ": expected text, found " + v.get().describe());
    }
    return Optional.of(v.get().text()); // as written: GOSUMDB: off is "off", not false
  }

  String requireString(String key) throws ConfigException {
    require(key);
    return string(key).orElseThrow();
  }

  long number(String key, long dflt, long min, long max) throws ConfigException {
    Optional<ConfigNode> v = get(key);
    if (v.isEmpty()) {
      return dflt;
    }
    if (!(v.get().value() instanceof Long n) || n < min || n > max) {
      throw v.get()
          .error(
              at(key)
                  + ": expected a whole number from "
                  + min
                  + " to "
                  + max
                  + ", found "
                  + v.get().describe());
    }
    return n;
  }

  boolean bool(String key, boolean dflt) throws ConfigException {
    Optional<ConfigNode> v = get(key);
    if (v.isEmpty()) {
      return dflt;
    }
    if (!(v.get().value() instanceof Boolean b)) {
      throw v.get().error(at(key) + ": expected true or false, found " + v.get().describe());
    }
    return b;
  }

  /** A duration in Go's form plus days ({@value Durations#EXAMPLES}). */
  Optional<Duration> duration(String key) throws ConfigException {
    Optional<String> s = string(key);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      Duration d = Durations.parse(s.get());
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("must be more than zero");
      }
      return Optional.of(d);
    } catch (IllegalArgumentException e) {
      throw require(key)
          .error(
              at(key)
                  + ": \""
                  + s.get()
                  + "\" is not a duration ("
                  + e.getMessage()
                  + "); expected one like "
                  + Durations.EXAMPLES);
    }
  }

  /** A size: a number of bytes, or text like {@code 10GiB} or {@code 500M}. */
  Optional<Long> size(String key) throws ConfigException {
    Optional<ConfigNode> v = get(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.get().value() instanceof Long n && n >= 0) {
      return Optional.of(n);
    }
    if (v.get().value() instanceof String s) {
      try {
        return Optional.of(ByteSize.parse(s).bytes());
      } catch (IllegalArgumentException e) {
        throw v.get()
            .error(
                at(key)
                    + ": \""
                    + s
                    + "\" is not a size ("
                    + e.getMessage()
                    + "); expected one like 10GiB, 500M or a number of bytes");
      }
    }
    throw v.get().error(at(key) + ": expected a size like 10GiB, found " + v.get().describe());
  }

  /** A directory that exists now (made absolute and normal). */
  Optional<Path> directory(String key) throws ConfigException {
    return existing(key, true);
  }

  Path requireDirectory(String key) throws ConfigException {
    require(key);
    return directory(key).orElseThrow();
  }

  /** A regular file that exists now (made absolute and normal). */
  Optional<Path> file(String key) throws ConfigException {
    return existing(key, false);
  }

  private Optional<Path> existing(String key, boolean directory) throws ConfigException {
    Optional<String> s = string(key);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Path p = Path.of(s.get()).toAbsolutePath().normalize();
    if (directory ? !Files.isDirectory(p) : !Files.isRegularFile(p)) {
      throw require(key)
          .error(
              at(key)
                  + ": "
                  + s.get()
                  + (directory ? " is not a directory" : " is not a regular file")
                  + (Files.exists(p) ? "" : " (it does not exist)")
                  + "; fix the path or create it");
    }
    return Optional.of(p);
  }

  /** A list of texts ({@code [a, b]}); absent is empty. */
  List<String> strings(String key) throws ConfigException {
    List<String> out = new ArrayList<>();
    for (ConfigNode n : list(key)) {
      if (n.value() == null || n.text() == null) {
        throw n.error(at(key) + ": expected a list of texts, found " + n.describe());
      }
      out.add(n.text());
    }
    return out;
  }

  /** The positions of a list's items, for checks after reading (names that must exist). */
  List<ConfigNode> list(String key) throws ConfigException {
    Optional<ConfigNode> v = get(key);
    if (v.isEmpty()) {
      return List.of();
    }
    if (!(v.get().value() instanceof List<?> l)) {
      throw v.get().error(at(key) + ": expected a list, found " + v.get().describe());
    }
    List<ConfigNode> out = new ArrayList<>();
    for (Object o : l) {
      out.add((ConfigNode) o);
    }
    return out;
  }

  /** A list of mappings, each a section named {@code key[i]}. */
  List<Section> sections(String key) throws ConfigException {
    List<Section> out = new ArrayList<>();
    List<ConfigNode> items = list(key);
    for (int i = 0; i < items.size(); i++) {
      out.add(new Section(items.get(i), at(key) + "[" + i + "]"));
    }
    return out;
  }

  Optional<Section> section(String key) throws ConfigException {
    Optional<ConfigNode> v = get(key);
    return v.isEmpty() ? Optional.empty() : Optional.of(new Section(v.get(), at(key)));
  }

  /** A mapping of texts to texts ({@code env: {GOFLAGS: -mod=mod}}). */
  Map<String, String> stringMap(String key) throws ConfigException {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<Section> s = section(key);
    if (s.isEmpty()) {
      return out;
    }
    for (String k : s.get().fields.keySet()) {
      ConfigNode v = s.get().fields.get(k).value();
      s.get().known.add(k);
      if (v.value() == null || v.text() == null) {
        throw v.error(at(key) + "." + k + ": expected text, found " + v.describe());
      }
      out.put(k, v.text());
    }
    return out;
  }

  /** Refuses the keys nobody asked for, naming the ones this mapping takes. */
  void done() throws ConfigException {
    for (ConfigNode.Field f : fields.values()) {
      if (!known.contains(f.key())) {
        throw new ConfigException(
            node.file(),
            f.line(),
            f.column(),
            "unknown key \""
                + f.key()
                + "\" in "
                + name(path)
                + " (expected "
                + String.join(", ", known)
                + ")");
      }
    }
  }

  /** A mistake at this mapping (a missing key, two settings that contradict each other). */
  ConfigException error(String reason) {
    return node.error(name(path) + ": " + reason);
  }

  /** A mistake at the value of {@code key}. */
  ConfigException error(String key, String reason) {
    ConfigNode.Field f = fields.get(key);
    return (f == null ? node : f.value()).error(at(key) + ": " + reason);
  }
}
