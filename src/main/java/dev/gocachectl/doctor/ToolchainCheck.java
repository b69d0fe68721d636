package dev.gocachectl.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GOTOOLCHAIN switching (D12): when go.mod's {@code toolchain} line (else its {@code go} line) asks
 * for a newer Go than the one installed, go with {@code GOTOOLCHAIN=auto} (or {@code path}, or
 * {@code <name>+auto}) downloads and runs that one ({@code cmd/go/internal/toolchain/select.go}):
 * another compiler, so another tool ID in every key and nothing shared with runners that did not
 * switch; with {@code GOTOOLCHAIN=local} the build fails instead. Doctor reads go.mod itself, so
 * that it never triggers the download.
 */
final class ToolchainCheck implements Check {
  private static final Pattern GO_LINE =
      Pattern.compile("^\\s*go\\s+([0-9][0-9A-Za-z.\\-]*)\\s*(//.*)?$", Pattern.MULTILINE);
  private static final Pattern TOOLCHAIN_LINE =
      Pattern.compile("^\\s*toolchain\\s+go([0-9][0-9A-Za-z.\\-]*)\\s*(//.*)?$", Pattern.MULTILINE);

  @Override
  public List<Finding> check(RunnerFacts f) throws IOException {
    List<Finding> out = new ArrayList<>();
    if (f.moduleRoot().isEmpty()) {
      return out;
    }
    Path gomod = f.moduleRoot().get().resolve("go.mod");
    if (!Files.isRegularFile(gomod) || Files.size(gomod) > 16 << 20) {
      return out;
    }
    String text = Files.readString(gomod, StandardCharsets.UTF_8);
    Optional<String> goLine = first(GO_LINE, text);
    Optional<String> toolchain = first(TOOLCHAIN_LINE, text);
    String running = f.go("GOVERSION").replaceFirst("^go", "").replaceFirst(" .*", "");
    Optional<String> wanted = toolchain.isPresent() ? toolchain : goLine;
    if (wanted.isEmpty() || GoVersion.compare(wanted.get(), running) <= 0) {
      return out;
    }
    String mode = f.go("GOTOOLCHAIN");
    String evidence =
        gomod
            + " asks for go"
            + wanted.get()
            + (toolchain.isPresent() ? " (toolchain line)" : " (go line)")
            + "; go env GOVERSION=go"
            + running
            + ", GOTOOLCHAIN="
            + mode;
    boolean switches =
        mode.equals("auto")
            || mode.equals("path")
            || mode.endsWith("+auto")
            || mode.endsWith("+path");
    if (switches) {
      out.add(
          new Finding(
              FindingId.TOOLCHAIN_SWITCH,
              Severity.MISSES_CACHE,
              evidence,
              "go switches to go"
                  + wanted.get()
                  + (mode.contains("path") ? " from PATH" : ", downloaded into GOMODCACHE")
                  + ": another compiler, so nothing built here is shared with runners on go"
                  + running
                  + ".",
              "install go" + wanted.get() + " on the runner (or lower go.mod's toolchain line)",
              "every runner and developer sharing the cache must move to the same Go together"));
    } else if (GoVersion.compare(goLine.orElse("0"), running) > 0) {
      out.add(
          new Finding(
              FindingId.TOOLCHAIN_TOO_OLD,
              Severity.BREAKS_BUILD,
              evidence,
              "go refuses to build: \"go.mod requires go >= "
                  + goLine.get()
                  + " (running go "
                  + running
                  + "; GOTOOLCHAIN="
                  + mode
                  + ")\".",
              "install go" + goLine.get() + " or newer on the runner, or set GOTOOLCHAIN=auto",
              "GOTOOLCHAIN=auto downloads a toolchain in every job whose module cache is cold"));
    }
    return out;
  }

  private static Optional<String> first(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
