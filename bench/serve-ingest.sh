#!/bin/sh
# Ingestion throughput and memory of gocachectl serve (docs/benchmarks.md): a serve from this
# build's jar on loopback, REPORTS one-report requests from CLIENTS clients, then serve's peak
# RSS (VmHWM). Usage: bench/serve-ingest.sh [REPORTS] [CLIENTS]
set -eu
cd "$(dirname "$0")/.."
REPORTS=${1:-20000}
CLIENTS=${2:-4}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
./gocachectl --version >/dev/null
data=$(mktemp -d)
port=${PORT:-19411}
"$JAVA" -jar target/gocachectl.jar serve --data "$data" --listen 127.0.0.1:$port 2>"$data.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data" "$data.log"' EXIT
i=0
until [ -s "$data/token" ] && curl -sf http://127.0.0.1:$port/healthz >/dev/null; do
  i=$((i + 1)); [ $i -lt 200 ] || { cat "$data.log"; exit 2; }; sleep 0.1
done
"$JAVA" bench/ServeIngest.java http://127.0.0.1:$port "$(cat "$data/token")" "$REPORTS" "$CLIENTS"
grep VmHWM /proc/$pid/status
start=$(date +%s%N); curl -s http://127.0.0.1:$port/metrics >/dev/null; end=$(date +%s%N)
echo "scrape: $(( (end - start) / 1000000 )) ms, $(curl -s http://127.0.0.1:$port/metrics | grep -c '^gocachectl') samples"
