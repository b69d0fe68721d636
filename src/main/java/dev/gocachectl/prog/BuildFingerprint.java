package dev.gocachectl.prog;

import dev.gocachectl.explain.Category;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What decides go's action IDs on one runner, compared across runners when one misses what another
 * stored: the toolchain, the target, the flags, the C compiler and where the module is.
 *
 * <h2>Fields</h2>
 *
 * <p>In this order, each present only when known ({@link #FIELDS}): {@code GOVERSION}, {@code
 * GOROOT}, {@code compile}, {@code link} (the tools' {@code -V=full} lines go hashes), {@code
 * GOOS}, {@code GOARCH}, {@code level} (the architecture level variable and its value: {@code
 * GOAMD64=v1}), {@code GOEXPERIMENT}, {@code GOFLAGS}, {@code CGO_ENABLED}, {@code CC}, {@code CC
 * ID} (the line of {@code CC -### -x c -c -} go hashes, or the error), {@code CGO_CFLAGS}, {@code
 * CGO_CPPFLAGS}, {@code CGO_CXXFLAGS}, {@code CGO_FFLAGS}, {@code CGO_LDFLAGS}, {@code GOMODCACHE},
 * {@code module root} (the directory of the go.mod above the go command's directory), {@code
 * trimpath} and {@code buildvcs} (as the command line or GOFLAGS set them: {@code true}, {@code
 * false}, {@code auto}). Only these variables are read: no other value of the environment is ever
 * stored, so a secret in it cannot travel.
 *
 * <h2>Format</h2>
 *
 * <p>One line per field, {@code NAME=VALUE\n} in the order above, UTF-8; in a value a backslash is
 * written {@code \\} and a line feed {@code \n}. A reader ignores names it does not know.
 *
 * @param fields the fields by name, in {@link #FIELDS} order
 */
public record BuildFingerprint(Map<String, String> fields) {
  /** The field names, in order. */
  public static final List<String> FIELDS =
      List.of(
          "GOVERSION",
          "GOROOT",
          "compile",
          "link",
          "GOOS",
          "GOARCH",
          "level",
          "GOEXPERIMENT",
          "GOFLAGS",
          "CGO_ENABLED",
          "CC",
          "CC ID",
          "CGO_CFLAGS",
          "CGO_CPPFLAGS",
          "CGO_CXXFLAGS",
          "CGO_FFLAGS",
          "CGO_LDFLAGS",
          "GOMODCACHE",
          "module root",
          "trimpath",
          "buildvcs");

  /** The architecture level variable of each GOARCH (cfg.GetArchEnv in cmd/go). */
  private static final Map<String, String> LEVEL =
      Map.of(
          "amd64", "GOAMD64",
          "arm", "GOARM",
          "arm64", "GOARM64",
          "386", "GO386",
          "ppc64", "GOPPC64",
          "ppc64le", "GOPPC64",
          "mips", "GOMIPS",
          "mipsle", "GOMIPS",
          "mips64", "GOMIPS64",
          "riscv64", "GORISCV64");

  /** The architecture level variable of {@code goarch} ({@code GOAMD64}...), or null. */
  public static String levelVariable(String goarch) {
    return LEVEL.get(goarch);
  }

  /**
   * A build flag as go takes it: the command line's last (after the verb, before {@code -args})
   * wins over GOFLAGS's last, GOFLAGS being applied first; a bare {@code -name} is {@code true}.
   */
  public static String flag(List<String> args, String goflags, String name, String absent) {
    String v = absent;
    for (String f : goflags == null ? new String[0] : goflags.strip().split("\\s+")) {
      v = value(f, name, v);
    }
    for (String a : args.subList(Math.min(2, args.size()), args.size())) {
      if (a.equals("-args") || a.equals("--args")) {
        break; // go test passes the rest to the test binary
      }
      v = value(a, name, v);
    }
    return v;
  }

  private static String value(String f, String name, String current) {
    String bare = f.startsWith("--") ? f.substring(2) : f.startsWith("-") ? f.substring(1) : null;
    if (bare == null) {
      return current;
    }
    if (bare.equals(name)) {
      return "true";
    }
    if (bare.startsWith(name + "=")) {
      return bare.substring(name.length() + 1);
    }
    return current;
  }

  /** At most this many bytes of one encoded fingerprint are read. */
  static final int MAX_BYTES = 64 * 1024;

  /** One field that differs between two runners, with why it matters and what to do. */
  public record Difference(String field, String a, String b, Category category, String advice) {
    /** One line: {@code GOROOT /usr/local/go vs /opt/go: ...; ...}. */
    public String line() {
      return field + " " + shown(a) + " vs " + shown(b) + ": " + advice;
    }

    private static String shown(String v) {
      return v == null ? "(unknown)" : v.isEmpty() ? "''" : v;
    }
  }

  public static final BuildFingerprint EMPTY = new BuildFingerprint(Map.of());

  public BuildFingerprint {
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String f : FIELDS) {
      String v = fields.get(f);
      if (v != null) {
        ordered.put(f, v);
      }
    }
    fields = Collections.unmodifiableMap(ordered);
  }

  /** A field's value, or null when unknown. */
  public String get(String field) {
    return fields.get(field);
  }

  /** This fingerprint with {@code more} fields set. */
  BuildFingerprint with(Map<String, String> more) {
    Map<String, String> m = new LinkedHashMap<>(fields);
    m.putAll(more);
    return new BuildFingerprint(m);
  }

  /**
   * This fingerprint with every path value that starts with one of {@code prefixes} (a directory:
   * the prefix itself or followed by {@code /}) shown as {@code $NAME} and the rest of the path,
   * where {@code prefixes} maps each prefix to its NAME: {@code /home/ci/work/app} with {@code
   * /home/ci -> HOME} becomes {@code $HOME/work/app}.
   */
  public BuildFingerprint redacted(Map<String, String> prefixes) {
    Map<String, String> m = new LinkedHashMap<>();
    fields.forEach(
        (k, v) -> {
          String out = v;
          for (Map.Entry<String, String> p : prefixes.entrySet()) {
            String pre = p.getKey().endsWith("/") ? p.getKey() : p.getKey() + "/";
            if (v.equals(p.getKey()) || v.equals(pre)) {
              out = "$" + p.getValue();
              break;
            }
            if (v.startsWith(pre)) {
              out = "$" + p.getValue() + "/" + v.substring(pre.length());
              break;
            }
          }
          m.put(k, out);
        });
    return new BuildFingerprint(m);
  }

  /** Whether the package directories enter compile keys on this runner (no {@code -trimpath}). */
  boolean dirInKeys() {
    return !"true".equals(fields.get("trimpath"));
  }

  /** The fields that differ from {@code other}'s, this side as {@code a}, in field order. */
  public List<Difference> differences(BuildFingerprint other) {
    List<Difference> out = new ArrayList<>();
    if (fields.isEmpty() || other.fields.isEmpty()) {
      return out;
    }
    for (String f : FIELDS) {
      String a = fields.get(f);
      String b = other.fields.get(f);
      if (Objects.equals(a, b) || a == null || b == null) {
        continue;
      }
      if ((f.equals("module root") || f.equals("GOMODCACHE"))
          && !dirInKeys()
          && !other.dirInKeys()) {
        continue; // with -trimpath on both sides, where the code is does not enter the keys
      }
      out.add(new Difference(f, a, b, category(f), advice(f)));
    }
    return out;
  }

  private static Category category(String f) {
    return switch (f) {
      case "GOVERSION", "GOROOT", "compile", "link" -> Category.TOOLCHAIN;
      case "GOOS", "GOARCH", "level", "GOEXPERIMENT" -> Category.TARGET;
      case "GOFLAGS", "trimpath" -> Category.FLAGS;
      case "buildvcs" -> Category.MODINFO;
      case "module root", "GOMODCACHE" -> Category.PATH;
      default -> Category.CGO;
    };
  }

  private static String advice(String f) {
    return switch (f) {
      case "GOVERSION" ->
          "the Go version salts every action ID; use one Go release on every runner";
      case "GOROOT" ->
          "the toolchain's path enters every link and test key (without -trimpath); install Go at"
              + " one path on every runner";
      case "compile", "link" ->
          "the tool's version line enters every key; use the same Go build on every runner";
      case "GOOS", "GOARCH", "level", "GOEXPERIMENT" ->
          "another target compiles other code; build for the same target everywhere";
      case "GOFLAGS" ->
          "flags set through GOFLAGS change what is compiled; set the same GOFLAGS on every runner";
      case "trimpath" ->
          "-trimpath changes every key; build with it everywhere or nowhere (GOFLAGS=-trimpath)";
      case "buildvcs" ->
          "VCS stamping changes every main package's key; set -buildvcs the same everywhere";
      case "CGO_ENABLED" ->
          "cgo on or off selects other files and settings; set CGO_ENABLED (and put the same C"
              + " compiler on PATH) on every runner";
      case "CC" ->
          "the C compiler's name enters every cgo package's key; set the same CC everywhere";
      case "CC ID" ->
          "the C compiler's version line enters every cgo package's key; install the same compiler"
              + " version on every runner";
      case "module root" ->
          "without -trimpath the module's directory enters the key of each of its packages; build"
              + " with -trimpath (GOFLAGS=-trimpath) or check out at one path";
      case "GOMODCACHE" ->
          "without -trimpath the module cache's path enters the key of every dependency; build"
              + " with -trimpath or use one GOMODCACHE path";
      default ->
          "the cgo flags enter every cgo package's key; pass the same " + f + " on every runner";
    };
  }

  /** The encoded fingerprint (see the class comment). */
  byte[] encode() {
    StringBuilder b = new StringBuilder(512);
    fields.forEach(
        (k, v) ->
            b.append(k)
                .append('=')
                .append(v.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n'));
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses an encoded fingerprint.
   *
   * @throws IllegalArgumentException when a line has no {@code =} or the text is too long
   */
  static BuildFingerprint parse(byte[] data) {
    if (data.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "fingerprint of " + data.length + " bytes, more than " + MAX_BYTES);
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("fingerprint line without NAME=: \"" + line + "\"");
      }
      m.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
    }
    return new BuildFingerprint(m);
  }

  private static String unescape(String v) {
    if (v.indexOf('\\') < 0) {
      return v;
    }
    StringBuilder b = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length()) {
        char n = v.charAt(++i);
        b.append(n == 'n' ? '\n' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
