#!/bin/sh
# Installs the real servers the remote-store tests start (./test.sh runs this before Maven;
# idempotent, and quick once everything is in place):
#
#   redis-server, redis-cli  Debian's redis-server and redis-tools (apt-get, as root or via sudo)
#   prometheus, promtool     Debian's prometheus (the server the serve tests scrape with, and the
#                            rules and metrics checker), same way
#   amtool                   Debian's prometheus-alertmanager (checks the example config)
#   chromium, chromedriver   Debian's chromium and chromium-driver (the headless browser the serve
#                            page tests drive over the WebDriver protocol)
#   initdb, postgres         Debian's postgresql (the history tests start a scratch cluster:
#                            testing/PostgresServer finds them through pg_ctl on PATH or in
#                            /usr/lib/postgresql/VERSION/bin, which Debian does not put on PATH)
#   bazel-remote v2.6.1      built from the Go module proxy into
#                            $GOCACHECTL_TEST_SERVICES/bazel-remote-v2.6.1/bazel-remote
#                            (default ~/.cache/gocachectl/test-services), kept across `mvn clean`
#   go-cacher                github.com/bradfitz/go-tool-cache/cmd/go-cacher at the pseudo-version
#                            bench/remote.sh pins, built into
#                            $GOCACHECTL_TEST_SERVICES/go-cacher-<version>/go-cacher (the third-party
#                            cache program the doctor's GOCACHEPROG conformance test runs)
#   CI linters               actionlint, shellcheck, check-jsonschema and hadolint, pinned, without
#                            root: scripts/ci-linters.sh (the `gocachectl ci` tests run them)
#   s3proxy 4.1.0            not here: Maven copies its jar-with-dependencies from Maven Central
#                            into target/test-services/ (pom.xml, maven-dependency-plugin)
#
# Prints the bazel-remote path on stdout; messages go to stderr.
set -eu

BAZEL_REMOTE_VERSION=v2.6.1
GOCACHER_VERSION=v0.0.0-20260722201841-0bb331e19f64
SERVICES=${GOCACHECTL_TEST_SERVICES:-${HOME:-/tmp}/.cache/gocachectl/test-services}

say() { echo "test-services: $*" >&2; }
die() {
  say "$*"
  exit 2
}

# apt_install COMMAND PACKAGE...: installs the packages unless COMMAND is on PATH already.
apt_install() {
  cmd=$1
  shift
  if command -v "$cmd" >/dev/null 2>&1; then
    return 0
  fi
  apt_get_install "$cmd" "$@"
  command -v "$cmd" >/dev/null 2>&1 || die "$cmd is still not on PATH after installing $*"
}

# apt_get_install WHAT PACKAGE...: installs the packages (WHAT names what is missing, for messages).
apt_get_install() {
  what=$1
  shift
  command -v apt-get >/dev/null 2>&1 ||
    die "$what not found and no apt-get; install $* (Debian package names)"
  if [ "$(id -u)" = 0 ]; then
    sudo=
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  else
    die "$what not found; run as root or install it: apt-get install -y $*"
  fi
  say "installing $* with apt-get"
  # Another build on this machine may hold the dpkg lock: wait for it rather than fail.
  # --no-install-recommends: the server packages' daemons are not wanted, only the binaries.
  if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=300 "$@" >&2; then
    $sudo apt-get update -q -o DPkg::Lock::Timeout=300 >&2 ||
      die "apt-get update failed; install $* by hand"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      -o DPkg::Lock::Timeout=300 "$@" >&2 ||
      die "apt-get install $* failed; install them by hand"
  fi
}

install_postgresql() {
  for f in /usr/lib/postgresql/*/bin/initdb; do
    [ -x "$f" ] && return 0
  done
  command -v pg_ctl >/dev/null 2>&1 && return 0
  apt_get_install "PostgreSQL's initdb" postgresql
  for f in /usr/lib/postgresql/*/bin/initdb; do
    [ -x "$f" ] && return 0
  done
  die "PostgreSQL's initdb not found after installing postgresql; install it: apt-get install -y postgresql"
}

install_redis() {
  apt_install redis-server redis-server redis-tools
  apt_install redis-cli redis-tools
}

build_bazel_remote() {
  dest=$SERVICES/bazel-remote-$BAZEL_REMOTE_VERSION
  if [ -x "$dest/bazel-remote" ]; then
    echo "$dest/bazel-remote"
    return 0
  fi
  command -v go >/dev/null 2>&1 || die "go not found on PATH; bazel-remote is built with it"
  say "building bazel-remote $BAZEL_REMOTE_VERSION from the Go module proxy (1-2 minutes, once)"
  # `go install ...@version` asks the proxy for the module's version list, which some proxies
  # refuse (403); downloading the exact version and building in its directory does not. The
  # module's own go.sum verifies every dependency.
  json=$(GOFLAGS= GOPROXY=${GOCACHECTL_GOPROXY:-https://proxy.golang.org} GOTOOLCHAIN=local \
    go mod download -json "github.com/buchgr/bazel-remote/v2@$BAZEL_REMOTE_VERSION") ||
    die "could not download github.com/buchgr/bazel-remote/v2@$BAZEL_REMOTE_VERSION from the Go module proxy: $json"
  dir=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] && [ -d "$dir" ] || die "go mod download printed no Dir: $json"
  mkdir -p "$dest"
  tmp=$dest/bazel-remote.tmp.$$
  (cd "$dir" && GOFLAGS=-buildvcs=false GOTOOLCHAIN=local \
    GOPROXY=${GOCACHECTL_GOPROXY:-https://proxy.golang.org} go build -o "$tmp" .) >&2 ||
    {
      rm -f "$tmp"
      die "building bazel-remote in $dir failed (see above)"
    }
  mv -f "$tmp" "$dest/bazel-remote"
  echo "$dest/bazel-remote"
}

build_go_cacher() {
  dest=$SERVICES/go-cacher-$GOCACHER_VERSION
  [ -x "$dest/go-cacher" ] && return 0
  command -v go >/dev/null 2>&1 || die "go not found on PATH; go-cacher is built with it"
  say "building go-cacher $GOCACHER_VERSION from the Go module proxy (once)"
  mkdir -p "$dest"
  GOBIN=$dest GOFLAGS=-buildvcs=false GOTOOLCHAIN=local \
    GOPROXY=${GOCACHECTL_GOPROXY:-https://proxy.golang.org} \
    go install "github.com/bradfitz/go-tool-cache/cmd/go-cacher@$GOCACHER_VERSION" >&2 ||
    die "go install github.com/bradfitz/go-tool-cache/cmd/go-cacher@$GOCACHER_VERSION failed (see above)"
}

install_redis
apt_install promtool prometheus
apt_install amtool prometheus-alertmanager
apt_install chromium chromium
apt_install chromedriver chromium-driver
install_postgresql
build_go_cacher
"$(dirname "$0")/ci-linters.sh" >/dev/null
build_bazel_remote
