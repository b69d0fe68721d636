#!/usr/bin/env python3
"""Times a GOCACHEPROG program from spawn to its handshake line and to its first answered get.

usage: bench/handshake.py LABEL RUNS -- COMMAND...

Each run spawns COMMAND, waits for the KnownCommands line, sends one get (as go encodes it: a
compact JSON object, a newline and an empty line), waits for the answer, sends close and waits for
the process to end. Prints the median and p90 of each, in milliseconds.
"""
import base64
import json
import os
import statistics
import subprocess
import sys
import time


def once(cmd):
    aid = base64.b64encode(os.urandom(32)).decode()
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, bufsize=0)
    line = p.stdout.readline()
    t1 = time.perf_counter()
    if b"KnownCommands" not in line:
        raise SystemExit(f"no handshake, got {line!r}")
    req = json.dumps({"ID": 1, "Command": "get", "ActionID": aid}, separators=(",", ":"))
    p.stdin.write((req + "\n\n").encode())
    p.stdin.flush()
    line = p.stdout.readline()
    t2 = time.perf_counter()
    if b'"ID":1' not in line:
        raise SystemExit(f"no answer to get, got {line!r}")
    p.stdin.write(b'{"ID":2,"Command":"close"}\n\n')
    p.stdin.flush()
    p.stdin.close()
    p.stdout.read()
    p.wait()
    t3 = time.perf_counter()
    return (t1 - t0) * 1e3, (t2 - t0) * 1e3, (t3 - t0) * 1e3


def main():
    label, runs = sys.argv[1], int(sys.argv[2])
    cmd = sys.argv[sys.argv.index("--") + 1:]
    once(cmd)
    rs = [once(cmd) for _ in range(runs)]
    out = []
    for name, xs in zip(("handshake", "first-get", "exit"), zip(*rs)):
        xs = sorted(xs)
        out.append(f"{name} median {statistics.median(xs):6.1f} p90 {xs[int(0.9 * (len(xs) - 1))]:6.1f}")
    print(f"{label:<34} " + "  ".join(out) + f" ms (n={runs})")


if __name__ == "__main__":
    main()
