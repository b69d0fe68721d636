#!/bin/sh
# Runs the whole test suite: unit tests, and the tests that drive the real go toolchain.
# `./test.sh --quick` runs the quick loop instead (mvn test -Pquick: everything but the tests
# tagged "slow"; about a minute). Other arguments go to Maven.
# Needs Go 1.24 or newer, gcc (cgo), Maven and a JDK 25 (found by scripts/jdk.sh); nothing to
# export by hand. Installs the test servers first (scripts/test-services.sh: apt-get as root or
# with sudo for redis-server). CI runs this very script (.ci/run).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd -P)
cd "$HERE"
. "$HERE/scripts/jdk.sh"
gocachectl_find_jdk

command -v go >/dev/null 2>&1 || {
  echo "test.sh: go not found on PATH; install Go 1.24 or newer (https://go.dev/dl/)" >&2
  exit 2
}
GOVERSION=$(go env GOVERSION)
minor=$(echo "$GOVERSION" | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
if [ -z "$minor" ] || [ "$minor" -lt 24 ]; then
  echo "test.sh: $GOVERSION found; the tests need Go 1.24 or newer (GOCACHEPROG, executable cache entries)" >&2
  exit 2
fi
command -v gcc >/dev/null 2>&1 || {
  echo "test.sh: gcc not found; the cgo tests need a C compiler (apt-get install gcc)" >&2
  exit 2
}
command -v mvn >/dev/null 2>&1 || {
  echo "test.sh: mvn not found; install Maven 3.8 or newer (apt-get install maven)" >&2
  exit 2
}

# The real servers the remote-store tests start: Debian's redis-server (apt-get) and bazel-remote
# (built from the Go module proxy, once). s3proxy's jar comes through Maven.
"$HERE/scripts/test-services.sh" >/dev/null

# The daemon bridge's own tests (Go); the whole daemon path is tested from Maven (ProgDaemon*Test).
(cd "$HERE/bridge" && env -u GOCACHEPROG GOFLAGS= GOWORK=off GOTOOLCHAIN=local go test -count=1 ./...)

echo "test.sh: $GOVERSION, JDK $(gocachectl_java_major "$GOCACHECTL_JAVA_HOME") at $GOCACHECTL_JAVA_HOME" >&2
if [ "${1:-}" = --quick ]; then
  shift
  JAVA_HOME=$GOCACHECTL_JAVA_HOME exec mvn -B -Dstyle.color=never -Pquick test "$@"
fi
JAVA_HOME=$GOCACHECTL_JAVA_HOME exec mvn -B -Dstyle.color=never verify "$@"
