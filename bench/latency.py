"""Command-line latency: ``stakeholders --help`` and ``stakeholders path`` on the shipped data.

Against a fresh Python importing what any graph CLI would (networkx, pydantic,
click, yaml), measured in the same run: subprocesses, best of several. A help
screen imports none of them but click (goal: half the floor or less); the path
command imports no networkx at all; what it pays is the start of Python, click,
pydantic's models and reading the data.

    python -m bench.latency
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.common import Row, best_of, main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "syria-2025.yaml"


def _command(*args: str) -> None:
    subprocess.run([sys.executable, *args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def run(scale: float = 1.0) -> list[Row]:
    repeat = max(3, round(10 * scale))
    ours = best_of(lambda: _command("-m", "stakeholders", "path", "al-sharaa", "united kingdom", "--data", str(DATA)), repeat)
    baseline = best_of(lambda: _command("-c", "import networkx, pydantic, click, yaml"), repeat)
    help_screen = best_of(lambda: _command("-m", "stakeholders", "--help"), repeat)
    return [
        Row(f"stakeholders --help vs that import floor, best of {repeat}", help_screen, baseline, goal=0.5),
        Row(f"stakeholders path on {DATA.name}, best of {repeat}", ours, baseline, goal=1.25),
    ]


if __name__ == "__main__":
    main(run, __doc__)
