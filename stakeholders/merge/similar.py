"""Actors that may be the same, within a map and across maps: ``find_duplicates``.

Maps come from several routes (by hand, sheets, drafts from articles, event data),
and each names actors its own way: "Syria: government" and "Syrian government",
"HTS" and "Hayat Tahrir al-Sham", "Ahmed al-Shara'a" and "Ahmed al-Sharaa". Each
pair found has a score from 0 to 1 and the reasons for it:

- the same name or alias once folded (case, accents, punctuation: ``names.normalize``): 1.0;
- the same code in the same scheme (CAMEO, ISO, ACLED): 0.95;
- the same words once demonyms are read as their states, capitals as their
  governments, words for armed forces as one, and word order is ignored ("Syria:
  government", "Syrian government"; "Kremlin", "Russia: government"): 0.95;
- one name the initials of the other ("HTS", "Hayat Tahrir al-Sham"): 0.85;
- the same consonants once the letters transliterations swap are made one
  ("Muammar Gaddafi", "Moammar Qaddafi", "Muammar al-Qadhafi"): 0.85;
- names alike letter by letter (rapidfuzz's token-sort ratio of 88 or more, which
  knows word order): 0.9 times the ratio;
- both the government of the same country under other names ("United States:
  government", "Trump administration"): 0.5, a weak reason to look;
- shared neighbours (actors both relate to, by name) add up to 0.1.

A pair whose types conflict (a person and a state; "other" conflicts with none) or
whose countries differ is left out, unless ``any_type``: then it is kept at half its
score with the conflict among its reasons. Actors with the same id in two maps are
one actor already (``merge`` joins them by id), so they are no pair.

Only pairs that share a word of their names (role words apart), a code, an acronym
or a country's government are compared: the rest cannot score, and comparing every
pair of a 5,000-actor map would take 12.5 million comparisons.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations

from ..model import Actor, Dataset
from ..names import normalize

#: Scores of each reason.
SAME_NAME, SAME_CODE, SAME_WORDS, ACRONYM, TRANSLITERATED, ALIKE_FACTOR, SAME_GOVERNMENT = 1.0, 0.95, 0.95, 0.85, 0.85, 0.9, 0.5
#: The least consonants two names must share to be read as transliterations of one ("Iran" and "Oran" are not).
SKELETON_LEAST = 5
#: The least rapidfuzz ratio (0-100) at which two names are alike.
ALIKE = 88
#: What shared neighbours add, each, and at most.
NEIGHBOUR_BONUS, NEIGHBOUR_CAP = 0.05, 0.1
#: Words that say which part of a state an actor is, not which state: they do not make two names alike alone.
ROLE_WORDS = frozenset(
    "government administration regime authorities authority cabinet state forces military army police ministry "
    "president presidency officials leadership".split()
)
_GOVERNMENT_WORDS = frozenset({"government", "administration", "regime", "authorities", "cabinet", "presidency", "leadership"})
_SMALL = frozenset({"the", "of", "and", "for", "in", "on", "al", "el"})
#: A word shared by more actors than this is too common to bring a pair together (it is compared anyway when the names
#: share a rarer word).
_BLOCK_LIMIT = 200


@dataclass(frozen=True)
class Ref:
    """An actor of one of the maps: the map's place in the list, and its name there."""

    map: int
    map_name: str
    actor: Actor


@dataclass
class Duplicate:
    """Two actors that may be the same, with a score from 0 to 1 and the reasons for it."""

    a: Ref
    b: Ref
    score: float
    reasons: list[str] = field(default_factory=list)

    def json(self) -> dict[str, object]:
        return {
            "a": self.a.actor.id,
            "b": self.b.actor.id,
            "score": self.score,
            "reasons": self.reasons,
            "a_map": self.a.map_name,
            "b_map": self.b.map_name,
            "a_name": self.a.actor.name,
            "b_name": self.b.actor.name,
        }


@cache
def _demonyms() -> dict[str, str]:
    """Each folded demonym and formal name of a state, and its folded name ("syrian" -> "syria"); each capital and seat
    of government, and the state's government ("kremlin" -> "russia government"), as news uses them."""
    from ..extract.lexicon import gazetteer

    folded: dict[str, str] = {}
    for state in gazetteer().states:
        name = normalize(state.name)
        for other in (*state.demonyms, *state.aliases):
            folded.setdefault(normalize(other), name)
        for seat in state.capitals:
            folded.setdefault(normalize(seat).removeprefix("the "), f"{name} government")
    return folded


#: Words for a state's armed forces, read as one: "Sudanese Armed Forces" and "Sudan: military" say the same.
_MILITARY = {"armed forces": "military", "army": "military", "forces": "military", "troops": "military", "military": "military"}


