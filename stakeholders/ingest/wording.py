"""Problems in a data file's words: pydantic's errors placed and reworded for the reader."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import ParseError, Problem
from ..model import ID_RULE, Actor, Dataset, Evidence, Meta, Relation, RelationKind, Source, fields_of
from ..names import suggestion
from .positions import Document, Loc

TOP_LEVEL = "meta, sources, actors, relations and kinds"


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


_OWN_MESSAGES = {"partial_date", "bad_url", "attribute_value"}


# Pydantic's errors in plain sentences of our own, by error type; {name} takes the error's context.
_PLAIN = {
    "dataclass_type": "expected a mapping of fields",
    "model_type": "expected a mapping of fields",
    "dict_type": "expected a mapping of names and values",
    "tuple_type": "expected a list",
    "list_type": "expected a list",
    "string_type": "expected text",
    "string_too_short": "must not be empty",
    "too_short": "must not be empty",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "finite_number": "must be a finite number",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "greater_than": "must be more than {gt}",
    "less_than": "must be less than {lt}",
    "literal_error": "must be {expected}",
}
# A polarity may be written as a word or a number; pydantic knows only the numbers.
_POLARITY_CHOICES = "-1, 0 or 1"


def error_message(error: Mapping[str, Any]) -> str:
    """One of pydantic's errors as a plain sentence of ours; our own validators' messages as they are."""
    template = _PLAIN.get(error["type"])
    if template is None:
        return str(error["msg"])
    context = {k: f"{v:g}" if isinstance(v, float) else v for k, v in (error.get("ctx") or {}).items()}
    if context.get("expected") == _POLARITY_CHOICES:
        return "must be cooperative, hostile or neutral (or 1, -1, 0)"
    if error["type"] == "literal_error":
        context["expected"] = "one of " + str(context.get("expected", ""))
    return template.format(**context)


def mapping(path: Path | None, data: Any) -> dict[str, Any]:
    """The parsed top level, which must be a mapping (an empty file is an empty one)."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParseError(Problem(f"the top level must be a mapping of {TOP_LEVEL}, not a {type(data).__name__}", path, 1, 1))
    return data


def problem(document: Document, loc: Loc, message: str, on_key: bool = False) -> Problem:
    """A problem at ``loc``, labelled with its dotted path (the owner's, when on a key)."""
    line, column = document.position(loc, on_key)
    label = _dotted(loc[:-1] if on_key else loc)
    return Problem(f"{label}: {message}" if label else message, document.path, line, column)


def _dotted(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def pydantic_problem(document: Document, error: Any) -> Problem:
    """One of pydantic's errors as a problem at its place, in our words."""
    loc: Loc = tuple(error["loc"])
    error_type = error["type"]
    if error_type == "missing":
        return problem(document, loc[:-1], f'missing required field "{loc[-1]}"')
    if error_type in ("extra_forbidden", "unexpected_keyword_argument"):  # a BaseModel's word, a dataclass's
        return problem(document, loc, _unknown_field(loc), on_key=True)
    if error_type == "string_pattern_mismatch":  # only ids have a pattern
        return problem(document, loc, f"not a valid id: {error['input']!r}; {ID_RULE}")
    message = error_message(error)
    value = error.get("input")
    if error_type not in _OWN_MESSAGES and isinstance(value, (str, int, float, bool)) and len(str(value)) <= 60:
        message += f", got {value!r}"
    return problem(document, loc, message)


def _unknown_field(loc: Loc) -> str:
    name = str(loc[-1])
    owner = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), None)
    fields = list(fields_of(_MODEL_UNDER.get(owner, Dataset)))
    return f'unknown field "{name}"' + suggestion(name, fields, f"known fields: {', '.join(fields)}")
