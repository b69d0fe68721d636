#!/bin/sh
# mod verify against go mod verify on one real module cache: a project with a dozen popular
# dependencies (a few hundred modules, fetched once through https://proxy.golang.org into its own
# GOPATH), then both tools over that same cache, alternating which goes first, RUNS times; medians
# of wall time and of CPU time (user+sys).
#
#   bench/mod-verify.sh            # RUNS=7, work directory /tmp/gocachectl-bench-mod
#   RUNS=11 BENCH_DIR=/var/tmp/b bench/mod-verify.sh
#
# Four commands are timed on every run:
#   go     = go mod verify                                 (in the project: its build list)
#   rehash = gocachectl mod verify --rehash PROJECT        (the versions go.sum lists, and go.sum
#                                                           itself; every zip inflated)
#   mod    = gocachectl mod verify PROJECT                 (the same; zips whose bytes a previous
#                                                           clean run saw are hashed, not inflated)
#   all    = gocachectl mod verify --modcache DIR          (every version in the cache, as mod)
# gocachectl remembers clean zips in $WORK/xdg (XDG_CACHE_HOME), emptied before the first run.
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd -P)
RUNS=${RUNS:-7}
WORK=${BENCH_DIR:-/tmp/gocachectl-bench-mod}
PROJ=$WORK/proj
export GOPATH="$WORK/gopath" GOMODCACHE="$WORK/gopath/pkg/mod" GOCACHE="$WORK/gocache"
export GOENV=off GOTOOLCHAIN=local GOFLAGS=-mod=mod GOTELEMETRY=off GONOSUMDB= GOPRIVATE=
export XDG_CACHE_HOME="$WORK/xdg"

if [ ! -f "$WORK/.downloaded" ]; then
  mkdir -p "$PROJ"
  cat >"$PROJ/go.mod" <<'MOD'
module example.com/modbench

go 1.24

require (
	github.com/aws/aws-sdk-go-v2/service/s3 v1.114.8
	github.com/docker/docker v28.5.2+incompatible
	github.com/gin-gonic/gin v1.12.0
	github.com/hashicorp/terraform-plugin-sdk/v2 v2.40.1
	github.com/prometheus/client_golang v1.25.0
	github.com/redis/go-redis/v9 v9.23.0
	github.com/spf13/cobra v1.10.2
	go.opentelemetry.io/otel/sdk v1.47.0
	go.uber.org/zap v1.28.0
	google.golang.org/grpc v1.85.0
	gorm.io/gorm v1.31.2
	k8s.io/client-go v0.37.2
)
MOD
  cat >"$PROJ/main.go" <<'GO'
package main

import (
	_ "github.com/aws/aws-sdk-go-v2/service/s3"
	_ "github.com/docker/docker/client"
	_ "github.com/gin-gonic/gin"
	_ "github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "github.com/redis/go-redis/v9"
	_ "github.com/spf13/cobra"
	_ "go.opentelemetry.io/otel/sdk"
	_ "go.uber.org/zap"
	_ "google.golang.org/grpc"
	_ "gorm.io/gorm"
	_ "k8s.io/client-go/kubernetes"
)

func main() {}
GO
  echo "mod-verify.sh: downloading the modules through proxy.golang.org into $GOMODCACHE ..." >&2
  (cd "$PROJ" && GOPROXY=https://proxy.golang.org GOSUMDB=sum.golang.org go mod tidy &&
    GOPROXY=https://proxy.golang.org GOSUMDB=sum.golang.org go mod download)
  touch "$WORK/.downloaded"
fi
export GOPROXY=off

"$HERE/gocachectl" --version >/dev/null # builds the jar if needed, outside the timings
zips=$(find "$GOMODCACHE/cache/download" -name '*.zip' | wc -l)
files=$(find "$GOMODCACHE" -path "$GOMODCACHE/cache" -prune -o -type f -print | wc -l)
echo "cache: $GOMODCACHE: $zips zips, $files extracted files, $(du -sh "$GOMODCACHE" | cut -f1)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3), $("$HERE/gocachectl" --version | head -1)"

# t NAME DIR CMD...: runs CMD in DIR, appends "wall cpu" to $WORK/NAME.times
t() {
  name=$1
  dir=$2
  shift 2
  (cd "$dir" && /usr/bin/time -f "%e %U %S" -o "$WORK/last.time" "$@" >"$WORK/$name.out" 2>&1) || {
    echo "mod-verify.sh: $name failed:" >&2
    cat "$WORK/$name.out" >&2
    exit 1
  }
  awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$WORK/last.time" >>"$WORK/$name.times"
}

rm -f "$WORK"/*.times
rm -rf "$XDG_CACHE_HOME"
i=1
while [ "$i" -le "$RUNS" ]; do
  if [ $((i % 2)) -eq 1 ]; then
    t go "$PROJ" go mod verify
    t rehash "$PROJ" "$HERE/gocachectl" mod verify --rehash "$PROJ"
    t mod "$PROJ" "$HERE/gocachectl" mod verify "$PROJ"
    t all "$PROJ" "$HERE/gocachectl" mod verify --modcache "$GOMODCACHE"
  else
    t all "$PROJ" "$HERE/gocachectl" mod verify --modcache "$GOMODCACHE"
    t mod "$PROJ" "$HERE/gocachectl" mod verify "$PROJ"
    t rehash "$PROJ" "$HERE/gocachectl" mod verify --rehash "$PROJ"
    t go "$PROJ" go mod verify
  fi
  i=$((i + 1))
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo
printf '%-7s %s\n' name "wall seconds per run"
for n in go rehash mod all; do printf '%-7s %s\n' "$n" "$(cut -d' ' -f1 "$WORK/$n.times" | tr '\n' ' ')"; done
echo
printf '%-7s %10s %10s %12s %12s\n' name "wall med" "cpu med" "wall vs go" "cpu vs go"
gw=$(cut -d' ' -f1 "$WORK/go.times" | median)
gc=$(cut -d' ' -f2 "$WORK/go.times" | median)
for n in go rehash mod all; do
  w=$(cut -d' ' -f1 "$WORK/$n.times" | median)
  c=$(cut -d' ' -f2 "$WORK/$n.times" | median)
  printf '%-7s %9.2fs %9.2fs %12.2f %12.2f\n' "$n" "$w" "$c" "$(echo "$w $gw" | awk '{print $1/$2}')" "$(echo "$c $gc" | awk '{print $1/$2}')"
done
echo
echo "last outputs:"
for n in go rehash mod all; do printf '%-7s %s\n' "$n" "$(tail -1 "$WORK/$n.out")"; done
