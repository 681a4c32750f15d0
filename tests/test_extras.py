"""Every optional extra imports on this install, and a broken one says why in its own words.

A fresh machine resolves the newest allowed versions: an extra that declares too
little (trafilatura without lxml_html_clean since lxml 6.2) fails here with the
import error's own text, not later in a command with a guess.
"""

from __future__ import annotations

import importlib
import sys
import tomllib
from pathlib import Path

import pytest

from stakeholders.errors import UsageError
from stakeholders.optional import EXTRAS, require

PYPROJECT = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_extra_of_pyproject_is_listed_with_its_modules():
    declared = set(PYPROJECT["project"]["optional-dependencies"]) - {"test"}
    assert declared == set(EXTRAS)


@pytest.mark.parametrize("module", [m for modules in EXTRAS.values() for m in modules])
def test_each_module_of_an_extra_imports(module):
    try:
        importlib.import_module(module)
    except ImportError as exc:  # the test install takes every extra: any failure is a declaration missing
        pytest.fail(f"import {module}: {type(exc).__name__}: {exc}")


def test_a_missing_library_is_named_with_the_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(UsageError) as caught:
        require("openpyxl", "reading .xlsx files", "xlsx")
    assert str(caught.value) == "reading .xlsx files needs openpyxl, which is not installed: pip install 'stakeholders[xlsx]'"


def test_an_installed_library_that_cannot_be_imported_says_why(tmp_path, monkeypatch):
    (tmp_path / "brokenlib.py").write_text("import lxml_html_clean_is_not_here\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(UsageError) as caught:
        require("brokenlib", "reading web pages", "extract")
    assert str(caught.value) == (
        "reading web pages needs brokenlib, which is installed but cannot be imported "
        "(lxml_html_clean_is_not_here: No module named 'lxml_html_clean_is_not_here'); "
        "pip install 'stakeholders[extract]' installs what it needs"
    )
