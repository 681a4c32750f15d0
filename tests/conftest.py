from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import stakeholders

ROOT = Path(__file__).resolve().parent.parent
SYRIA = ROOT / "data" / "syria-2025.yaml"


@pytest.fixture(scope="session")
def syria() -> stakeholders.Dataset:
    return stakeholders.load(SYRIA)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the shipped dataset in data/, as the working directory (and no $STAKEHOLDERS_DATA)."""
    (tmp_path / "data").mkdir()
    shutil.copy(SYRIA, tmp_path / "data" / SYRIA.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STAKEHOLDERS_DATA", raising=False)
    return tmp_path


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a dedented file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


MINIMAL = """
sources:
  - id: s1
    title: A source
    date: 2025-05-07
actors:
  - id: alpha
    name: Alpha
    type: state
    aliases: [A-land]
  - id: beta
    name: Béta
    type: armed-group
  - id: gamma
    name: Gamma
    type: person
"""


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium driven by Playwright, for every browser test: skipped where it is
    missing, a failure in CI (``.ci/run`` installs it)."""
    if not (CHROMIUM.exists() and shutil.which("chromium")):
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield launched
        launched.close()
