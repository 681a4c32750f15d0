"""What every benchmark shares: timing, the result row, the table.

Each benchmark module ``bench/<name>.py`` has ``run(scale: float = 1.0) -> list[Row]``
(scale shrinks the sizes for a quick look) and runs itself with ``python -m bench.<name>``.
Baselines are measured in the same run: these machines are noisy, so only ratios
mean something.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Row:
    """One figure: our time (or size) against a baseline, and the goal for the ratio."""

    figure: str
    ours: float
    baseline: float | None = None
    goal: float | None = None  # the ratio ours / baseline must be at most this
    unit: str = "s"

    @property
    def ratio(self) -> float | None:
        return None if not self.baseline else self.ours / self.baseline

    @property
    def met(self) -> bool | None:
        if self.goal is None:
            return None
        value = self.ratio if self.baseline is not None else self.ours
        return value is not None and value <= self.goal


def best_of(function: Callable[[], Any], repeat: int = 3) -> float:
    """The shortest wall time of ``repeat`` calls, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def format_rows(rows: list[Row]) -> str:
    header = ("figure", "ours", "baseline", "ratio", "goal", "met")
    lines = [header]
    for row in rows:
        lines.append(
            (
                row.figure,
                f"{row.ours:.3f} {row.unit}",
                "" if row.baseline is None else f"{row.baseline:.3f} {row.unit}",
                "" if row.ratio is None else f"{row.ratio:.3f}",
                "" if row.goal is None else f"<= {row.goal:g}",
                {True: "yes", False: "NO", None: ""}[row.met],
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip() for line in lines)


def main(run: Callable[[float], list[Row]], description: str) -> None:
    """Command-line entry of one benchmark module."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the sizes (0.1 for a quick look)")
    args = parser.parse_args()
    print(format_rows(run(args.scale)))


# Peak memory is the process's own high-water mark (VmHWM): getrusage's ru_maxrss
# would include the parent's size at fork time, which a big benchmark run inflates.
_MEASURE = """
import sys, time
{setup}
start = time.perf_counter()
{work}
elapsed = time.perf_counter() - start
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(elapsed, int(peak.split()[1]) / 1024)
"""


def measure(code: tuple[str, str], args: Sequence[str | Path], repeat: int = 1) -> tuple[float, float]:
    """Best wall time (s) of the work and the peak RSS (MiB) of that run, each run in a fresh process.

    ``code`` is (imports, then the timed work): the clock covers the work, not the
    imports; the work reads ``args`` from ``sys.argv[1:]``.
    """
    best: tuple[float, float] = (float("inf"), 0.0)
    setup, work = code
    script = _MEASURE.format(setup=setup, work=work)
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True, check=True)
        elapsed, rss = (float(x) for x in done.stdout.split())
        best = min(best, (elapsed, rss))
    return best


# A command's wall time and peak memory, from a small parent that does nothing else: the peak of its
# children (ru_maxrss of RUSAGE_CHILDREN) is then the command's own.
_COMMAND = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def measure_command(args: Sequence[str | Path], repeat: int = 1) -> tuple[float, float]:
    """Best wall time (s) and peak RSS (MiB) of a whole command (start-up, imports and all), in a fresh process."""
    best: tuple[float, float] = (float("inf"), 0.0)
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", _COMMAND, *map(str, args)], capture_output=True, text=True, check=True)
        elapsed, rss = (float(x) for x in done.stdout.split())
        best = min(best, (elapsed, rss))
    return best
