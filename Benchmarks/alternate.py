#!/usr/bin/env python3
"""Wall time of two binaries on the same command, run alternately (A B, B A, A B, …).

Timings on a shared VM drift by 20-30 % within minutes; runs of the two binaries taken
turn about see the same drift, so their medians compare where two hyperfine runs one after
the other may not.

    python3 Benchmarks/alternate.py OLD_BINARY NEW_BINARY RUNS ARGUMENT...
"""
import statistics
import subprocess
import sys
import time


def main() -> None:
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    old, new, runs, arguments = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    times = {old: [], new: []}
    for index in range(runs + 2):  # the first round of each is a warm-up
        order = (old, new) if index % 2 == 0 else (new, old)
        for binary in order:
            start = time.perf_counter()
            subprocess.run([binary, *arguments], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            if index >= 2:
                times[binary].append((time.perf_counter() - start) * 1000)
    medians = {binary: statistics.median(values) for binary, values in times.items()}
    command = " ".join(arguments[:1])
    for side, binary in (("old", old), ("new", new)):
        values = sorted(times[binary])
        print(f"{command:<8} {side:<4} median {medians[binary]:7.1f} ms  (min {values[0]:.1f}, max {values[-1]:.1f}, {runs} runs)")
    print(f"{command:<8} new/old {medians[new] / medians[old]:.2f}")


if __name__ == "__main__":
    main()
