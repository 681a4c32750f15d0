"""Command-line latency: ``stakeholders --help``, ``path`` and ``render`` (the page and a PNG) on the shipped data.

Against a fresh Python importing what any graph CLI would (networkx, pydantic,
click, yaml), measured in the same run: subprocesses, best of several. A help
screen imports none of them but click (goal: half the floor or less); the path
command imports no networkx at all; what it pays is the start of Python, click,
pydantic's models and reading the data. The page of a small map pays the layout
too (numpy, igraph without its plotting) and the template (goal: twice the floor);
a PNG pays matplotlib (goal: three times).

    python -m bench.latency
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import Row, best_of, main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "syria-2025.yaml"


# Compiled modules kept as an installed package keeps them (pip compiles at install): a checkout run with
# PYTHONDONTWRITEBYTECODE would compile the project's sources again on every run, which no user pays.
_CACHE = tempfile.mkdtemp(prefix="bench-pycache-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
_ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPYCACHEPREFIX": _CACHE}


def _command(*args: str) -> None:
    """Run ``python ARGS`` in the project folder, its output thrown away."""
    subprocess.run([sys.executable, *args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL, env=_ENV)


def run(scale: float = 1.0) -> list[Row]:
    repeat = max(3, round(10 * scale))
    ours = best_of(lambda: _command("-m", "stakeholders", "path", "al-sharaa", "united kingdom", "--data", str(DATA)), repeat)
    baseline = best_of(lambda: _command("-c", "import networkx, pydantic, click, yaml"), repeat)
    help_screen = best_of(lambda: _command("-m", "stakeholders", "--help"), repeat)
    with tempfile.TemporaryDirectory(prefix="bench-latency-") as folder:
        page = best_of(lambda: _command("-m", "stakeholders", "render", str(DATA), "-o", f"{folder}/map.html"), repeat)
        picture = best_of(lambda: _command("-m", "stakeholders", "render", str(DATA), "-o", f"{folder}/map.png"), repeat)
    return [
        Row(f"stakeholders --help vs that import floor, best of {repeat}", help_screen, baseline, goal=0.5),
        Row(f"stakeholders path on {DATA.name}, best of {repeat}", ours, baseline, goal=1.25),
        Row(f"stakeholders render {DATA.name} (the HTML page), best of {repeat}", page, baseline, goal=2.0),
        Row(f"stakeholders render {DATA.name} -o map.png, best of {repeat}", picture, baseline, goal=3.0),
    ]


if __name__ == "__main__":
    main(run, __doc__)
