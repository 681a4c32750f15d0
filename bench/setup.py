"""The README's two set-up commands on a new machine: a new venv, no pip cache, each timed whole.

    pip install . && stakeholders render          # the main job on the shipped dataset
    pip install '.[test]' && pytest               # the tests

The baseline, in the same run: a new venv installing only the four libraries every
command imports (networkx, pydantic, click, PyYAML), which is what any Python tool of
this kind pays before its own work. Goal: both commands together within 120 s on a
2-core machine (the packages come from the registry's mirror or local wheels, never
from pip's cache). Takes several minutes; not part of a quick ``--scale`` run below 1.

    python -m bench.setup
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Row, main

ROOT = Path(__file__).resolve().parent.parent
GOAL = 120.0  # seconds, both commands


def _timed(shell: str, venv: Path, cwd: Path) -> float:
    """Seconds of ``shell`` run with the venv's bin first on the PATH."""
    env = {**os.environ, "PATH": f"{venv / 'bin'}:{os.environ['PATH']}", "VIRTUAL_ENV": str(venv), "PIP_NO_CACHE_DIR": "1"}
    env.pop("PYTHONPATH", None)
    started = time.perf_counter()
    subprocess.run(["bash", "-c", shell], check=True, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _venv(folder: Path, name: str) -> Path:
    venv = folder / name
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    return venv


def run(scale: float = 1.0) -> list[Row]:
    if scale < 1:
        return []
    with tempfile.TemporaryDirectory(prefix="bench-setup-") as folder:
        work = Path(folder)
        # A clean copy of the project, as a clone would have it (no venv, no output, no caches).
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(work / "clone")], check=True)
        clone = work / "clone"
        baseline = _timed("pip install --quiet networkx pydantic click PyYAML", _venv(work, "floor"), clone)
        venv = _venv(work, "venv")
        render = _timed("pip install --quiet . && stakeholders render", venv, clone)
        tests = _timed("pip install --quiet '.[test]' && pytest -q", venv, clone)
    return [
        Row(f"the README's two set-up commands together (s, goal <= {GOAL:g})", render + tests, goal=GOAL),
        Row("  pip install . && stakeholders render, against installing the import floor", render, baseline),
        Row("  pip install '.[test]' && pytest (in the same venv, after the first)", tests),
    ]


if __name__ == "__main__":
    main(run, __doc__)
