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
- a negation before the cue ("did not", "denied", "refused to") drops it; a hedge
  ("reportedly", "allegedly") lowers the confidence.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import DataError
from ..model import RelationKind
from . import cameo
from .discovery import DOCUMENTS
from .lexicon import Cue, Cues
from .mentions import Mention, Names, Referent, Tie

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.lookups import Table
    from spacy.tokens import Doc, Span

#: The confidence of a tie read from how a name is written.
TIE_CONFIDENCE = 0.6
#: A headline's relations, at this share of their confidence: headlines compress, and hedge less than the text.
HEADLINE_FACTOR = 0.7
#: How far before a cue a word of modality still counts ("threatened to launch strikes"), in tokens.
MODALITY_REACH = 4
#: Verbs that, before "to", make a hostile cue a threat.
_THREATENING = frozenset({"threaten", "vow", "warn"})
#: Verbs that, before "to", say a relation is to come, not done; and the future's auxiliaries.
_INTENDING = frozenset({"agree", "pledge", "promise", "plan", "intend", "prepare", "seek", "aim", "expect", "offer", "commit", "decide", "propose", "schedule"})
_FUTURE = frozenset({"will", "shall", "'ll"})
#: Nouns of will whose "to" opens what they will: "a commitment to reach a ceasefire".
_WILL_NOUNS = frozenset({"commitment", "pledge", "promise", "plan", "decision", "readiness", "intention", "threat", "vow", "bid", "effort"})
#: How far before a cue a negation still counts, in tokens.
NEGATION_REACH = 5
_BOUNDARY_PUNCT = frozenset({";", ":", "(", ")", '"', "\u2014", "\u2013", "--", "?", "!", ","})
_BOUNDARY_WORDS = frozenset({"which", "who", "whom", "whose", "that", "while", "whereas", "but", "although", "though", "because", "when", "where", "if", "unless", "however"})
_RELATIVE = frozenset({"which", "who", "whom", "whose", "that"})
_JOINERS = frozenset({",", "and", "or", "nor", "&"})
_CONNECTORS = _JOINERS | {"as", "well", "both", "either", "the"}
_INCLUDING = frozenset({"including", "notably", "especially", "particularly"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this", "these", "those"})
_BE = frozenset({"be", "is", "are", "was", "were", "been", "being"})
#: Pronouns that open a sentence as its subject, standing for the actor the previous sentence began with.
_PRONOUNS = frozenset({"it", "they"})
#: Words that stand for the two parties last named together: "both sides", "the parties", "urged them both".
_PARTIES = (("both", "sides"), ("both", "parties"), ("the", "parties"), ("the", "two", "sides"), ("the", "two", "parties"), ("the", "two", "forces"),
            ("both", "countries"), ("the", "two", "countries"), ("their", "two", "countries"), ("both", "nations"), ("the", "two", "nations"), ("both", "belligerents"), ("the", "belligerents"), ("them", "both"), ("both", "of", "them"),
            ("both", "forces"), ("both", "governments"), ("the", "two", "governments"), ("the", "warring", "parties"), ("the", "warring", "sides"))  # fmt: skip
#: The last words of a phrase for two parties that are states ("both countries").
_STATE_WORDS = frozenset({"countries", "nations", "states"})
#: What a third party does for two others: when the text names none after it, its objects are the parties ("the
#: AU-led process", "commended South Africa for hosting the talks").
_THIRD_PARTY = frozenset({"mediation", "hosts-visit"})
#: Words for the parties' talks, which a third party hosts or facilitates.
_TALKS = frozenset({"auspices", "talk", "talks", "negotiation", "negotiations", "process", "dialogue", "discussion", "discussions", "facilitation", "mediation", "meeting", "summit", "effort", "efforts", "step"})
#: Determiners of a noun the text has named before.
_DEFINITE = frozenset({"the", "these", "those", "such"})
#: What joins two verbs that share their actors ("bombed and invaded", "condemned, and rejected").
_VERB_JOINS = frozenset({"and", "or", ","})
#: Words that open an aside between a subject and its verb (", led by General X,", ", which ...,").
_ASIDES = frozenset({"led", "headed", "commanded", "backed", "supported", "based", "which", "who", "chaired", "founded"})
#: Words that, before "to", report a source rather than name a relation ("according to").
_REPORTING = frozenset({"according"})
#: Nouns of a third party's work whose "of" names who does it: "under the auspices of the AU", "the mediation of Qatar".
_AGENT_OF = frozenset({"auspices", "mediation", "facilitation", "leadership", "good offices"})
#: Words that, after "and", open a phrase of their own rather than add to the object.
_NEW_PHRASE = frozenset({"to", "with", "for", "on", "in", "at", "from", "by", "through"})
#: Kinds that say how an actor stands on what another did: a verb of these reads the cue after it as its object.
_STANCES = frozenset({"criticism", "support", "rejection", "demand", "accusation", "protest"})
#: Plain verb forms that are as often nouns naming what a relation is about ("attacks and support for X").
_NOUN_TOO = frozenset({"support", "aid", "attack", "fire", "strike", "fight", "trade", "cooperation", "talk", "deal", "visit", "control", "return", "release", "protest", "threat", "demand", "supply", "arm", "assistance", "help", "training", "access", "use"})
#: Words that name the other side of an undirected relation ("X and Y met with Z").
_PARTNER = frozenset({"with", "against", "between", "among"})
#: Small words inside a name ("Declaration of Commitment to Protect").
_NAME_JOINS = frozenset({"of", "to", "for", "the", "on"})
#: Words after which a name is a place, not a party ("strife in Syria").
_LOCATIVE = frozenset({"in", "at", "across", "near", "inside", "throughout", "within", "from", "into", "outside", "around"})


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
class _Found:
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
        self.synonyms = cameo.synonyms()
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
            pronoun = self.before is not None and any(t.lower_ in _PRONOUNS for t in sent[:3])
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
                reading.events.extend(_Sentence(self, doc, sent, inside, self._cues(sent, inside)).read(reading))
                for candidate in reading.candidates:
                    self.recent[candidate.kind] = [Mention(-1, -1, candidate.source, "earlier")]
                    people = any(self.names.type_of(end) == "person" for end in (candidate.source, candidate.target))
                    if not self.kinds[candidate.kind].directed and candidate.kind not in _THIRD_PARTY and not people:
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
            phrase = next((p for p in _PARTIES if tuple(lower[i : i + len(p)]) == p), None)
            if phrase is None:
                i += 1
                continue
            at = sent.start + i
            states = phrase[-1] in _STATE_WORDS  # "their two countries": the last two states named together
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

    def _cues(self, sent: Span, mentions: list[Mention]) -> list[_Found]:
        """The cues of a sentence, none inside a name ("the mediators" when they are an actor of the dataset); where they
        overlap, the longest ("conduct ... airstrike" over "airstrike")."""
        # The Matcher counts from the span's start, the PhraseMatcher from the doc's.
        matches = [(key, sent.start + s, sent.start + e) for key, s, e in self.matcher(sent)]
        matches += [m for phrases in self.phrases.values() for m in phrases(sent)]
        strings = sent.vocab.strings
        found = sorted((_Found(s, e, self.cues.cues[int(strings[key])]) for key, s, e in matches), key=lambda f: (f.start - f.end, f.start))
        cues: list[_Found] = []
        taken: set[int] = {t for m in mentions if m.how != "parties" for t in range(m.start, m.end)}
        doc = sent.doc
        found += self._cameo(sent, [f.start for f in found])
        for f in found:
            # "according to" says who reports, not that an accord was made: its "according" is no cue.
            if doc[f.start].lower_ in _REPORTING and f.start + 1 < len(doc) and doc[f.start + 1].lower_ == "to":
                continue
            if self._in_name(doc, f.start):
                continue
            if taken.isdisjoint(range(f.start, f.end)):
                cues.append(f)
                taken.update(range(f.start, f.end))
        return sorted(cues, key=lambda f: f.start)

    def _cameo(self, sent: Span, others: list[int]) -> list[_Found]:
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
            noun = k > 0 and tokens[k - 1].lower_ in _DETERMINERS
            # "armed groups", "displaced people": a past participle before a noun describes it.
            described = token.lower_.endswith("ed") and k + 1 < len(tokens) and tokens[k + 1].is_lower and tokens[k + 1].is_alpha
            described = described and tokens[k + 1].lower_ not in _DETERMINERS | _LOCATIVE | _PARTNER | {"to", "on", "by", "for", "over", "and"}
            for pattern in verb_patterns:
                if not pattern.words and (noun or described or token.lemma_ in cameo.LIGHT_VERBS):
                    continue
                if ahead and pattern.kind not in _STANCES:
                    continue
                if _follows(tokens, k + 1, pattern.words, self.synonyms) and pattern.kind in self.kinds:
                    found.append(_Found(token.i, token.i + 1, self._cameo_cue(token.lemma_, pattern)))
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
        if before > 0 and doc[before].lower_ in _NAME_JOINS:
            before -= 1
        after = at + 1 < len(doc) and doc[at + 1].text[:1].isupper() and doc[at + 1].is_alpha
        return after or (before >= 0 and doc[before].is_alpha and doc[before].text[:1].isupper() and not doc[before].is_sent_start)

    def _tie(self, tie: Tie) -> Candidate:
        return Candidate(tie.source, tie.target, tie.kind, self.kinds[tie.kind].directed, TIE_CONFIDENCE, tie.rule)


class _Sentence:
    """The rules, applied to one sentence: its mentions, its cues, the clause boundaries between them."""

    def __init__(self, reader: Reader, doc: Doc, sent: Span, mentions: list[Mention], cues: list[_Found]) -> None:
        self.reader = reader
        self.words = reader.cues
        self.doc = doc
        self.first, self.last = sent.start, sent.end
        self.mentions = mentions
        self.cues = cues
        self.by_start = {m.start: m for m in mentions}
        self.by_end = {m.end: m for m in mentions}
        self.cue_at = {c.start: c for c in cues}
        self.cue_tokens = {i for c in cues for i in range(c.start, c.end)}
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
        directed = self.reader.kinds[found.cue.kind].directed
        left = self._left(found.start) or []
        # Where cooperation happens, or a war is fought, is no party to it ("signed an accord in Moscow", "the war in
        # Yemen"); where force is used on someone, the place is what it is used on ("strikes in Syria").
        kind = self.reader.kinds[found.cue.kind]
        if not left and self._definite(found):
            # "the offensive by Haftar's forces and ... these military operations against the capital": the same actors.
            earlier = next((c for c in reversed(self.cues[:index]) if c.cue.kind == found.cue.kind), None)
            left = list(self._ends_of(self.cues.index(earlier)).acting) if earlier is not None else []
        agent, right, between, nested = self._right(found.end, places=kind.polarity > 0 or not directed)
        third_party = found.cue.kind in _THIRD_PARTY
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
        if not directed and not agent and len(left) >= 2 and (not right or self._word_before(right[0]) not in _PARTNER):
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
        if i > self.first and self.doc[i].lower_ == "and" and at not in self.by_start and (i - 1) + 1 not in self.by_end:
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
            if token.lower_ in _PRONOUNS and i < self.first + 3 and self.reader.before is not None:
                return [self.reader.before]  # "It struck Syria", at a sentence's start: the actor the last one began with
            if token.lower_ in ("he", "she") and i < self.first + 3 and self.reader.person is not None:
                return [self.reader.person]  # "He emphasized ...": the person the last sentences were about
            if token.lower_ == "we" and self.reader.voice is not None:
                return [self.reader.voice]  # "The United States welcomes ... We call on X": a statement's voice
            if i in self.quoting:
                return None  # reported speech: the subject is inside the clause, or missing
            if i in self.cue_tokens and self._cameo_at(i):
                i -= 1  # a verb of the dictionary says how its own actors relate, not who acts in the cue after it
                continue
            if i in self.cue_tokens:
                shared = self._coordinated(i, at)
                if shared is None:
                    shared = self._controlling(i, at)
                if shared is None:
                    return None  # "X condemned the attack": X acts in the other cue, and this one is its object
                i = shared - 1  # "X bombed and invaded Y", "X threatened to attack Y": X acts in both
                continue
            if token.lower_ in _RELATIVE:
                return self._antecedent(i)
            if token.text == "," and self._participle(i + 1):
                return self._subject(i)  # ", justifying ...": the main clause's subject acts
            aside = self._aside_start(i) if token.text == "," else None
            if aside is not None:
                i = aside - 1  # "X, led by General Y, attacked Z": X acts, across the aside
                continue
            if token.text in _BOUNDARY_PUNCT or token.lower_ in _BOUNDARY_WORDS:
                return None
            i -= 1
        return None

    def _about_talks(self, found: _Found) -> bool:
        """Whether a third party's cue is about the parties' talks: a word for them within its clause, after it ("hosting
        the talks", "whose facilitation led to this step"), or the cue's own noun ("AU-led process")."""
        for j in range(max(self.first, found.start - 5), found.start):
            if self.doc[j].lower_ in _TALKS or self.doc[j].lemma_ in _TALKS:
                return True  # "these negotiations, co-hosted by Switzerland"
        for j in range(found.start, min(self.last, found.end + 6)):
            token = self.doc[j]
            if token.lower_ in _TALKS or token.lemma_ in _TALKS:
                return True
            if j >= found.end and (token.text in _BOUNDARY_PUNCT or j in self.by_start):
                return False
        return False

    def _after_opening(self, found: _Found) -> Group:
        """When a cue stands in a sentence's opening phrase (no boundary from the sentence's start to it, a comma after
        it), the group of actors right after that comma; else none."""
        if any(self.doc[j].text in _BOUNDARY_PUNCT or self.doc[j].lower_ in _BOUNDARY_WORDS for j in range(self.first, found.start)):
            return []
        j = found.end
        while j < self.last and self.doc[j].text != ",":
            if self.doc[j].text in _BOUNDARY_PUNCT or j in self.by_start:
                return []
            j += 1
        j += 1
        while j < self.last and self.doc[j].lower_ in _DETERMINERS:
            j += 1
        mention = self.by_start.get(j)
        return self._group(mention, +1) if mention is not None else []

    def _verb(self, at: int) -> bool:
        """Whether token ``at`` is a verb in its plain form ("engage", "provide"), by the CAMEO dictionary's verbs: the
        pipeline has no tagger, and a plain form after "and" opens a clause more often than it names a thing."""
        token = self.doc[at]
        return token.lower_ == token.lemma_ and token.lower_ in self.reader.verbs and token.lower_ not in _NOUN_TOO and not token.is_title

    def _definite(self, found: _Found) -> bool:
        """Whether a cue is a noun the text has named before: "the airstrikes", "these attacks"."""
        return found.start - 1 >= self.first and self.doc[found.start - 1].lower_ in _DEFINITE

    def _coordinated(self, inside: int, at: int) -> int | None:
        """The start of the cue holding token ``inside`` when only "and", "or" or a comma stand between it and token
        ``at`` (two verbs sharing their actors: "bombed and invaded"); else None."""
        cue = next((c for c in self.cues if c.start <= inside < c.end), None)
        if cue is None or cue.end >= at or not all(self.doc[j].lower_ in _VERB_JOINS for j in range(cue.end, at)):
            return None
        return cue.start

    def _cameo_at(self, i: int) -> bool:
        cue = next((c for c in self.cues if c.start <= i < c.end), None)
        return cue is not None and cue.cue.origin == "cameo-verbs.tsv"

    def _controlling(self, inside: int, at: int) -> int | None:
        """The start of the cue holding token ``inside`` when it is a verb of will whose "to" opens token ``at``'s cue
        ("threatened to attack", "agreed to lift", "vowed to protect"): its subject is this one's too; else None."""
        cue = next((c for c in self.cues if c.start <= inside < c.end), None)
        if cue is None or not cue.end < at <= cue.end + 3 or self.doc[cue.end].lower_ != "to":
            return None
        if any(self.doc[j].text in _BOUNDARY_PUNCT or j in self.by_start for j in range(cue.end, at)):
            return None
        lemma = self.doc[cue.end - 1].lemma_  # "agreed to implement a ceasefire", "a commitment to reach a ceasefire"
        return cue.start if lemma in _THREATENING or lemma in _INTENDING or lemma in _WILL_NOUNS else None

    def _aside_start(self, at: int) -> int | None:
        """Where an aside ends by the comma at token ``at`` begins (its opening comma), if it is one: a comma up to ten
        tokens before, followed by "led by", "backed by", "which", "who"... and no other boundary between."""
        for j in range(at - 1, max(self.first, at - 11) - 1, -1):
            token = self.doc[j]
            if token.text == ",":
                return j if j + 1 < at and self.doc[j + 1].lower_ in _ASIDES else None
            if token.text in _BOUNDARY_PUNCT or j in self.cue_tokens:
                return None
        return None

    def _speaks(self, at: int) -> bool:
        return at < self.last and self.words.speech.has(self.doc[at].lemma_, self.doc[at].lower_)

    def _participle(self, at: int) -> bool:
        return at < self.last and self.doc[at].is_alpha and self.doc[at].lower_.endswith("ing")

    def _antecedent(self, at: int) -> Group | None:
        """What "which" or "who" at token ``at`` stands for: the group just before (a comma and two nouns may come between: "the Druze minority, which")."""
        i = at - 1 if at - 1 >= self.first and self.doc[at - 1].text == "," else at
        for end in range(i, max(self.first, i - 2) - 1, -1):
            mention = self.by_end.get(end)
            if mention is not None:
                return self._group(mention, -1)
            if self.doc[end - 1].text in _BOUNDARY_PUNCT:
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
                named_after_by = by_seen and self.doc[self._word_before_at(mention)].lower_ in _INCLUDING
                # "under the auspices of the African Union": who "of" names after such a noun acts, as after "by".
                agent_of = before == "of" and i - at <= 3 and self.doc[at - 1].lower_ in _AGENT_OF
                if (before == "by" or named_after_by or agent_of) and not agent:
                    agent = group
                    i = group[-1].end
                    continue
                if places and self._place(mention) and self._word_before_at(mention) >= at:
                    # "signed an accord in Moscow": where, not with whom (the cue's own "in", "arrive in X", is kept).
                    i = group[-1].end
                    continue
                return agent, group + self._including(group[-1]), before in ("between", "among"), None
            if i in self.cue_at:
                if all(self.doc[j].lower_ in _VERB_JOINS for j in range(at, i)) and i > at:
                    i = self.cue_at[i].end  # "bombed and invaded Y": Y is the object of both
                    continue
                return agent, [], False, self.cues.index(self.cue_at[i])
            token = self.doc[i]
            by_seen = by_seen or token.lower_ == "by"
            new_cue = i > at and i + 1 in self.cue_at  # "the offensive by X and urge ...": another clause's cue
            if token.lower_ == "and" and i + 1 < self.last and (self.doc[i + 1].lower_ in _NEW_PHRASE or self._verb(i + 1) or new_cue):
                # "a partner to this AU-led process and to our collaboration with the UN", "end these attacks and engage
                # with the envoys": a phrase or a clause of its own
                break
            # ", including ..." goes on with the object ("sanctions, including those on Syria's oil"), and so does
            # ", <verb>ing ..." when nothing was found yet: "eased sanctions, permitting transactions with the government".
            elaborates = token.text == "," and i + 1 < self.last and (self.doc[i + 1].lower_ in _INCLUDING or self._participle(i + 1))
            if not elaborates and (token.text in _BOUNDARY_PUNCT or token.lower_ in _BOUNDARY_WORDS or i in self.quoting):
                break
            i += 1
        return agent, [], False, None

    def _including(self, last: Mention) -> Group:
        """Actors added to a group by ", including X and Y" (after at most three other words)."""
        i = last.end
        while i < min(last.end + 4, self.last) and self.doc[i].lower_ not in _INCLUDING:
            if i in self.by_start or self.doc[i].text in _BOUNDARY_PUNCT - {","}:
                return []
            i += 1
        if i >= self.last or self.doc[i].lower_ not in _INCLUDING:
            return []
        j = i + 1 + (self.doc[i + 1].lower_ in _DETERMINERS if i + 1 < self.last else 0)
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
            if not (all(t.lower_ in _CONNECTORS for t in gap) and any(t.lower_ in _JOINERS for t in gap)) and not _as_well_as(gap):
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
        return i - 1 if i >= self.first and self.doc[i].lower_ in _DETERMINERS else i

    def _place(self, mention: Mention) -> bool:
        return self._word_before(mention) in _LOCATIVE

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

    def _passive(self, found: _Found) -> bool:
        i = found.start - 1
        if i >= self.first and self.doc[i].lower_.endswith("ly"):
            i -= 1  # "was reportedly attacked"
        return i >= self.first and self.doc[i].lower_ in _BE

    # Negation, hedges, reported speech

    def _negation(self, found: _Found) -> str | None:
        for i in range(found.start - 1, max(self.first, found.start - NEGATION_REACH) - 1, -1):
            token = self.doc[i]
            if token.text in _BOUNDARY_PUNCT:
                return None
            if self.words.negation.has(token.lemma_, token.lower_):
                return token.text
        return None

    def _demanded(self, found: _Found, index: int) -> str | None:
        """The demand that asks for a cue, when the cue is what is asked ("called on Rwanda to withdraw its troops"): the
        verb right after "to", with a demand earlier in the sentence. What it is asked to stop stays a fact ("to cease
        support for M23", "to end these attacks"): those cues are not right after "to"."""
        i = found.start - 1
        if i >= self.first and self.doc[i].lower_.endswith("ly"):
            i -= 1  # "to immediately withdraw"
        if i - 2 >= self.first and self.doc[i].lower_ == "and" and self.doc[i - 2].lower_ == "to":
            i -= 2  # "to respect and support the UN Mission"
        if i < self.first or self.doc[i].lower_ != "to":
            return None
        asking = next((c for c in reversed(self.cues[:index]) if c.cue.kind == "demand"), None)
        return asking.text(self.doc) if asking is not None else None

    def _modality(self, found: _Found) -> tuple[str | None, str]:
        """How the sentence holds the cue: "threat" ("threatened to strike", "warned it would"), "intent" ("agreed to
        sign", "will meet", "is about to"), or None; and the word that says so. Read up to three words before the cue,
        within its clause."""
        for i in range(found.start - 1, max(self.first, found.start - MODALITY_REACH) - 1, -1):
            token = self.doc[i]
            if token.text in _BOUNDARY_PUNCT or i + 1 in self.by_end:
                break
            nxt = self.doc[i + 1].lower_ if i + 1 < self.last else ""
            if token.lemma_ in _THREATENING and (nxt == "to" or token.lemma_ == "warn"):
                return "threat", token.text
            if (token.lemma_ in _INTENDING and nxt == "to") or token.lower_ in _FUTURE or (token.lower_ == "about" and nxt == "to"):
                return "intent", token.text
        return None, ""

    def _hedge(self, found: _Found) -> str | None:
        for token in self.doc[self.first : found.end]:
            if (token.is_lower or token.i == self.first) and self.words.hedges.has(token.lemma_, token.lower_):
                return token.text
        return None

    def _speech(self) -> Iterator[tuple[int, Referent | None, str]]:
        """Reported speech in the sentence: (the verb's token, the speaker, "before" or "after": the cues it covers)."""
        doc = self.doc
        for i in range(self.first, self.last):
            token = doc[i]
            if token.lower_ == "according" and i + 1 < self.last and doc[i + 1].lower_ == "to":
                mention = self.by_start.get(i + 2) or self.by_start.get(i + 3)
                if mention is not None:
                    yield i, mention.referent, "all"
                continue
            if not self._speaks(i):
                continue
            after = doc[i + 1] if i + 1 < self.last else None
            before = doc[i - 1] if i > self.first else None
            if before is not None and before.text in (",", '"') and (mention := self.by_start.get(i + 1) or self.by_start.get(i + 2)):
                yield i, mention.referent, "before"  # '"...," said X'
                continue
            speaker = self.by_end.get(i) or self.by_end.get(i - 1)
            ahead = speaker is not None and self._word_before(speaker) in (",", '"')
            if ahead:
                yield i, speaker.referent, "before"  # '"...," X said'
            elif after is not None and (after.lower_ in ("that", ",", ":") or after.text == '"' or i + 1 in self.by_start):
                left = self._left(i) if speaker is None else [speaker]
                yield i, left[0].referent if left else None, "after"

    def _speaker(self, found: _Found) -> Referent | None:
        for at, speaker, covers in self.speech:
            if covers == "all" or (covers == "after" and at < found.start) or (covers == "before" and at > found.start):
                return speaker
        return None


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
            if token.text in _BOUNDARY_PUNCT:
                return False
            i += 1
            if (token.lower_ in synonyms.get(word, ()) or token.lemma_ in synonyms.get(word, ())) if word[0] == "&" else word in (token.lemma_, token.lower_):
                break
        else:
            return False
    return True


def _as_well_as(gap: Span) -> bool:
    """Whether the words between two actors join them across what is said of the first: "Faki for his leadership as well
    as the extraordinary efforts of Obasanjo"."""
    words = [t.lower_ for t in gap]
    if len(words) > 10 or words[-1] != "of" or any(t.text in _BOUNDARY_PUNCT for t in gap):
        return False
    return any(words[i : i + 3] == ["as", "well", "as"] for i in range(len(words) - 2))


def _last_pair(mentions: list[Mention], doc: Doc, states: bool = False) -> list[Mention]:
    """The last two distinct actors of ``mentions`` joined by "and" (a pair already read counts as one); with ``states``,
    the last two states."""
    for k in range(len(mentions) - 1, 0, -1):
        pair = [mentions[k], *mentions[k].also] if mentions[k].also else [mentions[k - 1], mentions[k]]
        between = {t.lower_ for t in doc[pair[0].end : pair[1].start]} if not mentions[k].also else set()
        joined = 0 < pair[1].start - pair[0].end <= 3 and between <= _CONNECTORS | {"-"} and bool(between & (_JOINERS | {"-"}))
        if mentions[k].also or (pair[0].referent != pair[1].referent and pair[0].how != "parties" and joined):
            if not states or _states(pair):
                return pair
    return []


def _states(pair: list[Mention]) -> bool:
    return all(m.referent.kind == "state" and m.referent.level == "state" for m in pair)


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
