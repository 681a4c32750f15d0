"""Reading YAML safely: hostile files refused before they hurt, every failure located.

libyaml recurses once per nesting level (it crashes, or slows quadratically, on
deep nesting) and aliases can expand a small file into billions of values, so
both are measured before anything is built. PyYAML's constructors assume their
text fits their tag and raise plain Python errors otherwise: each one is guarded,
so that no tag ends in a traceback.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from ..errors import ParseError, Problem
from .positions import FAST_LOADER, line_column
from .wording import mapping

#: No valid dataset nests deeper than six levels; a document nesting deeper than this is refused.
MAX_DEPTH = 50


#: How many values YAML aliases may add beyond the size of the text (a billion-laughs bomb adds billions).
MAX_ALIAS_EXPANSION = 1_000_000


# What matters to nesting in YAML text, found at C speed: quoted scalars and
# comments (skipped, so that brackets inside them do not count) and flow brackets.
# Only a pre-screen: a document it flags is measured exactly, event by event,
# before libyaml composes it.
_YAML_TOKENS = re.compile(r"""\"[^\"\\]*(?:\\.[^\"\\]*)*\"|'[^']*(?:''[^']*)*'|\#[^\n]*|\[|\{|\]|\}""")


# Block nesting needs indentation or "- " and "? " indicators: 24 columns of them
# may hold 50 levels (a sequence under a mapping key shares the key's column).
_DEEP_INDENT = re.compile(r"\n[ \t?-]{24}")


_DEEP_FIRST_LINE = re.compile(r"[ \t?-]{24}")


_ALIAS = re.compile(r"(?<![^\s\[{,])\*[^\s\[\]{},]")


# What PyYAML's constructors raise, instead of a YAML error, on a scalar they cannot
# read: 2025-02-30 (ValueError), "!!bool maybe" (KeyError), an empty "!!int" (IndexError).
# Such scalars are read again as text, for the model to report in place.
_UNCONSTRUCTIBLE = (ValueError, OverflowError, LookupError)


# What a tag of the YAML type repository builds, to say why a value does not fit it.
_TAG_WANTS = {
    "bool": "true or false",
    "int": "an integer",
    "float": "a number",
    "timestamp": "a date",
    "binary": "base64 data",
    "null": "null",
    "set": "a mapping",
    "map": "a mapping",
    "omap": "a list of one-key mappings",
    "pairs": "a list of one-key mappings",
    "seq": "a list",
    "str": "text",
}


class _Unbuildable(yaml.constructor.ConstructorError):
    """A constructor failed on a node with a plain Python error: PyYAML's constructors
    assume their text fits their tag (``!!timestamp A`` raises AttributeError)."""

    def __init__(self, node: yaml.Node, cause: Exception) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        wants = _TAG_WANTS.get(tag.removeprefix("!!")) if tag.startswith("!!") else None
        problem = f"{tag} on a value that is not {wants}" if wants else f"{tag} cannot be applied to this value"
        super().__init__(None, None, problem, node.start_mark)
        self.cause = cause


def _guarded(construct: Any) -> Any:
    """A constructor whose every failure, including in the second step of a
    collection (a generator PyYAML resumes later), is a YAML error at its node."""

    def constructor(loader: yaml.BaseLoader, node: yaml.Node) -> Any:
        try:
            built = construct(loader, node)
        except yaml.YAMLError:
            raise
        except Exception as exc:
            raise _Unbuildable(node, exc) from None
        return _guarded_steps(built, node) if isinstance(built, types.GeneratorType) else built

    return constructor


def _guarded_steps(steps: Iterator[Any], node: yaml.Node) -> Iterator[Any]:
    try:
        yield from steps
    except yaml.YAMLError:
        raise
    except Exception as exc:
        raise _Unbuildable(node, exc) from None


