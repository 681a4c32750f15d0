"""Run every benchmark in bench/ and print one table: figure, ours, baseline, ratio, goal.

    python -m bench                 # everything, full sizes (takes a while)
    python -m bench --scale 0.1     # a quick look at smaller sizes
    python -m bench --only load --only gexf
    python -m bench --markdown      # the table for the README

A benchmark is a module here with ``run(scale) -> list[Row]``; baselines are
measured in the same run, so only the ratios compare across machines.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import platform
import time
from pathlib import Path

from bench.common import Row, format_rows

_NOT_BENCHMARKS = {"common", "synth", "gdelt_synth", "__main__"}


def benchmarks() -> list[str]:
    """The names of the benchmark modules, sorted."""
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name not in _NOT_BENCHMARKS)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def markdown(rows: list[Row]) -> str:
    lines = ["| figure | ours | baseline | ratio | goal | met |", "|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(
            "| {} | {:.3f} {} | {} | {} | {} | {} |".format(
                row.figure.strip(),
                row.ours,
                row.unit,
                "" if row.baseline is None else f"{row.baseline:.3f} {row.unit}",
                "" if row.ratio is None else f"{row.ratio:.3f}",
                "" if row.goal is None else f"<= {row.goal:g}",
                {True: "yes", False: "**no**", None: ""}[row.met],
            )
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="shrink every size (0.1 for a quick look)")
    parser.add_argument("--only", action="append", choices=benchmarks(), help="run only this benchmark (repeatable)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()
    rows: list[Row] = []
    started = time.perf_counter()
    for name in args.only or benchmarks():
        module = importlib.import_module(f"bench.{name}")
        print(f"running {name}...", flush=True)
        rows.extend(module.run(args.scale))
    print()
    print(f"Machine: {machine()}; scale {args.scale:g}; {time.perf_counter() - started:.0f} s in all")
    print(markdown(rows) if args.markdown else format_rows(rows))


if __name__ == "__main__":
    main()
