#!/usr/bin/python3
"""bench-time.py [--fresh FILE] N CMD...: run CMD N times; print one line per
run, its wall time in microseconds and its peak resident memory in KB
(tests/bench.sh).  --fresh removes FILE before each run (untimed), so that
each run writes a new file as a conversion usually does.

Timing a command from the shell with `date +%s%N` adds two extra processes
per run, 6-16 ms on a loaded machine: a tenth of the time being measured.
Here only the command's own fork and exec are timed, and wait4() gives the
peak memory of that one child.  Exits 1 when the command fails."""
import os
import subprocess
import sys
import time


def main():
    args = sys.argv[1:]
    fresh = None
    if args[0] == "--fresh":
        fresh, args = args[1], args[2:]
    runs, cmd = int(args[0]), args[1:]
    for _ in range(runs):
        if fresh and os.path.exists(fresh):
            os.unlink(fresh)
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            return 1
        print("%d %d" % (elapsed * 1e6, usage.ru_maxrss))
    return 0


if __name__ == "__main__":
    sys.exit(main())
