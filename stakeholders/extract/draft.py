"""The draft: the candidates of every sentence gathered into sources, new actors and relations,
and written as a YAML dataset with comments for the reviewer.

The draft is meant to be dropped into the dataset's folder once reviewed, where
files merge: so it has no ``meta`` (the dataset's stays in force), cites a source
the dataset already has for the same article rather than adding it again, refers
to the dataset's actors by id, and gives every record an id the dataset does not
use. Relations are ``draft:<source>--<kind>--<target>``, apart from the ids a
loader derives, so that merging changes no existing id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..dates import PartialDate
from ..model import Actor, Dataset
from ..names import free_id, normalize, slug
from ..yamltext import Flow, commented_section
from .articles import Article, Layout
from .mentions import LEVELS, MAIN, Names, Referent
from .resolve import Resolver, main_state, with_level
from .rules import Candidate, Reading, show
from .words import TIE_CONFIDENCE

#: How many words of a title make a source's id.
ID_WORDS = 6


@dataclass
class Sentence:
    """What ``--explain`` tells of one sentence: where it is, the actors found, what each cue gave or why not."""

    source: str
    locator: str
    text: str
    actors: list[str]
    events: list[str]


@dataclass
class DraftRelation:
    id: str
    source: str
    target: str
    kind: str
    directed: bool
    confidence: float
    evidence: list[dict[str, str]] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    speakers: list[str | None] = field(default_factory=list)
    statuses: set[str | None] = field(default_factory=set)  # "announced" for a cue read as intent ("agreed to", "will")
    existing: str | None = None
    quoted: set[tuple[str, str, str]] = field(default_factory=set)  # the evidence's (source, quote, locator), to skip repeats

    def record(self) -> dict[str, Any]:
        """The relation as the draft file holds it."""
        record: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "directed": self.directed,
            "confidence": self.confidence,
            "tags": Flow(["draft"]),
        }
        if len(self.statuses) == 1 and None not in self.statuses:
            record["status"] = next(iter(self.statuses))  # every sentence says it is to come, none that it happened
        reported = set(self.speakers)
        if len(reported) == 1 and None not in reported:
            record["attributes"] = {"reported_by": self.speakers[0]}
        record["evidence"] = self.evidence
        return record


@dataclass
class Draft:
    """A map drafted from articles, for a reviewer: what ``write_draft`` writes, and what ``--explain`` tells.

    ``sources`` are the new sources (one per article, unless the dataset already
    has it: then ``cited`` names it), ``actors`` the new actors proposed,
    ``relations`` the relations found, ``sentences`` what was read in each sentence.
    """

    sources: list[dict[str, Any]] = field(default_factory=list)
    cited: list[tuple[str, str]] = field(default_factory=list)  # (dataset source id, why it is the article's)
    actors: list[Actor] = field(default_factory=list)
    relations: list[DraftRelation] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    articles: int = 0

    @property
    def data(self) -> dict[str, Any]:
        """The draft as a dataset would hold it (without the reviewer's comments)."""
        return {
            "sources": self.sources,
            "actors": [_actor_record(a) for a in self.actors],
            "relations": [r.record() for r in self.relations],
        }

    def summary(self) -> dict[str, Any]:
        """Counts, for a command's report: articles, sources, new actors, relations (and by kind)."""
        kinds: dict[str, int] = {}
        for relation in self.relations:
            kinds[relation.kind] = kinds.get(relation.kind, 0) + 1
        return {
            "articles": self.articles,
            "sources": len(self.sources),
            "cited_sources": [source for source, _ in self.cited],
            "new_actors": len(self.actors),
            "relations": len(self.relations),
            "relations_by_kind": dict(sorted(kinds.items())),
        }

    def text(self) -> str:
        """The draft as YAML, with a comment for the reviewer before each record."""
        lines = [
            "# A draft drawn by `stakeholders extract`: every entry needs a reviewer.",
            "# Read each relation against its quote; fix its kind, direction and ends, add dates and a",
            "# status; delete what the quote does not say; remove the draft tag from what you keep.",
            "# Then move this file into the dataset's folder: files there merge into one map.",
            "",
        ]
        lines += [f"# cites {s}, which the dataset already has ({why})" for s, why in self.cited]
        lines += [*commented_section("sources", [([], s) for s in self.sources]), ""]
        lines += [*commented_section("actors", [(["new actor: not in the dataset; its type is a guess"], _actor_record(a)) for a in self.actors]), ""]
        lines += [*commented_section("relations", [(_notes(r), r.record()) for r in self.relations]), ""]
        return "\n".join(lines) + "\n"


def write_draft(draft: Draft, path: str | Path, *, force: bool = False) -> Path:
    """Write the draft as commented YAML; refuses to replace a file unless ``force``."""
    return write_atomic(path, [draft.text()], replace=force)


def _actor_record(actor: Actor) -> dict[str, Any]:
    record = actor.model_dump(mode="json", exclude_defaults=True)
    return {**record, **{key: Flow(record[key]) for key in ("aliases", "tags") if key in record}}




def _notes(relation: DraftRelation) -> list[str]:
    arrow = "->" if relation.directed else "--"
    notes = [f"{relation.source} {arrow} {relation.target}: found by {'; '.join(relation.rules)}"]
    hedged = sorted(set(relation.hedges))
    if hedged:
        notes.append(f"hedged ({', '.join(hedged)}): the source does not vouch for it; confidence lowered")
    speakers = sorted({s for s in relation.speakers if s is not None})
    if speakers:
        notes.append(f"reported speech: according to {', '.join(speakers)}")
    if relation.existing is not None:
        notes.append(f"the dataset already has {relation.existing} for these actors and kind: add the quote there, delete this one")
    return notes


#: A text of at most this many words is short: its role nouns are read against each sentence's main state first.
SHORT_TEXT = 120


class Builder:
    """Gathers the readings of each article into a draft, against a dataset's ids."""

    def __init__(self, dataset: Dataset, names: Names, resolver: Resolver) -> None:
        self.dataset = dataset
        self.names = names
        self.resolver = resolver
        self.draft = Draft()
        self._relations: dict[tuple[str, str, str], DraftRelation] = {}
        self._taken = {"sources": set(dataset.sources_by_id), "relations": set(dataset.relations_by_id)}
        self._existing: dict[tuple[str, str, str], str] = {}
        for relation in dataset.relations:
            self._existing.setdefault(_key(relation.source, relation.target, relation.kind, relation.directed), relation.id)

    def add(self, article: Article, layout: Layout, readings: list[tuple[int, int, Reading]]) -> None:
        """One article: its source, and the candidates of its sentences (by paragraph and sentence number)."""
        self.draft.articles += 1
        source = self._source(article, layout)
        main = main_state(self.names, (m for _, _, r in readings for m in r.mentions))
        # In a short text (a wire item, a line of an event coder's test suite) a role noun is the state its own sentence
        # names most, if one leads there; in a longer one, the article's main state is the surer reading.
        short = len(article.text.split()) <= SHORT_TEXT
        for paragraph, number, reading in readings:
            if short:
                sentence = main_state(self.names, reading.mentions)
                main_here = sentence if sentence is not None else main
            else:
                main_here = main
            offset = layout.spans[paragraph - layout.first][0]
            quote = article.text[offset + reading.start : offset + reading.end].strip()
            locator = "headline" if paragraph == 0 else f"paragraph {paragraph}, sentence {number}"
            events = list(reading.events)
            candidates = reading.candidates + list(self._part_of(reading))
            for candidate in candidates:
                # "The government condemned Somalia": not Somalia's own government, whatever the sentence names most.
                roles = [r for r in (candidate.source, candidate.target) if r.kind == "state" and r.key == MAIN]
                others = [self.names.country(r) for r in (candidate.source, candidate.target) if r not in roles]
                here = main if len(roles) == 1 and others == [main_here] else main_here
                events.extend(self._add(candidate, here, {"source": source, "quote": quote, "locator": locator}))
            actors = [self._name(m.referent, main_here) for m in reading.mentions]
            self.draft.sentences.append(Sentence(source, locator, quote, actors, events))

    def finish(self) -> Draft:
        """The draft, with the new actors its relations need: a state named in passing is no actor of the map."""
        used = {end for r in self.draft.relations for end in (r.source, r.target)} | {s for r in self.draft.relations for s in r.speakers if s}
        self.draft.actors = [a for a in self.resolver.proposed.values() if a.id in used]
        return self.draft

    def _name(self, referent: Referent, main: str | None) -> str:
        found = self.resolver.actor(referent, main)
        return f"{show(referent, self.names)} = {found[0]}" if found is not None else f"{show(referent, self.names)} (no main state)"

    def _part_of(self, reading: Reading) -> Iterable[Candidate]:
        """A role noun names a part of a state ("Syria's army"): the forces are part of the government, the government of the state."""
        for mention in reading.mentions:
            referent = mention.referent
            if referent.kind == "state" and referent.level != "state" and mention.how == "role":
                up = with_level(referent, LEVELS[LEVELS.index(referent.level) - 1])
                yield Candidate(referent, up, "part-of", True, TIE_CONFIDENCE, f"a role noun naming the {referent.level}", exact=True)

    def _add(self, candidate: Candidate, main: str | None, evidence: dict[str, str]) -> Iterable[str]:
        ends = [self.resolver.actor(r, main) for r in (candidate.source, candidate.target)]
        if ends[0] is None or ends[1] is None:
            yield f"{candidate.kind}: dropped, the article has no main state for a role noun"
            return
        (source, source_level), (target, target_level) = ends
        if candidate.exact and (source_level, target_level) != (candidate.source.level, candidate.target.level):
            return  # the dataset has no actor of its own for that government or forces: nothing to tie
        if source == target:
            yield f"{candidate.kind}: dropped, both ends are {source} in this dataset"
            return
        key = _key(source, target, candidate.kind, candidate.directed)
        relation = self._relations.get(key)
        if relation is None:
            relation = DraftRelation(self._id(f"draft:{source}--{candidate.kind}--{target}", "relations"), source, target, candidate.kind, candidate.directed, 0.0)
            relation.existing = self._existing.get(key)
            self._relations[key] = relation
            self.draft.relations.append(relation)
        relation.confidence = max(relation.confidence, candidate.confidence)
        relation.statuses.add(candidate.status)
        quoted = (evidence["source"], evidence["quote"], evidence["locator"])
        if quoted not in relation.quoted:
            relation.quoted.add(quoted)
            relation.evidence.append(evidence)
            relation.speakers.append(self._speaker(candidate.speaker, main))
        for items, value in ((relation.rules, candidate.rule), (relation.hedges, candidate.hedge)):
            if value is not None and value not in items:
                items.append(value)

    def _speaker(self, speaker: Referent | None, main: str | None) -> str | None:
        found = self.resolver.actor(speaker, main) if speaker is not None else None
        return found[0] if found is not None else None

    def _source(self, article: Article, layout: Layout) -> str:
        """The article's source id: the dataset's own when it has the article (same URL or title), else a new source."""
        title = layout.title or article.name
        for known in self.dataset.sources:
            same_url = article.url is not None and known.url == article.url
            if same_url or normalize(known.title) == normalize(title):
                why = "same URL" if same_url else "same title"
                if (known.id, why) not in self.draft.cited:
                    self.draft.cited.append((known.id, why))
                return known.id
        base = slug(" ".join(normalize(title).split()[:ID_WORDS])) or "article"
        if isinstance(layout.date, PartialDate):
            base = f"{layout.date}-{base}"
        record: dict[str, Any] = {"id": self._id(base, "sources"), "title": title}
        if article.publisher:
            record["publisher"] = article.publisher
        if layout.date is not None:
            record["date"] = str(layout.date)
        if article.url:
            record["url"] = article.url
        record["kind"] = "article"
        record["description"] = f"Drafted from {article.name} by stakeholders extract."
        self.draft.sources.append(record)
        return str(record["id"])

    def _id(self, base: str, section: str) -> str:
        found = free_id(base, self._taken[section])
        self._taken[section].add(found)
        return found


def _key(source: str, target: str, kind: str, directed: bool) -> tuple[str, str, str]:
    """One key for a relation, whichever way round an undirected one is written."""
    if not directed and target < source:
        source, target = target, source
    return source, target, kind
