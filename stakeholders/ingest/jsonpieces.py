"""Validating a big JSON map a piece of its relations at a time.

Pydantic reads JSON into its own parse tree before it builds any record, and on a
map of 100,000 relations that tree takes six times the file's size: memory the
process must first be given (a page fault per 4 KiB) and then leaves unused. Cut
into pieces of a few MiB, each piece's tree fits in the memory the previous one
freed: loading such a map faults in half the pages and peaks 150 MiB lower.

No JSON library cuts a document into pieces without building it, so the cuts are
found here, with patterns, and are safe by construction: a piece is only used
when it is valid JSON on its own, and JSON is read left to right from a known
state, so that happens only when the cut falls between two elements of the
array; a cut that falls inside an element (a string, a list of evidence) makes
invalid JSON and the next candidate is tried (candidates are learnt from how the
first relation begins, so a list of evidence quotes offers none). Pieces are read
at the depth they have in the document, and the rest of the document must be a
valid dataset too, which it is only when the array is its one top-level
"relations". Anything else (a file whose text names "relations" twice or spells
a letter as an escape, which could hide a second "relations" key, a piece with a
problem in its data) returns None, and the caller validates the document whole,
which also words and places every problem.
"""

from __future__ import annotations

import re

import pydantic

from ..model import Dataset, Evidence, Relation, fields_of

#: Pieces of about this many bytes; small enough that their parse trees reuse memory.
PIECE_BYTES = 2 * 2**20

_WS = rb"[ \t\n\r]*"  # JSON's whitespace is these four characters only (\s would take others too)
_STRING = rb'"(?:[^"\\]|\\.)*"'  # a JSON string, escapes and all
_KEY = b'"relations"'
_RELATIONS = re.compile(re.escape(_KEY) + _WS + b":" + _WS + rb"\[" + _WS)
# An escaped ASCII letter: "relation\u0073" is a second "relations" that _KEY cannot see.
_ESCAPED_LETTER = re.compile(rb"\\u00[4-7][0-9A-Fa-f]")
# Where the relations array may end: before the next top-level key, or the document's end.
_OTHER_KEYS = b"|".join(name.encode() for name in fields_of(Dataset) if name != "relations")
_AFTER = re.compile(rb"\]" + _WS + rb"(?:," + _WS + rb'"(?:' + _OTHER_KEYS + rb')"' + _WS + rb":|\}" + _WS + rb"$)")
# How the first relation begins: its first key, and the second when the first value is a string.
_OPENING = re.compile(rb"\{" + _WS + rb'"(\w+)"' + _WS + b":" + _WS + b"(?:" + _STRING + _WS + b"," + _WS + rb'"(\w+)"' + _WS + b":)?")
_EVIDENCE_FIELDS = frozenset(fields_of(Evidence))


class _Piece(pydantic.BaseModel):
    # Pieces are read as {"relations": [...]}: at the depth they have in the document,
    # so that pydantic's nesting limit falls where it falls for the whole document.
    model_config = pydantic.ConfigDict(extra="forbid")
    relations: list[Relation]


_MISSES = 16  # cuts in a row that fell inside an element before giving up on cutting


def validate_in_pieces(raw: bytes, piece_bytes: int | None = None) -> Dataset | None:
    """The dataset the JSON document ``raw`` holds, or None if it is not cut (see the module).

    ``piece_bytes`` defaults to ``PIECE_BYTES``; a document under two pieces is not cut.
    """
    piece_bytes = piece_bytes or PIECE_BYTES
    if len(raw) < 2 * piece_bytes:
        return None
    at = raw.find(_KEY)
    # Named once, with no backslash before (which would make its quote part of a string).
    if at < 1 or raw[at - 1] == ord("\\") or raw.find(_KEY, at + 1) != -1 or _ESCAPED_LETTER.search(raw):
        return None
    opening = _RELATIONS.match(raw, at)
    if opening is None:
        return None
    first = opening.end()
    closing = _AFTER.search(raw, first)
    end = len(raw) if closing is None else closing.start()
    between = _between(raw, first)
    relations: list[Relation] = []
    start = look_from = first
    misses = 0
    try:
        while (cut := between.search(raw, max(look_from, start + piece_bytes), end)) is not None:
            try:
                piece = _Piece.model_validate_json(b'{"relations": [' + raw[start : cut.start() + 1] + b"]}")
            except pydantic.ValidationError as exc:
                # Not JSON: the cut fell inside an element (a string, say), so try the
                # next one; anything else is a problem in the data, for the whole
                # document's validation to report.
                misses += 1
                if misses > _MISSES or any(error["type"] != "json_invalid" for error in exc.errors()):
                    return None
                look_from = cut.start(1) + 1
                continue
            relations.extend(piece.relations)
            start = look_from = cut.start(1)  # the next element's "{"
            misses = 0
        if start == first:
            return None
        rest = Dataset.model_validate_json(raw[:first] + raw[start:])
    except pydantic.ValidationError:
        return None
    rest.relations[:0] = relations
    return rest


def _between(raw: bytes, first: int) -> re.Pattern[bytes]:
    """Where one relation may end and the next begin (group 1 at its "{").

    Learnt from how the first relation begins, so that the elements of a list of
    evidence quotes, which begin otherwise, offer no cut: a map with many quotes
    per relation would otherwise try a cut inside nearly every relation.
    """
    opening = _OPENING.match(raw, first)
    keys = [] if opening is None else [key for key in opening.groups() if key is not None]
    if keys and keys[0].decode() not in _EVIDENCE_FIELDS:
        keys = keys[:1]
    elif len(keys) == 2 and keys[1].decode() not in _EVIDENCE_FIELDS:
        pass  # an evidence quote never has this second key
    else:
        keys = []
    anchor = b""
    if keys:
        anchor = _WS + b'"' + re.escape(keys[0]) + b'"' + _WS + b":"
        if len(keys) == 2:
            anchor += _WS + _STRING + _WS + b"," + _WS + b'"' + re.escape(keys[1]) + b'"' + _WS + b":"
    return re.compile(rb"\}" + _WS + b"," + _WS + rb"(\{)" + anchor)
