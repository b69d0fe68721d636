package dev.gocachectl.mod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.testing.GoEnv;
import dev.gocachectl.testing.WarmCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Letters} and {@link CaseFold} against the installed go's {@code unicode.IsLetter} and
 * {@code strToFold} (minimum of the {@code unicode.SimpleFold} orbit), over every scalar value: go
 * prints its letter ranges and every rune that folds to another, the JDK-based tables must print
 * the same.
 */
class UnicodeTablesGoTest {
  @TempDir Path tmp;

  static final String PROGRAM =
      """
      package main

      import (
      	"bufio"
      	"fmt"
      	"os"
      	"unicode"
      )

      func fold(r rune) rune {
      	for {
      		r0 := r
      		r = unicode.SimpleFold(r0)
      		if r <= r0 {
      			break
      		}
      	}
      	if 'A' <= r && r <= 'Z' {
      		r += 'a' - 'A'
      	}
      	return r
      }

      func main() {
      	w := bufio.NewWriter(os.Stdout)
      	defer w.Flush()
      	start := rune(-1)
      	for r := rune(0); r <= unicode.MaxRune+1; r++ {
      		letter := r <= unicode.MaxRune && unicode.IsLetter(r)
      		if letter && start < 0 {
      			start = r
      		} else if !letter && start >= 0 {
      			fmt.Fprintf(w, "L %x %x\\n", start, r-1)
      			start = -1
      		}
      		if r <= unicode.MaxRune && fold(r) != r {
      			fmt.Fprintf(w, "F %x %x\\n", r, fold(r))
      		}
      	}
      }
      """;

  @Test
  void lettersAndFoldsAreGos() throws IOException {
    Files.writeString(tmp.resolve("go.mod"), "module unicodetables\n\ngo 1.24\n");
    Files.writeString(tmp.resolve("main.go"), PROGRAM);
    // A copy of the run's warm GOCACHE: the standard library is already compiled there.
    GoTool go = GoEnv.isolated(tmp.resolve("home"), WarmCache.copyTo(tmp.resolve("gocache")));
    String fromGo = GoEnv.ok(go, tmp, "run", ".").stdout();
    assertThat(ours()).isEqualTo(fromGo);
  }

  static String ours() {
    List<String> lines = new ArrayList<>();
    int start = -1;
    for (int r = 0; r <= Character.MAX_CODE_POINT + 1; r++) {
      boolean letter = r <= Character.MAX_CODE_POINT && !isSurrogate(r) && Letters.isLetter(r);
      if (letter && start < 0) {
        start = r;
      } else if (!letter && start >= 0) {
        lines.add("L " + Integer.toHexString(start) + " " + Integer.toHexString(r - 1));
        start = -1;
      }
      if (r <= Character.MAX_CODE_POINT && CaseFold.foldRune(r) != r) {
        lines.add("F " + Integer.toHexString(r) + " " + Integer.toHexString(CaseFold.foldRune(r)));
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static boolean isSurrogate(int r) {
    return r >= 0xD800 && r <= 0xDFFF;
  }
}
