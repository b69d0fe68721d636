#!/bin/sh
# The release archive (`gocachectl dist`) against the checkout's launcher: the archive's size, and
# the start-up of the CLI (`gocachectl --version`) and of prog (a no-op `go build` of a small module
# with GOCACHEPROG set, prog in-process and through the daemon) from each, interleaved in one run.
# Usage: bench/dist.sh [RUNS] (default 15). Prints every run and the medians. Needs what dist needs
# (JDK 25, Maven, Go 1.24+).
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd -P)
. "$HERE/bench/lib.sh"
RUNS=${1:-15}
WORK=$(mktemp -d)
TIMES=$WORK/times
trap 'rm -rf "$WORK"' EXIT

archive=$("$HERE/gocachectl" dist --out "$WORK/out" 2>/dev/null)
mkdir -p "$WORK/unpacked"
tar -xzf "$archive" -C "$WORK/unpacked"
installed=$(echo "$WORK"/unpacked/gocachectl-*)
size=$(stat -c %s "$archive")
unpacked=$(du -sb "$installed" | cut -f1)
runtime=$(du -sb "$installed/runtime" | cut -f1)
aot=$(du -scb "$installed"/lib/aot/*.aot | tail -1 | cut -f1)

# A small module: one package, one main; built once per configuration to fill its prog directory.
mkdir -p "$WORK/mod"
printf 'module example.com/bench\n\ngo 1.24\n' >"$WORK/mod/go.mod"
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n' >"$WORK/mod/main.go"
export GOFLAGS=-trimpath GOTOOLCHAIN=local GOPROXY=off GOTELEMETRY=off GOCACHE="$WORK/gocache"
export XDG_RUNTIME_DIR="$WORK/xdg"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
nop_build() { # LAUNCHER DAEMON
  (cd "$WORK/mod" && GOCACHECTL_DAEMON=$2 GOCACHEPROG="$1 prog --dir $WORK/prog-$(echo "$1" | cksum | cut -c1-8)" \
    go build -o /dev/null . >/dev/null)
}
for l in "$HERE/gocachectl" "$installed/gocachectl"; do
  "$l" --version >/dev/null
  nop_build "$l" off
  nop_build "$l" on
done

i=0
while [ "$i" -lt "$RUNS" ]; do
  time_cmd cli-checkout "$HERE/gocachectl" --version >/dev/null
  time_cmd cli-archive "$installed/gocachectl" --version >/dev/null
  time_cmd prog-checkout nop_build "$HERE/gocachectl" off
  time_cmd prog-archive nop_build "$installed/gocachectl" off
  time_cmd daemon-checkout nop_build "$HERE/gocachectl" on
  time_cmd daemon-archive nop_build "$installed/gocachectl" on
  i=$((i + 1))
done
echo "runs (ms):"
awk '{print "  " $0}' "$TIMES"
echo "archive $(basename "$archive"): $size bytes ($(awk -v b="$size" 'BEGIN{printf "%.1f", b/1048576}') MiB);" \
  "unpacked $(awk -v b="$unpacked" 'BEGIN{printf "%.1f", b/1048576}') MiB, runtime $(awk -v b="$runtime" 'BEGIN{printf "%.1f", b/1048576}') MiB," \
  "AOT caches $(awk -v b="$aot" 'BEGIN{printf "%.1f", b/1048576}') MiB"
for what in cli prog daemon; do
  c=$(med "$what-checkout")
  a=$(med "$what-archive")
  echo "median $what: checkout ${c} ms, archive ${a} ms, archive/checkout $(ratio "$a" "$c")"
done
echo "load $(cut -d' ' -f1 /proc/loadavg)"
# the daemons started above idle out after 15 minutes; end them now
for pid in $(pgrep -f "ProgDaemon.*$XDG_RUNTIME_DIR" || true); do kill "$pid"; done