def canonical(name: str) -> tuple[str, ...]:
    """A name's words, folded, demonyms read as their states, small words out, sorted: "Syrian government" and "Syria:
    government" both give ("government", "syria")."""
    words = normalize(name).split()
    demonyms = _demonyms()
    out: list[str] = []
    i = 0
    while i < len(words):
        # Two-word demonyms and names first ("south sudanese", "saudi arabian").
        pair = " ".join(words[i : i + 2])
        if i + 1 < len(words) and pair in demonyms:
            out.extend(demonyms[pair].split())
            i += 2
            continue
        if pair in _MILITARY:
            out.append(_MILITARY[pair])
            i += 2
            continue
        word = words[i]
        out.extend(demonyms[word].split() if word in demonyms else [_MILITARY.get(word, word)])
        i += 1
    return tuple(sorted(w for w in out if w not in _SMALL))


#: Letters that transliterations of one name swap: "Qaddafi", "Gaddafi", "Qadhafi"; "Haftar", "Hifter".
_SOUNDS = (("dh", "d"), ("kh", "k"), ("gh", "g"), ("ph", "f"), ("th", "t"), ("sh", "s"), ("q", "k"), ("g", "k"), ("c", "k"), ("z", "s"))


def skeleton(name: str) -> str:
    """A name's consonants, the way transliterations keep them: folded, swapped letters made one, vowels, h, w, y and
    repeats dropped, small words out ("Muammar al-Qadhafi" and "Moammar Gaddafi" both give "mmrkdf")."""
    words = [w for w in normalize(name).split() if w not in _SMALL]
    text = "".join(words)
    for old, new in _SOUNDS:
        text = text.replace(old, new)
    kept = [c for c in text if c not in "aeiouhwy"]
    return "".join(c for k, c in enumerate(kept) if k == 0 or c != kept[k - 1])


def initials(name: str) -> str:
    """The initials of a name's words, folded: "Hayat Tahrir al-Sham" -> "hts"; small words written in lower case
    ("of", "al-") and those that are only small ("The") are passed over."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalpha()]
    return "".join(w[0] for w in words if not (w.islower() and w in _PARTICLES) and w.lower() not in _STOP).lower()


#: Small words a name's initials pass over when written in lower case ("al-Sham"), and always ("of", "and").
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "da", "du", "la", "le", "van", "von"})
_STOP = _SMALL - _PARTICLES


def _names(actor: Actor) -> list[str]:
    return [actor.name, *actor.aliases]


def _country(actor: Actor) -> str | None:
    return actor.country.upper() if actor.country else None


def _government(actor: Actor) -> bool:
    return actor.type == "government" or any(set(normalize(n).split()) & _GOVERNMENT_WORDS for n in _names(actor))


def _types_conflict(a: Actor, b: Actor) -> bool:
    return a.type != b.type and "other" not in (a.type, b.type)


def _neighbours(dataset: Dataset) -> dict[str, set[str]]:
    """Each actor's neighbours, by folded name: names compare across maps, ids do not."""
    names = {a.id: normalize(a.name) for a in dataset.actors}
    found: dict[str, set[str]] = defaultdict(set)
    for relation in dataset.relations:
        if relation.source in names and relation.target in names:
            found[relation.source].add(names[relation.target])
            found[relation.target].add(names[relation.source])
    return found


def _blocks(refs: Sequence[Ref], features: Sequence[_Features]) -> Iterable[tuple[int, int]]:
    """The pairs of refs worth comparing: they share a name word (role words apart), a code, an acronym or a country's
    government."""
    keys: dict[str, list[int]] = defaultdict(list)
    for k, ref in enumerate(refs):
        actor, feature = ref.actor, features[k]
        mine: set[str] = {f"w:{w}" for words in feature.words for w in words if w not in ROLE_WORDS}
        mine.update(f"s:{sound}" for folded in feature.folded for w in folded.split() if w not in _SMALL and len(sound := skeleton(w)) >= 3)
        mine.update(f"i:{i}" for i in feature.initials)
        mine.update(f"i:{a}" for a in feature.acronyms)
        mine.update(f"c:{scheme}:{code}" for scheme, codes in actor.codes.items() for code in codes)
        if _country(actor) and feature.government:
            mine.add(f"g:{_country(actor)}")
        for key in mine:
            keys[key].append(k)
    seen: set[tuple[int, int]] = set()
    for members in keys.values():
        if len(members) < 2 or len(members) > _BLOCK_LIMIT:
            continue
        for pair in combinations(members, 2):
            if pair not in seen:
                seen.add(pair)
                yield pair


