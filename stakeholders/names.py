"""Finding actors by id, name or alias, ignoring case, diacritics and punctuation."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from .errors import AmbiguousActorError, UnknownActorError

if TYPE_CHECKING:
    from .model import Actor

_SEPARATORS = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Fold a name for matching: ``"Ahmed al-Sharaa"`` and ``"ahmed AL SHARAA"`` agree.

    Case is folded, accents and other marks dropped (so ``Sharaá`` matches
    ``Sharaa``), and every run of anything but letters and digits becomes one
    space. The map's search folds the same way (``fold`` in the map's script (``assets/map/``); the tests
    run both on the same cases).
    """
    if not text.isascii():  # ASCII has no accents to drop: most names on big maps skip this
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if unicodedata.category(ch)[0] != "M")
    return _SEPARATORS.sub(" ", text.casefold()).strip()


def closest_words(word: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known words that look most like ``word`` in any case (for "did you mean")."""
    folded: dict[str, str] = {}
    for known_word in sorted(known):
        folded.setdefault(known_word.casefold(), known_word)
    return [folded[w] for w in difflib.get_close_matches(word.casefold(), list(folded), n=limit, cutoff=0.6)]


def slug(text: str) -> str:
    """An id made from a name, lower case: accents dropped from Latin letters (Béta: beta), letters of
    other scripts kept (الدروز), runs of anything else one hyphen; a valid id, or empty."""
    kept, base = [], ""
    for ch in unicodedata.normalize("NFKD", text):
        if not unicodedata.combining(ch):
            base = ch
        elif _LATIN.match(base):
            continue  # an accent on a Latin letter; the vowel signs of other scripts are part of the word
        kept.append(ch if unicodedata.category(ch)[0] in "LMN" else "-")
    return re.sub("-+", "-", unicodedata.normalize("NFC", "".join(kept))).strip("-").lower()


_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def free_id(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is first not taken."""
    found, n = base, 1
    while found in taken:
        n += 1
        found = f"{base}-{n}"
    return found


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


#: How many candidates an ambiguous name lists before it says how many more there are.
LISTED = 8
#: How close (rapidfuzz's ratio, 0-100) a name, or a run of words in it, must come to be suggested.
SUGGEST_CUTOFF = 75


def _coverage(query: list[str], words: list[str], whole: bool) -> float:
    """How much of a name the query's words cover (0 when they do not stand in a row in it),
    each word whole or (``whole=False``) as a word's beginning."""
    n = len(query)
    for i in range(len(words) - n + 1):
        if all(words[i + j] == q if whole else words[i + j].startswith(q) for j, q in enumerate(query)):
            return n / len(words)
    return 0.0


def _closeness(query: str, label: str) -> float:
    """How close (0-100) a folded query comes to a folded name: to the whole, or to a run of as many words."""
    from rapidfuzz import fuzz

    words, n = label.split(" "), query.count(" ") + 1
    runs = {" ".join(words[i : i + n]) for i in range(max(len(words) - n + 1, 1))}
    return max(fuzz.ratio(query, run) for run in (label, *runs))


class NameIndex:
    """Resolves names to actor ids: the one rule for the command line, the Python API and the map's search.

    In order: an exact id; an id, name or alias up to case, accents and
    punctuation; then (``partial``) a run of whole words of a name or alias
    ("sharaa", "hayat tahrir", "america"), then a run of word beginnings ("druz").
    At the last two steps the name the query covers most wins ("sharaa" covers
    half of "al-Sharaa", a quarter of "al-Sharaa's administration"); actors tied
    at the top make the name ambiguous, never a guess. The map's script follows
    the same steps (``findActor`` in the map's script (``assets/map/``); the tests run one table of cases
    through both).
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

    def resolve(self, name: str, *, partial: bool = True) -> str:
        """The id of the one actor ``name`` designates.

        ``partial=False`` takes whole names only (data files: a reference is never
        completed). Raises ``UnknownActorError`` (with close matches) or ``AmbiguousActorError``.
        """
        if name in self._actors:
            return name
        key = normalize(name)
        if key in self._by_id:
            return self._by_id[key]
        ids = self._by_name.get(key, [])
        if not ids and partial and key:
            ids = self._partial(key)
        if len(ids) == 1:
            return ids[0]
        if ids:
            shown = [_quote(self._actors[i]) for i in ids[:LISTED]]
            if len(ids) > LISTED:
                shown.append(f"{len(ids) - LISTED} more")
            named = _join_or(shown, "and")
            raise AmbiguousActorError(name, list(ids), f'"{name}" is ambiguous: it names {named}; use an id or a fuller name')
        suggestions = self.suggest(key)
        hint = f"; did you mean {_join_or([_quote(self._actors[i]) for i in suggestions], 'or')}?" if suggestions else ""
        raise UnknownActorError(name, suggestions, f'unknown actor "{name}"{hint}')

    def _labels(self) -> dict[str, list[str]]:
        """Every folded id, name and alias with the actors it names."""
        labels: dict[str, list[str]] = {k: [v] for k, v in self._by_id.items()}
        for k, ids in self._by_name.items():
            labels.setdefault(k, []).extend(i for i in ids if i not in labels[k])
        return labels

    def _partial(self, key: str) -> list[str]:
        """The actors a run of words of their names matches, best covered first: one winner, or all when the top ties."""
        query = key.split(" ")
        labels = [(label.split(" "), ids) for label, ids in self._labels().items()]
        for whole in (True, False):
            best: dict[str, float] = {}
            for words, ids in labels:
                coverage = _coverage(query, words, whole)
                for actor_id in ids if coverage else ():
                    best[actor_id] = max(best.get(actor_id, 0.0), coverage)
            if best:
                ranked = sorted(best, key=lambda i: (-best[i], self._actors[i].name.casefold(), i))
                tied = sum(1 for i in ranked if best[i] == best[ranked[0]])
                return ranked[:1] if tied == 1 else ranked
        return []

    def suggest(self, key: str, limit: int = 3) -> list[str]:
        """Ids of the actors whose id, name or alias comes closest to the folded ``key``.

        Closeness is rapidfuzz's ratio to a whole name or to a run of as many words
        in it ("sharra" to "sharaa"), at least ``SUGGEST_CUTOFF``; ties go to the
        name the query covers most, then by name.
        """
        if not key:
            return []
        size = key.count(" ") + 1
        best: dict[str, tuple[float, float]] = {}
        for label, ids in self._labels().items():
            score = _closeness(key, label)
            if score < SUGGEST_CUTOFF:
                continue
            rank = (score, size / (label.count(" ") + 1))
            for actor_id in ids:
                best[actor_id] = max(best.get(actor_id, rank), rank)
        ranked = sorted(best, key=lambda i: (-best[i][0], -best[i][1], self._actors[i].name.casefold(), i))
        if not ranked:
            return []
        # Only those about as close as the best, on a name the query covers more than half as much of:
        # "al-sharra" suggests al-Sharaa, not "al-Sharaa's administration" as well.
        score, covered = best[ranked[0]]
        return [i for i in ranked if best[i][0] >= score - 5 and best[i][1] > covered / 2][:limit]
