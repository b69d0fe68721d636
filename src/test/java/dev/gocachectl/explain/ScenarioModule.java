package dev.gocachectl.explain;

import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.testing.GoEnv;
import dev.gocachectl.testing.WarmCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small real module for the explain scenarios, and the go tool over a private copy of the warm
 * cache. The import graph:
 *
 * <pre>
 * a           b -> a        c (cgo)    d -> c      e (embeds data.txt)   f -> e
 * cmd/app -> b, d, f        t (a test reading SCN_VAR and testdata/in.txt)
 * a/a_foo.go is built only with -tags foo; a/a_windows.go only for windows.
 * </pre>
 *
 * a and b import nothing from the standard library, so target and toolchain scenarios that build
 * only them compile two packages instead of the runtime.
 */
final class ScenarioModule {
  static final String PATH = "example.com/scn";

  private ScenarioModule() {}

  /** Writes the module into {@code dir} and returns it. */
  static Path write(Path dir) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("go.mod", "module " + PATH + "\n\ngo 1.24\n");
    f.put("a/a.go", "package a\n\n// A is one.\nfunc A() int { return 1 }\n");
    f.put(
        "a/a_foo.go",
        "//go:build foo\n\npackage a\n\n// Foo is two.\nfunc Foo() int { return 2 }\n");
    f.put("a/a_windows.go", "package a\n\n// Windows is three.\nfunc Windows() int { return 3 }\n");
    f.put(
        "b/b.go",
        "package b\n\nimport \""
            + PATH
            + "/a\"\n\n// B is A plus one.\nfunc B() int { return a.A() + 1 }\n");
    f.put(
        "c/c.go",
        """
        package c

        // #ifndef SCALE
        // #define SCALE 1
        // #endif
        // static int scale(int x) { return x * SCALE; }
        import "C"

        // Scale multiplies in C.
        func Scale(x int) int { return int(C.scale(C.int(x))) }
        """);
    f.put(
        "d/d.go",
        "package d\n\nimport \""
            + PATH
            + "/c\"\n\n// D scales 2.\nfunc D() int { return c.Scale(2) }\n");
    f.put("e/data.txt", "hello\n");
    f.put(
        "e/e.go",
        "package e\n\nimport _ \"embed\"\n\n//go:embed data.txt\nvar data string\n\n// Data is the embedded text.\nfunc Data() string { return data }\n");
    f.put(
        "f/f.go",
        "package f\n\nimport \""
            + PATH
            + "/e\"\n\n// F is the data's length.\nfunc F() int { return len(e.Data()) }\n");
    f.put(
        "cmd/app/main.go",
        "package main\n\nimport (\n\t\""
            + PATH
            + "/b\"\n\t\""
            + PATH
            + "/d\"\n\t\""
            + PATH
            + "/f\"\n)\n\nfunc main() { println(b.B(), d.D(), f.F()) }\n");
    f.put("t/t.go", "package t\n");
    f.put(
        "t/t_test.go",
        """
        package t

        import (
        	"os"
        	"testing"
        )

        func TestReads(t *testing.T) {
        	_ = os.Getenv("SCN_VAR")
        	if _, err := os.ReadFile("testdata/in.txt"); err != nil {
        		t.Fatal(err)
        	}
        }
        """);
    f.put("t/testdata/in.txt", "input\n");
    try {
      for (Map.Entry<String, String> e : f.entrySet()) {
        Path p = dir.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, e.getValue());
      }
      // Test inputs modified less than 2s ago make go refuse to cache a result: date it back.
      Files.setLastModifiedTime(
          dir.resolve("t/testdata/in.txt"),
          java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** The real go over a private copy of the warm cache, with its own home. */
  static GoTool go(Path work) {
    Path cache = WarmCache.copyTo(work.resolve("gocache"));
    return GoEnv.isolated(work.resolve("home"), cache);
  }

  /** Captures {@code go args...} in {@code dir} with {@code env} set. */
  static Manifest capture(GoTool go, Path dir, Map<String, String> env, String... args) {
    try {
      Capture.Result r = Capture.run(go.withEnv(env), dir, List.of(args), line -> {});
      if (r.exitCode() != 0) {
        throw new AssertionError("go " + String.join(" ", args) + " failed:\n" + r.tail());
      }
      return r.manifest();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the same command as A and B and explains the difference. */
  static Explanation explain(
      GoTool go,
      Path dirA,
      Map<String, String> envA,
      Path dirB,
      Map<String, String> envB,
      String... args) {
    return Explainer.explain(capture(go, dirA, envA, args), capture(go, dirB, envB, args));
  }

  /** The only group with this category, failing if there is not exactly one. */
  static CauseGroup only(Explanation e, Category c) {
    List<CauseGroup> gs = e.groups().stream().filter(g -> g.cause().category() == c).toList();
    if (gs.size() != 1) {
      throw new AssertionError("expected one " + c + " group, found " + e.groups());
    }
    return gs.getFirst();
  }

  /** The action keys as strings ({@code compile example.com/scn/a}). */
  static List<String> names(List<ActionKey> keys) {
    return keys.stream().map(ActionKey::toString).toList();
  }
}
