package dev.gocachectl.ci;

import java.util.List;

/**
 * The settings that make a go command's cache keys the same on every runner, each with the reason a
 * generated file prints beside it. Go hashes into an action's key the checkout directory unless
 * {@code -trimpath} ({@code buildActionID} in cmd/go/internal/work/exec.go), the VCS stamp of main
 * packages ({@code setBuildInfo} in cmd/go/internal/load/pkg.go), the compiler's and the C
 * compiler's tool IDs ({@code CC ID=...}, from {@code gccToolID} in work/buildid.go), and whether
 * cgo is on.
 */
final class KeySettings {
  /** One environment variable and why it is set. */
  record Setting(String name, String value, String why) {}

  static final List<Setting> ALL =
      List.of(
          new Setting(
              "GOFLAGS",
              "-trimpath -buildvcs=false",
              "-trimpath: without it every package's key holds the checkout's absolute path, so"
                  + " runners with other workspace paths miss. -buildvcs=false: the VCS stamp"
                  + " (revision, time) is in every main package's key and changes with each"
                  + " commit; drop it for release builds that need go version -m to show the"
                  + " commit."),
          new Setting(
              "GOTOOLCHAIN",
              "local",
              "never switch to a toolchain go.mod names: another compiler has other tool IDs,"
                  + " so nothing it builds matches what other runners built."),
          new Setting(
              "CGO_ENABLED",
              "1",
              "explicit: since Go 1.20 go turns cgo off by itself when it finds no C compiler,"
                  + " which changes file sets and keys."),
          new Setting(
              "CC",
              "gcc",
              "the C compiler's version line is in every cgo package's key: pin it, and pin the"
                  + " image it comes from."));

  private KeySettings() {}
}
