"""Actors no list names: found in the text itself, so that a draft of a new situation has its parties.

Without a dataset, the gazetteer knows states and a few international bodies, but not the
Rapid Support Forces, M23 or the Tigray People's Liberation Front. Names are read from how
news writes them, by word order and case alone (the pipeline has no parser):

- a run of capitalised words ending in an organisation's head noun ("Rapid Support
  Forces", "Oromo Liberation Army", "Intergovernmental Authority on Development"), its
  type from that noun; it wins over the role and demonym words inside it, so that a
  non-state "X Forces" is never read as a state's forces;
- a long form followed by its acronym in brackets is one actor with both names, and the
  acronym alone names it from then on;
- a capitalised word that is no known name, then a group noun ("Tigray rebels",
  "Bedouin tribes", "Houthi militia");
- an acronym no list knows ("M23", "RSF"), as an actor of type other.

A run of capitalised words without such a noun is not an actor: it may be a place or a
person ("El Fasher", "Addis Ababa"), and a wrong party costs a reviewer more than a
missing one. The lead of a news report ("ADDIS ABABA, Nov 2 (Reuters) -") is a dateline,
not a party: ``dateline_end`` says where the text proper begins.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lexicon import Body
from .words import DOCUMENTS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..model import Actor
    from .lexicon import State

#: The last word of an organisation's name, and the actor type it gives.
HEADS = {
    "forces": "armed-group", "army": "armed-group", "front": "armed-group", "movement": "armed-group", "militia": "armed-group",
    "brigade": "armed-group", "brigades": "armed-group", "force": "armed-group", "rebels": "armed-group", "guard": "armed-group", "guards": "armed-group",
    "party": "political-party", "congress": "political-party",
    "council": "other", "committee": "other", "authority": "intergovernmental-org", "organisation": "other", "organization": "other",
    "union": "intergovernmental-org", "league": "intergovernmental-org", "alliance": "other", "coalition": "other",
    "commission": "other", "agency": "other", "group": "other", "federation": "other", "institute": "other",
    "ministry": "government", "company": "company", "corporation": "company", "mission": "intergovernmental-org",
}  # fmt: skip
#: Heads of a body that belongs to another and has a name of its own: "UN Support Mission", "African Union Commission".
SUB_BODIES = frozenset({"mission", "commission", "council", "office", "agency", "programme", "program", "force", "forces"})
#: Group nouns after a name: "Tigray rebels", "Bedouin tribes".
GROUPS = {
    "rebels": "armed-group", "fighters": "armed-group", "militia": "armed-group", "militias": "armed-group", "insurgents": "armed-group",
    "militants": "armed-group", "forces": "armed-group", "tribes": "community", "tribe": "community", "clans": "community",
    "community": "community", "communities": "community",
}  # fmt: skip
#: Words that join the capitalised words of one name ("Authority on Development", "People's Liberation Front").
_JOINS = frozenset({"of", "for", "on", "the", "'s", "’s", "-"})  # not "and": "Ethiopia and Tigray" are two
#: Capitalised words that make no name of their own: months, days, and words that open a sentence.
_NOT_NAMES = frozenset(
    "january february march april may june july august september october november december monday tuesday wednesday "
    "thursday friday saturday sunday the a an this that these those it its he she they we i in on at as but and or "
    "after before while when if since during meanwhile however".split()
)
#: Upper-case words that are no parties.
_NOT_ACRONYMS = frozenset({"AFP", "AP", "CEO", "GDP", "COVID", "TV", "PM", "AM", "UTC", "GMT", "ID", "HIV", "AIDS", "USD", "EUR", "OK", "PDF", "FAQ", "NGO", "NGOS"})
_DASHES = frozenset({"-", "—", "–", "--"})


def dateline_end(doc: Doc) -> int:
    """The token where a paragraph's text begins after a news dateline ("ADDIS ABABA, Nov 2 (Reuters) -"), else 0."""
    if not len(doc) or not (doc[0].is_alpha and doc[0].is_upper and len(doc[0]) >= 3):
        return 0
    for token in doc[:15]:
        if token.text in _DASHES and token.i > 0 and not doc[token.i - 1].is_alpha or token.text in ("—", "–"):
            return token.i + 1
    return 0


