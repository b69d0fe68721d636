# Sourced by ./gocachectl for `gocachectl dist --out DIR`, after the launcher has built the jar:
# builds DIR/gocachectl-VERSION-PLATFORM.tar.gz (PLATFORM is linux-amd64 on x86-64) and prints its
# path. `dist` is a verb of the launcher, not a picocli command: it needs a JDK (jdeps, jlink), Go
# and the Maven build, none of which an installed gocachectl has.
#
# The archive holds one directory, gocachectl-VERSION-PLATFORM/:
#   gocachectl                  this launcher; without a pom.xml beside it, it builds nothing
#   scripts/utf8-locale.sh      sourced by the launcher (and scripts/jdk.sh, which it names)
#   lib/gocachectl.jar          the shaded jar
#   lib/.launch                 launch settings: the bundled runtime and the AOT caches, relative
#                               to the directory the archive was unpacked into
#   lib/aot/*.aot               the AOT caches of prog and of the CLI, trained with runtime/
#   lib/gocachectl-bridge       the prog daemon's bridge (Go, static, built here)
#   runtime/                    a Java runtime made by jlink with the modules the jar uses
#   LICENSE, README.md
# Entries are sorted by name, owned by 0:0 and share one mtime (SOURCE_DATE_EPOCH, else the last
# commit's time), and gzip stores no name or time: two builds from one commit with one JDK and Go
# differ only in the AOT caches, whose contents depend on the training run.

# Modules the jar needs that jdeps cannot see because they are found at run time: the service
# providers of jdk.crypto.ec (TLS to S3 and the module proxy), jdk.zipfs (zip file systems) and
# jdk.unsupported (sun.misc.Unsafe, looked up reflectively by libraries), besides what jdeps finds
# (java.net.http, jdk.httpserver for serve, jdk.net for the daemon's peer credentials, java.sql
# and java.management for the AWS SDK and Jedis).
GOCACHECTL_DIST_EXTRA_MODULES=jdk.crypto.ec,jdk.zipfs,jdk.unsupported
# And one that jdeps finds but nothing gocachectl runs loads: java.desktop (with java.prefs and
# java.datatransfer, 25 MB of runtime), named only by the PostgreSQL driver's geometric types
# (org.postgresql.geometric converts to and from java.awt.Point).
GOCACHECTL_DIST_DROPPED_MODULES=java.desktop

gocachectl_dist_usage() {
  cat <<'EOF'
Usage: gocachectl dist --out DIR
Builds DIR/gocachectl-VERSION-linux-amd64.tar.gz, a release archive that runs without a JDK or
Maven (the jar, a jlink runtime with the modules it uses, the AOT caches trained for that runtime,
the prog bridge and the launcher), and prints its path. DIR is created if missing. Needs what
building gocachectl needs (JDK 25 with jlink, Maven) and Go for the bridge. Run from a checkout.
      --out DIR   where to write the archive
  -h, --help      show this help and exit
EOF
}

gocachectl_dist_fail() {
  echo "gocachectl dist: $*" >&2
  exit 2
}

