"""The words extraction works with: relation cues (``cues.yaml``, and ``--patterns``) and the
gazetteer of states, organisations, communities, roles and titles (``gazetteer.yaml``).

Both are data files in the package, so that a reader can see, and a user change,
what the extractor looks for; this module reads and checks them. A cue pattern is
a phrase of words matched by lemma (``"impose ... sanction"``), compiled here
into a spaCy ``Matcher`` pattern; the shape is described in ``cues.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError, UsageError
from ..ingest.read import DEFAULT_MAX_BYTES, read
from ..vocabulary import unknown_kind

#: How many words ``...`` in a pattern may stand for.
GAP = 3

Lemma = Callable[[str], str]


@dataclass(frozen=True)
class Cue:
    """One pattern of a relation kind: its text as written, the confidence it gives, the Matcher pattern."""

    kind: str
    pattern: str
    confidence: float
    tokens: tuple[tuple[Mapping[str, Any], ...], ...]  # one Matcher pattern per spelled-out choice
    origin: str  # the file it came from, for error messages


@dataclass(frozen=True)
class Words:
    """Words matched by lemma (any inflection) or, written ``=word``, as that form only."""

    lemmas: frozenset[str]
    forms: frozenset[str]

    def has(self, lemma: str, lower: str) -> bool:
        return lemma in self.lemmas or lower in self.forms


@dataclass(frozen=True)
class Cues:
    """Everything that reads relations: the cues of each kind and the words around them."""

    cues: tuple[Cue, ...]
    speech: Words
    negation: Words
    hedges: Words
    hedge_factor: float
    cameo: bool = True  # read the verbs of the CAMEO dictionary too (``cameo``)


@dataclass(frozen=True)
class State:
    name: str
    code: str
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]  # capitals and seats of government: they stand for the government
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Body:
    """An organisation or a community of the gazetteer."""

    name: str
    type: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Gazetteer:
    states: tuple[State, ...]
    bodies: tuple[Body, ...]
    roles: Mapping[str, str]  # phrase -> "government" or "forces"
    titles: Mapping[str, str]  # phrase -> "leads" or "member-of"
    former: frozenset[str]


def _package_yaml(name: str) -> Any:
    return yaml.safe_load((files(__package__) / name).read_text(encoding="utf-8"))


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer shipped with the package."""
    data = _package_yaml("gazetteer.yaml")
    states = tuple(
        State(s["name"], s["code"], tuple(s.get("demonyms", ())), tuple(s.get("capitals", ())) + tuple(s.get("seats", ())), tuple(s.get("aliases", ())))
        for s in data["states"]
    )
    bodies = tuple(Body(b["name"], b.get("type", "intergovernmental-org"), tuple(b.get("aliases", ()))) for b in data["organisations"])
    bodies += tuple(Body(b["name"], "community", tuple(b.get("aliases", ()))) for b in data["communities"])
    roles = {phrase.lower(): level for level, phrases in data["roles"].items() for phrase in phrases}
    titles = {phrase.lower(): kind for kind, phrases in data["titles"].items() if kind != "former" for phrase in phrases}
    return Gazetteer(states, bodies, roles, titles, frozenset(w.lower() for w in data["titles"]["former"]))


def load_cues(lemma: Lemma, tokenize: Callable[[str], list[str]], known_kinds: Collection[str], patterns: str | Path | None = None) -> Cues:
    """The package's cues, with ``patterns`` (a YAML file of the same shape) adding or replacing kinds and lists.

    ``lemma`` gives a word's lemma and ``tokenize`` its tokens (spaCy's), so that a
    pattern matches as the text is read. Raises ``DataError`` naming the file on a
    bad entry or an unknown kind (``known_kinds``: the vocabulary and the dataset's own).
    """
    data = _package_yaml("cues.yaml")
    entries: dict[str, tuple[str, Any]] = {kind: ("cues.yaml", entry) for kind, entry in data["kinds"].items()}
    lists = {key: ("cues.yaml", data[key]) for key in ("speech", "negation", "hedges", "hedge_factor", "cameo")}
    if patterns is not None:
        path = Path(patterns)
        if path.suffix.lower() not in (".yaml", ".yml"):
            raise UsageError(f"{path}: patterns are a YAML file (.yaml or .yml)")
        extra = read(path, DEFAULT_MAX_BYTES).data or {}
        unknown = sorted(set(extra) - {"kinds", *lists})
        if unknown:
            raise DataError(f"{path}: unknown section {unknown[0]!r}; a patterns file has kinds, speech, negation, hedges, hedge_factor and cameo")
        if not isinstance(extra.get("kinds", {}), dict):
            raise DataError(f"{path}: kinds must map each relation kind to its patterns")
        entries.update((kind, (str(path), entry)) for kind, entry in extra.get("kinds", {}).items())
        lists.update((key, (str(path), extra[key])) for key in lists if key in extra)
    cues = []
    for kind, (origin, entry) in entries.items():
        if kind not in known_kinds:
            raise DataError(f"{origin}: " + unknown_kind(str(kind), known_kinds, "declare it under 'kinds:' in the dataset or see 'stakeholders kinds'"))
        cues.extend(_kind_cues(str(kind), entry, origin, lemma, tokenize))
    origin, factor = lists["hedge_factor"]
    if not isinstance(factor, (int, float)) or not 0 <= factor <= 1:
        raise DataError(f"{origin}: hedge_factor must be a number from 0 to 1, got {factor!r}")
    origin, cameo = lists["cameo"]
    if not isinstance(cameo, bool):
        raise DataError(f"{origin}: cameo must be true or false, got {cameo!r}")
    speech, negation, hedges = (_words(key, *lists[key], lemma) for key in ("speech", "negation", "hedges"))
    return Cues(tuple(cues), speech, negation, hedges, float(factor), cameo)