@dataclass(frozen=True)
class Words:
    """What discovery reads of each token of a doc, read once: Token objects are made anew at every access."""

    text: list[str]
    lower: list[str]
    capitalised: list[bool]  # a capitalised word that may be part of a name
    opens: list[bool]  # the first word of its sentence

    @classmethod
    def of(cls, doc: Doc) -> Words:
        text, lower, capitalised, opens = [], [], [], []
        for token in doc:
            text.append(token.text)
            lower.append(token.lower_)
            capitalised.append(token.is_alpha and token.text[0].isupper() and token.lower_ not in _NOT_NAMES)
            opens.append(bool(token.is_sent_start))
        return cls(text, lower, capitalised, opens)


def acronym(text: str) -> bool:
    """An upper-case word of 2 to 6 letters and digits with a letter first ("RSF", "M23"), not a known non-party."""
    return 2 <= len(text) <= 6 and text.isalnum() and text[0].isalpha() and text.upper() == text and text not in _NOT_ACRONYMS


def name_runs(words: Words, start: int) -> Iterable[tuple[int, int]]:
    """Runs of capitalised words from token ``start`` on, with the joining words between them (never at an end)."""
    caps, lower, n = words.capitalised, words.lower, len(words.text)
    i = start
    while i < n:
        if not caps[i]:
            i += 1
            continue
        end = i + 1
        while end < n:
            if caps[end]:
                end += 1
                continue
            # Joining words count only when a capitalised word follows them; a hyphen joins only two words.
            k = end
            while k < n and lower[k] in _JOINS:
                k += 1
            hyphen = words.text[end] == "-"
            if k < n and caps[k] and ((k > end and not hyphen) or (hyphen and k == end + 1)):
                end = k + 1
                continue
            break
        yield i, end
        i = end


def organisation(words: Words, start: int, end: int) -> str | None:
    """The actor type of the run ``start:end`` when it ends in an organisation's head noun and is more than that noun."""
    head = words.lower[end - 1]
    if head not in HEADS or end - start < 2:
        return None
    return HEADS[head]


def bracketed_acronym(words: Words, end: int) -> str | None:
    """The acronym in brackets right after token ``end`` ("(RSF)"), if any."""
    text = words.text
    if end + 2 < len(text) and text[end] == "(" and text[end + 2] == ")" and acronym(text[end + 1]):
        return text[end + 1]
    return None


def spells(short: str, words: list[str]) -> bool:
    """Whether an acronym spells a name: its letters in order among the name's, the first its first ("SAF" for "Sudanese
    Armed Forces", "TPLF" for "Tigray People's Liberation Front")."""
    letters = "".join(words).upper()
    if not letters or short[0] != letters[0]:
        return False
    at = 0
    for letter in short:
        at = letters.find(letter, at) + 1
        if not at:
            return False
    return True


#: Capitalised plurals that name no people or movement.
_NOT_PEOPLES = frozenset({"nations", "states", "affairs", "forces", "talks", "games", "olympics", "news", "times", "islands", "mountains", "alps", "balkans", "ministers", "houses"})


def people(words: Words, at: int) -> bool:
    """Whether token ``at`` names a people or a movement by its members: a capitalised plural after "the", alone (not
    part of a longer name), that no list knows ("the Houthis", "the Kurds")."""
    text, lower = words.text, words.lower
    return (
        at > 0 and lower[at - 1] == "the" and len(text[at]) > 4 and lower[at].endswith("s") and not lower[at].endswith("ss")
        and words.capitalised[at] and text[at][1:].islower() and lower[at] not in _NOT_PEOPLES
        and not (at + 1 < len(text) and words.capitalised[at + 1])
    )  # fmt: skip


def listed(words: Words, at: int, known: Collection[int]) -> bool:
    """Whether the acronym at token ``at`` stands in a list with another party: a known name or an acronym just before
    or after it, joined by a comma or "and" ("the M23, ISIS-DRC, CODECO, and FDLR")."""
    text, n = words.text, len(words.text)
    for step in (-1, 1):
        j = at + step
        joined = False
        while 0 <= j < n and text[j] in (",", "and", "or"):
            j, joined = j + step, True
        if joined and 0 <= j < n and (j in known or acronym(text[j]) or (text[j] == "-" and 0 <= j + step < n and acronym(text[j + step]))):
            return True
    return False


#: A long form and its acronym in brackets: up to eight capitalised words and the small words between them.
_DEFINED = re.compile(r"((?:[A-Z][\w'’]*(?:-[A-Z][\w'’]*)?\s+(?:(?:of|for|on|the|and)\s+)?){1,8})\(([A-Z][A-Z0-9]{1,5})\)")


