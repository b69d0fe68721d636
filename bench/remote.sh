#!/bin/sh
# gocachectl prog's remote tiers against the native GOCACHE, in one run, on gopls v0.23.0 (the
# project of bench/prog.sh), per backend on loopback: redis-server, s3proxy (S3 API, filesystem
# store), bazel-remote (HTTP API). The peer in the same run: go-cacher with its own HTTP server,
# go-cacher-server (github.com/bradfitz/go-tool-cache, the version bench/prog.sh uses; both Go,
# installed with go install): the same build through a tool with no JVM, no content check and
# no fetching ahead, for what the machine itself allows.
#
#   native-cold    go build ./... with an empty GOCACHE (the standard library too)
#   native-warm    the same again: the no-op build with everything cached
#   B-cold         prog --remote B, empty local tier, empty remote: builds and uploads; the time
#                  includes the wait at close for the uploads to finish
#   B-remote       prog --remote B, another empty local tier, the remote warm: every hit remote
#   B-remote+Nms   the same through a TCP proxy adding N ms to each round trip (half each way),
#                  to show what a remote store further away costs
#
# The go commands reach prog the default way: the launcher, its bridge and the daemon.
#
# usage: bench/remote.sh [RUNS] [BACKENDS] [LATENCIES]
#        (default 1, "redis s3 bazel go-cacher", "5 20"; results in
#        bench/results/remote-<date>.txt)
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd -P)
. "$HERE/bench/lib.sh"
RUNS=${1:-1}
BACKENDS=${2:-redis s3 bazel go-cacher}
LATENCIES=${3:-5 20}
W="$HERE/bench/work/remote"
SRC="$HERE/bench/work/prog/gopls"
mkdir -p "$W" "$HERE/bench/work/prog" "$HERE/bench/results"
OUT="$HERE/bench/results/remote-$(date +%Y%m%d-%H%M%S).txt"
TIMES=$(mktemp)
export GOFLAGS= GOTOOLCHAIN=local GOPROXY=https://proxy.golang.org GOTELEMETRY=off
export GOPATH="$HERE/bench/work/prog/gopath" GOMODCACHE="$HERE/bench/work/prog/gopath/pkg/mod"
unset GOCACHEPROG
gopls_src "$SRC"

# the servers and the proxy: what the tests use, installed the same way
BAZEL_REMOTE=$("$HERE/scripts/test-services.sh")
"$HERE/gocachectl" --version >/dev/null # builds the jar and target/.launch
JAVA=$(sed -n 's/^JAVA=//p' "$HERE/target/.launch")
S3PROXY="$HERE/target/test-services/s3proxy.jar"
if [ ! -f "$S3PROXY" ] || [ ! -d "$HERE/target/test-classes/dev/gocachectl/testing" ]; then
  (cd "$HERE" && mvn -B -q -DskipTests=false test-compile)
fi
GOCACHER_VERSION=v0.0.0-20260722201841-0bb331e19f64
GOCACHER="$HERE/bench/work/prog/bin/go-cacher"
GOCACHER_SERVER="$HERE/bench/work/prog/bin/go-cacher-server"
case " $BACKENDS " in *" go-cacher "*)
  [ -x "$GOCACHER" ] && [ -x "$GOCACHER_SERVER" ] || GOBIN="$HERE/bench/work/prog/bin" go install \
    "github.com/bradfitz/go-tool-cache/cmd/go-cacher@$GOCACHER_VERSION" \
    "github.com/bradfitz/go-tool-cache/cmd/go-cacher-server@$GOCACHER_VERSION"
  ;;
esac
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1

PIDS=""
cleanup() {
  for p in $PIDS; do kill "$p" 2>/dev/null || true; done
  rm -f "$TIMES"
  rm -rf "$RUN"
}
trap cleanup EXIT INT TERM

# start_server BACKEND DATA PORT: starts it in the background; prints its --remote URL
start_server() {
  b=$1 data=$2 port=$3
  mkdir -p "$data"
  case $b in
    redis)
      redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
        --dir "$data" >"$data/log" 2>&1 &
      url_base="redis://127.0.0.1:PORT?max-object=64MiB"
      ;;
    s3)
      mkdir -p "$data/store/bench"
      printf '%s\n' "s3proxy.endpoint=http://127.0.0.1:$port" "s3proxy.authorization=aws-v2-or-v4" \
        "s3proxy.identity=$AWS_ACCESS_KEY_ID" "s3proxy.credential=$AWS_SECRET_ACCESS_KEY" \
        "jclouds.provider=filesystem" "jclouds.filesystem.basedir=$data/store" \
        "jclouds.identity=unused" "jclouds.credential=unused" >"$data/s3proxy.conf"
      "$JAVA" -Xmx512m -jar "$S3PROXY" --properties "$data/s3proxy.conf" >"$data/log" 2>&1 &
      url_base="s3://bench/gopls?endpoint=http://127.0.0.1:PORT&path-style=true"
      ;;
    bazel)
      "$BAZEL_REMOTE" --dir "$data/cache" --max_size 20 --http_address "127.0.0.1:$port" \
        --grpc_address none --access_log_level none >"$data/log" 2>&1 &
      url_base="http://127.0.0.1:PORT"
      ;;
    go-cacher)
      "$GOCACHER_SERVER" --cache-dir "$data/cache" --listen "127.0.0.1:$port" >"$data/log" 2>&1 &
      url_base="http://127.0.0.1:PORT"
      ;;
  esac
  PIDS="$PIDS $!"
  SERVER_PID=$!
  wait_port "$port"
}

