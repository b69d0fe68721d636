package dev.gocachectl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.gocachectl.prog.ProgMain;
import dev.gocachectl.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command answers --help, and every command that takes --json answers in JSON when it cannot
 * run. Both walk the whole command tree, so that a command added later is covered without being
 * named here.
 */
class CliHelpAndErrorsTest {
  @TempDir Path tmp;

  /** Every command and subcommand of the tree, root first. */
  private static List<CommandLine> commands() {
    Context ctx =
        new Context(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Map.of(),
            Clock.systemUTC(),
            false);
    List<CommandLine> all = new ArrayList<>();
    walk(Main.commandLine(ctx, null), all);
    return all;
  }

  private static void walk(CommandLine cl, List<CommandLine> all) {
    all.add(cl);
    cl.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, all));
  }

  /** {@code gocachectl mod verify} as the arguments that run it: {@code mod verify}. */
  private static List<String> path(CommandLine cl) {
    List<String> words =
        new ArrayList<>(Arrays.asList(cl.getCommandSpec().qualifiedName().split(" ")));
    return words.subList(1, words.size());
  }

  private static String[] argv(CommandLine cl, String... more) {
    List<String> a = new ArrayList<>(path(cl));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void theWalkSeesTheWholeTree() {
    assertThat(commands().stream().map(c -> c.getCommandSpec().qualifiedName()))
        .contains(
            "gocachectl",
            "gocachectl explain",
            "gocachectl compare",
            "gocachectl hits",
            "gocachectl prog stats",
            "gocachectl mod verify",
            "gocachectl mod mirrors");
  }

  @TestFactory
  Stream<DynamicTest> everyCommandPrintsItsUsageOnHelpAndExits0() {
    return commands().stream()
        .flatMap(
            cl ->
                Stream.of("--help", "-h")
                    .map(
                        flag ->
                            dynamicTest(
                                cl.getCommandSpec().qualifiedName() + " " + flag,
                                () -> {
                                  Cli.Run r = Cli.run(argv(cl, flag));
                                  assertThat(r.exit()).as(r.err()).isZero();
                                  assertThat(r.out())
                                      .startsWith(
                                          "Usage: " + cl.getCommandSpec().qualifiedName() + " ");
                                  assertThat(r.err()).isEmpty();
                                })));
  }

  @Test
  void progsOwnEntryPrintsItsUsageOnHelpAndExits0() {
    for (String[] args :
        List.of(
            new String[] {"--help"},
            new String[] {"-h"},
            new String[] {"--dir", tmp.toString(), "--help"})) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          ProgMain.run(
              args,
              InputStream.nullInputStream(),
              out,
              new PrintStream(err, true, StandardCharsets.UTF_8),
              Map.of());
      assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .startsWith("usage: gocachectl prog ")
          .contains("--remote URL");
      assertThat(err.size()).isZero();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCommandWithJsonPrintsAUsageErrorAsJson() {
    return commands().stream()
        .filter(cl -> cl.getCommandSpec().findOption("--json") != null)
        .map(
            cl ->
                dynamicTest(
                    cl.getCommandSpec().qualifiedName(),
                    () -> {
                      String name = cl.getCommandSpec().qualifiedName();
                      Cli.Run r = Cli.run(argv(cl, "--json", "--no-such-flag"));
                      assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
                      // the first usage error picocli finds: a required option may come first
                      String said = r.err().lines().findFirst().orElseThrow();
                      assertThat(said).startsWith(name + ": ");
                      assertThat(r.out())
                          .isEqualTo(json(name, "usage", said.substring(name.length() + 2)));
                      assertThat(r.err()).contains("Run '" + name + " --help' for usage.");
                    }));
  }

  private static String json(String command, String kind, String error) {
    return "{\n"
        + "  \"command\" : \""
        + command
        + "\",\n  \"kind\" : \""
        + kind
        + "\",\n  \"error\" : \""
        + error
        + "\",\n  \"exit\" : 2\n}\n";
  }

  @Test
  void aFileWhereADirectoryBelongsIsNamedWithWhatIsWrongInTextAndJson() throws Exception {
    Path file = Files.writeString(tmp.resolve("afile"), "x");
    String message = file + ": not a directory; give the cache directory itself";
    Cli.Run text = Cli.run("stats", "--cache", file.toString());
    assertThat(text.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(text.err()).isEqualTo("gocachectl stats: " + message + "\n");
    assertThat(text.out()).isEmpty();

    Cli.Run json = Cli.run("stats", "--cache", file.toString(), "--json");
    assertThat(json.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(json.out()).isEqualTo(json("gocachectl stats", "failure", message));
    assertThat(json.err()).isEqualTo("gocachectl stats: " + message + "\n");
  }

  @Test
  void aSubcommandsErrorNamesItsFullName() throws Exception {
    Path file = Files.writeString(tmp.resolve("afile"), "x");
    Cli.Run r = Cli.run("mod", "verify", "--modcache", file.toString(), "--json");
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).startsWith("gocachectl mod verify: " + file);
    assertThat(r.out()).startsWith("{\n  \"command\" : \"gocachectl mod verify\",\n");
  }

  @Test
  void aTruncatedGzipCaptureIsNamed() throws Exception {
    Path a = tmp.resolve("a.gz");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (var z = new java.util.zip.GZIPOutputStream(gz)) {
      z.write(
          "gocachectl manifest 1\nsalt \"go1.26\"\n".repeat(50).getBytes(StandardCharsets.UTF_8));
    }
    Files.write(a, Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
    Cli.Run r = Cli.run("explain", a.toString(), a.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err())
        .startsWith("gocachectl explain: " + a + ": ")
        .contains("the capture is truncated or damaged (")
        .endsWith("); copy it again or capture again (--save)\n");
  }

  @Test
  void progSaysWhyItsDirectoryCannotBeUsed() throws Exception {
    Path file = Files.writeString(tmp.resolve("afile"), "x");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ProgMain.run(
            new String[] {"--dir", file.toString()},
            InputStream.nullInputStream(),
            new ByteArrayOutputStream(),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());
    assertThat(code).isEqualTo(ExitCodes.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "gocachectl prog: cannot use --dir "
                + file
                + " as the local tier: "
                + file
                + ": exists and is not a directory; pass --dir a directory of your own that can"
                + " be created or written\n");
  }
}