gocachectl_dist() {
  out=
  while [ $# -gt 0 ]; do
    case $1 in
      -h | --help)
        gocachectl_dist_usage
        return 0
        ;;
      --out)
        [ $# -ge 2 ] || gocachectl_dist_fail "--out needs a directory; usage: gocachectl dist --out DIR"
        out=$2
        shift 2
        ;;
      --out=*)
        out=${1#--out=}
        shift
        ;;
      *) gocachectl_dist_fail "unknown argument '$1'; usage: gocachectl dist --out DIR (see --help)" ;;
    esac
  done
  [ -n "$out" ] || gocachectl_dist_fail "--out DIR is required: the directory to write the archive into"
  if [ -e "$out" ] && [ ! -d "$out" ]; then
    gocachectl_dist_fail "--out $out is not a directory; give a directory (created if missing)"
  fi
  . "$HERE/scripts/jdk.sh"
  gocachectl_find_jdk || exit 2
  jdk=$GOCACHECTL_JAVA_HOME
  [ -x "$jdk/bin/jlink" ] && [ -x "$jdk/bin/jdeps" ] ||
    gocachectl_dist_fail "$jdk has no bin/jlink or bin/jdeps; a full JDK 25 is needed (Temurin 25)"
  command -v go >/dev/null 2>&1 ||
    gocachectl_dist_fail "go not found on PATH; the archive carries the prog bridge, built with Go 1.24 or newer"
  case $(uname -s)-$(uname -m) in
    Linux-x86_64) goarch=amd64 ;;
    Linux-aarch64) goarch=arm64 ;;
    *) gocachectl_dist_fail "$(uname -s) $(uname -m): release archives are made for Linux on x86-64 or arm64" ;;
  esac
  # The version the jar reports (its manifest's Implementation-Version, the pom's version).
  # shellcheck disable=SC2086
  version=$("$JAVA" $BASE_FLAGS -cp "$JAR" dev.gocachectl.cli.Main --version |
    sed -n 's/^gocachectl \([A-Za-z0-9._+-]*\) .*/\1/p')
  [ -n "$version" ] || gocachectl_dist_fail "$JAR did not report its version (gocachectl --version)"
  name=gocachectl-$version-linux-$goarch
  mkdir -p "$out" || gocachectl_dist_fail "cannot create --out $out"
  out=$(cd "$out" && pwd -P)
  # Made beside the archive, moved into place whole: a failed run leaves no half-written archive.
  work=$(mktemp -d "$out/.dist.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  trap 'exit 2' HUP INT TERM
  root=$work/$name
  mkdir -p "$root/lib/aot" "$root/scripts"

  echo "gocachectl dist: jdeps $JAR ..." >&2
  modules=$("$jdk/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps "$JAR") ||
    gocachectl_dist_fail "jdeps could not read $JAR"
  modules=$(echo "$modules,$GOCACHECTL_DIST_EXTRA_MODULES" | tr ',' '\n' |
    grep -vxF "$(echo "$GOCACHECTL_DIST_DROPPED_MODULES" | tr ',' '\n')" | paste -sd, -)
  echo "gocachectl dist: jlink $modules ..." >&2
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --output "$root/runtime" >&2 || gocachectl_dist_fail "jlink failed (modules $modules)"

  # The jar for this platform only: sqlite-jdbc and jline carry native libraries for every OS and
  # arch (over 20 MB); the archive keeps the glibc Linux ones of its own arch (the runtime is a
  # glibc one). `jar` has no delete, so the jar is unpacked, pruned and packed again, its entries
  # dated like the rest of the archive.
  echo "gocachectl dist: the jar without other platforms' native libraries ..." >&2
  mkdir "$work/jar"
  (cd "$work/jar" && "$jdk/bin/jar" -xf "$JAR") || gocachectl_dist_fail "could not unpack $JAR"
  case $goarch in amd64) keep='x86_64' ;; *) keep='aarch64 arm64' ;; esac
  for natives in "$work/jar/org/sqlite/native" "$work/jar/org/jline/nativ"; do
    [ -d "$natives" ] || continue
    for os in "$natives"/*; do
      [ "${os##*/}" = Linux ] || { rm -rf "$os"; continue; }
      for arch in "$os"/*; do
        case " $keep " in *" ${arch##*/} "*) ;; *) rm -rf "$arch" ;; esac
      done
    done
  done
  epoch=${SOURCE_DATE_EPOCH:-$(git -C "$HERE" log -1 --format=%ct 2>/dev/null || true)}
  epoch=${epoch:-$(date +%s)}
  mv "$work/jar/META-INF/MANIFEST.MF" "$work/MANIFEST.MF"
  "$jdk/bin/jar" --create --file "$root/lib/gocachectl.jar" --manifest "$work/MANIFEST.MF" \
    --date="$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)" -C "$work/jar" . ||
    gocachectl_dist_fail "could not pack $root/lib/gocachectl.jar"
  rm -rf "$work/jar"
  cp "$HERE/gocachectl" "$root/gocachectl"
  cp "$HERE/scripts/jdk.sh" "$HERE/scripts/utf8-locale.sh" "$root/scripts/"
  cp "$HERE/LICENSE" "$HERE/README.md" "$root/"
  echo "gocachectl dist: go build bridge ..." >&2
  (cd "$HERE/bridge" && env -u GOCACHEPROG GOFLAGS= GOWORK=off GOTOOLCHAIN=local CGO_ENABLED=0 \
    GOOS=linux GOARCH=$goarch go build -trimpath -ldflags=-buildid= \
    -o "$root/lib/gocachectl-bridge" .) || gocachectl_dist_fail "could not build the bridge in $HERE/bridge"

  # The mtimes the archive will restore, set before training: the caches are made for the files
  # exactly as they will be unpacked.
  find "$root" -exec touch -h -d "@$epoch" {} +
  echo "gocachectl dist: training the AOT caches with the bundled runtime ..." >&2
  key=$(sha256sum "$root/lib/gocachectl.jar" | cut -c1-16)
  tag=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$jdk/release" | tr -c 'A-Za-z0-9.\n' _)
  train_aot "$root/runtime/bin/java" "$root/lib/gocachectl.jar" "$root/lib/aot" "$key-${tag:-unknown}"
  [ -n "$AOT" ] && [ -n "$CLI_AOT" ] ||
    gocachectl_dist_fail "AOT training failed: $(cat "$root/lib/aot/"*training.log 2>/dev/null | tail -5)"
  # AOTMode=on refuses to start when a cache does not fit the runtime: the check that they do.
  # shellcheck disable=SC2086
  "$root/runtime/bin/java" $BASE_FLAGS -XX:AOTMode=on -XX:AOTCache="$AOT" \
    -cp "$root/lib/gocachectl.jar" dev.gocachectl.prog.ProgMain --help >/dev/null ||
    gocachectl_dist_fail "the bundled runtime cannot use $AOT"
  # shellcheck disable=SC2086
  "$root/runtime/bin/java" $BASE_FLAGS $CLI_FLAGS -XX:AOTMode=on -XX:AOTCache="$CLI_AOT" \
    -cp "$root/lib/gocachectl.jar" dev.gocachectl.cli.Main --version >/dev/null ||
    gocachectl_dist_fail "the bundled runtime cannot use $CLI_AOT"
  rm -f "$root/lib/aot/"*training.log
  # Sourced by the launcher where it runs: $HERE is the directory the archive was unpacked into.
  {
    # shellcheck disable=SC2016
    echo 'JAVA="$HERE/runtime/bin/java"'
    echo "KEY=$key"
    echo "AOT=\"\$HERE/lib/aot/${AOT##*/}\""
    echo "CLI_AOT=\"\$HERE/lib/aot/${CLI_AOT##*/}\""
  } >"$root/lib/.launch"
  chmod -R u+rwX,go+rX,go-w "$root"
  tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --format=gnu \
    -C "$work" -cf "$work/$name.tar" "$name" || gocachectl_dist_fail "tar failed in $work"
  gzip -n -6 "$work/$name.tar" || gocachectl_dist_fail "gzip failed in $work"
  mv -f "$work/$name.tar.gz" "$out/$name.tar.gz"
  echo "$out/$name.tar.gz"
}
