package dev.gocachectl.mod;

/**
 * A GOPRIVATE/GONOSUMDB/GONOPROXY list (Go's {@code module.MatchPrefixPatterns}): comma-separated
 * {@code path.Match} globs, each matched against the leading path elements of a module path (as
 * many elements as the glob has). {@code *\/quote} matches {@code rsc.io/quote/v3}; {@code rsc.io/}
 * matches {@code rsc.io/quote}; {@code rsc} does not.
 *
 * @param list the list as configured
 */
public record PrefixPatterns(String list) {
  public PrefixPatterns {
    list = list == null ? "" : list;
  }

  /** Whether any pattern matches a prefix of {@code target}. */
  public boolean matches(String target) {
    for (String raw : list.split(",", -1)) {
      String glob = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
      if (glob.isEmpty()) {
        continue;
      }
      int n = (int) glob.chars().filter(c -> c == '/').count();
      String prefix = target;
      for (int i = 0; i < target.length(); i++) {
        if (target.charAt(i) == '/') {
          if (n == 0) {
            prefix = target.substring(0, i);
            break;
          }
          n--;
        }
      }
      if (n > 0) {
        continue;
      }
      if (PathGlob.match(glob, prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the list is empty. */
  public boolean isEmpty() {
    return list.isEmpty();
  }
}
