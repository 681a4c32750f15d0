"""Referents as actor ids: the dataset's actors where it has them, new actors proposed otherwise (``Resolver``), and the
article's main state that a role noun without a state stands for (``main_state``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from ..errors import AmbiguousActorError, UnknownActorError
from ..model import Actor, Dataset
from ..names import NameIndex, free_id, normalize, slug
from .lexicon import State
from .mentions import LEVELS, MAIN, Mention, Names, Referent


def main_state(names: Names, mentions: Iterable[Mention]) -> str | None:
    """The country an article names most (its states, their governments), if one leads."""
    counts = Counter(code for m in mentions if m.referent.key != MAIN and (code := names.country(m.referent)) is not None)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


class Resolver:
    """Turns referents into actor ids: the dataset's actors where it has them, new proposed actors otherwise.

    A gazetteer state maps onto the dataset's actor named like it at the level
    asked (the Syrian government as "Syrian government", "Government of Syria"...;
    else the one actor of that country and type), or the next level up: a map that
    models Israel as one actor gets Israel for "Israeli forces". Only a state the
    dataset lacks altogether is proposed as a new actor.
    """

    def __init__(self, names: Names, dataset: Dataset) -> None:
        self.names = names
        self.index = NameIndex(dataset.actors)
        self.actors = dataset.actors_by_id
        self.proposed: dict[str, Actor] = {}  # new actors by id, in the order first met
        self._ids: dict[tuple[Referent, str | None], tuple[str, str] | None] = {}

    def actor(self, referent: Referent, main: str | None) -> tuple[str, str] | None:
        """The actor id for a referent, and the level it was found at (``state`` for all but states); None if unknown."""
        key = (referent, main if referent.key == MAIN else None)
        if key not in self._ids:
            self._ids[key] = self._find(referent, main)
        return self._ids[key]

    def _find(self, referent: Referent, main: str | None) -> tuple[str, str] | None:
        if referent.kind == "actor":
            return referent.key, "state"
        if referent.kind == "body":
            body = self.names.bodies[referent.key]
            found = self._named(body.names)
            return (found or self._propose(body.name, body.type, None, body.aliases)), "state"
        if referent.kind == "person":
            return (self._named([referent.key]) or self._propose(referent.key, "person", None, ())), "state"
        code = referent.key or main
        if not code:
            return None
        state = self.names.states.get(code)
        for level in LEVELS[: LEVELS.index(referent.level) + 1][::-1]:
            found = self._at_level(code, state, level)
            if found is not None:
                return found, level
        if state is None:
            return None
        if referent.level in ("government", "forces") and not any(a.country == code for a in self.actors.values()):
            # A new situation (the dataset has nothing of this country) and the text names its government: proposed as
            # a government, so that the draft keeps the one who signs apart from the country (the Government of
            # Ethiopia agrees a truce; Ethiopia is where it holds). Its forces ("Somali security forces") are its.
            named = [*_level_names(state, "government")[:1], *self.names.surfaces.get((code, "government"), ())]
            aliases = tuple(dict.fromkeys(name[0].upper() + name[1:] for name in named))
            return self._propose(f"Government of {state.name}", "government", code, aliases), "government"
        return self._propose(state.name, "state", code, state.aliases), "state"

    def _at_level(self, code: str, state: State | None, level: str) -> str | None:
        found = self._named(_level_names(state, level)) if state is not None else None
        if found is None and level != "forces":
            kind = "state" if level == "state" else "government"
            typed = [a.id for a in self.actors.values() if a.type == kind and a.country == code]
            found = typed[0] if len(typed) == 1 else None
        return found

    def _named(self, names: Iterable[str]) -> str | None:
        for name in names:
            try:
                return self.index.resolve(name, partial=False)
            except (UnknownActorError, AmbiguousActorError):
                continue
        return None

    def _propose(self, name: str, type: str, country: str | None, aliases: tuple[str, ...]) -> str:
        for actor in self.proposed.values():
            if actor.name == name:
                return actor.id
        actor_id = free_id(slug(normalize(name)) or "actor", self.actors.keys() | self.proposed.keys())
        # Aliases only where none names a dataset actor: the merged map must not hold an ambiguous name.
        free = tuple(a for a in aliases if self._named([a]) is None)
        self.proposed[actor_id] = Actor(id=actor_id, name=name, type=type, country=country, aliases=free, tags=("draft",))
        return actor_id


def _level_names(state: State, level: str) -> list[str]:
    """How a dataset may name a state's government or forces."""
    if level == "state":
        return list(state.names)
    adjectives = [*state.demonyms, *state.names]
    if level == "government":
        return [f"{a} {w}" for a in adjectives for w in ("government", "administration")] + [f"government of {n}" for n in state.names]
    return [f"{a} {w}" for a in adjectives for w in ("forces", "armed forces", "government forces", "army", "military", "security forces")]


def with_level(referent: Referent, level: str) -> Referent:
    """The same state at another level (its government, its forces)."""
    return replace(referent, level=level)
