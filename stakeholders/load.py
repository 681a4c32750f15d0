"""Reading datasets: a YAML or JSON file, or a folder of them merged.

Every problem is collected and reported at once, each with its file, line and
column. Positions cost nothing on the happy path: the parsed document is kept,
and only when something is wrong is the text composed again into YAML nodes,
which carry line marks (JSON is composed the same way: it is YAML too).

Hostile files are refused before they can hurt: files above a size limit, binary
files, YAML alias bombs and documents nested far deeper than any dataset (libyaml
recurses once per level and crashes, or slows quadratically, on deep nesting).
"""

from __future__ import annotations

import codecs
import json
import re
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pydantic
import yaml

from .collector import collector_paused
from .errors import DataError, DatasetNotFoundError, FileTooLargeError, ParseError, Problem, ValidationError
from .ingest.jsonpieces import validate_in_pieces
from .ingest.resolve import resolve
from .model import ID_RULE, Actor, Dataset, Evidence, Meta, Relation, RelationKind, Source, error_message, fields_of
from .names import closest_words
from .progress import Progress, silent

# libyaml's loader is about three times faster than the pure-Python one.
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Files above this size are refused unless the caller allows more (``load(..., max_bytes=)``).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
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
# Characters YAML refuses anywhere, tabs (refused between tokens), and what YAML
# alone reads as line breaks (NEL, line and paragraph separators).
_NOT_YAML = re.compile("[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
# A JSON string, always whole (so no match starts inside one), and the blanks and
# colon that may follow it.
_JSON_KEY = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")(?:(\s*):)?')
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|(?P<open>[\[{])|(?P<close>[\]}])')


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


class _Loader(_YamlLoader):  # type: ignore[misc,valid-type]
    """The safe loader, construction failures located. Every constructor is guarded,
    so that no tag, known or not yet known, can end in a traceback."""

    yaml_constructors = {tag: _guarded(construct) for tag, construct in _YamlLoader.yaml_constructors.items()}


class _LenientLoader(_Loader):
    """The guarded loader, but a scalar Python cannot construct as a date or a number stays text."""

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _YamlLoader.yaml_implicit_resolvers.items()
    }