# url PORT: the current backend's URL on PORT (its own, or a proxy's)
url() { echo "$url_base" | sed "s/PORT/$1/"; }

# build LOCAL_DIR URL: go build ./... through prog (or, for the go-cacher backend, through
# go-cacher) with this local tier and remote
build() {
  if [ "$b" = go-cacher ]; then
    prog="$GOCACHER --cache-dir $1 --cache-server $2"
  else
    prog="$HERE/gocachectl prog --dir $1 --remote $2"
  fi
  GOCACHE="$W/gocache-unused" GOCACHEPROG="$prog" go build ./... >/dev/null
}

native() { GOCACHE="$1" go build ./... >/dev/null; }

mkdir -p "$W/gocache-unused"
RUN=$(run_dir "$W") # removed by cleanup; see run_dir in lib.sh
cd "$SRC"
for r in $(seq "$RUNS"); do
  N="$RUN/native-$r"
  mkdir -p "$N"
  time_cmd native-cold native "$N"
  time_cmd native-warm native "$N"
  time_cmd native-warm native "$N"
  for b in $BACKENDS; do
    B="$RUN/$b-$r"
    mkdir -p "$B"
    port=$(free_port)
    start_server "$b" "$B/server" "$port"
    time_cmd "$b-cold" build "$B/local-cold" "$(url "$port")"
    time_cmd "$b-remote" build "$B/local-remote" "$(url "$port")"
    for lat in $LATENCIES; do
      pport=$(free_port)
      "$JAVA" -cp "$HERE/target/test-classes" dev.gocachectl.testing.TcpProxy \
        "$pport" "$port" "$lat" 2>/dev/null &
      proxy=$!
      PIDS="$PIDS $proxy"
      wait_port "$pport"
      time_cmd "$b-remote+${lat}ms" build "$B/local-remote-$lat" "$(url "$pport")"
      kill "$proxy"
    done
    # what the last build's report says, for the record (go-cacher writes none)
    if [ "$b" != go-cacher ]; then
      tail -n 1 "$B/local-remote/gocachectl/prog-stats.jsonl" >"$W/$b-report.jsonl"
    fi
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  done
done

{
  echo "bench/remote.sh $RUNS \"$BACKENDS\" \"$LATENCIES\" on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(go env GOVERSION)"
  echo "project: golang.org/x/tools/gopls v0.23.0, go build ./...; prog through the launcher (daemon)"
  echo "median wall ms over $RUNS runs (native-warm: $((RUNS * 2)) runs)"
  printf '  native cold %s, native warm %s\n' "$(med native-cold)" "$(med native-warm)"
  printf '  %-9s %9s %9s %9s %9s' backend cold remote cold/nat remote/warm
  for lat in $LATENCIES; do printf ' %12s' "remote+${lat}ms"; done
  printf ' %10s\n' remote/cold
  for b in $BACKENDS; do
    printf '  %-9s %9s %9s %9s %9s' "$b" "$(med "$b-cold")" "$(med "$b-remote")" \
      "$(ratio "$(med "$b-cold")" "$(med native-cold)")" \
      "$(ratio "$(med "$b-remote")" "$(med native-warm)")"
    for lat in $LATENCIES; do printf ' %12s' "$(med "$b-remote+${lat}ms")"; done
    printf ' %10s\n' "$(ratio "$(med "$b-remote")" "$(med native-cold)")"
  done
  echo "goals: cold/nat <= 1.05, remote/warm <= 1.5, remote/cold <= 0.2"
  echo "every run, in order (ms):"
  awk '{t[$1] = t[$1] " " $2; if (!($1 in seen)) {seen[$1] = 1; order[++n] = $1}}
       END {for (i = 1; i <= n; i++) printf "  %-22s%s\n", order[i], t[order[i]]}' "$TIMES"
  for b in $BACKENDS; do
    [ "$b" != go-cacher ] || continue
    echo "last report ($b, empty local, warm remote):"
    sed 's/^/  /' "$W/$b-report.jsonl"
  done
} | tee "$OUT"
