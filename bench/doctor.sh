#!/bin/sh
# doctor's wall time on this runner against `go env -json` alone, the one go command it cannot do
# without, in the same run. Usage: bench/doctor.sh [RUNS] (default 10). Prints every run and the
# medians; the jar is built (and warmed) first, so no run pays for a build.
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd -P)
. "$HERE/bench/lib.sh"
RUNS=${1:-10}
TIMES=$(mktemp)
trap 'rm -f "$TIMES"' EXIT
"$HERE/gocachectl" doctor --no-prog >/dev/null 2>&1 || true # build and warm
i=0
while [ "$i" -lt "$RUNS" ]; do
  time_cmd doctor sh -c "\"$HERE/gocachectl\" doctor --no-prog >/dev/null 2>&1 || true"
  time_cmd goenv sh -c 'go env -json >/dev/null'
  i=$((i + 1))
done
echo "runs (ms):"
awk '{print "  " $0}' "$TIMES"
d=$(med doctor)
g=$(med goenv)
echo "median doctor ${d} ms, go env -json ${g} ms, ratio $(ratio "$d" "$g") (load $(cut -d' ' -f1 /proc/loadavg))"
