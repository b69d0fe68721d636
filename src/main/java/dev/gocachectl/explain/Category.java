package dev.gocachectl.explain;

/**
 * Why an action's key differs, one category per root cause, each with the remedy and what it costs.
 * The ids are stable (JSON).
 */
public enum Category {
  TOOLCHAIN(
      "toolchain",
      "Use the same Go release, installed at the same GOROOT, on every machine (pin it with the"
          + " toolchain line in go.mod and GOTOOLCHAIN, or one image). Every action ID is salted"
          + " with the Go version and hashes each tool's version line (through -toolexec too),"
          + " so entries from another toolchain are never reused: sharing one cache across"
          + " versions only fills it."),
  TARGET(
      "target",
      "Expected: another GOOS, GOARCH, GOAMD64 level or GOEXPERIMENT compiles different code, so"
          + " it has its own action IDs; both live side by side in one cache and never overwrite"
          + " each other (no per-platform cache is needed). To share entries, build for the same"
          + " target everywhere; a lower GOAMD64 level runs on more machines but gives up newer"
          + " instructions. A target brings its defaults with it, counted here and not as flags:"
          + " the files its name suffixes and build constraints select, its build mode (pie on"
          + " darwin, ios, android and windows, which adds -shared to every compile), cgo off"
          + " when cross-compiling, its own level variable (GOARM64 for arm64), its baseline"
          + " experiments."),
  FLAGS(
      "flags",
      "Pass the same build flags everywhere (-tags, -gcflags, -ldflags, -race, -cover, -trimpath,"
          + " test flags), including those set through GOFLAGS. Each flag changes what is compiled"
          + " or stamped: align them, do not drop the ones you need."),
  CGO(
      "cgo",
      "Pin the C compiler (same CC, same version) and pass the same CGO_* flags on every runner;"
          + " use ${SRCDIR}-relative #cgo paths. Stripping -I or -D from CGO_CFLAGS to make keys"
          + " match changes what is compiled: the keys become equal while the objects differ."
          + " Headers outside the package directory are not hashed at all: a changed system header"
          + " is a wrong hit, not a miss."),
  PATH(
      "path",
      "Build with -trimpath (go build -trimpath, or GOFLAGS=-trimpath): package directories leave"
          + " the keys, so checkouts in different directories share entries. Trade-off: file"
          + " names in panics, stack traces and debug info become module-relative, and debuggers"
          + " need a source path mapping."),
  SOURCE(
      "source",
      "Expected: the content differs, so the package is recompiled; dependents are rebuilt only"
          + " when its compiled output changes (content IDs stop the cascade otherwise)."),
  FILESET(
      "fileset",
      "Files were added or removed (or build constraints selected others): expected when the"
          + " trees differ. Generated files should be generated the same way everywhere."),
  EMBED(
      "embed",
      "An embedded file (//go:embed) differs: expected. Generate embedded assets"
          + " deterministically (no timestamps, stable ordering) so that equal sources give"
          + " equal bytes."),
  MODINFO(
      "modinfo",
      "Main packages stamp build information: module versions, build settings, and with"
          + " -buildvcs the VCS revision, time and dirty flag. Each commit or dirty tree"
          + " recompiles every main package and relinks it. -buildvcs=false removes the VCS part"
          + " (the binary no longer records its commit for go version -m and"
          + " debug.ReadBuildInfo); or accept one recompile per main package per commit."),
  TESTENV(
      "testenv",
      "A test read this environment variable and its value differs, so its cached result cannot"
          + " be reused. Set it the same way on every run, or stop the test from reading it."),
  TESTFILE(
      "testfile",
      "A file or directory the test opened or stat-ed differs in size, mode or modification time"
          + " (tests hash file metadata, never content: a touch alone invalidates). Checkouts and"
          + " cache restores that reset mtimes re-run such tests; keep testdata mtimes stable or"
          + " accept the re-run."),
  OTHER(
      "other", "An input outside the categories above differs; the lines on each side show which.");

  private final String id;
  private final String remedy;

  Category(String id, String remedy) {
    this.id = id;
    this.remedy = remedy;
  }

  /** The stable name ({@code cgo}, {@code path}, ...). */
  public String id() {
    return id;
  }

  /** What to do about it, and the trade-off. */
  public String remedy() {
    return remedy;
  }
}
