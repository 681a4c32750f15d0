"""Finding actors by id, name or alias, ignoring case, diacritics and punctuation."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from .errors import AmbiguousActorError, UnknownActorError
from .model import Actor

_SEPARATORS = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Fold a name for matching: ``"Ahmed al-Sharaa"`` and ``"ahmed AL SHARAA"`` agree.

    Case is folded, accents and other marks dropped (so ``Sharaá`` matches
    ``Sharaa``), and every run of anything but letters and digits becomes one
    space. The map's search folds the same way (``fold`` in ``map.js``; the tests
    run both on the same cases).
    """
    if not text.isascii():  # ASCII has no accents to drop: most names on big maps skip this
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if unicodedata.category(ch)[0] != "M")
    return _SEPARATORS.sub(" ", text.casefold()).strip()


def closest_words(word: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known words that look most like ``word`` (for "did you mean")."""
    return difflib.get_close_matches(word, sorted(known), n=limit, cutoff=0.6)


def suggestion(word: str, known: Iterable[str], otherwise: str = "", *, listing: str | None = None) -> str:
    """What follows "unknown ..." in a message, the one wording of "did you mean".

    ``; did you mean "x"?`` for the closest known word; with ``listing``, the
    closest three instead (``; closest known kinds: a, b``); ``; otherwise`` when
    nothing comes close (nothing at all if ``otherwise`` is empty).
    """
    close = closest_words(word, known, limit=1 if listing is None else 3)
    if close:
        return f'; did you mean "{close[0]}"?' if listing is None else f"; {listing}: {', '.join(close)}"
    return f"; {otherwise}" if otherwise else ""


def _quote(actor: Actor) -> str:
    return f'"{actor.id}" ({actor.name})'


def _join_or(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


class NameIndex:
    """Resolves names to actor ids.

    An exact id wins, then an id up to case and punctuation, then names and
    aliases. A name shared by several actors is ambiguous rather than guessed.
    """

    def __init__(self, actors: Iterable[Actor]) -> None:
        self._actors: dict[str, Actor] = {}
        self._by_id: dict[str, str] = {}
        self._by_name: dict[str, list[str]] = {}
        for actor in actors:
            self._actors.setdefault(actor.id, actor)
            self._by_id.setdefault(normalize(actor.id), actor.id)
            for label in (actor.name, *actor.aliases):
                ids = self._by_name.setdefault(normalize(label), [])
                if actor.id not in ids:
                    ids.append(actor.id)

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self._actors

    def resolve(self, name: str) -> str:
        """The id of the one actor ``name`` designates.

        Raises ``UnknownActorError`` (with close matches) or ``AmbiguousActorError``.
        """
        if name in self._actors:
            return name
        key = normalize(name)
        if key in self._by_id:
            return self._by_id[key]
        ids = self._by_name.get(key, [])
        if len(ids) == 1:
            return ids[0]
        if ids:
            named = _join_or([_quote(self._actors[i]) for i in ids], "and")
            raise AmbiguousActorError(name, list(ids), f'"{name}" is ambiguous: it names {named}; use an id')
        suggestions = self.suggest(key)
        hint = f"; did you mean {_join_or([_quote(self._actors[i]) for i in suggestions], 'or')}?" if suggestions else ""
        raise UnknownActorError(name, suggestions, f'unknown actor "{name}"{hint}')

    def suggest(self, key: str, limit: int = 3) -> list[str]:
        """Ids of the actors whose id, name or alias comes closest to the folded ``key``."""
        candidates: dict[str, list[str]] = {k: [v] for k, v in self._by_id.items()}
        for k, ids in self._by_name.items():
            candidates.setdefault(k, []).extend(ids)
        found: list[str] = []
        for match in difflib.get_close_matches(key, list(candidates), n=limit * 2, cutoff=0.7):
            for actor_id in candidates[match]:
                if actor_id not in found:
                    found.append(actor_id)
        return found[:limit]
