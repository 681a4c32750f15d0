"""Reading a paragraph sentence by sentence: the cues of each sentence, and what the text has said so far.

``Reader`` finds the cues (the patterns of ``cues.yaml`` by spaCy's matchers, the verbs
of the CAMEO dictionary by ``cameo``'s index) and keeps what later sentences refer
to: the relations read so far in the paragraph ("the airstrikes"), the actor the
previous sentence opened with ("it"), the statement's voice ("we"), the person it is
about ("he"), and the pairs of parties named together ("both sides"). The rules that
read who did what to whom around each cue are ``rules.Clause``'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import DataError
from ..model import RelationKind
from . import cameo
from .lexicon import Cue, Cues
from .mentions import Mention, Names, Referent, Tie
from .rules import Candidate, Clause, Found, Group, Reading, show
from .words import (
    BOUNDARY_PUNCT,
    CONNECTORS,
    DETERMINERS,
    HEADLINE_FACTOR,
    JOINERS,
    LOCATIVE,
    NAME_JOINS,
    PARTIES,
    PARTNER,
    PRONOUNS,
    REPORTING,
    STANCES,
    STATE_WORDS,
    THIRD_PARTY,
    TIE_CONFIDENCE,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.lookups import Table
    from spacy.tokens import Doc, Span

#: The phrases for two parties (``PARTIES``) by their first word, in their order: each token looks up its own.
_PARTIES_BY_FIRST = {first: tuple(p for p in PARTIES if p[0] == first) for first in dict.fromkeys(p[0] for p in PARTIES)}
#: Words after a past participle that make it a verb, not a word describing the noun after it ("displaced people").
_NOT_DESCRIBED = DETERMINERS | LOCATIVE | PARTNER | {"to", "on", "by", "for", "over", "and"}


class Reader:
    """Reads the sentences of a paragraph's doc into candidates: the cue matcher and the rules around it."""

    def __init__(self, nlp: Language, lemmas: Table, cues: Cues, names: Names, kinds: Mapping[str, RelationKind]) -> None:
        #: Who acted in each kind of relation read so far in the paragraph: "the airstrikes" of a later sentence are theirs.
        self.recent: dict[str, Group] = {}
        #: The actor the previous sentence of the paragraph opened with, not a person: what "it" and "they" stand for.
        self.before: Mention | None = None
        #: The last actor of the article that opened a sentence, not a person: who "we" is in a statement.
        self.voice: Mention | None = None
        #: The last person of the article that opened a sentence: who "he" or "she" is.
        self.person: Mention | None = None
        #: The last pairs of parties of the article named together, the latest last: what "both sides" and "the
        #: parties" stand for.
        self.parties: list[list[Mention]] = []
        self.pair_counts: dict[frozenset[Referent], int] = {}
        from spacy.matcher import Matcher, PhraseMatcher
        from spacy.tokens import Doc

        self.lemmas = lemmas
        self.cues = cues
        self.verbs = cameo.patterns() if cues.cameo else {}
        self.synonyms = cameo.synonyms() if cues.cameo else {}  # read by the verbs' patterns only
        self.cameo_cues: dict[tuple[str, cameo.Pattern], Cue] = {}
        self.names = names
        self.kinds = kinds
        # A phrase without gaps goes to a PhraseMatcher, on lemmas or word forms: spaCy's Matcher tries
        # every pattern at every token (200 patterns cost 27 microseconds a token, as much as the rest of
        # the reading), where the PhraseMatcher looks phrases up by hash. The rest goes to the Matcher.
        self.phrases = {attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in ("LEMMA", "LOWER")}
        self.matcher = Matcher(nlp.vocab, validate=True)
        for i, cue in enumerate(cues.cues):
            for variant in cue.tokens:
                attr = _phrase_attr(variant)
                if attr is not None:
                    phrase = Doc(nlp.vocab, words=[str(token[attr]) for token in variant])
                    for word in phrase:
                        word.lemma_ = word.text
                    self.phrases[attr].add(str(i), [phrase])
                    continue
                try:
                    self.matcher.add(str(i), [list(variant)])
                except (ValueError, KeyError) as exc:  # spaCy's pattern errors: a bad token mapping in a patterns file
                    first = str(exc).strip().splitlines()[0]
                    raise DataError(f"{cue.origin}: kind {cue.kind}: pattern {cue.pattern} is not a spaCy Matcher pattern: {first}") from None

    def start_article(self) -> None:
        """Forget who "we" and "the Secretary" were: a new article speaks with its own voice. The parties stay: the
        articles of one draft are about one situation."""
        self.voice = None
        self.person = None
        self.names.titled.clear()

    def read(self, doc: Doc, headline: bool = False) -> list[Reading]:
        """The readings of a paragraph's sentences; a ``headline``'s candidates at ``HEADLINE_FACTOR`` of their confidence."""
        mentions, ties, notes = self.names.read(doc, headline=headline)
        readings = []
        self.recent = {}
        self.before = None
        for sent in doc.sents:
            inside = [m for m in mentions if sent.start <= m.start < sent.end]
            inside = self._with_parties(sent, inside)
            # "It struck Syria": the pronoun stands for the previous sentence's first actor, named one sentence earlier.
            pronoun = self.before is not None and any(t.lower_ in PRONOUNS for t in sent[:3])
            reading = Reading(sent.start_char, sent.end_char, inside)
            reading.events.extend(note for at, note in notes if sent.start <= at < sent.end)
            # Cues are looked for only where a relation can be: in a sentence naming two actors or more, or one when an
            # earlier sentence's relation may be what it refers to.
            referents = {r for m in inside for r in (m.referent, *(n.referent for n in m.also))}
            # "We call on Iran ...", "He urged Chad ...": the statement's voice or the person talked about is an actor too.
            implied = (self.voice is not None and any(t.lower_ == "we" for t in sent)) or (
                self.person is not None and any(t.lower_ in ("he", "she") for t in sent[:3])
            )
            if len(referents) > 1 or (inside and (self.recent or pronoun or implied)):
                self._lemmatize(sent)
                reading.events.extend(Clause(self, doc, sent, inside, self._cues(sent, inside)).read(reading))
                for candidate in reading.candidates:
                    self.recent[candidate.kind] = [Mention(-1, -1, candidate.source, "earlier")]
                    people = any(self.names.type_of(end) == "person" for end in (candidate.source, candidate.target))
                    if not self.kinds[candidate.kind].directed and candidate.kind not in THIRD_PARTY and not people:
                        self._named_together([Mention(-1, -1, end, "earlier") for end in (candidate.source, candidate.target)])
            elif inside:
                reading.events.append("one actor only: no relation looked for")
            for tie in ties:
                if sent.start <= tie.at < sent.end:
                    reading.candidates.append(self._tie(tie))
                    reading.events.append(f"{tie.rule}: {show(tie.source, self.names)} {tie.kind} {show(tie.target, self.names)}")
            if headline:
                for candidate in reading.candidates:
                    candidate.confidence = round(candidate.confidence * HEADLINE_FACTOR, 2)
                reading.events.append(f"a headline: confidence x {HEADLINE_FACTOR:g}")
            named = _last_pair(inside, doc, states=True)  # "Armenia-Azerbaijan talks", "both Armenia and Azerbaijan"
            between = {t.lower_ for t in doc[named[0].end : named[1].start]} if named else set()
            opened = bool(named) and named[0].start > 0 and doc[named[0].start - 1].lower_ in ("both", "between")
            if named and ("-" in between or opened):
                self._named_together(named)
            first = next((m for m in inside if not m.person and not m.also), None)
            self.before = Mention(-1, -1, first.referent, "earlier") if first is not None and inside[0] is first else None
            if self.voice is None and self.before is not None and first is not None and first.start <= sent.start + 1 and first.how != "demonym":
                self.voice = self.before  # the first actor to open a sentence: "Libyan leaders must ..." later is no voice
            if inside and inside[0].person and inside[0].start <= sent.start + 1:
                self.person = Mention(-1, -1, inside[0].referent, "earlier", person=True)
            readings.append(reading)
        return readings

    def _named_together(self, pair: list[Mention]) -> None:
        """Count a pair of parties named together; ``parties`` keeps the pairs, the most often named last (the latest of
        equals): "both sides" and a third party's talks mean the situation's main pair, not a side deal named once."""
        if all(m.referent.kind == "state" for m in pair) and pair[0].referent.key == pair[1].referent.key:
            return  # a state and its own government are no two sides
        key = frozenset(m.referent for m in pair)
        self.pair_counts[key] = self.pair_counts.get(key, 0) + 1
        self.parties = [p for p in self.parties if frozenset(m.referent for m in p) != key] + [pair]
        self.parties.sort(key=lambda p: self.pair_counts[frozenset(m.referent for m in p)])  # stable: the latest of equals last

    def _with_parties(self, sent: Span, inside: list[Mention]) -> list[Mention]:
        """The sentence's mentions with the words that stand for two parties ("both sides", "urged them both") as one
        mention of the two: the last two named together in the sentence before them, else in the article."""
        lower = [t.lower_ for t in sent]
        added = []
        i = 0
        while i < len(lower):
            phrase = next((p for p in _PARTIES_BY_FIRST.get(lower[i], ()) if tuple(lower[i : i + len(p)]) == p), None)
            if phrase is None:
                i += 1
                continue
            at = sent.start + i
            states = phrase[-1] in STATE_WORDS  # "their two countries": the last two states named together
            pair = _last_pair([m for m in inside if m.end <= at], sent.doc, states) or next((p for p in reversed(self.parties) if not states or _states(p)), [])
            if len(pair) == 2 and pair[0].referent != pair[1].referent:
                second = Mention(at, at + len(phrase), pair[1].referent, "parties", pair[1].person)
                added.append(Mention(at, at + len(phrase), pair[0].referent, "parties", pair[0].person, (second,)))
                inside = [m for m in inside if not at <= m.start < at + len(phrase)]  # "the two forces" is no state's forces
            i += len(phrase)
        return sorted(inside + added, key=lambda m: m.start) if added else inside

    def _lemmatize(self, sent: Span) -> None:
        """Lower-case lemmas: the lemmatizer looks a word up as written, so "Talks" opening a sentence is no form of "talk"."""
        for token in sent:
            lemma = token.lemma_
            if not lemma.islower():
                lower = lemma.lower()
                token.lemma_ = self.lemmas.get(lower, lower)

    def _cues(self, sent: Span, mentions: list[Mention]) -> list[Found]:
        """The cues of a sentence, none inside a name ("the mediators" when they are an actor of the dataset); where they
        overlap, the longest ("conduct ... airstrike" over "airstrike")."""
        # The Matcher counts from the span's start, the PhraseMatcher from the doc's.
        matches = [(key, sent.start + s, sent.start + e) for key, s, e in self.matcher(sent)]
        matches += [m for phrases in self.phrases.values() for m in phrases(sent)]
        strings = sent.vocab.strings
        found = sorted((Found(s, e, self.cues.cues[int(strings[key])]) for key, s, e in matches), key=lambda f: (f.start - f.end, f.start))
        cues: list[Found] = []
        taken: set[int] = {t for m in mentions if m.how != "parties" for t in range(m.start, m.end)}
        doc = sent.doc
        found += self._cameo(sent, [f.start for f in found])
        for f in found:
            # "according to" says who reports, not that an accord was made: its "according" is no cue.
            if doc[f.start].lower_ in REPORTING and f.start + 1 < len(doc) and doc[f.start + 1].lower_ == "to":
                continue
            if self._in_name(doc, f.start):
                continue
            if taken.isdisjoint(range(f.start, f.end)):
                cues.append(f)
                taken.update(range(f.start, f.end))
        return sorted(cues, key=lambda f: f.start)

    def _cameo(self, sent: Span, others: list[int]) -> list[Found]:
        """The verbs of the CAMEO dictionary (``cameo``) in the sentence, with their longest pattern that the next words
        match; a verb followed within reach by a cue of ours is left to that cue ("launched airstrikes on")."""
        found = []
        tokens = list(sent)
        for k, token in enumerate(tokens):
            verb_patterns = self.verbs.get(token.lemma_)
            if verb_patterns is None or token.lemma_ in cameo.UNJOINED or token.is_upper or token.i in others:
                continue
            # A cue of ours within reach is what the verb does ("launched airstrikes"), unless the verb says how someone
            # stands on it ("oppose the offensive by X": a criticism of X, read through that cue).
            ahead = any(token.i < o <= token.i + cameo.REACH for o in others)
            # After "the", "a", "his"... the word is a noun ("a press conference", "his visit"): no verb of the dictionary.
            noun = k > 0 and tokens[k - 1].lower_ in DETERMINERS
            # "armed groups", "displaced people": a past participle before a noun describes it.
            described = token.lower_.endswith("ed") and k + 1 < len(tokens) and tokens[k + 1].is_lower and tokens[k + 1].is_alpha
            described = described and tokens[k + 1].lower_ not in _NOT_DESCRIBED
            for pattern in verb_patterns:
                if not pattern.words and (noun or described or token.lemma_ in cameo.LIGHT_VERBS):
                    continue
                if ahead and pattern.kind not in STANCES:
                    continue
                if _follows(tokens, k + 1, pattern.words, self.synonyms) and pattern.kind in self.kinds:
                    found.append(Found(token.i, token.i + 1, self._cameo_cue(token.lemma_, pattern)))
                    break
        return found

    def _cameo_cue(self, verb: str, pattern: cameo.Pattern) -> Cue:
        key = (verb, pattern)
        if key not in self.cameo_cues:
            text = " ".join((verb, *pattern.words))
            self.cameo_cues[key] = Cue(pattern.kind, f"{text} (CAMEO {pattern.code})", pattern.confidence, (), "cameo-verbs.tsv")
        return self.cameo_cues[key]

    def _in_name(self, doc: Doc, at: int) -> bool:
        """Whether the cue word at token ``at`` is a word of a name: capitalised inside a run of capitalised words ("Rapid
        Support Forces", "Declaration of Commitment to Protect"), in a text that does not capitalise every word."""
        token = doc[at]
        if self.names.title_case_now or token.is_sent_start or not token.text[:1].isupper():
            return False
        before = at - 1
        if before > 0 and doc[before].lower_ in NAME_JOINS:
            before -= 1
        after = at + 1 < len(doc) and doc[at + 1].text[:1].isupper() and doc[at + 1].is_alpha
        return after or (before >= 0 and doc[before].is_alpha and doc[before].text[:1].isupper() and not doc[before].is_sent_start)

    def _tie(self, tie: Tie) -> Candidate:
        return Candidate(tie.source, tie.target, tie.kind, self.kinds[tie.kind].directed, TIE_CONFIDENCE, tie.rule)


