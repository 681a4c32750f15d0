"""What a fresh, non-editable install holds: every data file the package reads is declared as package data."""

from __future__ import annotations

import fnmatch
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_data_file_of_the_package_is_declared_package_data():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    tracked = subprocess.run(["git", "ls-files", "stakeholders"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    data = [Path(p) for p in tracked if not p.endswith(".py") and "__pycache__" not in p]
    assert any(p.name == "cameo-verbs.tsv" for p in data)  # the check sees the files it is about
    missing = []
    for path in data:
        # The package owning the file is its nearest folder that is a package (has __init__.py).
        package = next(parent for parent in path.parents if (ROOT / parent / "__init__.py").exists())
        patterns = declared.get(".".join(package.parts), [])
        inside = path.relative_to(package).as_posix()
        if not any(fnmatch.fnmatch(inside, pattern) for pattern in patterns):
            missing.append(str(path))
    assert missing == []
