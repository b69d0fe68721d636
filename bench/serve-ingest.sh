#!/bin/sh
# Ingestion throughput, memory and scrape time of gocachectl serve (docs/benchmarks.md): serve
# started by the launcher (its heap cap included) on loopback, REPORTS one-report requests from
# CLIENTS clients (bench/ServeIngest.java), then serve's CPU per report, its peak RSS (VmHWM) and
# the time of /metrics: the first scrape, then the median of 10 warm ones. WARMUP (default
# 10000) reports are sent first, untimed (serve's JIT at work); serve's CPU and the load average
# are taken around the timed part only.
# Usage: bench/serve-ingest.sh [REPORTS] [CLIENTS] [BATCH]   (BATCH reports per request, default 1)
#   the memory goal: bench/serve-ingest.sh 1000000 4 100
# SERVE_JAVA_OPTS adds JVM options to serve (e.g. a JFR recording).
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
REPORTS=${1:-20000}
CLIENTS=${2:-4}
BATCH=${3:-1}
WARMUP=${WARMUP:-10000}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
./gocachectl --version >/dev/null
data=$(mktemp -d)
port=${PORT:-19411}
# shellcheck disable=SC2086
JDK_JAVA_OPTIONS="${SERVE_JAVA_OPTS:-}" ./gocachectl serve --data "$data" --listen 127.0.0.1:$port 2>"$data.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data" "$data.log"' EXIT
i=0
until [ -s "$data/token" ] && curl -sf http://127.0.0.1:$port/healthz >/dev/null; do
  i=$((i + 1)); [ $i -lt 200 ] || { cat "$data.log"; exit 2; }; sleep 0.1
done
# serve's CPU time (user + system), in clock ticks
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
ingest() { "$JAVA" bench/ServeIngest.java http://127.0.0.1:$port "$(cat "$data/token")" "$1" "$CLIENTS" "$BATCH"; }
[ "$WARMUP" -eq 0 ] || echo "warm-up: $(ingest "$WARMUP")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
c0=$(cpu)
ingest "$REPORTS"
c1=$(cpu)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v t=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v n="$REPORTS" \
  'BEGIN { printf "serve CPU: %.1f s, %.0f us per report\n", t / hz, t / hz / n * 1e6 }'
grep -E 'VmHWM|VmRSS' /proc/$pid/status
scrape() { curl -s -o /dev/null -w '%{time_total}\n' http://127.0.0.1:$port/metrics; }
echo "first scrape: $(scrape | awk '{printf "%.0f", $1 * 1000}') ms, $(curl -s http://127.0.0.1:$port/metrics | grep -c '^gocachectl') samples"
for _ in 1 2 3 4 5 6 7 8 9 10; do scrape; done | awk '{printf "%.1f\n", $1 * 1000}' >"$data/scrapes"
echo "warm scrape: median $(median <"$data/scrapes") ms of 10"
