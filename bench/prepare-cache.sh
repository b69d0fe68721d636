#!/bin/sh
# Builds (once) a real GOCACHE of at least 1 GiB with the real go toolchain, for the verify/stats
# benchmarks: the standard library for five targets (cross-compiling writes the same kind of
# archives a CI fleet does) and -race, then gopls and its dependencies fetched through the Go
# module proxy (v0.23.0, the newest that builds with Go 1.26). Usage: bench/prepare-cache.sh DIR   (DIR/gocache is the cache)
set -eu
DIR=${1:?usage: bench/prepare-cache.sh DIR}
mkdir -p "$DIR/gocache" "$DIR/gopath"
DIR=$(cd "$DIR" && pwd -P) # go wants absolute paths
export GOCACHE="$DIR/gocache" GOPATH="$DIR/gopath" GOMODCACHE="$DIR/gopath/pkg/mod"
export GOFLAGS= GOTOOLCHAIN=local GOPROXY=https://proxy.golang.org GOTELEMETRY=off
size() { du -sm "$GOCACHE" | cut -f1; }
if [ -f "$DIR/.done" ]; then
  echo "prepare-cache: $GOCACHE already built ($(size) MiB)" >&2
  exit 0
fi
for target in linux/amd64 windows/amd64 darwin/arm64 linux/arm64 linux/386; do
  [ -f "$DIR/.std-done" ] && break
  echo "prepare-cache: go build std for $target ($(size) MiB so far)" >&2
  GOOS=${target%/*} GOARCH=${target#*/} CGO_ENABLED=0 go build std
done
touch "$DIR/.std-done"
echo "prepare-cache: go build -race std ($(size) MiB so far)" >&2
go build -race std
echo "prepare-cache: gopls ($(size) MiB so far)" >&2
GOBIN="$DIR/bin" go install golang.org/x/tools/gopls@v0.23.0
touch "$DIR/.done"
echo "prepare-cache: done, $(size) MiB in $GOCACHE" >&2
