"""Where a problem is: the line and column of any path in a data file.

Positions cost nothing on the happy path: the parsed document is kept, and only
when something is wrong is the text composed again into YAML nodes, which carry
line marks (JSON is composed the same way: it is YAML too, once the few things
JSON allows and YAML does not are blanked out in place).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from ..errors import ParseError, Problem

# libyaml's loader is about three times faster than the pure-Python one.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Characters YAML refuses anywhere, tabs (refused between tokens), and what YAML
# alone reads as line breaks (NEL, line and paragraph separators).
_NOT_YAML = re.compile("[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


# A JSON string, always whole (so no match starts inside one), and the blanks and
# colon that may follow it.
_JSON_KEY = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")(?:(\s*):)?')


Loc = tuple[str | int, ...]


@dataclass
class Document:
    """One parsed file, able to tell the line and column of any path in it."""

    path: Path | None
    content: bytes | str  # a JSON file's bytes (decoded only when needed), a YAML file's text
    data: dict[str, Any] | None  # None: a JSON file not parsed into Python objects yet

    @cached_property
    def text(self) -> str:
        return self.content if isinstance(self.content, str) else decode(self.path, self.content)

    def position(self, loc: Loc, on_key: bool = False) -> tuple[int | None, int | None]:
        node = self._nodes
        if node is None:
            return None, None
        for depth, part in enumerate(loc):
            child = _child(node, part, want_key=on_key and depth == len(loc) - 1)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1

    @cached_property
    def _nodes(self) -> yaml.Node | None:
        """The text composed into YAML nodes, which carry line marks; only done on error."""
        text = self.text
        if isinstance(self.content, bytes):  # a JSON file
            # JSON allows in strings (DEL, C1 controls, NEL, escaped surrogates) and
            # between tokens (tabs) what YAML refuses or reads otherwise: blank them
            # out, one for one, so that marks stay in place.
            text = _SURROGATE_ESCAPE.sub(r"\\u0020", _NOT_YAML.sub(" ", text))
            text = _JSON_KEY.sub(_yaml_key, text)
        try:
            return yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            return None


def _yaml_key(match: re.Match[str]) -> str:
    """A JSON key YAML can read, as long as the original: YAML wants a key on its
    colon's line and at most 1024 characters long (an overlong key becomes "", its
    value keeps its place)."""
    key, blanks = match[1], match[2]
    if blanks is None:  # a string that is not a key
        return key
    if len(key) > 1000:
        return '"":' + " " * (len(key) - 2) + blanks
    return key + ":" + blanks if "\n" in blanks else match[0]


def _child(node: yaml.Node, part: str | int, want_key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key if want_key else value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def decode(path: Path | None, raw: bytes) -> str:
    """UTF-8 text (a BOM dropped), or ``ParseError`` naming the first byte that is not."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ParseError(Problem(f"not UTF-8 text: byte {exc.start} (0x{raw[exc.start]:02x}) cannot be decoded", path, line)) from None


def line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1
