package dev.gocachectl.doctor;

import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.testing.GoEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test-only GOCACHEPROG program, in Go, that speaks cmd/go/internal/cacheprog's protocol byte for
 * byte and breaks it in the way its first argument names ({@code ok} breaks nothing); its second
 * argument is the directory it stores outputs in.
 */
final class BrokenCacheProg {
  static final String SOURCE =
      """
      package main

      import (
      	"bufio"
      	"crypto/sha256"
      	"encoding/base64"
      	"encoding/hex"
      	"encoding/json"
      	"fmt"
      	"os"
      	"path/filepath"
      	"time"
      )

      type req struct {
      	ID       int64
      	Command  string
      	ActionID []byte
      	OutputID []byte
      	BodySize int64
      }

      func main() {
      	mode, dir := os.Args[1], os.Args[2]
      	os.MkdirAll(dir, 0o755)
      	out := bufio.NewWriter(os.Stdout)
      	send := func(v any) {
      		b, _ := json.Marshal(v)
      		out.Write(append(b, '\\n'))
      		out.Flush()
      	}
      	switch mode {
      	case "silent":
      		for {
      			time.Sleep(time.Hour)
      		}
      	case "nocommands":
      		send(map[string]any{"ID": 0})
      	default:
      		send(map[string]any{"ID": 0, "KnownCommands": []string{"get", "put", "close"}})
      	}
      	in := bufio.NewReader(os.Stdin)
      	dec := json.NewDecoder(in)
      	objects := map[string][]byte{}
      	sizes := map[string]int64{}
      	for {
      		var r req
      		if err := dec.Decode(&r); err != nil {
      			for mode == "linger" {
      				time.Sleep(time.Hour)
      			}
      			return
      		}
      		if mode == "exit" {
      			os.Exit(3)
      		}
      		switch r.Command {
      		case "put":
      			var body []byte
      			if r.BodySize > 0 {
      				var s string
      				dec.Decode(&s)
      				body, _ = base64.StdEncoding.DecodeString(s)
      			}
      			sum := sha256.Sum256(body)
      			name := hex.EncodeToString(sum[:])
      			if mode == "ext" {
      				name += ".bin"
      			}
      			data := body
      			if mode == "badbody" {
      				data = append([]byte("x"), body...)
      			}
      			p := filepath.Join(dir, name)
      			os.WriteFile(p, data, 0o644)
      			objects[string(r.ActionID)] = r.OutputID
      			sizes[string(r.ActionID)] = r.BodySize
      			switch mode {
      			case "wrongid":
      				send(map[string]any{"ID": 99, "DiskPath": p})
      			case "nodiskpath":
      				send(map[string]any{"ID": r.ID})
      			case "notjson":
      				fmt.Fprintln(out, "ok, stored")
      				out.Flush()
      			default:
      				send(map[string]any{"ID": r.ID, "DiskPath": p})
      			}
      		case "get":
      			o, ok := objects[string(r.ActionID)]
      			if !ok || mode == "miss" {
      				send(map[string]any{"ID": r.ID, "Miss": true})
      				continue
      			}
      			name := hex.EncodeToString(o)
      			if mode == "ext" {
      				name += ".bin"
      			}
      			t := any(time.Now())
      			if mode == "badtime" {
      				t = "yesterday"
      			}
      			send(map[string]any{"ID": r.ID, "OutputID": o, "Size": sizes[string(r.ActionID)],
      				"Time": t, "DiskPath": filepath.Join(dir, name)})
      		case "close":
      			send(map[string]any{"ID": r.ID})
      		}
      	}
      }
      """;

  private BrokenCacheProg() {}

  /** Builds the program into {@code dir} with {@code go}; returns the binary. */
  static Path build(GoTool go, Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("go.mod"), "module example.com/brokenprog\n\ngo 1.24\n");
      Files.writeString(dir.resolve("main.go"), SOURCE);
      Path bin = dir.resolve("brokenprog");
      GoEnv.ok(go, dir, "build", "-o", bin.toString(), ".");
      return bin;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
