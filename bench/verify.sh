#!/bin/sh
# Times `gocachectl verify` and `gocachectl stats` on a real >= 1 GiB GOCACHE against the real
# alternatives over the same files, in the same run: openssl dgst -sha256 and sha256sum, each run
# by xargs -P<cores>. Warm (page cache) and cold (caches dropped before each run, when allowed).
#
# usage: bench/verify.sh [RUNS]     (default 5; results in bench/results/verify-<date>.txt)
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd -P)
. "$HERE/bench/lib.sh"
RUNS=${1:-5}
W="$HERE/bench/work"
C="$W/gocache"
"$HERE/bench/prepare-cache.sh" "$W"
"$HERE/gocachectl" --version >/dev/null
mkdir -p "$HERE/bench/results"
OUT="$HERE/bench/results/verify-$(date +%Y%m%d-%H%M%S).txt"
TIMES=$(mktemp)
LIST="$W/outputs.list"
CORES=$(nproc)
# the bytes verify hashes: output files, and the one file inside each executable directory
find "$C" -mindepth 2 -type f \( -name '*-d' -o -path '*-d/*' \) -print0 >"$LIST"
FILES=$(tr -cd '\0' <"$LIST" | wc -c)
BYTES=$(xargs -0 stat -c %s <"$LIST" | awk '{s+=$1} END {print s}')

. "$HERE/scripts/jdk.sh"
gocachectl_find_jdk
mkdir -p "$W/floor"
"$GOCACHECTL_JAVA_HOME/bin/javac" -d "$W/floor" "$HERE/bench/HashFloor.java"
# the launcher's JVM flags for the CLI (./gocachectl, CLI_FLAGS): the floor gets the same JIT
FLOOR_FLAGS="-XX:+UseSerialGC -XX:-UsePerfData -XX:Tier4InvocationThreshold=40000
 -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=200000"
# shellcheck disable=SC2086
floor() { "$GOCACHECTL_JAVA_HOME/bin/java" $FLOOR_FLAGS -cp "$W/floor" HashFloor "$LIST" "$CORES" >/dev/null; }
verify() { "$HERE/gocachectl" verify --cache "$C" --settle 0 --jobs "$CORES" --json >"$W/verify.json"; }
stats() { "$HERE/gocachectl" stats --cache "$C" --jobs "$CORES" >/dev/null; }
openssl_all() { xargs -0 -P"$CORES" -n 512 openssl dgst -sha256 <"$LIST" >/dev/null; }
sha256sum_all() { xargs -0 -P"$CORES" -n 512 sha256sum <"$LIST" >/dev/null; }

cat "$LIST" | xargs -0 cat >/dev/null # into the page cache
verify
grep -q '"problems" : 0' "$W/verify.json" || { echo "verify found problems in the bench cache" >&2; exit 1; }
for i in $(seq "$RUNS"); do
  time_cmd warm-verify verify
  time_cmd warm-openssl openssl_all
  time_cmd warm-floor floor
  time_cmd warm-sha256sum sha256sum_all
  time_cmd warm-stats stats
done
COLD=yes
for i in $(seq "$RUNS"); do
  drop_caches || { COLD=no; break; }
  time_cmd cold-verify verify
  drop_caches
  time_cmd cold-openssl openssl_all
  drop_caches
  time_cmd cold-stats stats
done

{
  echo "bench/verify.sh $RUNS on $(date -u +%Y-%m-%dT%H:%MZ), $CORES cores, $(go env GOVERSION)"
  echo "cache: $C, $FILES output files, $BYTES bytes ($(awk -v b="$BYTES" 'BEGIN{printf "%.2f", b/1073741824}') GiB)"
  echo "median wall time of $RUNS runs (gocachectl includes JVM start-up and the walk):"
  for k in warm-verify warm-openssl warm-floor warm-sha256sum warm-stats; do
    printf '  %-16s %7s ms  %s GiB/s\n' "$k" "$(med $k)" "$(gibps "$BYTES" "$(med $k)")"
  done
  echo "  verify / openssl (warm):   $(ratio "$(med warm-verify)" "$(med warm-openssl)")"
  echo "  floor / openssl (warm):    $(ratio "$(med warm-floor)" "$(med warm-openssl)")  (HashFloor: a JVM that only hashes)"
  echo "  verify / sha256sum (warm): $(ratio "$(med warm-verify)" "$(med warm-sha256sum)")"
  if [ "$COLD" = yes ]; then
    for k in cold-verify cold-openssl cold-stats; do
      printf '  %-16s %7s ms  %s GiB/s\n' "$k" "$(med $k)" "$(gibps "$BYTES" "$(med $k)")"
    done
    echo "  verify / openssl (cold):   $(ratio "$(med cold-verify)" "$(med cold-openssl)")"
  else
    echo "  cold runs skipped: cannot write /proc/sys/vm/drop_caches (needs root)"
  fi
} | tee "$OUT"
rm -f "$TIMES"
