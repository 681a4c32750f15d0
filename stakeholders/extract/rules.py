"""Who did what to whom: relation candidates read around the cues of each sentence.

The blank pipeline has no parser, so the roles are read from the order of words,
within a clause (up to a comma, a semicolon, a quote or a word such as "which",
"while", "but"):

- active voice: the actors before the cue act on those after it ("Israel struck
  Syria"); actors joined by "and" or commas act together ("X and Y struck Z" is two
  relations); a name after "in", "across"... is a place, not a party;
- passive voice: "by" names who acted ("Y was attacked by X", "strikes by Israel
  on Syria"); a passive without "by" names no one who acted and gives nothing;
- an undirected kind joins the actors "between X and Y", or "X and Y" before it,
  or those before and after it ("X clashed with Y");
- a cue inside a relative clause acts on what "which" or "who" stands for, and
  one after ", <verb>ing" on the sentence's subject;
- a cue whose object is another cue acts on that one's actors ("Egypt mediated
  talks between Israel and Hamas", "Syria condemned the Israeli strikes");
- reported speech ("X said (that) ...", "..., X said", "according to X") is read
  inside the quoted clause and attributed to X;
- "we", "he", "both sides", "the parties" and a third party's talks stand for
  what the text has named before (kept by ``reader.Reader``);
- how the sentence holds the cue (denied, asked for, threatened, to come, hedged,
  reported) is ``holding.Holding``'s.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .holding import Holding
from .lexicon import Cue
from .mentions import Mention, Names, Referent
from .words import (
    AGENT_OF,
    ASIDES,
    BE,
    BOUNDARY_PUNCT,
    BOUNDARY_WORDS,
    CONNECTORS,
    DEFINITE,
    DETERMINERS,
    DOCUMENTS,
    INCLUDING,
    INTENDING,
    JOINERS,
    LOCATIVE,
    NEW_PHRASE,
    NOUN_TOO,
    PARTNER,
    PRONOUNS,
    RELATIVE,
    TALKS,
    THIRD_PARTY,
    THREATENING,
    VERB_JOINS,
    WILL_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from .reader import Reader

@dataclass
class Candidate:
    """A relation found in one sentence, its ends still referents."""

    source: Referent
    target: Referent
    kind: str
    directed: bool
    confidence: float
    rule: str  # the cue's pattern, or the name rule, that found it
    hedge: str | None = None
    speaker: Referent | None = None
    exact: bool = False  # only when both ends are actors at the levels named, not collapsed onto the state
    status: str | None = None  # "announced" when the sentence says it is to come ("agreed to", "will")


@dataclass
class Reading:
    """What one sentence gave: where it is, who it names, its candidates, and what ``--explain`` tells."""

    start: int  # character offsets in the paragraph
    end: int
    mentions: list[Mention]
    candidates: list[Candidate] = field(default_factory=list)
    events: list[str] = field(default_factory=list)


@dataclass
class Found:
    """A cue at a place in the sentence."""

    start: int
    end: int
    cue: Cue

    def text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text


Group = list[Mention]


@dataclass
class _Ends:
    """Who acts in a cue (its sources; every actor named, for an undirected kind), the pairs it makes, or why none."""

    acting: Group
    pairs: list[tuple[Mention, Mention]]
    why: str


class Clause(Holding):
    """The rules, applied to one sentence: its mentions, its cues, the clause boundaries between them."""

    def __init__(self, reader: Reader, doc: Doc, sent: Span, mentions: list[Mention], cues: list[Found]) -> None:
        self.reader = reader
        self.words = reader.cues
        self.doc = doc
        self.first, self.last = sent.start, sent.end
        self.mentions = mentions
        self.cues = cues
        self.by_start = {m.start: m for m in mentions}
        self.by_end = {m.end: m for m in mentions}
        self.cue_at = {c.start: c for c in cues}
        self.cue_holding = {i: c for c in cues for i in range(c.start, c.end)}  # cues do not overlap (``Reader._cues``)
        self._ends: dict[int, _Ends] = {}
        self.speech: list[tuple[int, Referent | None, str]] = []
        self.quoting: set[int] = set()  # a verb of speech and the "that" or comma after it: the clause ends there
        self.speech = list(self._speech())  # read with the two empty: a speaker is found like a subject
        self.quoting = {i + step for i, _, covers in self.speech if covers == "after" for step in (0, 1)}

    # Reading the sentence

    def read(self, reading: Reading) -> Iterator[str]:
        for index, found in enumerate(self.cues):
            kind = self.reader.kinds[found.cue.kind]
            said = f'{found.cue.kind} "{found.text(self.doc)}" (pattern "{found.cue.pattern}")'
            negation = self._negation(found)
            if negation is not None:
                yield f"{said}: dropped, negated by \"{negation}\""
                continue
            ends = self._ends_of(index)
            if not ends.pairs:
                yield f"{said}: dropped, {ends.why}"
                continue
            hedge = self._hedge(found)
            speaker = self._speaker(found)
            confidence = round(found.cue.confidence * (self.words.hedge_factor if hedge else 1.0), 2)
            demanded = self._demanded(found, index)
            if demanded is not None:
                yield f'{said}: dropped, asked for by "{demanded}", not done'
                continue
            mood, word = self._modality(found)
            if mood == "threat" and kind.polarity < 0 and kind.id != "threat" and "threat" in self.reader.kinds:
                kind = self.reader.kinds["threat"]  # "threatened to strike": a threat, not a strike
                said += f', a threat ("{word}")'
            status = "announced" if mood == "intent" else None
            if status:
                said += f', to come ("{word}")'
            for source, target in ends.pairs:
                if source.referent == target.referent:
                    yield f"{said}: {show(source.referent, self.reader.names)} with itself dropped"
                    continue
                reading.candidates.append(Candidate(source.referent, target.referent, kind.id, kind.directed, confidence, found.cue.pattern, hedge, speaker, status=status))
                extra = "".join([f", hedged by \"{hedge}\"" if hedge else "", f", according to {show(speaker, self.reader.names)}" if speaker else ""])
                yield f"{said}: {show(source.referent, self.reader.names)} {'->' if kind.directed else '--'} {show(target.referent, self.reader.names)}, confidence {confidence:g}{extra}"

    def _ends_of(self, index: int) -> _Ends:
        """The cue's actors, and the pairs they make. Memoised: a cue may be another's object."""
        if index not in self._ends:
            self._ends[index] = _Ends([], [], "it is its own object")  # guards against a cycle while this one is read
            self._ends[index] = self._read_ends(index)
        return self._ends[index]

    def _read_ends(self, index: int) -> _Ends:
        found = self.cues[index]
        kind = self.reader.kinds[found.cue.kind]
        directed = kind.directed
        left = self._left(found.start) or []
        if not left and self._definite(found):
            # "the offensive by Haftar's forces and ... these military operations against the capital": the same actors.
            earlier = next((c for c in reversed(self.cues[:index]) if c.cue.kind == found.cue.kind), None)
            left = list(self._ends_of(self.cues.index(earlier)).acting) if earlier is not None else []
        # Where cooperation happens, or a war is fought, is no party to it ("signed an accord in Moscow", "the war in
        # Yemen"); where force is used on someone, the place is what it is used on ("strikes in Syria").
        agent, right, between, nested = self._right(found.end, places=kind.polarity > 0 or not directed)
        third_party = found.cue.kind in THIRD_PARTY
        # Welcoming a ceasefire or an agreement is no support of its parties ("welcomes the signing of a cessation of
        # hostilities between X and Y"); backing an offensive is support of who wages it.
        welcomed = kind.id == "support" and nested is not None and self.reader.kinds[self.cues[nested].cue.kind].polarity > 0
        if not right and nested is not None and not welcomed:
            right = [m for m in self._ends_of(nested).acting if all(m is not n for n in left) and all(m.referent != n.referent for n in agent)]
            # A third party's "this agreement" is the situation's: its parties are read below.
            if not right and self._definite(self.cues[nested]) and not third_party:
                # "Syria condemned the airstrikes": those of an earlier sentence, by whoever carried them out there.
                right = [m for m in self.reader.recent.get(self.cues[nested].cue.kind, []) if all(m.referent != n.referent for n in left)]
        if not directed and not left and not right and not agent:
            # "Following intense negotiation, X and Y agreed ...": an opening clause's noun is the main clause subject's.
            subject = self._after_opening(found)
            if len(subject) >= 2:
                return _Ends(subject, _pairs(subject), "")
        if third_party and not right and (left or agent) and self.reader.parties and self._about_talks(found):
            # "the AU-led process", "talks co-hosted by Switzerland": the parties' talks
            third = agent or left
            right = [m for m in self.reader.parties[-1] if all(m.referent != n.referent for n in third)]
            if agent:
                return _Ends(agent, [(s, t) for s in agent for t in right], "no parties")
        if not directed and between:  # "talks between X and Y": between them only, never with the actors before
            return _Ends(right, _pairs(right), "only one actor named between")
        if not directed and not agent and len(left) >= 2 and (not right or self._word_before(right[0]) not in PARTNER):
            return _Ends(left, _pairs(left), "")  # "X and Y clashed", "X and Y to end the war for ...", not "X and Y met Z"
        if agent:
            # "Y was attacked by X": Y before the passive; "the offensive by X" names no target before it.
            participle = self.doc[found.start].lower_.endswith("ed")  # "HTS designated as a terrorist organization by the U.S."
            sources, targets = agent, right or (left if self._passive(found) or participle else [])
        elif self._passive(found):
            return _Ends([], [], 'a passive without "by": who acted is not named' if left else "no actor acting")
        else:
            sources, targets = left, right
        why = "no actor in its clause" if not sources and not targets else "no actor after it" if sources else "no actor before it"
        return _Ends(sources if directed else _unique(sources + targets), [(s, t) for s in sources for t in targets], why)

    # What lies left and right of a cue

    def _left(self, at: int) -> Group | None:
        """The actors acting at token ``at``: the nearest group before it in its clause; for a verb right after "and",
        the sentence's subject ("Kenya spoke with Egypt, and urged it to stop")."""
        i = at - 1
        if i > self.first and self.doc[i].lower_ == "and" and at not in self.by_start and i not in self.by_end:
            subject = self._subject(i)
            if subject:
                return subject
        while i >= self.first:
            mention = self.by_end.get(i + 1)
            if mention is not None:
                group = self._group(mention, -1)
                if not self._place(group[0]) and not self._compound(group[-1]):
                    joined = self._word_before_at(group[0])
                    if joined >= self.first and self.doc[joined].lemma_ == "join":
                        # "The United States joins UNSMIL in welcoming ...": both welcome.
                        return [*(self._left(joined) or []), *group]
                    return group
                i = group[0].start - 1
                continue
            token = self.doc[i]
            if token.lower_ in PRONOUNS and i < self.first + 3 and self.reader.before is not None:
                return [self.reader.before]  # "It struck Syria", at a sentence's start: the actor the last one began with
            if token.lower_ in ("he", "she") and i < self.first + 3 and self.reader.person is not None:
                return [self.reader.person]  # "He emphasized ...": the person the last sentences were about
            if token.lower_ == "we" and self.reader.voice is not None:
                return [self.reader.voice]  # "The United States welcomes ... We call on X": a statement's voice
            if i in self.quoting:
                return None  # reported speech: the subject is inside the clause, or missing
            if self._cameo_at(i):
                i -= 1  # a verb of the dictionary says how its own actors relate, not who acts in the cue after it
                continue
            if i in self.cue_holding:
                shared = self._coordinated(i, at)
                if shared is None:
                    shared = self._controlling(i, at)
                if shared is None:
                    return None  # "X condemned the attack": X acts in the other cue, and this one is its object
                i = shared - 1  # "X bombed and invaded Y", "X threatened to attack Y": X acts in both
                continue
            if token.lower_ in RELATIVE:
                return self._antecedent(i)
            if token.text == "," and self._participle(i + 1):
                return self._subject(i)  # ", justifying ...": the main clause's subject acts
            aside = self._aside_start(i) if token.text == "," else None
            if aside is not None:
                i = aside - 1  # "X, led by General Y, attacked Z": X acts, across the aside
                continue
            if token.text in BOUNDARY_PUNCT or token.lower_ in BOUNDARY_WORDS:
                return None
            i -= 1
        return None

    def _about_talks(self, found: Found) -> bool:
        """Whether a third party's cue is about the parties' talks: a word for them within its clause, after it ("hosting
        the talks", "whose facilitation led to this step"), or the cue's own noun ("AU-led process")."""
        for j in range(max(self.first, found.start - 5), found.start):
            if self.doc[j].lower_ in TALKS or self.doc[j].lemma_ in TALKS:
                return True  # "these negotiations, co-hosted by Switzerland"
        for j in range(found.start, min(self.last, found.end + 6)):
            token = self.doc[j]
            if token.lower_ in TALKS or token.lemma_ in TALKS:
                return True
            if j >= found.end and (token.text in BOUNDARY_PUNCT or j in self.by_start):
                return False
        return False

    def _after_opening(self, found: Found) -> Group:
        """When a cue stands in a sentence's opening phrase (no boundary from the sentence's start to it, a comma after
        it), the group of actors right after that comma; else none."""
        if any(self.doc[j].text in BOUNDARY_PUNCT or self.doc[j].lower_ in BOUNDARY_WORDS for j in range(self.first, found.start)):
            return []
        j = found.end
        while j < self.last and self.doc[j].text != ",":
            if self.doc[j].text in BOUNDARY_PUNCT or j in self.by_start:
                return []
            j += 1
        j += 1
        while j < self.last and self.doc[j].lower_ in DETERMINERS:
            j += 1
        mention = self.by_start.get(j)
        return self._group(mention, +1) if mention is not None else []

    def _verb(self, at: int) -> bool:
        """Whether token ``at`` is a verb in its plain form ("engage", "provide"), by the CAMEO dictionary's verbs: the
        pipeline has no tagger, and a plain form after "and" opens a clause more often than it names a thing."""
        token = self.doc[at]
        return token.lower_ == token.lemma_ and token.lower_ in self.reader.verbs and token.lower_ not in NOUN_TOO and not token.is_title

    def _definite(self, found: Found) -> bool:
        """Whether a cue is a noun the text has named before: "the airstrikes", "these attacks"."""
        return found.start - 1 >= self.first and self.doc[found.start - 1].lower_ in DEFINITE

    def _coordinated(self, inside: int, at: int) -> int | None:
        """The start of the cue holding token ``inside`` when only "and", "or" or a comma stand between it and token
        ``at`` (two verbs sharing their actors: "bombed and invaded"); else None."""
        cue = self.cue_holding.get(inside)
        if cue is None or cue.end >= at or not all(self.doc[j].lower_ in VERB_JOINS for j in range(cue.end, at)):
            return None
        return cue.start

    def _cameo_at(self, i: int) -> bool:
        cue = self.cue_holding.get(i)
        return cue is not None and cue.cue.origin == "cameo-verbs.tsv"

    def _controlling(self, inside: int, at: int) -> int | None:
        """The start of the cue holding token ``inside`` when it is a verb of will whose "to" opens token ``at``'s cue
        ("threatened to attack", "agreed to lift", "vowed to protect"): its subject is this one's too; else None."""
        cue = self.cue_holding.get(inside)
        if cue is None or not cue.end < at <= cue.end + 3 or self.doc[cue.end].lower_ != "to":
            return None
        if any(self.doc[j].text in BOUNDARY_PUNCT or j in self.by_start for j in range(cue.end, at)):
            return None
        lemma = self.doc[cue.end - 1].lemma_  # "agreed to implement a ceasefire", "a commitment to reach a ceasefire"
        return cue.start if lemma in THREATENING or lemma in INTENDING or lemma in WILL_NOUNS else None

    def _aside_start(self, at: int) -> int | None:
        """Where an aside ends by the comma at token ``at`` begins (its opening comma), if it is one: a comma up to ten
        tokens before, followed by "led by", "backed by", "which", "who"... and no other boundary between."""
        for j in range(at - 1, max(self.first, at - 11) - 1, -1):
            token = self.doc[j]
            if token.text == ",":
                return j if j + 1 < at and self.doc[j + 1].lower_ in ASIDES else None
            if token.text in BOUNDARY_PUNCT or j in self.cue_holding:
                return None
        return None

    def _participle(self, at: int) -> bool:
        return at < self.last and self.doc[at].is_alpha and self.doc[at].lower_.endswith("ing")

    def _antecedent(self, at: int) -> Group | None:
        """What "which" or "who" at token ``at`` stands for: the group just before (a comma and two nouns may come between: "the Druze minority, which")."""
        i = at - 1 if at - 1 >= self.first and self.doc[at - 1].text == "," else at
        for end in range(i, max(self.first, i - 2) - 1, -1):
            mention = self.by_end.get(end)
            if mention is not None:
                return self._group(mention, -1)
            if self.doc[end - 1].text in BOUNDARY_PUNCT:
                return None
        return None

    def _subject(self, before: int) -> Group | None:
        """The sentence's first group of actors that is not a place, before token ``before``; "we" opening the sentence is
        the statement's voice, and so is the group it joins ("We join the PSC in condemning ...": both condemn)."""
        voice = self.reader.voice
        we = voice is not None and any(t.lower_ == "we" for t in self.doc[self.first : min(self.first + 2, before)])
        for mention in self.mentions:
            if mention.start >= before:
                break
            group = self._group(mention, +1)
            if not self._place(mention) and not self._compound(group[-1]):
                if we and voice is not None:
                    return [voice, *group] if self._word_before(mention) == "join" else [voice]
                return group
        return [voice] if we and voice is not None else None

    def _right(self, at: int, places: bool = False) -> tuple[Group, Group, bool, int | None]:
        """From token ``at`` on: the agent after "by", the targets, whether they follow "between", or the cue they are the
        object of; with ``places``, a name after "in", "at"... is passed over."""
        agent: Group = []
        by_seen = False
        i = at
        while i < self.last:
            mention = self.by_start.get(i)
            if mention is not None:
                group = self._group(mention, +1)
                before = self._word_before(mention)
                if self._compound(group[-1]):
                    i = group[-1].end
                    continue
                # "abuses committed by armed groups, particularly the M23": who "by" names, in general then by name.
                named_after_by = by_seen and before in INCLUDING
                # "under the auspices of the African Union": who "of" names after such a noun acts, as after "by".
                agent_of = before == "of" and i - at <= 3 and self.doc[at - 1].lower_ in AGENT_OF
                if (before == "by" or named_after_by or agent_of) and not agent:
                    agent = group
                    i = group[-1].end
                    continue
                if places and before in LOCATIVE and self._word_before_at(mention) >= at:
                    # "signed an accord in Moscow": where, not with whom (the cue's own "in", "arrive in X", is kept).
                    i = group[-1].end
                    continue
                return agent, group + self._including(group[-1]), before in ("between", "among"), None
            if i in self.cue_at:
                if all(self.doc[j].lower_ in VERB_JOINS for j in range(at, i)) and i > at:
                    i = self.cue_at[i].end  # "bombed and invaded Y": Y is the object of both
                    continue
                return agent, [], False, self.cues.index(self.cue_at[i])
            token = self.doc[i]
            by_seen = by_seen or token.lower_ == "by"
            new_cue = i > at and i + 1 in self.cue_at  # "the offensive by X and urge ...": another clause's cue
            if token.lower_ == "and" and i + 1 < self.last and (self.doc[i + 1].lower_ in NEW_PHRASE or self._verb(i + 1) or new_cue):
                # "a partner to this AU-led process and to our collaboration with the UN", "end these attacks and engage
                # with the envoys": a phrase or a clause of its own
                break
            # ", including ..." goes on with the object ("sanctions, including those on Syria's oil"), and so does
            # ", <verb>ing ..." when nothing was found yet: "eased sanctions, permitting transactions with the government".
            elaborates = token.text == "," and i + 1 < self.last and (self.doc[i + 1].lower_ in INCLUDING or self._participle(i + 1))
            if not elaborates and (token.text in BOUNDARY_PUNCT or token.lower_ in BOUNDARY_WORDS or i in self.quoting):
                break
            i += 1
        return agent, [], False, None

    def _including(self, last: Mention) -> Group:
        """Actors added to a group by ", including X and Y" (after at most three other words)."""
        i = last.end
        while i < min(last.end + 4, self.last) and self.doc[i].lower_ not in INCLUDING:
            if i in self.by_start or self.doc[i].text in BOUNDARY_PUNCT - {","}:
                return []
            i += 1
        if i >= self.last or self.doc[i].lower_ not in INCLUDING:
            return []
        j = i + 1 + (self.doc[i + 1].lower_ in DETERMINERS if i + 1 < self.last else 0)
        mention = self.by_start.get(j)
        return self._group(mention, +1) if mention is not None else []

    def _group(self, mention: Mention, step: int) -> Group:
        """The mention and those coordinated with it ("X, Y and Z"), going left (-1) or right (+1)."""
        group = [mention]
        while True:
            edge = group[-1]
            if step > 0:
                nxt = next((m for m in self.mentions if m.start >= edge.end), None)
                gap = self.doc[edge.end : nxt.start] if nxt is not None else None
            else:
                nxt = next((m for m in reversed(self.mentions) if m.end <= edge.start), None)
                gap = self.doc[nxt.end : edge.start] if nxt is not None else None
            if nxt is None or gap is None or not len(gap):
                break
            if not (all(t.lower_ in CONNECTORS for t in gap) and any(t.lower_ in JOINERS for t in gap)) and not _as_well_as(gap):
                break
            # "X attacked Y and Z condemned it", "X attacked Y, Z said": Z starts a clause of its own.
            if step > 0 and (any(nxt.end <= c.start <= nxt.end + 1 for c in self.cues) or self._speaks(nxt.end)):
                break
            group.append(nxt)
        group = group if step > 0 else group[::-1]
        return [n for m in group for n in (m, *m.also)]

    def _word_before(self, mention: Mention) -> str:
        """The word before a mention, and before its article or possessive pronoun ("by the UN", ", the UN said")."""
        i = self._word_before_at(mention)
        return self.doc[i].lower_ if i >= self.first else ""

    def _word_before_at(self, mention: Mention) -> int:
        """Where the word ``_word_before`` reads is: its token (before the sentence's start when there is none)."""
        i = mention.start - 1
        return i - 1 if i >= self.first and self.doc[i].lower_ in DETERMINERS else i

    def _place(self, mention: Mention) -> bool:
        return self._word_before(mention) in LOCATIVE

    def _compound(self, mention: Mention) -> bool:
        """A name that only modifies the next word ("AU-led", "Sunni-majority"), unless that word is a cue ("Rwanda-backed");
        or a name of a meeting, fund or document ("the EAC mini-summit", "the African Union Peace Fund")."""
        end = mention.end
        if end + 1 < self.last and self.doc[end].text == "-" and self.doc[end + 1].is_alpha and end + 1 not in self.cue_at:
            return True
        for j in range(end, min(end + 3, self.last)):
            word = self.doc[j]
            if word.lower_ in DOCUMENTS or word.lower_ == "mini":
                return True
            if not (word.is_alpha and word.text[:1].isupper()):
                return False
        return False

    def _passive(self, found: Found) -> bool:
        i = found.start - 1
        if i >= self.first and self.doc[i].lower_.endswith("ly"):
            i -= 1  # "was reportedly attacked"
        return i >= self.first and self.doc[i].lower_ in BE


def _as_well_as(gap: Span) -> bool:
    """Whether the words between two actors join them across what is said of the first: "Faki for his leadership as well
    as the extraordinary efforts of Obasanjo"."""
    words = [t.lower_ for t in gap]
    if len(words) > 10 or words[-1] != "of" or any(t.text in BOUNDARY_PUNCT for t in gap):
        return False
    return any(words[i : i + 3] == ["as", "well", "as"] for i in range(len(words) - 2))


def _pairs(group: Group) -> list[tuple[Mention, Mention]]:
    return [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]


def _unique(group: Group) -> Group:
    seen: list[Mention] = []
    for mention in group:
        if all(mention is not m for m in seen):
            seen.append(mention)
    return seen


def show(referent: Referent, names: Names) -> str:
    """A referent in words, for ``--explain``: an actor's id, a state's name and level."""
    if referent.kind != "state":
        return referent.key
    state = names.states.get(referent.key)
    where = state.name if state is not None else referent.key or "the main state"
    return where if referent.level == "state" else f"{where} ({referent.level})"