class _Loader(FAST_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader, construction failures located. Every constructor is guarded,
    so that no tag, known or not yet known, can end in a traceback."""

    yaml_constructors = {tag: _guarded(construct) for tag, construct in FAST_LOADER.yaml_constructors.items()}


class _LenientLoader(_Loader):
    """The guarded loader, but a scalar Python cannot construct as a date or a number stays text."""

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in FAST_LOADER.yaml_implicit_resolvers.items()
    }


def _text_if_unreadable(construct: Any) -> Any:
    def constructor(loader: _LenientLoader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except _UNCONSTRUCTIBLE:
            return loader.construct_scalar(node)

    return constructor


for _tag in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"):
    _LenientLoader.add_constructor(_tag, _guarded(_text_if_unreadable(FAST_LOADER.yaml_constructors[_tag])))


def parse_yaml(path: Path, text: str) -> dict[str, Any]:
    """A YAML file's top-level mapping, or ``ParseError`` with the place of the problem."""
    try:
        deep, aliases = _yaml_risks(text)
        if deep:
            _check_yaml_depth(path, text)
        try:
            return mapping(path, _construct(path, text, _Loader, aliases))
        except _Unbuildable as exc:
            if not isinstance(exc.cause, _UNCONSTRUCTIBLE):
                raise
            # A scalar that looks like a date or a number but is none (2025-02-30, an
            # integer thousands of digits long, "!!bool maybe"): read again keeping such
            # scalars as text, so that the model reports each in place, as for any bad value.
            return mapping(path, _construct(path, text, _LenientLoader, aliases))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or exc.context
        if mark is not None and _character_at(text, mark.line, mark.column) == "\t":
            problem = "a tab, which YAML does not allow in indentation or between tokens; use spaces"
        raise ParseError(Problem(f"not valid YAML: {problem}", path, line, column)) from None
    except yaml.reader.ReaderError as exc:
        # Valid UTF-8 but a character YAML forbids (a control character): name its byte.
        # libyaml counts bytes of the UTF-8 text, the pure-Python reader characters.
        if FAST_LOADER is yaml.SafeLoader:
            offset, byte = exc.position, len(text[: exc.position].encode("utf-8"))
        else:
            offset, byte = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")), exc.position
        line, column = line_column(text, offset)
        message = f"not valid YAML: unacceptable character #x{exc.character:04x} at byte {byte}: {exc.reason}"
        raise ParseError(Problem(message, path, line, column)) from None
    except yaml.YAMLError as exc:
        raise ParseError(Problem(f"not valid YAML: {exc}", path)) from None


def _character_at(text: str, line: int, column: int) -> str | None:
    lines = text.split("\n", line + 1)
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else None


def _construct(path: Path, text: str, loader_class: type, aliases: bool) -> Any:
    """The document's Python data; when it may hold aliases, composed and measured first."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if aliases:
            _check_alias_expansion(path, node, len(text) + MAX_ALIAS_EXPANSION)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _yaml_risks(text: str) -> tuple[bool, bool]:
    """Whether the text may nest deeper than ``MAX_DEPTH``, and whether it may hold aliases.

    Cheap on ordinary files; a false alarm only costs an exact check.
    """
    aliases = "*" in text and _ALIAS.search(text) is not None
    if _DEEP_INDENT.search(text) or _DEEP_FIRST_LINE.match(text):
        return True, aliases
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False, aliases
    return _too_deep_bracket(text) is not None, aliases


def _too_deep_bracket(text: str) -> int | None:
    """The offset of the first flow bracket opening a level deeper than ``MAX_DEPTH``, if any."""
    depth, position = 0, 0
    while (token := _YAML_TOKENS.search(text, position)) is not None:
        start, char = token.start(), text[token.start()]
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return start
        elif char in "]}":
            depth = max(depth - 1, 0)  # a stray bracket in plain text must not hide the nesting that follows
        elif not _starts_scalar_or_comment(text, start, char):
            position = start + 1  # a quote inside plain text, or a "#" inside a word: literal
            continue
        position = token.end()
    return None


def _starts_scalar_or_comment(text: str, start: int, char: str) -> bool:
    if char == "#":
        return start == 0 or text[start - 1] in " \t\r\n"
    before = start - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    return before < 0 or text[before] in "\r\n[{," or (text[before] in ":?-" and before < start - 1)


def _check_yaml_depth(path: Path, text: str) -> None:
    """Refuse a document nesting deeper than ``MAX_DEPTH``, reading events (libyaml's
    parser keeps its own stack) and stopping at the first level too deep."""
    depth = 0
    message = f"nested deeper than {MAX_DEPTH} levels; no dataset needs that many"
    try:
        for event in yaml.parse(text, Loader=FAST_LOADER):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise ParseError(Problem(message, path, mark.line + 1, mark.column + 1))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # Newer libyaml scans flow brackets ahead and stops at its own depth limit
        # (about 1,000) before the parser gets to level 51: place our refusal by the brackets.
        if "nesting depth" not in str(exc.problem):
            raise
        offset = _too_deep_bracket(text)
        if offset is not None:
            # The text up to the deepest bracket counted is shallow enough for libyaml:
            # its events show the exact place (block levels included), then it ends early.
            try:
                _check_yaml_depth(path, text[: offset + 1])
            except yaml.MarkedYAMLError:
                pass
        mark = exc.problem_mark
        raise ParseError(Problem(message, path, mark.line + 1, mark.column + 1)) from None


def _check_alias_expansion(path: Path, root: yaml.Node, limit: int) -> None:
    """Refuse aliases that expand the document beyond reason. An alias is a shared
    reference once constructed: cheap to load, but every later walk (validation)
    pays for each reference, and nested aliases multiply."""
    sizes: dict[int, int] = {}  # values a node stands for, its aliased parts counted each time
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        children = _node_children(node)
        if finished:
            on_path.discard(id(node))
            size = sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            if size > limit:
                line, column = node.start_mark.line + 1, node.start_mark.column + 1
                message = f"YAML aliases expand this to more than {limit:,} values; refused as an alias bomb"
                raise ParseError(Problem(message, path, line, column))
        elif id(node) in on_path:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            raise ParseError(Problem("a YAML alias refers to a collection that contains it", path, line, column))
        elif id(node) not in sizes:
            on_path.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)


def _node_children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
