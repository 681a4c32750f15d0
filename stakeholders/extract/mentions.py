"""Who a text names: actor mentions, what each stands for, and the ties a name itself states.

Names and aliases of the dataset's actors and the gazetteer's names are found by
spaCy's ``PhraseMatcher`` (case-folded; acronyms such as "US" or "UN" in their
case only, so that "us" is no state). Where matches overlap the longest wins,
and a dataset name wins over a gazetteer name of the same span. The matches are
then read together, in order, because a name often needs its neighbours:

- a role noun takes the state named before or after it ("the Syrian interior
  ministry", "Israel's army", "the government of Iraq") or, alone ("security
  forces"), the article's main state; after another actor it is part of that
  actor's name ("UN forces");
- a title before a name makes a person ("Foreign Minister Lavrov"), tied to the
  state or organisation named before the title, or the main state's government;
- a name that begins with another actor's name is tied to it ("Druze fighters"
  are members of the Druze, "Assad's regime" is led by Assad), and "pro-X"
  supports X.

None of this needs a model: without a parser, the order of words is all there is
to read, and these are the orders news writes names in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Dataset
from .discovery import Discovering, Item, dateline_end, title_case
from .lexicon import Gazetteer

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: The levels a state's referent may stand at, from the top: a role noun names one of the lower two.
LEVELS = ("state", "government", "forces")
#: The key of the article's main state, the one a role noun without a state stands for.
MAIN = ""
_PRONOUNS = frozenset({"his", "her"})
#: An aside that names who leads the actor before it.
_LED_BY = [[",", verb, "by"] for verb in ("led", "headed", "commanded", "chaired")]
#: The words of a state's formal name before "of" and its name.
_FORMAL = ("Republic", "Kingdom", "State", "Federal Republic", "Islamic Republic", "Sultanate", "Emirate")
#: Words before a role noun that make it no state's government or forces: "local authorities", "health officials".
_LOCAL = frozenset({"local", "regional", "provincial", "municipal", "city", "health", "tribal", "religious", "community", "school", "hospital"})
#: Nouns after which a role word describes them rather than naming an actor: "military operations".
_ADJECTIVAL_AFTER = frozenset(
    "offensive offensives operation operations campaign campaigns action actions escalation equipment personnel solution "
    "pressure aid assistance cooperation exercise exercises base bases intervention activities activity measures means option "
    "options buildup build-up presence deployment spending budget court courts rule junta leaders".split()
)
#: Words before a role noun of force that make it a party against the state: "opposition forces", "rebel troops".
_NON_STATE = frozenset({"opposition", "rebel", "insurgent", "anti-government", "antigovernment", "separatist", "militia", "jihadist", "guerrilla"})
#: Nouns after a demonym that name people of that country, not the state: "Libyan actors", "Syrian refugees".
_PEOPLE = frozenset({"actors", "people", "peoples", "civilians", "citizens", "refugees", "migrants", "nationals", "factions", "communities", "groups", "families", "children", "women", "men", "workers", "students", "journalists", "society"})
#: Words of number before "of" and a demonym that then names people: "millions of Sudanese".
_MANY = frozenset({"millions", "thousands", "hundreds", "dozens", "many", "all", "most", "some", "majority", "tens"})
#: Small words inside a person's name.
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "da", "di", "du", "van", "von", "der", "le", "la", "ben"})


@dataclass(frozen=True)
class Referent:
    """What a mention stands for before it is an actor of the draft.

    ``kind`` is ``actor`` (a dataset actor; ``key`` its id), ``state`` (``key`` a
    country code, ``MAIN`` for the article's main state, at a ``level``),
    ``body`` (an organisation or community of the gazetteer, by name) or
    ``person`` (a name read after a title).
    """

    kind: str
    key: str
    level: str = "state"


@dataclass
class Mention:
    start: int  # token offsets in the paragraph's doc
    end: int
    referent: Referent
    how: str  # what matched: name, demonym, capital, role, title, or "parties" for words that stand for a pair
    person: bool = False
    also: tuple[Mention, ...] = ()  # the others a plural word stands for ("both sides": the second of the pair)


@dataclass(frozen=True)
class Tie:
    """A structural relation a name states: ``source`` ``kind`` ``target``, found by ``rule`` at token ``at``."""

    source: Referent
    target: Referent
    kind: str
    rule: str
    at: int


class Names(Discovering):
    """The phrase tables of a dataset and the gazetteer, and how to read them in a doc."""

    def __init__(self, nlp: Language, dataset: Dataset, gazetteer: Gazetteer) -> None:
        from spacy.matcher import PhraseMatcher

        self.actors = dataset.actors_by_id
        self.states = {state.code: state for state in gazetteer.states}
        self.bodies = {body.name: body for body in gazetteer.bodies}
        self.roles = gazetteer.roles  # role phrase -> "government" or "forces"
        self.found: dict[str, str] = {}  # names found in the texts read (``discovery``), lower-cased, to their body
        self.title_case_now = False  # the doc being read is a headline in title case
        self.titled: dict[str, Referent] = {}  # the last person the article named after each title, for "the Secretary"
        self.surfaces: dict[tuple[str, str], list[str]] = {}  # how the texts name a state's government or forces
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._entries: dict[tuple[str, str], list[tuple[str, str]]] = {}
        phrases: list[tuple[str, tuple[str, str]]] = [(n, ("actor", a.id)) for a in dataset.actors for n in (a.name, *a.aliases)]
        for state in gazetteer.states:
            phrases += [(n, ("state", state.code)) for n in state.names]
            # The formal names news and statements use: "the Republic of Yemen", "the Kingdom of Saudi Arabia".
            phrases += [(f"{form} of {state.name}", ("state", state.code)) for form in _FORMAL]
            phrases += [(n, ("demonym", state.code)) for n in state.demonyms]
            phrases += [(n, ("capital", state.code)) for n in state.capitals]
        phrases += [(n, ("body", body.name)) for body in gazetteer.bodies for n in body.names]
        phrases += [(p, ("role", level)) for p, level in gazetteer.roles.items()]
        phrases += [(p, ("title", kind)) for p, kind in gazetteer.titles.items()]
        phrases += [(p, ("former", "")) for p in gazetteer.former]
        docs: dict[str, list[Doc]] = {"L": [], "O": []}
        for phrase, entry in phrases:
            doc = nlp.make_doc(phrase)
            # Acronyms match in their case only: "US" is the United States, "us" is not.
            case = "O" if any(c.isupper() for c in phrase) and not any(c.islower() for c in phrase) else "L"
            key = (case, " ".join(t.orth_ if case == "O" else t.lower_ for t in doc))
            if key not in self._entries:
                self._entries[key] = []
                docs[case].append(doc)
            if entry not in self._entries[key]:
                self._entries[key].append(entry)
        self._lower.add("name", docs["L"])
        self._orth.add("name", docs["O"])

    def items(self, doc: Doc) -> list[Item]:
        """The spans kept where matches overlap (longest first, a dataset name before a gazetteer one), in order."""
        found: dict[tuple[int, int], list[tuple[str, str]]] = {}
        for case, matcher in (("L", self._lower), ("O", self._orth)):
            for _, start, end in matcher(doc):
                key = (case, " ".join(t.orth_ if case == "O" else t.lower_ for t in doc[start:end]))
                entries = found.setdefault((start, end), [])
                entries.extend(e for e in self._entries[key] if e not in entries)
        raw = [Item(s, e, entries) for (s, e), entries in found.items()]
        raw.sort(key=lambda i: (i.start - i.end, i.first("actor") is None, i.start))
        kept: list[Item] = []
        taken: set[int] = set()
        for item in raw:
            if taken.isdisjoint(range(item.start, item.end)):
                kept.append(item)
                taken.update(range(item.start, item.end))
            else:
                owner = next((k for k in kept if k.start <= item.start and item.end <= k.end), None)
                if owner is not None:
                    owner.inner.append(item)
        kept.sort(key=lambda i: i.start)
        return kept

    def read(self, doc: Doc, headline: bool = False) -> tuple[list[Mention], list[Tie], list[tuple[int, str]]]:
        """The mentions of a doc, the ties their names state, and notes on names left out (by token, for ``--explain``)."""
        mentions: list[Mention] = []
        ties: list[Tie] = []
        notes: list[tuple[int, str]] = []
        cut = dateline_end(doc)
        items = [item for item in self.items(doc) if item.start >= cut]
        # A headline in title case capitalises every word: capitals then say nothing of names.
        self.title_case_now = headline and title_case(doc)
        if not self.title_case_now:
            items = self._discover(doc, items, cut)
        used: set[int] = set()  # items read as part of a neighbour (a state after "of", a person after a title)
        for k, item in enumerate(items):
            if k in used or (item.first("title") is not None and self._titled(doc, items, k, used, mentions, ties)):
                continue
            if item.first("role") is not None:
                self._role(doc, items, k, used, mentions, ties)
                continue
            mention = self._mention(doc, item, notes)
            if mention is None:
                continue
            ties.extend(self._inner_ties(doc, item, mention))
            last = mentions[-1] if mentions else None
            # One actor named twice in a row is one mention: "Syrian President Ahmed al-Sharaa", "Hayat Tahrir al-Sham (HTS)".
            if last is not None and last.referent == mention.referent and doc[last.end : mention.start].text in ("", "("):
                last.end = mention.end + (mention.end < len(doc) and doc[mention.end].text == ")")
            else:
                mentions.append(mention)
        return self._people_words(doc, self._by_title(doc, mentions)), ties, notes

    def _by_title(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """The mentions with "the Secretary", "the President"... standing for the person the article named with that title
        (``titled``), where the title word is no part of another mention."""
        if not self.titled:
            return mentions
        taken = {t for m in mentions for t in range(m.start, m.end)}
        added = [
            Mention(t.i, t.i + 1, self.titled[t.lower_], "title", person=True)
            for t in doc
            if t.lower_ in self.titled and t.i > 0 and doc[t.i - 1].lower_ == "the" and t.text[:1].isupper() and t.i not in taken
        ]
        return sorted(mentions + added, key=lambda m: m.start) if added else mentions

    @staticmethod
    def _people_words(doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """The mentions without demonyms that name people rather than their state ("millions of Sudanese", "Syrians who
        fled"), and without states named inside the name of something else."""
        kept = []
        spans = {t for m in mentions for t in range(m.start, m.end)}
        for m in mentions:
            # "the Civilians of Sudan", "the Bank of England": the state names part of a name of something else.
            if m.referent.kind == "state" and m.start >= 2 and doc[m.start - 1].lower_ == "of" and doc[m.start - 2].is_title and m.start - 2 not in spans:
                continue
            if m.how == "demonym" and m.end - m.start == 1:
                before = doc[m.start - 2 : m.start] if m.start >= 2 else doc[0:0]
                after = doc[m.end].lower_ if m.end < len(doc) else ""
                many = (len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in _MANY) or (len(before) >= 1 and before[-1].lower_ in _MANY)
                if after in ("who", "whom") or after in _PEOPLE or many:
                    continue  # "all Libyans", "Libyan actors", "millions of Sudanese who fled"
            kept.append(m)
        return kept

    def _mention(self, doc: Doc, item: Item, notes: list[tuple[int, str]]) -> Mention | None:
        ids = [value for kind, value in item.entries if kind == "actor"]
        if len(ids) > 1:
            notes.append((item.start, f'"{doc[item.start : item.end].text}" left out: it names {" and ".join(ids)}'))
            return None
        if ids:
            return Mention(item.start, item.end, Referent("actor", ids[0]), "name", self.actors[ids[0]].type == "person")
        for kind, value in item.entries:
            if kind in ("state", "demonym"):
                return Mention(item.start, item.end, Referent("state", value), "name" if kind == "state" else "demonym")
            if kind == "capital":
                return Mention(item.start, item.end, Referent("state", value, "government"), "capital")
            if kind == "body":
                return Mention(item.start, item.end, Referent("body", value), "name", self.bodies[value].type == "person")
        return None

    def country(self, referent: Referent) -> str | None:
        """The country a referent stands for, if it is a state (or, for a dataset actor, a state or government)."""
        if referent.kind == "state":
            return referent.key or None
        if referent.kind == "actor":
            actor = self.actors[referent.key]
            return actor.country if actor.type in ("state", "government") and actor.country else None
        return None

    def _qualifier(self, doc: Doc, mentions: list[Mention], at: int, before: str) -> Mention | None:
        """The mention just before token ``at``, if it may qualify what starts there.

        Before a title (``before="title"``) up to two capitalised words may come between
        ("AU Commission Chairman"); before a role noun a possessive, and after one or
        after a demonym up to two lower-case words ("Syria's new government", "the
        Syrian interior ministry"). A person never qualifies.
        """
        if not mentions:
            return None
        last = mentions[-1]
        gap = list(doc[last.end : at])
        if last.person and not (before == "role" and len(gap) == 1 and gap[0].lower_ in ("'s", "’s")):
            return None  # but "Haftar's forces" are Haftar's, acting for him
        if before == "title":
            fits = all(t.is_title and not t.is_stop for t in gap)
        else:
            possessive = bool(gap) and gap[0].lower_ in ("'s", "’s")
            words = gap[1:] if possessive else gap
            fits = (possessive or last.how == "demonym" or not words) and all(t.is_lower and t.is_alpha for t in words)
        return last if fits and len(gap) <= 3 else None

    def _titled(self, doc: Doc, items: list[Item], k: int, used: set[int], mentions: list[Mention], ties: list[Tie]) -> bool:
        """A title before a person's name: the person, tied to the title's state or organisation. False when no name follows."""
        item = items[k]
        after = items[k + 1] if k + 1 < len(items) else None
        person: Referent | None = None
        end = item.end
        if after is not None and after.start == item.end and self._is_person(after):
            person, end = Referent("actor", after.first("actor") or ""), after.end
            used.add(k + 1)
        elif after is not None and after.start == item.end and (body := after.first("body")) is not None and self.bodies[body].type == "person":
            person, end = Referent("body", body), after.end  # "LNA Commander Haftar": the Khalifa Haftar found before
            used.add(k + 1)
        else:
            name = 0 if self.title_case_now else self._name_after(doc, item.end, after.start if after is not None else len(doc))
            if name:
                person, end = Referent("person", doc[item.end : item.end + name].text), item.end + name
        if person is None:
            known = self.titled.get(doc[item.start : item.end].text.lower())
            if known is None or item.start == 0 or doc[item.start - 1].lower_ != "the":
                return False
            # "The Secretary underscored ...": the person the article named with that title before.
            mentions.append(Mention(item.start, item.end, known, "title", person=True))
            return True
        title = doc[item.start : item.end].text.lower()
        self.titled[title] = self.titled[title.split()[0]] = person  # "Secretary of State X": "the Secretary" later
        # ", led by General X": X leads the actor before the aside, whatever the title says.
        aside = item.start >= 3 and [t.lower_ for t in doc[item.start - 3 : item.start]] in _LED_BY and bool(mentions) and mentions[-1].end == item.start - 3
        if aside:
            mentions.append(Mention(item.start, end, person, "title", person=True))
            ties.append(Tie(person, mentions[-2].referent, "leads", f'"{doc[item.start - 2 : end].text}"', item.start))
            return True
        if item.start >= 2 and doc[item.start - 2].lower_ == "of" and doc[item.start - 1].lower_ == "the":
            # "UN Special Representative of the Secretary-General X": the title is the earlier one's, "UN Special
            # Representative", and its qualifier ties X; "Secretary-General" says nothing of X's own ties.
            first = next((i for i in items[:k] if i.first("title") is not None and i.end == item.start - 2), None)
            qualifier = self._qualifier(doc, mentions, first.start, "title") if first is not None else None
            if qualifier is not None:
                mentions.pop()
            start = qualifier.start if qualifier is not None else first.start if first is not None else item.start
            mentions.append(Mention(start, end, person, "title", person=True))
            if first is not None and qualifier is not None:
                tie = self._title_tie(person, first.first("title") or "", qualifier.referent, False, doc[first.start : first.end].text, first.start)
                if tie is not None:
                    ties.append(tie)
            return True
        qualifier = self._qualifier(doc, mentions, item.start, "title")
        if qualifier is not None:
            mentions.pop()
        start = qualifier.start if qualifier is not None else item.start
        former = next((i for i in items[:k] if i.first("former") is not None and i.end == start), None)
        start = former.start if former is not None else start
        mentions.append(Mention(start, end, person, "title", person=True))
        tie = self._title_tie(person, item.first("title") or "", qualifier.referent if qualifier else None, former is not None, doc[item.start : item.end].text, item.start)
        if tie is not None:
            ties.append(tie)
        return True

    def _is_person(self, item: Item) -> bool:
        ids = [value for kind, value in item.entries if kind == "actor"]
        return len(ids) == 1 and self.actors[ids[0]].type == "person"

    @staticmethod
    def _name_after(doc: Doc, start: int, limit: int) -> int:
        """How many tokens after ``start`` make a name: capitalised words (up to four), hyphens between them, and the
        particles of Arabic, Dutch, French... names before a capitalised word ("Abdel Fattah al-Burhan", "bin Salman")."""
        end = min(limit, doc[start].sent.end) if start < len(doc) else start
        count = words = 0
        while start + count < end and words < 4:
            token = doc[start + count]
            following = doc[start + count + 1] if start + count + 1 < end else None
            if token.text == "-" and count and following is not None and following.is_title:
                count += 2
                words += 1
            elif token.lower_ in _PARTICLES and following is not None and (following.is_title and count or following.text == "-"):
                count += 1  # "Abdel Fattah al-Burhan", and a name that opens with its particle: "al-Sarraj"
            elif token.is_alpha and token.is_title and not token.is_stop:
                count += 1
                words += 1
            elif count and len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "." and following is not None and following.is_title:
                count += 1  # a middle initial: "Antony J. Blinken"
            else:
                break
        return count

    def _title_tie(self, person: Referent, kind: str, qualifier: Referent | None, former: bool, title: str, at: int) -> Tie | None:
        if former and kind != "leads":
            return None  # a former minister's tie is past, and the vocabulary has no "formerly member of"
        if qualifier is None:
            qualifier = Referent("state", MAIN)
        if qualifier.kind == "state" or self.country(qualifier) is not None:
            code = self.country(qualifier) or MAIN
            # A former leader led the state: the government of today is not the one they led.
            target = Referent("state", code, "state" if former else "government")
        else:
            target = qualifier
        return Tie(person, target, "formerly-led" if former else kind, f'title "{title}"', at)

    def _role(self, doc: Doc, items: list[Item], k: int, used: set[int], mentions: list[Mention], ties: list[Tie]) -> None:
        """A role noun: the government or forces of the state named next to it, or of the main state."""
        item = items[k]
        level = item.first("role") or "government"
        if item.start > 0 and doc[item.start - 1].lower_ in _LOCAL:
            return  # "local authorities", "health officials": not the state's government
        if item.end < len(doc) and doc[item.end].lower_ in _ADJECTIVAL_AFTER:
            return  # "the military offensive", "security measures": a word describing a noun, no actor
        if level == "forces" and item.start > 0 and doc[item.start - 1].lower_ in _NON_STATE:
            # "South Sudanese opposition forces", "rebel forces": a party of its own, never the state's forces.
            start = item.start - 1
            if mentions and mentions[-1].end == start and mentions[-1].how == "demonym":
                start = mentions.pop().start
            name = doc[start : item.end].text
            body = self._found_body(name[0].upper() + name[1:], "armed-group", ())
            mentions.append(Mention(start, item.end, Referent("body", body), "name"))
            return
        qualifier = self._qualifier(doc, mentions, item.start, "role")
        if qualifier is not None:
            code = self.country(qualifier.referent)
            if code is None:  # "UN forces", "Kurdish fighters": part of that actor's name
                qualifier.end = item.end
                return
            mentions[-1] = Mention(qualifier.start, item.end, Referent("state", code, level), "role")
            if qualifier.how == "demonym":  # "the Iranian regime": how the text names that government, an alias for it
                surface = doc[qualifier.start : item.end].text
                self.surfaces.setdefault((code, level), [])
                if surface not in self.surfaces[(code, level)]:
                    self.surfaces[(code, level)].append(surface)
            return
        after = items[k + 1] if k + 1 < len(items) else None
        of = item.end < len(doc) and doc[item.end].lower_ == "of"
        skip = 2 if of and item.end + 1 < len(doc) and doc[item.end + 1].lower_ == "the" else 1
        if of and after is not None and after.start == item.end + skip:
            named = self._mention(doc, after, [])
            code = self.country(named.referent) if named is not None else None
            if code is not None:
                used.add(k + 1)
                mentions.append(Mention(item.start, after.end, Referent("state", code, level), "role"))
                return
        if item.start > 0 and doc[item.start - 1].lower_ in ("its", "their"):
            sentence = doc[item.start].sent.start
            owner = next((m for m in reversed(mentions) if m.start >= sentence and m.referent.kind == "state"), None)
            if owner is not None:  # "Rwanda to withdraw its troops": Rwanda's forces, not the main state's
                mentions.append(Mention(item.start, item.end, Referent("state", owner.referent.key, level), "role"))
                return
        mention = Mention(item.start, item.end, Referent("state", MAIN, level), "role")
        mentions.append(mention)
        if item.start > 0 and doc[item.start - 1].lower_ in _PRONOUNS:
            owner = [m for m in mentions if m.person and doc[m.start].sent.start == doc[item.start].sent.start]
            if len(owner) == 1:  # "his forces", when the sentence names one person before
                ties.append(Tie(owner[0].referent, mention.referent, "leads", f'"{doc[item.start - 1 : item.end].text}"', item.start))

    def _inner_ties(self, doc: Doc, item: Item, mention: Mention) -> Iterator[Tie]:
        """What a dataset name states by the names inside it: "Syrian President X", "Druze fighters", "pro-government factions"."""
        if mention.referent.kind != "actor" or not item.inner:
            return
        inner = sorted(item.inner, key=lambda i: (i.start, i.start - i.end))
        if mention.person:
            title = next((i for i in inner if i.first("title") is not None), None)
            if title is not None:
                named = (self._mention(doc, i, []) for i in inner if i.end <= title.start and i.first("actor") is None)
                qualifier = next((m for m in named if m is not None), None)
                former = any(i.first("former") is not None for i in inner if i.end <= title.start)
                text = doc[title.start : title.end].text
                tie = self._title_tie(mention.referent, title.first("title") or "", qualifier.referent if qualifier else None, former, text, item.start)
                if tie is not None:
                    yield tie
            return
        pro = doc[item.start].lower_ == "pro" and item.start + 1 < item.end and doc[item.start + 1].text == "-"
        start = item.start + 2 if pro else item.start
        head = next((i for i in inner if i.start == start and i.end < item.end), None)
        if head is None:
            return
        named = self._mention(doc, head, [])
        level = head.first("role")
        target = named.referent if named is not None else Referent("state", MAIN, level) if level else None
        if target is None or target == mention.referent:
            return
        if pro:
            yield Tie(mention.referent, target, "support", f'"pro-{doc[head.start : head.end].text}"', item.start)
        elif named is not None and named.person:
            yield Tie(target, mention.referent, "leads", f'"{doc[item.start : item.end].text}"', item.start)
        else:
            kind = "member-of" if self.type_of(target) == "community" else "part-of"
            yield Tie(mention.referent, target, kind, f'"{doc[item.start : item.end].text}"', item.start)

    def type_of(self, referent: Referent) -> str:
        """The actor type a referent has or would be proposed with."""
        if referent.kind == "actor":
            return self.actors[referent.key].type
        if referent.kind == "body":
            return self.bodies[referent.key].type
        if referent.kind == "person":
            return "person"
        return {"state": "state", "government": "government", "forces": "armed-group"}[referent.level]
