from __future__ import annotations

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
