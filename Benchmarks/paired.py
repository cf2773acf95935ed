#!/usr/bin/env python3
"""The ratio of two commands' wall times, taken run by run, turn about (A B, B A, A B, …).

This machine's speed drifts by tens of per cent within minutes (and our two-core runs feel
it more than one-core peers), so a ratio of two hyperfine medians taken minutes apart can
miss or meet a target by the drift alone. Here each round runs both commands back to back,
and the ratio printed is the median of the rounds' own ratios, B's time over A's.

    python3 Benchmarks/paired.py ROUNDS NAME_A COMMAND_A NAME_B COMMAND_B

A command is split as a shell would split it (shlex) and run without a shell; standard
output and error are thrown away. A command that fails stops the measurement (status 1).
"""
import os
import shlex
import statistics
import sys
import time


def timed(arguments, quiet):
    start = time.perf_counter()
    pid = os.posix_spawnp(arguments[0], arguments, os.environ, file_actions=quiet)
    _, status, _ = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"paired.py: {shlex.join(arguments)} failed (status {os.waitstatus_to_exitcode(status)})")
    return elapsed


def main() -> None:
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    name_a, command_a = sys.argv[2], shlex.split(sys.argv[3])
    name_b, command_b = sys.argv[4], shlex.split(sys.argv[5])
    devnull = os.open(os.devnull, os.O_WRONLY)
    quiet = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    a_times, b_times, ratios = [], [], []
    for index in range(rounds + 1):  # the first round warms both up
        if index % 2 == 0:
            a = timed(command_a, quiet)
            b = timed(command_b, quiet)
        else:
            b = timed(command_b, quiet)
            a = timed(command_a, quiet)
        if index > 0:
            a_times.append(a)
            b_times.append(b)
            ratios.append(b / a)
    ratios.sort()
    print(f"  {name_b} / {name_a}, turn about ({rounds} rounds): median {statistics.median(ratios):.2f}× "
          f"(rounds {ratios[0]:.2f}–{ratios[-1]:.2f}×; medians {statistics.median(b_times) * 1000:.0f} ms "
          f"and {statistics.median(a_times) * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
