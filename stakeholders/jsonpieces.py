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
invalid JSON and the next candidate is tried. The rest of the document must be
a valid dataset too, which it is only when the array is its one top-level
"relations". Anything else (a file whose text names "relations" twice, a piece
with a problem in its data) returns None, and the caller validates the document
whole, which also words and places every problem.
"""

from __future__ import annotations

import re

import pydantic

from .model import Dataset, Relation

#: Pieces of about this many bytes; small enough that their parse trees reuse memory.
PIECE_BYTES = 2 * 2**20

# JSON's whitespace is these four characters only (\s would take others too).
_KEY = b'"relations"'
_RELATIONS = re.compile(rb'"relations"[ \t\n\r]*:[ \t\n\r]*\[[ \t\n\r]*')
_BETWEEN = re.compile(rb"\}[ \t\n\r]*,[ \t\n\r]*\{")
# Where the relations array may end: before the next top-level key, or the document's end.
_AFTER = re.compile(rb'\][ \t\n\r]*(?:,[ \t\n\r]*"(?:meta|sources|actors|kinds)"[ \t\n\r]*:|\}[ \t\n\r]*$)')

_PIECE = pydantic.TypeAdapter(list[Relation])
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
    if at < 1 or raw[at - 1] == ord("\\") or raw.find(_KEY, at + 1) != -1:
        return None
    opening = _RELATIONS.match(raw, at)
    if opening is None:
        return None
    first = opening.end()
    closing = _AFTER.search(raw, first)
    end = len(raw) if closing is None else closing.start()
    relations: list[Relation] = []
    start = look_from = first
    misses = 0
    try:
        while (between := _BETWEEN.search(raw, max(look_from, start + piece_bytes), end)) is not None:
            try:
                relations.extend(_PIECE.validate_json(b"[" + raw[start : between.start() + 1] + b"]"))
            except pydantic.ValidationError as exc:
                # Not JSON: the cut fell inside an element (a list of two evidence
                # quotes, a string), so try the next one; anything else is a problem
                # in the data, for the whole document's validation to report.
                misses += 1
                if misses > _MISSES or any(error["type"] != "json_invalid" for error in exc.errors()):
                    return None
                look_from = between.end()
                continue
            start = look_from = between.end() - 1  # the next element's "{"
            misses = 0
        if start == first:
            return None
        rest = Dataset.model_validate_json(raw[:first] + raw[start:])
    except pydantic.ValidationError:
        return None
    rest.relations[:0] = relations
    return rest
