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
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

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
#: The last word of a document's name: "Cessation of Hostilities Agreement (COHA)" is no party.
DOCUMENTS = frozenset({"agreement", "accord", "accords", "treaty", "declaration", "communiqué", "communique", "plan", "process", "mechanism", "protocol", "resolution", "initiative", "act", "law", "charter", "convention", "memorandum", "framework", "roadmap", "summit", "conference", "fund", "programme", "program"})
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
