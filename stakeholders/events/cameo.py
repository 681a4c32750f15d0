"""CAMEO codes: actor codes made readable, event codes turned into relation kinds.

A CAMEO actor code is three-letter parts: a country or region (``SYR``), then roles
(``GOV``, ``MIL``, ``REB``...) or known groups (``HMS``, Hamas); or a role first when the
country is not coded (``MIL``) or the actor is international (``IGOUNO``, the United
Nations). The tables (package data, ``cameo_*.tsv``) come from the CAMEO manual; each
file says how. A code with a part outside them keeps that part as written and is
reported, never guessed.

An event code maps to a relation kind by the most specific match: the whole code
(``0871`` ceasefire), then its first three digits (``1951`` -> ``195`` airstrike), then its
root (``18`` -> attack). Codes come from the relation kinds themselves (a dataset's own
kinds first, then the vocabulary, in its order) and from ``EXTRA_CODES``; roots from
``ROOT_KINDS``. Roots with no fitting kind (statements, appeals, yielding,
investigations) give none: their events are counted and left out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files

from ..model import RelationKind


@dataclass(frozen=True)
class Country:
    name: str
    iso: str  # ISO 3166-1 numeric, empty for regions


@dataclass(frozen=True)
class Role:
    label: str
    type: str  # the actor type it gives; empty for qualifiers


@dataclass(frozen=True)
class Group:
    name: str
    type: str


def _table(name: str) -> list[list[str]]:
    text = files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


COUNTRIES: dict[str, Country] = {row[0]: Country(row[1], row[2]) for row in _table("cameo_countries.tsv")}
ROLES: dict[str, Role] = {row[0]: Role(row[1], row[2]) for row in _table("cameo_roles.tsv")}
GROUPS: dict[str, Group] = {row[0]: Group(row[1], row[2]) for row in _table("cameo_groups.tsv")}
# Roles that only say "an international body of this sort": with a named group after them they add nothing to the name.
_MARKERS = {"IGO", "NGO", "IMG", "MNC", "INT", "NGM"}

#: Root codes (01..20) to the kind their events take when no more specific code matches; None: left out.
ROOT_KINDS: dict[str, str | None] = {
    "01": None,  # make public statement: says nothing about a tie
    "02": None,  # appeal
    "03": "pledge",
    "04": "negotiation",  # consult
    "05": "support",
    "06": "alliance",  # material cooperation
    "07": "aid",
    "08": None,  # yield: only its specific codes (085, 0871, 0874...) fit a kind
    "09": None,  # investigate
    "10": "demand",
    "11": "criticism",  # disapprove
    "12": "rejection",
    "13": "threat",
    "14": "protest",
    "15": "threat",  # exhibit force posture
    "16": "sanctions",  # reduce relations (PLOVER SANCTION)
    "17": "hostility",  # coerce
    "18": "attack",
    "19": "armed-clash",
    "20": "mass-killing",
}
#: Specific codes the vocabulary does not list but that have a fitting kind.
EXTRA_CODES: dict[str, str] = {
    "074": "protection",  # provide military protection or peacekeeping
    "081": "sanctions-relief",  # ease administrative sanctions
    "087": "withdrawal",  # de-escalate military engagement (0872 ease a blockade, 0873 demobilise)
}
_CODE = re.compile(r"\d{2,4}")


@dataclass(frozen=True)
class CodedActor:
    """What a CAMEO actor code says: a readable name, an actor type, the country; parts not in the tables."""

    code: str
    name: str
    type: str
    country: str | None
    unknown: tuple[str, ...]


@functools.cache  # a few thousand codes name the actors of millions of events
def describe(code: str) -> CodedActor:
    """The actor a CAMEO actor code names: ``SYRGOV`` is "Syria: government", a government."""
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    if len(code) % 3 or not code.isalpha():
        return CodedActor(code, code, "other", None, (code,))
    country = parts[0] if parts[0] in COUNTRIES else None
    groups = [GROUPS[p] for p in parts if p in GROUPS]
    labels: list[str] = []
    unknown: list[str] = []
    types: list[str] = [g.type for g in groups]
    for part in parts[1:] if country else parts:
        if part in ROLES and part not in GROUPS:
            role = ROLES[part]
            if role.type:
                types.append(role.type)
            if not (groups and part in _MARKERS):
                labels.append(role.label)
        elif part not in GROUPS:
            unknown.append(part)
            labels.append(part)
    head = " / ".join(g.name for g in groups) or (COUNTRIES[country].name if country else "")
    tail = ", ".join(labels)
    name = f"{head}: {tail}" if head and tail else head or tail[:1].upper() + tail[1:]
    if types:
        kind = types[0]
    elif country and not labels:
        kind = "state" if COUNTRIES[country].iso else "other"
    else:
        kind = "other"
    return CodedActor(code, name, kind, country, tuple(unknown))


def code_kinds(kinds: Iterable[RelationKind]) -> dict[str, str]:
    """Each CAMEO event code the kinds give (first one wins) and the extra codes, to its kind."""
    found: dict[str, str] = {}
    for kind in kinds:
        if kind.cameo and _CODE.fullmatch(kind.cameo):
            found.setdefault(kind.cameo, kind.id)
    for code, kind_id in EXTRA_CODES.items():
        found.setdefault(code, kind_id)
    return found


def kind_of(code: str, exact: dict[str, str]) -> str | None:
    """The kind of one event code by the most specific match (the rule the aggregation applies in SQL)."""
    for key in (code, code[:3]):
        if key in exact:
            return exact[key]
    return ROOT_KINDS.get(code[:2])
