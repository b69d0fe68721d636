#!/bin/sh
# What `prog --report-to` adds to a warm no-op build (docs/benchmarks.md, serve): gopls v0.23.0,
# `go build ./...` with a warm prog dir, without and with --report-to a gocachectl serve on
# loopback, alternated in the same run (RUNS pairs), through the launcher's daemon (the default)
# and in-process (GOCACHECTL_DAEMON=off, where the report is sent before the program exits).
# Medians and their ratio; at the end, serve must have counted every report sent.
#
# usage: bench/serve-report.sh [RUNS]   (default 10)
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd -P)
. "$HERE/bench/lib.sh"
RUNS=${1:-10}
W="$HERE/bench/work/prog"
mkdir -p "$W"
TIMES=$(mktemp)
export GOFLAGS= GOTOOLCHAIN=local GOPROXY=https://proxy.golang.org GOTELEMETRY=off
export GOPATH="$W/gopath" GOMODCACHE="$W/gopath/pkg/mod"
unset GOCACHEPROG GOCACHECTL_REPORT_TO
SRC="$W/gopls"
gopls_src "$SRC"
"$HERE/gocachectl" --version >/dev/null
RUN=$(run_dir "$W")
port=$(free_port)
"$HERE/gocachectl" serve --data "$RUN/serve" --listen 127.0.0.1:$port 2>"$RUN/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$RUN" "$TIMES"' EXIT
wait_port "$port"
export GOCACHECTL_REPORT_TOKEN="$(cat "$RUN/serve/token")"
URL=http://127.0.0.1:$port
mkdir -p "$W/gocache-unused"

# build CONFIG REPORT DIR: a no-op build with the prog dir DIR; REPORT=yes adds --report-to
build() {
  extra=
  [ "$2" = yes ] && extra="--report-to $URL"
  if [ "$1" = inproc ]; then
    GOCACHE="$W/gocache-unused" GOCACHECTL_DAEMON=off \
      GOCACHEPROG="$HERE/gocachectl prog --dir $3 $extra" go build ./... >/dev/null
  else
    GOCACHE="$W/gocache-unused" GOCACHEPROG="$HERE/gocachectl prog --dir $3 $extra" \
      go build ./... >/dev/null
  fi
}
cd "$SRC"
sent=0
for cfg in daemon inproc; do
  d="$RUN/prog-$cfg"
  mkdir -p "$d"
  build "$cfg" yes "$d" # cold: fills the prog dir
  build "$cfg" yes "$d"
  sent=$((sent + 2))
  for _ in $(seq "$RUNS"); do
    time_cmd "$cfg-without" build "$cfg" no "$d"
    time_cmd "$cfg-with" build "$cfg" yes "$d"
    sent=$((sent + 1))
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
for cfg in daemon inproc; do
  a=$(med "$cfg-without")
  b=$(med "$cfg-with")
  echo "$cfg: warm no-op build median $a ms without, $b ms with --report-to: $(ratio "$b" "$a")x ($RUNS pairs)"
done
# the daemon sends after go has gone on: wait until serve has them all
i=0
until [ "$(curl -s "$URL/api/status" | sed -n 's/.*"reportsReceived":\([0-9]*\).*/\1/p')" = "$sent" ]; do
  i=$((i + 1))
  [ $i -lt 100 ] || { echo "serve counted $(curl -s "$URL/api/status") of $sent reports" >&2; exit 1; }
  sleep 0.1
done
echo "serve counted all $sent reports"