def _phrase_attr(variant: tuple[Mapping[str, Any], ...]) -> str | None:
    """``LEMMA`` or ``LOWER`` when every token of a pattern is that attribute's plain value: a phrase."""
    for attr in ("LEMMA", "LOWER"):
        if all(len(token) == 1 and isinstance(token.get(attr), str) for token in variant):
            return attr
    return None


def _follows(tokens: list[Any], at: int, words: tuple[str, ...], synonyms: Mapping[str, frozenset[str]]) -> bool:
    """Whether ``words`` come in order in the clause from ``tokens[at]`` on, within ``cameo.REACH`` tokens of it (a word
    by its lemma or form, "&set" by any word of that synonym set)."""
    i, end = at, min(len(tokens), at + cameo.REACH)
    for word in words:
        while i < end:
            token = tokens[i]
            if token.text in BOUNDARY_PUNCT:
                return False
            i += 1
            if (token.lower_ in synonyms.get(word, ()) or token.lemma_ in synonyms.get(word, ())) if word[0] == "&" else word in (token.lemma_, token.lower_):
                break
        else:
            return False
    return True


def _last_pair(mentions: list[Mention], doc: Doc, states: bool = False) -> list[Mention]:
    """The last two distinct actors of ``mentions`` joined by "and" (a pair already read counts as one); with ``states``,
    the last two states."""
    for k in range(len(mentions) - 1, 0, -1):
        pair = [mentions[k], *mentions[k].also] if mentions[k].also else [mentions[k - 1], mentions[k]]
        between = {t.lower_ for t in doc[pair[0].end : pair[1].start]} if not mentions[k].also else set()
        joined = 0 < pair[1].start - pair[0].end <= 3 and between <= CONNECTORS | {"-"} and bool(between & (JOINERS | {"-"}))
        if mentions[k].also or (pair[0].referent != pair[1].referent and pair[0].how != "parties" and joined):
            if not states or _states(pair):
                return pair
    return []


def _states(pair: list[Mention]) -> bool:
    return all(m.referent.kind == "state" and m.referent.level == "state" for m in pair)