def _text_if_unreadable(construct: Any) -> Any:
    def constructor(loader: _LenientLoader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except _UNCONSTRUCTIBLE:
            return loader.construct_scalar(node)

    return constructor


for _tag in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"):
    _LenientLoader.add_constructor(_tag, _guarded(_text_if_unreadable(_YamlLoader.yaml_constructors[_tag])))

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
SECTIONS = ("sources", "actors", "relations", "kinds")
_TOP_LEVEL = "meta, sources, actors, relations and kinds"

# The model that owns the fields below each key, to suggest field names.
_MODEL_UNDER: dict[str | None, type] = {
    None: Dataset,
    "meta": Meta,
    "sources": Source,
    "actors": Actor,
    "relations": Relation,
    "kinds": RelationKind,
    "evidence": Evidence,
}
# Fields without which a record cannot be checked further.
_REQUIRED: dict[str, set[str]] = {
    section: {name for name, info in fields_of(model).items() if info.is_required()}
    for section, model in (("sources", Source), ("actors", Actor), ("relations", Relation), ("kinds", RelationKind))
}
_OWN_MESSAGES = {"partial_date", "bad_url", "attribute_value"}

Loc = tuple[str | int, ...]


@dataclass
class _Document:
    """One parsed file, able to tell the line and column of any path in it."""

    path: Path | None
    content: bytes | str  # a JSON file's bytes (decoded only when needed), a YAML file's text
    data: dict[str, Any] | None  # None: a JSON file not parsed into Python objects yet

    @cached_property
    def text(self) -> str:
        return self.content if isinstance(self.content, str) else _decode(self.path, self.content)

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
        if self.path is not None and SUFFIXES.get(self.path.suffix.lower()) == "json":
            # JSON allows in strings (DEL, C1 controls, NEL, escaped surrogates) and
            # between tokens (tabs) what YAML refuses or reads otherwise: blank them
            # out, one for one, so that marks stay in place.
            text = _SURROGATE_ESCAPE.sub(r"\\u0020", _NOT_YAML.sub(" ", text))
            text = _JSON_KEY.sub(_yaml_key, text)
        try:
            return yaml.compose(text, Loader=_YamlLoader)
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


def load(path: str | Path, progress: Progress = silent, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Dataset:
    """Load, validate and resolve a dataset from a YAML or JSON file or a folder of them.

    Raises ``DatasetNotFoundError``, ``ParseError`` or ``ValidationError`` (with
    every problem found) on bad data, ``FileTooLargeError`` for a file larger
    than ``max_bytes``. ``progress`` hears of each file read and of the check
    (see ``stakeholders.progress``).
    """
    root = Path(path)
    files = _dataset_files(root)
    with collector_paused():
        documents = []
        for done, file in enumerate(files, 1):
            documents.append(_read(file, max_bytes))
            progress("reading", done, len(files))
        progress("checking", 0, 1)
        dataset = _build(documents)
        progress("checking", 1, 1)
    if dataset.meta.name is None:
        dataset.meta.name = _default_name(root, files)
    return dataset


def from_dict(data: Mapping[str, Any], name: str | None = None) -> Dataset:
    """Validate and resolve a dataset given as plain Python data (as a file would hold it)."""
    if not isinstance(data, Mapping):
        raise ParseError(Problem(f"the top level must be a mapping of {_TOP_LEVEL}, not a {type(data).__name__}"))
    document = _Document(None, "", dict(data))  # data given: never parsed as JSON
    dataset = _build([document])
    if dataset.meta.name is None and name is not None:
        dataset.meta.name = name
    return dataset


def _dataset_files(root: Path) -> list[Path]:
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


def _default_name(root: Path, files: list[Path]) -> str:
    # A folder holding one dataset file is named after the file, not the folder.
    chosen = files[0] if len(files) == 1 else root
    return chosen.stem if chosen.is_file() else chosen.resolve().name


def _read(path: Path, max_bytes: int) -> _Document:
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
        _decode(path, raw)
        line = raw.count(b"\n", 0, nul) + 1
        raise ParseError(Problem(f"binary data, not text: byte {nul} is 0x00", path, line)) from None
    if SUFFIXES[path.suffix.lower()] == "json":
        # Parsed later, from the bytes, by pydantic's own JSON reader when the file
        # is valid (it builds no Python dicts on the way and checks UTF-8 itself);
        # decoded and parsed by json.loads only when something is wrong.
        return _Document(path, raw, None)
    text = _decode(path, raw)
    return _Document(path, text, _parse_yaml(path, text))


def _decode(path: Path | None, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ParseError(Problem(f"not UTF-8 text: byte {exc.start} (0x{raw[exc.start]:02x}) cannot be decoded", path, line)) from None


def _parse_json(path: Path | None, text: str) -> dict[str, Any]:
    # Only reached once pydantic's reader failed: the cost of these checks never
    # falls on a valid file.
    _check_json_depth(path, text)
    try:
        return _mapping(path, json.loads(text, parse_int=_int_or_text))
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
                line, column = _line_column(text, token.start())
                raise ParseError(Problem(f"nested deeper than {MAX_DEPTH} levels; no dataset needs that many", path, line, column))
        elif token.lastgroup == "close":
            depth -= 1


def _parse_yaml(path: Path, text: str) -> dict[str, Any]:
    try:
        deep, aliases = _yaml_risks(text)
        if deep:
            _check_yaml_depth(path, text)
        try:
            return _mapping(path, _construct(path, text, _Loader, aliases))
        except _Unbuildable as exc:
            if not isinstance(exc.cause, _UNCONSTRUCTIBLE):
                raise
            # A scalar that looks like a date or a number but is none (2025-02-30, an
            # integer thousands of digits long, "!!bool maybe"): read again keeping such
            # scalars as text, so that the model reports each in place, as for any bad value.
            return _mapping(path, _construct(path, text, _LenientLoader, aliases))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise ParseError(Problem(f"not valid YAML: {exc.problem or exc.context}", path, line, column)) from None
    except yaml.reader.ReaderError as exc:
        # Valid UTF-8 but a character YAML forbids (a control character): name its byte.
        # libyaml counts bytes of the UTF-8 text, the pure-Python reader characters.
        if _YamlLoader is yaml.SafeLoader:
            offset, byte = exc.position, len(text[: exc.position].encode("utf-8"))
        else:
            offset, byte = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")), exc.position
        line, column = _line_column(text, offset)
        message = f"not valid YAML: unacceptable character #x{exc.character:04x} at byte {byte}: {exc.reason}"
        raise ParseError(Problem(message, path, line, column)) from None
    except yaml.YAMLError as exc:
        raise ParseError(Problem(f"not valid YAML: {exc}", path)) from None


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
        for event in yaml.parse(text, Loader=_YamlLoader):
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


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _mapping(path: Path | None, data: Any) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParseError(Problem(f"the top level must be a mapping of {_TOP_LEVEL}, not a {type(data).__name__}", path, 1, 1))
    return data


@dataclass
class _Part:
    """The valid records of one document, with each record's index in the file."""

    dataset: Dataset
    document: _Document
    indices: dict[str, list[int]]


def _build(documents: list[_Document]) -> Dataset:
    """Validate each document, merge them, resolve references; raise on any problem."""
    problems: list[Problem] = []
    parts: list[_Part] = []
    unchecked: list[str] = []
    for document in documents:
        part, part_problems, dropped = _validate(document)
        parts.append(part)
        problems.extend(part_problems)
        unchecked.extend(dropped)

    merged = _merge(parts)
    findings = resolve(merged, unchecked)
    origins = _origins(parts) if findings else {}
    for finding in findings:
        section, index, *rest = finding.path
        document, original = origins[str(section)][int(index)]
        problems.append(_problem(document, (section, original, *rest), finding.message, finding.on_key))
    if problems:
        problems.sort(key=lambda p: (str(p.file), p.line or 0, p.column or 0))
        raise ValidationError(problems)
    return merged


def _validate(document: _Document) -> tuple[_Part, list[Problem], list[str]]:
    """Validate one document, salvaging what can be checked further.

    A record with a bad field is checked again without that field, so that its
    references are still resolved and every problem shows in one run; a record
    missing a required field is left out. Returns the valid part, the problems,
    and the ids and names of records left out (references to them are then not
    reported as unknown too).
    """
    if document.data is None:
        try:
            raw = document.content.removeprefix(codecs.BOM_UTF8)  # which pydantic's reader refuses
            valid = validate_in_pieces(raw) or Dataset.model_validate_json(raw)
            return _Part(valid, document, {s: list(range(len(getattr(valid, s)))) for s in SECTIONS}), [], []
        except pydantic.ValidationError:
            document.data = _parse_json(document.path, document.text)
    data = document.data
    whole = {s: list(range(len(data[s]))) for s in SECTIONS if isinstance(data.get(s), list)}
    try:
        return _Part(Dataset.model_validate(data), document, whole), [], []
    except pydantic.ValidationError as exc:
        errors = exc.errors(include_url=False)
    problems = [_pydantic_problem(document, error) for error in errors]

    bad_fields: dict[tuple[str, int], set[str]] = {}
    for error in errors:
        loc = error["loc"]
        if len(loc) < 2 or loc[0] not in SECTIONS or not isinstance(loc[1], int):
            return _Part(Dataset(), document, {}), problems, []  # the frame itself is wrong
        # "*" marks a record that is wrong as a whole (not a mapping): it is left out.
        bad_fields.setdefault((str(loc[0]), loc[1]), set()).add(str(loc[2]) if len(loc) > 2 else "*")

    for drop_all in (False, True):
        kept = dict(data)
        indices: dict[str, list[int]] = {}
        dropped: list[str] = []
        for section in SECTIONS:
            if not isinstance(data.get(section), list):
                continue
            records, indices[section] = [], []
            for i, record in enumerate(data[section]):
                fields = bad_fields.get((section, i))
                if fields is not None and (drop_all or not isinstance(record, dict) or fields & _REQUIRED[section] or "*" in fields):
                    dropped.extend(_names_of(record))
                    continue
                records.append({k: v for k, v in record.items() if k not in fields} if fields else record)
                indices[section].append(i)
            kept[section] = records
        try:
            return _Part(Dataset.model_validate(kept), document, indices), problems, dropped
        except pydantic.ValidationError:
            continue
    return _Part(Dataset(), document, {}), problems, []


def _names_of(record: object) -> list[str]:
    if not isinstance(record, dict):
        return []
    names = [record.get("id"), record.get("name")]
    aliases = record.get("aliases")
    if isinstance(aliases, list):
        names.extend(aliases)
    return [str(n) for n in names if isinstance(n, (str, int))]


def _merge(parts: list[_Part]) -> Dataset:
    """One dataset from several."""
    if len(parts) == 1:
        return parts[0].dataset
    meta = next((p.dataset.meta for p in parts if p.dataset.meta.title or p.dataset.meta.name), Meta())
    merged = Dataset(meta=meta)
    for part in parts:
        for section in SECTIONS:
            getattr(merged, section).extend(getattr(part.dataset, section))
    return merged


def _origins(parts: list[_Part]) -> dict[str, list[tuple[_Document, int]]]:
    """Each merged record's file and index in it, by section: only needed to place problems."""
    origins: dict[str, list[tuple[_Document, int]]] = {s: [] for s in SECTIONS}
    for part in parts:
        for section in SECTIONS:
            origins[section].extend((part.document, i) for i in part.indices.get(section, []))
    return origins


def _problem(document: _Document, loc: Loc, message: str, on_key: bool = False) -> Problem:
    """A problem at ``loc``, labelled with its dotted path (the owner's, when on a key)."""
    line, column = document.position(loc, on_key)
    label = _dotted(loc[:-1] if on_key else loc)
    return Problem(f"{label}: {message}" if label else message, document.path, line, column)


def _dotted(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _pydantic_problem(document: _Document, error: Any) -> Problem:
    loc: Loc = tuple(error["loc"])
    error_type = error["type"]
    if error_type == "missing":
        return _problem(document, loc[:-1], f'missing required field "{loc[-1]}"')
    if error_type in ("extra_forbidden", "unexpected_keyword_argument"):  # a BaseModel's word, a dataclass's
        return _problem(document, loc, _unknown_field(loc), on_key=True)
    if error_type == "string_pattern_mismatch":  # only ids have a pattern
        return _problem(document, loc, f"not a valid id: {error['input']!r}; {ID_RULE}")
    message = error_message(error)
    value = error.get("input")
    if error_type not in _OWN_MESSAGES and isinstance(value, (str, int, float, bool)) and len(str(value)) <= 60:
        message += f", got {value!r}"
    return _problem(document, loc, message)


def _unknown_field(loc: Loc) -> str:
    name = str(loc[-1])
    owner = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), None)
    fields = list(fields_of(_MODEL_UNDER.get(owner, Dataset)))
    close = closest_words(name, fields, limit=1)
    hint = f'; did you mean "{close[0]}"?' if close else f"; known fields: {', '.join(fields)}"
    return f'unknown field "{name}"{hint}'
