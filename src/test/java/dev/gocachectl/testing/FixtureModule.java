package dev.gocachectl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small real Go module written into a directory: a plain package with a test, a cgo package, and
 * a main package that uses both. Tests build it with the real toolchain.
 */
public final class FixtureModule {
  public static final String PATH = "example.com/fixture";

  private final Path dir;

  private FixtureModule(Path dir) {
    this.dir = dir;
  }

  /** Writes the module into {@code dir}. */
  public static FixtureModule write(Path dir) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("go.mod", "module " + PATH + "\n\ngo 1.24\n");
    files.put(
        "plain/plain.go",
        """
        package plain

        import "strings"

        // Greeting says hello to someone.
        func Greeting(who string) string { return "hello, " + strings.TrimSpace(who) }
        """);
    files.put(
        "plain/plain_test.go",
        """
        package plain

        import "testing"

        func TestGreeting(t *testing.T) {
        	if got := Greeting(" gopher "); got != "hello, gopher" {
        		t.Fatalf("Greeting = %q", got)
        	}
        }
        """);
    files.put(
        "cgo/add.go",
        """
        package cgo

        // static int add(int a, int b) { return a + b; }
        import "C"

        // Add adds in C.
        func Add(a, b int) int { return int(C.add(C.int(a), C.int(b))) }
        """);
    files.put(
        "cmd/hello/main.go",
        """
        package main

        import (
        	"fmt"

        	"example.com/fixture/cgo"
        	"example.com/fixture/plain"
        )

        func main() { fmt.Println(plain.Greeting("world"), cgo.Add(1, 2)) }
        """);
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FixtureModule(dir);
  }

  public Path dir() {
    return dir;
  }
}
