#!/bin/sh
# gocachectl prog against the native GOCACHE and go-cacher (github.com/bradfitz/go-tool-cache),
# in one run, on gopls v0.23.0 (a few hundred packages, fetched through the Go module proxy):
#   cold build (empty cache: the standard library too), warm no-op build, warm `go test` of a few
#   packages, and the GOCACHEPROG handshake latency.
# Configurations: native GOCACHE; prog through the launcher with its daemon (the default); prog
# in-process (GOCACHECTL_DAEMON=off, JVM from the AOT cache); go-cacher with a local directory.
#
# usage: bench/prog.sh [COLD_RUNS] [WARM_RUNS]   (default 2 and 5; results in bench/results/)
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd -P)
. "$HERE/bench/lib.sh"
COLD_RUNS=${1:-2}
WARM_RUNS=${2:-5}
W="$HERE/bench/work/prog"
mkdir -p "$W" "$HERE/bench/results"
OUT="$HERE/bench/results/prog-$(date +%Y%m%d-%H%M%S).txt"
TIMES=$(mktemp)
export GOFLAGS= GOTOOLCHAIN=local GOPROXY=https://proxy.golang.org GOTELEMETRY=off
export GOPATH="$W/gopath" GOMODCACHE="$W/gopath/pkg/mod"
unset GOCACHEPROG

GOCACHER="$W/bin/go-cacher"
[ -x "$GOCACHER" ] || GOBIN="$W/bin" go install \
  github.com/bradfitz/go-tool-cache/cmd/go-cacher@v0.0.0-20260722201841-0bb331e19f64
SRC="$W/gopls"
gopls_src "$SRC"
"$HERE/gocachectl" --version >/dev/null
TESTS="./internal/util/..."
NPKG=$(cd "$SRC" && go list ./... | wc -l)

# run_go CONFIG CACHEDIR ARGS...: the go command with CONFIG's cache
run_go() {
  cfg=$1 dir=$2
  shift 2
  case $cfg in
    native) GOCACHE="$dir" go "$@" ;;
    prog) GOCACHE="$W/gocache-unused" GOCACHEPROG="$HERE/gocachectl prog --dir $dir" go "$@" ;;
    prog-inproc) GOCACHE="$W/gocache-unused" GOCACHECTL_DAEMON=off \
      GOCACHEPROG="$HERE/gocachectl prog --dir $dir" go "$@" ;;
    go-cacher) GOCACHE="$W/gocache-unused" GOCACHEPROG="$GOCACHER --cache-dir $dir" go "$@" ;;
  esac
}
mkdir -p "$W/gocache-unused"
RUN=$(run_dir "$W")
trap 'rm -rf "$RUN" "$TIMES"' EXIT
CONFIGS="native prog prog-inproc go-cacher"
cd "$SRC"
for r in $(seq "$COLD_RUNS"); do
  for c in $CONFIGS; do
    d="$RUN/cache-$c-$r" # new: see run_dir in lib.sh
    mkdir -p "$d"
    time_cmd "$c-cold" run_go "$c" "$d" build ./... >/dev/null
    run_go "$c" "$d" test $TESTS >/dev/null # fills the test cache
    for i in $(seq "$WARM_RUNS"); do
      time_cmd "$c-noop" run_go "$c" "$d" build ./... >/dev/null
      time_cmd "$c-test" run_go "$c" "$d" test $TESTS >/dev/null
    done
  done
done
HS="$W/handshake.txt"
: >"$HS"
python3 "$HERE/bench/handshake.py" "prog (daemon)" 30 -- "$HERE/gocachectl" prog --dir "$RUN/cache-prog-1" >>"$HS"
GOCACHECTL_DAEMON=off python3 "$HERE/bench/handshake.py" "prog (in-process, AOT)" 30 -- \
  "$HERE/gocachectl" prog --dir "$RUN/cache-prog-1" >>"$HS"
python3 "$HERE/bench/handshake.py" "go-cacher" 30 -- "$GOCACHER" --cache-dir "$RUN/cache-go-cacher-1" >>"$HS"

{
  echo "bench/prog.sh $COLD_RUNS $WARM_RUNS on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(go env GOVERSION)"
  echo "project: golang.org/x/tools/gopls v0.23.0, $NPKG packages in the module; warm test: go test $TESTS"
  echo "median wall ms (cold: $COLD_RUNS runs; warm: $((COLD_RUNS * WARM_RUNS)) runs)"
  printf '  %-12s %9s %9s %9s\n' config cold no-op test
  for c in $CONFIGS; do
    printf '  %-12s %9s %9s %9s\n' "$c" "$(med "$c-cold")" "$(med "$c-noop")" "$(med "$c-test")"
  done
  echo "ratios to native (cold / no-op / test):"
  for c in prog prog-inproc go-cacher; do
    printf '  %-12s %6s %6s %6s\n' "$c" "$(ratio "$(med "$c-cold")" "$(med native-cold)")" \
      "$(ratio "$(med "$c-noop")" "$(med native-noop)")" "$(ratio "$(med "$c-test")" "$(med native-test)")"
  done
  echo "ratios prog / go-cacher (cold / no-op / test):"
  printf '  %-12s %6s %6s %6s\n' prog "$(ratio "$(med prog-cold)" "$(med go-cacher-cold)")" \
    "$(ratio "$(med prog-noop)" "$(med go-cacher-noop)")" "$(ratio "$(med prog-test)" "$(med go-cacher-test)")"
  echo "handshake (bench/handshake.py, 30 runs):"
  sed 's/^/  /' "$HS"
} | tee "$OUT"
