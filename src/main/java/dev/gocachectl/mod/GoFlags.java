package dev.gocachectl.mod;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * GOFLAGS: space-separated flags that every go command applies. The ones that matter for modules
 * are {@code -modfile=FILE} (go reads FILE instead of go.mod, and the go.sum next to it with {@code
 * .mod} replaced by {@code .sum}), {@code -modcacherw} (extracted module trees stay writable) and
 * {@code -mod=...}.
 *
 * @param raw the variable's value
 */
public record GoFlags(String raw) {
  public GoFlags {
    raw = raw == null ? "" : raw;
  }

  private List<String> flags() {
    return Arrays.stream(raw.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  /** The value of {@code -name=value} (or {@code --name=value}), if set. */
  public Optional<String> value(String name) {
    Optional<String> found = Optional.empty();
    for (String f : flags()) {
      String bare = f.startsWith("--") ? f.substring(2) : f.startsWith("-") ? f.substring(1) : f;
      if (bare.startsWith(name + "=")) {
        found = Optional.of(bare.substring(name.length() + 1));
      }
    }
    return found;
  }
}
