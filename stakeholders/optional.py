"""Optional libraries, imported when a command needs them, with the real reason when they cannot be.

An optional library can be missing, or installed but broken (a dependency of its
own missing, as trafilatura without ``lxml_html_clean``). Both are reported, and
the second with the import error's own module and message: a guess of "not
installed" would send the user to reinstall what is already there.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import UsageError

#: The modules each extra of ``pyproject.toml`` brings, as imported by the code.
EXTRAS: dict[str, tuple[str, ...]] = {
    "extract": ("spacy", "spacy_lookups_data", "trafilatura"),
    "events": ("duckdb", "ibis", "sqlglot", "fsspec", "isal"),
    "xlsx": ("openpyxl",),
}


def require(module: str, purpose: str, extra: str) -> ModuleType:
    """Import ``module`` for ``purpose`` ("reading web pages"), or raise a ``UsageError`` that
    says whether it is missing or why it cannot be imported, and how to install ``extra``."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise UsageError(missing(module, purpose, extra, exc)) from None


def missing(module: str, purpose: str, extra: str, exc: ImportError) -> str:
    """The sentence for an ``ImportError`` met while importing ``module``."""
    install = f"pip install 'stakeholders[{extra}]'"
    top = module.partition(".")[0]
    if exc.name is not None and exc.name.partition(".")[0] == top:
        return f"{purpose} needs {top}, which is not installed: {install}"
    return f"{purpose} needs {top}, which is installed but cannot be imported ({exc.name or 'a dependency'}: {exc}); {install} installs what it needs"
