#!/bin/sh
# bench/explain.sh: `gocachectl explain` in run mode against the two go commands it runs, on a real
# project of a few hundred packages (golang.org/x/tools/gopls, 112 packages of its own, 763 compile
# actions with the standard library and its dependencies), and the size of its saved manifests.
#
# Usage: bench/explain.sh [ROUNDS]     (default 3; medians are reported)
#
# Scenarios, each from a copy of the same warm cache (src-a built once):
#   relocated  the module checked out twice (src-a, src-b), no -trimpath: side B recompiles the
#              module's packages; the question explain answers is "why does B miss?"
#   identical  the same directory twice: every compile hits; explain's fixed costs weigh the most
# Each round times the plain commands (go build ./... in A, then in B) and explain doing the same,
# in alternating order: wall time, and CPU time (user + sys, children included), which a loaded
# machine disturbs less. The first run downloads gopls through proxy.golang.org into $BENCH_DIR
# (default /tmp/gocachectl-bench-explain) and builds the warm cache (minutes); later runs reuse both.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd -P)
ROOT=$(dirname "$HERE")
ROUNDS=${1:-3}
WORK=${BENCH_DIR:-/tmp/gocachectl-bench-explain}
GOPLS=v0.23.0
mkdir -p "$WORK"
export GOPATH="$WORK/gopath" GOMODCACHE="$WORK/gopath/pkg/mod" GOFLAGS=-buildvcs=false \
  GOTOOLCHAIN=local GOTELEMETRY=off GOENV=off
unset GODEBUG GOCACHEPROG || true

if [ ! -d "$WORK/src-b" ]; then
  echo "explain.sh: fetching golang.org/x/tools/gopls@$GOPLS" >&2
  GOPROXY=https://proxy.golang.org GOCACHE="$WORK/scratch" go mod download golang.org/x/tools/gopls@$GOPLS
  rm -rf "$WORK/src-a"
  cp -r "$GOMODCACHE/golang.org/x/tools/gopls@$GOPLS" "$WORK/src-a"
  chmod -R u+w "$WORK/src-a"
  (cd "$WORK/src-a" && GOPROXY=https://proxy.golang.org GOCACHE="$WORK/scratch" go mod download)
  cp -r "$WORK/src-a" "$WORK/src-b"
fi
export GOPROXY=off
if [ ! -d "$WORK/warm" ]; then
  echo "explain.sh: building the warm cache (a cold build of gopls)" >&2
  (cd "$WORK/src-a" && GOCACHE="$WORK/warm" go build ./...)
fi
"$ROOT/gocachectl" --version >/dev/null # builds the jar if needed, outside the timings

fresh() { rm -rf "$WORK/c" && cp -a "$WORK/warm" "$WORK/c"; }

# timed CMD...: prints "wall cpu" in seconds (cpu: user + sys of the command and its children)
timed() {
  /usr/bin/time -f '%e %U %S' -o "$WORK/time.out" "$@"
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$WORK/time.out"
}

# plain DIR_A DIR_B: go build ./... in A, then in B
plain() {
  fresh
  timed sh -c 'export GOCACHE="$3"; cd "$1" && go build ./... && cd "$2" && go build ./...' \
    sh "$1" "$2" "$WORK/c"
}

# explained DIR_A DIR_B: gocachectl explain doing the same, saving both manifests
explained() {
  fresh
  timed sh -c '"$1/gocachectl" explain --cache "$2/c" --dir-a "$3" --dir-b "$4" \
    --save-a "$2/a.manifest" --save-b "$2/b.manifest.gz" -- build ./... \
    >"$2/explain.out" 2>"$2/explain.err" || [ $? -eq 1 ]' sh "$ROOT" "$WORK" "$1" "$2"
}

# median COLUMN <file
median() { awk -v c="$1" '{print $c}' | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for scenario in relocated identical; do
  a="$WORK/src-a"
  b="$WORK/src-b"
  [ "$scenario" = identical ] && b="$WORK/src-a"
  : >"$WORK/$scenario.plain"
  : >"$WORK/$scenario.explain"
  i=1
  while [ "$i" -le "$ROUNDS" ]; do
    if [ $((i % 2)) -eq 1 ]; then
      plain "$a" "$b" >>"$WORK/$scenario.plain"
      explained "$a" "$b" >>"$WORK/$scenario.explain"
    else
      explained "$a" "$b" >>"$WORK/$scenario.explain"
      plain "$a" "$b" >>"$WORK/$scenario.plain"
    fi
    i=$((i + 1))
  done
  pw=$(median 1 <"$WORK/$scenario.plain")
  xw=$(median 1 <"$WORK/$scenario.explain")
  pc=$(median 2 <"$WORK/$scenario.plain")
  xc=$(median 2 <"$WORK/$scenario.explain")
  printf '%-10s wall: plain %6.2fs explain %6.2fs ratio %.2f | cpu: plain %6.2fs explain %6.2fs ratio %.2f\n' \
    "$scenario" "$pw" "$xw" "$(echo "$xw / $pw" | bc -l)" "$pc" "$xc" "$(echo "$xc / $pc" | bc -l)"
  printf '           runs (wall cpu): plain: %s| explain: %s\n' \
    "$(tr '\n' ' ' <"$WORK/$scenario.plain" | sed 's/\([0-9.]*\) \([0-9.]*\) /\1 \2, /g')" \
    "$(tr '\n' ' ' <"$WORK/$scenario.explain" | sed 's/\([0-9.]*\) \([0-9.]*\) /\1 \2, /g')"
  if [ "$scenario" = relocated ]; then
    head -4 "$WORK/explain.out" | tail -1
    sizes=$(printf 'manifests (relocated): side A %s bytes as plain text, side B %s bytes gzipped; %s actions' \
      "$(wc -c <"$WORK/a.manifest")" "$(wc -c <"$WORK/b.manifest.gz")" "$(grep -c '^action ' "$WORK/a.manifest")")
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$sizes"
