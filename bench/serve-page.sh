#!/bin/sh
# How long serve's page takes to render over 100,000 stored builds and a year of job runs
# (docs/benchmarks.md). Usage: bench/serve-page.sh [BUILDS] [ROUNDS]
set -eu
cd "$(dirname "$0")/.."
BUILDS=${1:-100000}
ROUNDS=${2:-21}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
./gocachectl --version >/dev/null
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$JAVA" --enable-native-access=ALL-UNNAMED -cp target/gocachectl.jar bench/ServePage.java "$data" "$BUILDS" "$ROUNDS"