@dataclass(frozen=True)
class _Features:
    """What the comparison reads of an actor, computed once: its names folded, as words, as consonants, as initials."""

    folded: dict[str, str]  # folded name -> name
    words: dict[tuple[str, ...], str]  # canonical words -> name
    skeletons: dict[str, str]  # consonants -> name (long enough to count)
    acronyms: frozenset[str]  # its short names, folded without spaces
    initials: dict[str, str]  # initials of its names of two words or more -> name
    government: bool

    @classmethod
    def of(cls, actor: Actor) -> _Features:
        names = _names(actor)
        return cls(
            {normalize(n): n for n in names},
            {canonical(n): n for n in names},
            {k: n for n in names if len(k := skeleton(n)) >= SKELETON_LEAST},
            frozenset(normalize(n).replace(" ", "") for n in names if len(n) <= 8),
            {i: n for n in names if len(n.split()) >= 2 and len(i := initials(n)) >= 2},
            _government(actor),
        )


def _score(a: Ref, b: Ref, fa: _Features, fb: _Features, neighbours: Sequence[dict[str, set[str]]]) -> tuple[float, list[str]]:
    """The score of a pair and its reasons (the best name reason first)."""
    from rapidfuzz import fuzz

    x, y = a.actor, b.actor
    found: list[tuple[float, str]] = []
    same = sorted(set(fa.folded) & set(fb.folded))
    if same:
        found.append((SAME_NAME, f'same name once folded: "{fa.folded[same[0]]}" and "{fb.folded[same[0]]}"'))
    shared = sorted((s, c) for s, codes in x.codes.items() for c in codes if c in y.codes.get(s, ()))
    if shared:
        found.append((SAME_CODE, f"same {shared[0][0]} code {shared[0][1]}"))
    common = [w for w in fa.words if w and w in fb.words]
    if common and not same:
        found.append((SAME_WORDS, f'same words once demonyms are read as their states: "{fa.words[common[0]]}" and "{fb.words[common[0]]}"'))
    for short, long_ in ((fa, fb), (fb, fa)):
        acronym = next((i for i in long_.initials if i in short.acronyms), None)
        if acronym is not None:
            found.append((ACRONYM, f'"{acronym.upper()}" is the initials of "{long_.initials[acronym]}"'))
            break
    if not same and not common:
        best = max((fuzz.token_sort_ratio(" ".join(wa), " ".join(wb)), na, nb) for wa, na in fa.words.items() for wb, nb in fb.words.items())
        if best[0] >= ALIKE:
            found.append((round(ALIKE_FACTOR * best[0] / 100, 2), f'names alike ({best[0]:.0f}%): "{best[1]}" and "{best[2]}"'))
        spelled = next((k for k in fa.skeletons if k in fb.skeletons), None)
        if spelled is not None:
            found.append((TRANSLITERATED, f'spelled as transliterations differ: "{fa.skeletons[spelled]}" and "{fb.skeletons[spelled]}"'))
    if not found and _country(x) and _country(x) == _country(y) and fa.government and fb.government and x.type == y.type:
        found.append((SAME_GOVERNMENT, f"both the government of {_country(x)}, under other names: a weak reason, review it"))
    if not found:
        return 0.0, []
    found.sort(key=lambda item: -item[0])
    score, reasons = found[0][0], [reason for _, reason in found]
    near = neighbours[a.map].get(x.id, set()) & neighbours[b.map].get(y.id, set())
    if near:
        bonus = min(NEIGHBOUR_CAP, NEIGHBOUR_BONUS * len(near))
        score = min(1.0, score + bonus)
        listed = ", ".join(sorted(near)[:3]) + (f" and {len(near) - 3} more" if len(near) > 3 else "")
        reasons.append(f"{len(near)} shared neighbour{'s' if len(near) > 1 else ''}: {listed}")
    return round(score, 2), reasons


def find_duplicates(datasets: Sequence[Dataset], *, min_score: float = 0.6, any_type: bool = False) -> list[Duplicate]:
    """The pairs of actors that may be the same, in one map or across ``datasets``, scoring ``min_score`` or more; the
    best first, then by ids. See the module's notes for the reasons and their scores."""
    refs = [Ref(k, d.name, actor) for k, d in enumerate(datasets) for actor in d.actors]
    features = [_Features.of(ref.actor) for ref in refs]
    neighbours = [_neighbours(d) for d in datasets]
    found: list[Duplicate] = []
    for i, j in _blocks(refs, features):
        a, b = refs[i], refs[j]
        if a.actor.id == b.actor.id:
            continue  # one actor already: joined by id
        conflicts = []
        if _types_conflict(a.actor, b.actor):
            conflicts.append(f"types differ: {a.actor.type} and {b.actor.type}")
        if _country(a.actor) and _country(b.actor) and _country(a.actor) != _country(b.actor):
            conflicts.append(f"countries differ: {_country(a.actor)} and {_country(b.actor)}")
        if conflicts and not any_type:
            continue
        score, reasons = _score(a, b, features[i], features[j], neighbours)
        if conflicts:
            score, reasons = round(score / 2, 2), [*reasons, *conflicts]
        if score >= min_score and reasons:
            found.append(Duplicate(a, b, score, reasons))
    found.sort(key=lambda d: (-d.score, d.a.map, d.a.actor.id, d.b.map, d.b.actor.id))
    return found
