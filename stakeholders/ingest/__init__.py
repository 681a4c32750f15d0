"""Every way data comes in, ending in the same validated ``Dataset``; this is the front door.

``load`` reads a YAML or JSON file, or a folder of them merged: files are found
and read under guards (``read``, ``yamlguard``), validated and resolved
(``validate``, ``resolve``, ``jsonpieces``), and every problem is reported at
once with its file, line and column (``positions``, ``wording``). ``sheets``
reads spreadsheets into the same model.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..collector import collector_paused
from ..errors import ParseError, Problem
from ..model import Dataset
from ..progress import Progress, silent
from .positions import Document
from .read import DEFAULT_MAX_BYTES, dataset_files, default_name, read
from .validate import build
from .wording import TOP_LEVEL

__all__ = ["DEFAULT_MAX_BYTES", "from_dict", "load"]


def load(path: str | Path, progress: Progress = silent, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Dataset:
    """Load, validate and resolve a dataset from a YAML or JSON file or a folder of them.

    Raises ``DatasetNotFoundError``, ``ParseError`` or ``ValidationError`` (with
    every problem found) on bad data, ``FileTooLargeError`` for a file larger
    than ``max_bytes``. ``progress`` hears of each file read and of the check
    (see ``stakeholders.progress``).
    """
    root = Path(path)
    files = dataset_files(root)
    with collector_paused():
        documents = []
        for done, file in enumerate(files, 1):
            documents.append(read(file, max_bytes))
            progress("reading", done, len(files))
        progress("checking", 0, 1)
        dataset = build(documents)
        progress("checking", 1, 1)
    if dataset.meta.name is None:
        dataset.meta.name = default_name(root, files)
    return dataset


def from_dict(data: Mapping[str, Any], name: str | None = None) -> Dataset:
    """Validate and resolve a dataset given as plain Python data (as a file would hold it)."""
    if not isinstance(data, Mapping):
        raise ParseError(Problem(f"the top level must be a mapping of {TOP_LEVEL}, not a {type(data).__name__}"))
    document = Document(None, "", dict(data))  # data given: never parsed as JSON
    dataset = build([document])
    if dataset.meta.name is None and name is not None:
        dataset.meta.name = name
    return dataset
