package dev.gocachectl.mod;

import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The module-related go environment, as the go command would use it: from {@code go env -json} when
 * go is installed (which reads the environment, the {@code go env -w} file and go's defaults, and
 * computes GONOSUMDB and GONOPROXY from GOPRIVATE when they are unset), else from the environment
 * with go's defaults.
 *
 * @param modCache GOMODCACHE
 * @param sumdbDir where go keeps the last verified tree head of each checksum database: {@code
 *     $GOPATH[0]/pkg/sumdb} (outside GOMODCACHE, so {@code go clean -modcache} keeps it)
 * @param goproxy GOPROXY
 * @param gonoproxy GONOPROXY (default GOPRIVATE)
 * @param gosumdb GOSUMDB
 * @param gonosumdb GONOSUMDB (default GOPRIVATE)
 * @param goflags GOFLAGS
 */
public record ModEnv(
    Path modCache,
    Path sumdbDir,
    String goproxy,
    PrefixPatterns gonoproxy,
    String gosumdb,
    PrefixPatterns gonosumdb,
    GoFlags goflags) {

  static final List<String> NAMES =
      List.of(
          "GOMODCACHE",
          "GOPATH",
          "GOPROXY",
          "GONOPROXY",
          "GOSUMDB",
          "GONOSUMDB",
          "GOPRIVATE",
          "GOFLAGS");

  /**
   * Resolves the environment.
   *
   * @param env the process environment
   * @param modCacheFlag {@code --modcache}, if given
   * @throws IOException when go env fails or GOMODCACHE cannot be determined
   */
  public static ModEnv resolve(Map<String, String> env, Optional<Path> modCacheFlag)
      throws IOException {
    Map<String, String> v = new HashMap<>();
    Optional<GoTool> go = GoTool.find(env);
    if (go.isPresent()) {
      v.putAll(goEnv(go.get()));
    } else {
      v.putAll(defaults(env));
    }
    Path modCache;
    if (modCacheFlag.isPresent()) {
      modCache = modCacheFlag.get().toAbsolutePath().normalize();
    } else {
      String m = v.getOrDefault("GOMODCACHE", "");
      if (m.isEmpty() || !Path.of(m).isAbsolute()) {
        throw new IOException(
            "GOMODCACHE is not set to an absolute path (found \""
                + m
                + "\"); set GOPATH or GOMODCACHE, or pass --modcache DIR");
      }
      modCache = Path.of(m);
    }
    String gopath = v.getOrDefault("GOPATH", "");
    String first = gopath.split(java.io.File.pathSeparator, -1)[0];
    Path sumdbDir = first.isEmpty() ? null : Path.of(first, "pkg", "sumdb");
    return new ModEnv(
        modCache,
        sumdbDir,
        v.getOrDefault("GOPROXY", ""),
        new PrefixPatterns(v.get("GONOPROXY")),
        v.getOrDefault("GOSUMDB", ""),
        new PrefixPatterns(v.get("GONOSUMDB")),
        new GoFlags(v.getOrDefault("GOFLAGS", "")));
  }

  private static Map<String, String> goEnv(GoTool go) throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of("env", "-json"));
    args.addAll(NAMES);
    GoTool.Result r = go.run(null, args);
    if (!r.ok()) {
      throw new IOException("go env -json failed: " + r.stderr().strip());
    }
    Object json = JsonTree.parse(r.stdout());
    Map<String, String> out = new HashMap<>();
    for (String n : NAMES) {
      out.put(n, JsonTree.string(json, n));
    }
    return out;
  }

  /** Go's defaults, for when go is not installed. */
  static Map<String, String> defaults(Map<String, String> env) {
    Map<String, String> v = new HashMap<>();
    for (String n : NAMES) {
      v.put(n, env.getOrDefault(n, ""));
    }
    if (v.get("GOPATH").isEmpty() && env.get("HOME") != null) {
      v.put("GOPATH", Path.of(env.get("HOME"), "go").toString());
    }
    if (v.get("GOMODCACHE").isEmpty() && !v.get("GOPATH").isEmpty()) {
      String first = v.get("GOPATH").split(java.io.File.pathSeparator, -1)[0];
      v.put("GOMODCACHE", Path.of(first, "pkg", "mod").toString());
    }
    v.putIfAbsent("GOPROXY", "");
    if (v.get("GOPROXY").isEmpty()) {
      v.put("GOPROXY", "https://proxy.golang.org,direct");
    }
    if (v.get("GOSUMDB").isEmpty()) {
      v.put("GOSUMDB", "sum.golang.org");
    }
    for (String n : List.of("GONOSUMDB", "GONOPROXY")) {
      if (v.get(n).isEmpty()) {
        v.put(n, v.get("GOPRIVATE"));
      }
    }
    return v;
  }
}
