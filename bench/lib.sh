# Shared helpers for the bench scripts (sourced). Times in milliseconds.

now_ms() { date +%s%3N; }

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# drop the page cache if we may (root on Linux); returns 1 if we may not
drop_caches() {
  sync
  { echo 3 >/proc/sys/vm/drop_caches; } 2>/dev/null
}

# time_cmd NAME CMD...: runs CMD, appends "NAME ms" to $TIMES
time_cmd() {
  name=$1
  shift
  t0=$(now_ms)
  "$@"
  t1=$(now_ms)
  echo "$name $((t1 - t0))" >>"$TIMES"
}

# med NAME: median ms of NAME in $TIMES
med() { awk -v n="$1" '$1 == n {print $2}' "$TIMES" | median; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

gibps() { awk -v bytes="$1" -v ms="$2" 'BEGIN { if (ms > 0) printf "%.2f", bytes / 1073741824 / (ms / 1000); else print "n/a" }'; }

# gopls_src DIR: gopls v0.23.0's module (a few hundred packages) in DIR, its dependencies in
# $GOMODCACHE, fetched once through the Go module proxy
gopls_src() {
  if [ ! -f "$1/go.mod" ]; then
    dir=$(go mod download -json golang.org/x/tools/gopls@v0.23.0 | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    cp -r "$dir" "$1" && chmod -R u+w "$1"
    (cd "$1" && go mod download)
  fi
}

# wait_port PORT: waits (up to 60 s) until something listens on 127.0.0.1:PORT
wait_port() {
  python3 - "$1" <<'PY'
import socket, sys, time
end = time.time() + 60
while time.time() < end:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.5).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit("nothing listens on 127.0.0.1:" + sys.argv[1])
PY
}

# free_port: a TCP port nothing listens on now
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# run_dir BASE: a new directory BASE/run-<time> for this invocation's caches, removed when the
# script exits. Nothing is deleted before or while timing: on ext4 without a journal (as here),
# creating a file scans the inode table for inodes deleted in the last minutes
# (ext4 recently_deleted()), and after an `rm -rf` of a cache that made every file a build creates
# slower: measured, 40 % of a warm-remote build's daemon CPU in the kernel's find_get_block.
run_dir() {
  d="$1/run-$(date +%Y%m%d-%H%M%S)-$$"
  mkdir -p "$d"
  echo "$d"
}
