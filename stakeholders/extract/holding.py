"""What a sentence holds of a cue: denied, asked for, threatened, to come, hedged, or reported by someone.

``Holding`` is the part of ``rules.Clause`` that reads the words around a cue for how
the text holds it, rather than for who acts in it: a negation before it drops it, a
demand that asks for it means it is not done ("called on Rwanda to withdraw"), a verb
of threat makes a hostile cue a threat, one of intent makes it a relation to come, a
hedge lowers its confidence, and reported speech names who says it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .words import (
    BOUNDARY_PUNCT,
    FUTURE,
    INTENDING,
    MODALITY_REACH,
    NEGATION_REACH,
    THREATENING,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .lexicon import Cues
    from .mentions import Mention, Referent
    from .rules import Found


class Holding:
    """The reading of modality, negation, hedges and speech; ``Clause`` gives the sentence it reads."""

    doc: Doc
    first: int
    last: int
    words: Cues
    cues: list[Found]
    by_start: dict[int, Mention]
    by_end: dict[int, Mention]
    speech: list[tuple[int, Referent | None, str]]
    # ``Clause`` gives ``_left`` (who acts before a token) and ``_word_before`` too: a speaker is found like a subject.

    def _speaks(self, at: int) -> bool:
        return at < self.last and self.words.speech.has(self.doc[at].lemma_, self.doc[at].lower_)

    def _negation(self, found: Found) -> str | None:
        for i in range(found.start - 1, max(self.first, found.start - NEGATION_REACH) - 1, -1):
            token = self.doc[i]
            if token.text in BOUNDARY_PUNCT:
                return None
            if self.words.negation.has(token.lemma_, token.lower_):
                return token.text
        return None

    def _demanded(self, found: Found, index: int) -> str | None:
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

    def _modality(self, found: Found) -> tuple[str | None, str]:
        """How the sentence holds the cue: "threat" ("threatened to strike", "warned it would"), "intent" ("agreed to
        sign", "will meet", "is about to"), or None; and the word that says so. Read up to three words before the cue,
        within its clause."""
        for i in range(found.start - 1, max(self.first, found.start - MODALITY_REACH) - 1, -1):
            token = self.doc[i]
            if token.text in BOUNDARY_PUNCT or i + 1 in self.by_end:
                break
            nxt = self.doc[i + 1].lower_ if i + 1 < self.last else ""
            if token.lemma_ in THREATENING and (nxt == "to" or token.lemma_ == "warn"):
                return "threat", token.text
            if (token.lemma_ in INTENDING and nxt == "to") or token.lower_ in FUTURE or (token.lower_ == "about" and nxt == "to"):
                return "intent", token.text
        return None, ""

    def _hedge(self, found: Found) -> str | None:
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

    def _speaker(self, found: Found) -> Referent | None:
        for at, speaker, covers in self.speech:
            if covers == "all" or (covers == "after" and at < found.start) or (covers == "before" and at > found.start):
                return speaker
        return None