def defined(texts: Iterable[str]) -> Iterator[tuple[str, str]]:
    """The long forms the texts define with an acronym that spells them, and the acronym: "Sudanese Armed Forces
    (SAF)". A scan of the raw text, cheap enough to run before the texts are read, so that every text knows them."""
    for text in texts:
        for match in _DEFINED.finditer(text):
            words = match.group(1).split()
            while words and words[0].lower() in _NOT_NAMES:  # "The Sudanese Armed Forces": the article is no part of it
                words.pop(0)
            while words and words[-1].lower() in _JOINS | {"and"}:
                words.pop()
            short = match.group(2)
            while len(words) > 2 and words[0][0] != short[0]:  # "African Union Peace and Security Council (PSC)"
                words.pop(0)
            if len(words) >= 2 and short not in _NOT_ACRONYMS and words[-1].lower() not in DOCUMENTS and spells(short, words):
                yield " ".join(words), short


def title_case(doc: Doc) -> bool:
    """Whether most words of a line are capitalised ("Syrian President Confirms Ongoing Talks"), as headlines often are."""
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.6 * len(words)


@dataclass
class Item:
    """A span the phrase matchers kept, with everything its words may stand for."""

    start: int
    end: int
    entries: list[tuple[str, str]]
    inner: list[Item] = field(default_factory=list)

    def first(self, what: str) -> str | None:
        return next((value for kind, value in self.entries if kind == what), None)


#: Words that open a sentence before a group noun without naming anyone ("Local tribes", "Rival militias").
_COMMON_OPENERS = frozenset({"local", "armed", "rival", "several", "many", "some", "other", "opposition", "foreign", "islamist", "jihadist", "tribal", "government", "allied", "loyalist", "unidentified", "unknown", "suspected", "pro", "anti"})
#: Capitalised words that do not make an organisation's name of their own ("Sudanese Armed Forces" are Sudan's).
_GENERIC = frozenset({"armed", "security", "defence", "defense", "military", "government", "special", "air", "naval", "border", "federal", "national", "state", "police", "republican", "royal"})


