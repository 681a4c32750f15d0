"""Finding a dataset's files and reading each one, guarded: size, binary data, UTF-8.

A JSON file is kept as bytes for pydantic's own reader; it is decoded and parsed
by ``json`` only when something is wrong, so these checks cost a valid file nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..errors import DataError, DatasetNotFoundError, FileTooLargeError, ParseError, Problem
from .positions import Document, decode, line_column
from .wording import mapping
from .yamlguard import MAX_DEPTH, parse_yaml

#: Files above this size are refused unless the caller allows more (``load(..., max_bytes=)``).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024


SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|(?P<open>[\[{])|(?P<close>[\]}])')


def dataset_files(root: Path) -> list[Path]:
    """The data files a path stands for: the file itself, or a folder's YAML and JSON files in name order."""
    if root.is_dir():
        files = sorted(p for p in root.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
        if not files:
            raise DatasetNotFoundError(f"no dataset files (*.yaml, *.yml, *.json) in folder {root}")
        return files
    if not root.exists():
        raise DatasetNotFoundError(f"no dataset at {root}: no such file or folder")
    if root.suffix.lower() not in SUFFIXES:
        raise DataError(f"{root}: not a dataset file; expected a .yaml, .yml or .json file")
    return [root]


def default_name(root: Path, files: list[Path]) -> str:
    """The map's name when its meta gives none."""
    # A folder holding one dataset file is named after the file, not the folder.
    chosen = files[0] if len(files) == 1 else root
    return chosen.stem if chosen.is_file() else chosen.resolve().name


def read(path: Path, max_bytes: int) -> Document:
    """One file as a document: YAML parsed (guarded), JSON kept as bytes; refused when hostile."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLargeError(path, size, max_bytes)
        with path.open("rb") as file:
            raw = file.read(max_bytes + 1)  # bounded even if the file grows or lies about its size
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise FileTooLargeError(path, None, max_bytes)
    nul = raw.find(b"\x00")
    if nul != -1:  # no text file holds NUL bytes: a binary file (unless it is not UTF-8 at all)
        decode(path, raw)
        line = raw.count(b"\n", 0, nul) + 1
        raise ParseError(Problem(f"binary data, not text: byte {nul} is 0x00", path, line)) from None
    if SUFFIXES[path.suffix.lower()] == "json" and raw.strip(b" \t\r\n\xef\xbb\xbf"):
        # Parsed later, from the bytes, by pydantic's own JSON reader when the file
        # is valid (it builds no Python dicts on the way and checks UTF-8 itself);
        # decoded and parsed by json.loads only when something is wrong.
        return Document(path, raw, None)
    # YAML, or a JSON file with nothing in it: empty either way, as an empty YAML file is (JSON would say "Expecting value").
    text = decode(path, raw)
    return Document(path, text, parse_yaml(path, text))


def parse_json(path: Path | None, text: str) -> dict[str, Any]:
    """A JSON file's top-level mapping, read by ``json``, with the place of a syntax error."""
    # Only reached once pydantic's reader failed: the cost of these checks never
    # falls on a valid file.
    _check_json_depth(path, text)
    try:
        return mapping(path, json.loads(text, parse_int=_int_or_text))
    except json.JSONDecodeError as exc:
        raise ParseError(Problem(f"not valid JSON: {exc.msg}", path, exc.lineno, exc.colno)) from None


def _int_or_text(digits: str) -> int | str:
    # Python refuses to read integers of more than 4,300 digits: keep them as
    # text, for the model to accept (as a name) or refuse (as a number) in place.
    try:
        return int(digits)
    except ValueError:
        return digits


def _check_json_depth(path: Path | None, text: str) -> None:
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        if token.lastgroup == "open":
            depth += 1
            if depth > MAX_DEPTH:
                line, column = line_column(text, token.start())
                raise ParseError(Problem(f"nested deeper than {MAX_DEPTH} levels; no dataset needs that many", path, line, column))
        elif token.lastgroup == "close":
            depth -= 1