def _kind_cues(kind: str, entry: Any, origin: str, lemma: Lemma, tokenize: Callable[[str], list[str]]) -> list[Cue]:
    where = f"{origin}: kind {kind}"
    if not isinstance(entry, dict) or not isinstance(entry.get("patterns"), list):
        raise DataError(f"{where}: give its patterns as a list under 'patterns:'")
    default = _confidence(entry.get("confidence", 0.7), where)
    cues = []
    for item in entry["patterns"]:
        pattern, confidence = (item.get("pattern"), _confidence(item.get("confidence", default), where)) if isinstance(item, dict) else (item, default)
        if isinstance(pattern, str) and pattern.strip():
            tokens = tuple(tuple(v) for v in _compile(pattern, where, lemma, tokenize))
            cues.append(Cue(kind, pattern, confidence, tokens, origin))
        elif isinstance(pattern, list) and pattern and all(isinstance(t, dict) for t in pattern):
            cues.append(Cue(kind, yaml.safe_dump(pattern, default_flow_style=True).strip(), confidence, (tuple(pattern),), origin))
        else:
            raise DataError(f"{where}: a pattern is a phrase or a list of token mappings, got {pattern!r}")
    return cues


def _confidence(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise DataError(f"{where}: confidence must be a number from 0 to 1, got {value!r}")
    return float(value)


def _compile(pattern: str, where: str, lemma: Lemma, tokenize: Callable[[str], list[str]]) -> list[list[dict[str, Any]]]:
    """A phrase as Matcher patterns: a word by its lemma, ``=word`` by its form, ``a|b`` either, ``...`` a gap.

    Choices are spelled out as one pattern each: spaCy tests a plain value in C,
    but calls back into Python for every ``IN`` set, at every token of every text.
    """
    variants: list[list[dict[str, Any]]] = [[]]
    for word in pattern.split():
        if word == "...":
            variants = [[*v, {"IS_PUNCT": False, "OP": f"{{0,{GAP}}}"}] for v in variants]
            continue
        choices = word.split("|")
        exact = {c.startswith("=") for c in choices}
        if len(exact) > 1:
            raise DataError(f"{where}: in {pattern!r}, {word!r} mixes =forms and lemmas; write them as two patterns")
        pieces = [tokenize(c.lstrip("=").lower()) for c in choices]
        if len(pieces) == 1 and len(pieces[0]) > 1:  # a hyphenated word is several tokens, matched as written
            steps = [[{"LOWER": piece} for piece in pieces[0]]]
        elif any(len(p) != 1 for p in pieces):
            raise DataError(f"{where}: in {pattern!r}, each choice of {word!r} must be one word")
        elif exact == {True}:
            steps = [[{"LOWER": p[0]}] for p in pieces]
        else:
            steps = [[{"LEMMA": form}] for form in sorted({lemma(p[0]) for p in pieces} | {p[0] for p in pieces})]
        variants = [[*v, *step] for v in variants for step in steps]
    return variants


def _words(key: str, origin: str, items: Any, lemma: Lemma) -> Words:
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise DataError(f"{origin}: {key} is a list of words")
    forms = frozenset(i[1:].lower() for i in items if i.startswith("="))
    lemmas = frozenset(lemma(i.lower()) for i in items if not i.startswith("="))
    return Words(lemmas, forms)