class Discovering:
    """The part of ``mentions.Names`` that finds actors no list names in a doc, and keeps them for the texts read after."""

    actors: Mapping[str, Actor]
    states: Mapping[str, State]
    bodies: dict[str, Body]
    roles: Mapping[str, str]
    found: dict[str, str]

    def _discover(self, doc: Doc, items: list[Item], start: int) -> list[Item]:
        """The items with the actors no list names added (see ``discovery``), from token ``start`` on."""
        words = Words.of(doc)
        text, lower = words.text, words.lower
        covered = {t: item for item in items for t in range(item.start, item.end)}
        found: list[Item] = []
        for s, e in name_runs(words, start):
            run = doc[s:e].text
            kind = organisation(words, s, e)
            short = bracketed_acronym(words, e)
            if 2 <= e - s <= 3 and e + 1 < len(text) and lower[e] in ("'s", "’s") and self.roles.get(lower[e + 1]) == "forces":
                # "Khalifa Haftar's forces": a person, whose forces act for them; the surname names them from then on.
                if not any(t in covered for t in range(s, e)):
                    found.append(Item(s, e, [("body", self._found_body(run, "person", (text[e - 1],)))]))
                    continue
            if run.lower() in self.found and not any(covered[t].first("actor") for t in range(s, e) if t in covered):
                name = self.found[run.lower()]
                if short:  # the acronym a later text gives it: "Rapid Support Forces (RSF)"
                    self._found_body(name, self.bodies[name].type, (short,))
                for t in range(s, e):
                    covered.pop(t, None)
                found.append(Item(s, e + 3 if short else e, [("body", name)]))
                continue
            # A name of its own: a capitalised word in it that no list knows and that says more than "armed" or "security";
            # or an acronym in brackets that spells it: the text itself names a party ("Sudanese Armed Forces (SAF)").
            own = [t for t in range(s, e - 1) if t not in covered and words.capitalised[t] and lower[t] not in _GENERIC]
            if short and spells(short, text[s:e]) and lower[e - 1] not in DOCUMENTS:
                kind, own = kind or "other", own or [s]
            inside = [covered[t] for t in range(s, e) if t in covered]
            # A body of a known one keeps its own name ("UN Support Mission", "African Union Commission"): its head says so.
            known = any(i.first("actor") or (i.first("body") and lower[e - 1] not in SUB_BODIES) for i in inside)
            if kind is not None and own and not known:
                if lower[e - 1] in SUB_BODIES and e + 1 < len(text) and lower[e] == "in" and e + 1 in covered and covered[e + 1].first("state"):
                    run, e = doc[s : e + 2].text, e + 2  # "UN Support Mission in Libya"
                    for t in range(s, e):
                        covered.pop(t, None)
                name = self._found_body(run, kind, (short,) if short else ())
                end = e + 3 if short else e
                for t in range(s, end):  # the role and demonym words inside it are part of its name
                    covered.pop(t, None)
                found.append(Item(s, end, [("body", name)]))
                continue
            group = lower[e] if e < len(text) else ""
            # At a sentence's start a capital says nothing: "Local tribes" are no one's name.
            if e - s == 1 and group in GROUPS and not any(t in covered for t in (s, e)) and not (words.opens[s] and lower[s] in _COMMON_OPENERS):
                found.append(Item(s, e + 1, [("body", self._found_body(doc[s : e + 1].text, GROUPS[group], ()))]))
            elif e - s == 1 and s not in covered and people(words, s):
                # "the Houthis": a people or a movement named by its members; "Houthi" names it too ("Houthi attacks").
                found.append(Item(s, e, [("body", self._found_body(run, "other", (run[:-1],)))]))
        # An acronym names an actor once a long form in brackets has defined it, or with a group noun after it ("M23
        # rebels"); alone it may name an agreement ("COHA") or a programme as well as a party.
        claimed = {t for item in found for t in range(item.start, item.end)}
        for i in range(start, len(text)):
            if i + 2 < len(text) and text[i + 1] == "-" and acronym(text[i]) and acronym(text[i + 2]) and i not in claimed:
                # "ISIS-DRC": one name of two acronyms, not ISIS and the DR Congo
                if not any(covered[t].first("actor") for t in (i, i + 2) if t in covered):
                    for t in range(i, i + 3):
                        covered.pop(t, None)
                        claimed.add(t)
                    found.append(Item(i, i + 3, [("body", self._found_body("".join(text[i : i + 3]), "other", ()))]))
                    continue
            if i in covered or i in claimed or not acronym(text[i]):
                continue
            group = lower[i + 1] if i + 1 < len(text) else ""
            if text[i].lower() in self.found:
                found.append(Item(i, i + 1, [("body", self.found[text[i].lower()])]))
            elif group in GROUPS:
                found.append(Item(i, i + 2, [("body", self._found_body(f"{text[i]} {text[i + 1]}", GROUPS[group], ()))]))
            elif listed(words, i, covered) or lower[i + 1 : i + 3] == ["armed", "group"]:
                # In a list with other parties ("the M23, ISIS-DRC, CODECO, and FDLR"), or "the M23 armed group".
                found.append(Item(i, i + 1, [("body", self._found_body(text[i], "armed-group" if group == "armed" else "other", ()))]))
        kept = [item for item in items if all(t in covered for t in range(item.start, item.end))]
        return sorted(kept + found, key=lambda item: item.start)

    def prepare(self, texts: Iterable[str]) -> None:
        """Learn the long forms that the texts define with an acronym in brackets ("Sudanese Armed Forces (SAF)"), so
        that the long form names a party in every text read, even those read before the one that defines it."""
        for name, short in defined(texts):
            if name.lower() not in self.found and not self._known(name):
                self._found_body(name, HEADS.get(name.rsplit(None, 1)[-1].lower(), "other"), (short,))

    def _known(self, name: str) -> bool:
        """Whether a dataset actor, a state or a body of the gazetteer has this name."""
        folded = name.lower()
        return any(folded == n.lower() for a in self.actors.values() for n in (a.name, *a.aliases)) or any(
            folded == n.lower() for b in (*self.states.values(), *self.bodies.values()) for n in b.names
        )

    def _found_body(self, name: str, actor_type: str, aliases: tuple[str, ...]) -> str:
        """A name found in the text, as a body of the draft (its first reading's type and aliases); its key."""
        if name in self.bodies and set(aliases) - set(self.bodies[name].aliases):
            body = self.bodies[name]
            self.bodies[name] = Body(name, body.type, (*body.aliases, *(a for a in aliases if a not in body.aliases)))
        if name not in self.bodies:
            self.bodies[name] = Body(name, actor_type, aliases)
        for surface in (name, *aliases):
            self.found.setdefault(surface.lower(), name)
        return name
