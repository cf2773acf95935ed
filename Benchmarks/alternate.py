#!/usr/bin/env python3
"""Wall time and CPU time of two binaries on the same command, run alternately (A B, B A,
A B, …).

Timings on a shared VM drift by 20-30 % within minutes; runs of the two binaries taken
turn about see the same drift, so their medians compare where two hyperfine runs one after
the other may not. The CPU time (user + system, from wait4) of each run is printed too: it
does not count the time a run waits for a core another process holds, and tells a change of
a few per cent with fewer runs (DECISIONS 37).

    python3 Benchmarks/alternate.py OLD_BINARY NEW_BINARY RUNS ARGUMENT...
"""
import os
import statistics
import sys
import time


def main() -> None:
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    old, new, runs, arguments = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    times = {old: [], new: []}
    cpu = {old: [], new: []}
    devnull = os.open(os.devnull, os.O_WRONLY)
    quiet = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    for index in range(runs + 2):  # the first round of each is a warm-up
        order = (old, new) if index % 2 == 0 else (new, old)
        for binary in order:
            start = time.perf_counter()
            pid = os.posix_spawn(binary, [binary, *arguments], os.environ, file_actions=quiet)
            _, _, usage = os.wait4(pid, 0)
            if index >= 2:
                times[binary].append((time.perf_counter() - start) * 1000)
                cpu[binary].append((usage.ru_utime + usage.ru_stime) * 1000)
    medians = {binary: statistics.median(values) for binary, values in times.items()}
    cpu_medians = {binary: statistics.median(values) for binary, values in cpu.items()}
    command = " ".join(arguments[:1])
    for side, binary in (("old", old), ("new", new)):
        values = sorted(times[binary])
        print(f"{command:<8} {side:<4} median {medians[binary]:7.1f} ms  (min {values[0]:.1f}, max {values[-1]:.1f}, {runs} runs)"
              f"  CPU median {cpu_medians[binary]:7.1f} ms")
    print(f"{command:<8} new/old {medians[new] / medians[old]:.2f}  CPU new/old {cpu_medians[new] / cpu_medians[old]:.3f}")


if __name__ == "__main__":
    main()
