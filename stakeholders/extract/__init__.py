"""Drafting a map from news articles: who relates to whom, with the sentence that says so.

    >>> import stakeholders
    >>> data = stakeholders.load("data")
    >>> draft = stakeholders.extract_draft(["article.txt"], data)
    >>> stakeholders.write_draft(draft, "draft.yaml")

spaCy's blank English pipeline reads the articles (a sentencizer and lookup
lemmas: no model weights, nothing downloaded); actors are found by name
(``mentions``), relations by cue words and the order of words around them
(``rules``), and everything becomes a draft dataset for a person to review
(``draft``). What is looked for lives in data files beside this module:
``cues.yaml`` (the patterns of each relation kind) and ``gazetteer.yaml``
(states, demonyms, capitals, organisations, role nouns, titles).

spaCy is imported only here, when extracting: importing the package stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DataError, UsageError
from ..filters import parse_date
from ..ingest import from_dict
from ..ingest.read import DEFAULT_MAX_BYTES
from ..model import Dataset, is_url
from ..optional import require
from ..progress import Progress, silent
from .articles import Article, Layout, layout, read_article
from .draft import Builder, Draft, write_draft
from .lexicon import gazetteer, load_cues
from .mentions import Names
from .reader import Reader
from .resolve import Resolver
from .rules import Reading

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.lookups import Table
    from spacy.tokens import Doc

__all__ = ["Article", "Draft", "extract_draft", "read_article", "write_draft"]

INSTALL = "pip install 'stakeholders[extract]'"
#: Paragraphs handed to spaCy at a time.
BATCH = 256


@cache
def pipeline() -> Language:
    """spaCy's blank English pipeline with a sentencizer and lookup lemmas (spacy-lookups-data): no model weights."""
    spacy = require("spacy", "extracting from articles", "extract")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    try:
        nlp.initialize()  # reads the lemma tables from spacy-lookups-data
    except (ImportError, ValueError) as exc:
        raise UsageError(f"extracting from articles needs spacy-lookups-data ({exc}): {INSTALL}") from None
    return nlp


def _lemmas(nlp: Language) -> Table:
    return nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


def extract_draft(
    inputs: Sequence[str | Path | Article],
    dataset: Dataset | None = None,
    *,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    patterns: str | Path | None = None,
    progress: Progress = silent,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Draft:
    """Draft a map from articles: a path (text, Markdown or a saved web page) or an ``Article`` each.

    Actors are the dataset's (by name and alias) and the gazetteer's, mapped onto
    the dataset's where it has them; relations come from the cue patterns
    (``patterns``: a YAML file adding or replacing kinds of ``cues.yaml``).
    ``title``, ``date`` and ``url`` describe the one article given. Every article
    becomes a source; the draft is checked to load together with the dataset.
    Raises ``DataError`` on a file that cannot be read, ``UsageError`` on bad
    options or when spaCy is missing. ``progress`` hears of each article.
    """
    articles = [_article(item, max_bytes) for item in inputs]
    if title is not None or date is not None or url is not None:
        if len(articles) != 1:
            raise UsageError("a title, date or URL describes one article; give them for one article at a time")
        if url is not None and not is_url(url):
            raise UsageError(f"url: not an http(s) URL: {url!r}")
        first = articles[0]
        articles = [replace(first, title=title or first.title, date=parse_date(date, "date") if date is not None else first.date, url=url or first.url)]
    dataset = dataset if dataset is not None else Dataset()
    nlp = pipeline()
    lemmas = _lemmas(nlp)
    cues = load_cues(lambda w: lemmas.get(w, w), lambda text: [t.text for t in nlp.make_doc(text)], dataset.kinds_by_id, patterns)
    names = Names(nlp, dataset, gazetteer())
    reader = Reader(nlp, lemmas, cues, names, dataset.kinds_by_id)
    builder = Builder(dataset, names, Resolver(names, dataset))
    layouts = [layout(article) for article in articles]
    names.prepare(article.text for article in articles)
    docs = _docs(nlp, layouts)
    for done, (article, shape) in enumerate(zip(articles, layouts, strict=True), 1):
        readings: list[tuple[int, int, Reading]] = []
        reader.start_article()
        # The headline, when the text has one, is paragraph 0.
        for number, doc in enumerate(islice(docs, len(shape.spans)), shape.first):
            readings.extend((number, k, reading) for k, reading in enumerate(reader.read(doc, headline=number == 0), 1))
        builder.add(article, shape, readings)
        progress("extracting", done, len(articles))
    draft = builder.finish()
    _check(draft, dataset)
    return draft


def _article(item: str | Path | Article, max_bytes: int) -> Article:
    article = item if isinstance(item, Article) else read_article(item, max_bytes=max_bytes)
    if not article.text.strip():
        raise DataError(f"{item.name if isinstance(item, Article) else item}: no text to draft from: it is empty")
    return article


def _docs(nlp: Language, layouts: list[Layout]) -> Iterator[Doc]:
    """Every paragraph of every article, in order, read by the pipeline in batches."""
    texts = (shape.view[start:end] for shape in layouts for start, end in shape.spans)
    for doc in nlp.pipe(texts, batch_size=BATCH):
        _split_after_abbreviations(doc)
        yield doc


# An abbreviation (U.S., U.K.) then a capitalised word: the sentencizer cannot split there, "U.S." being one token.
_ABBREVIATION = re.compile(r"\b(?:[A-Za-z]\.){2,}\s+([A-Z][a-z]*)\b")


def _split_after_abbreviations(doc: Doc) -> None:
    """Start a sentence after an abbreviation followed by a capitalised function word: "by the U.S. In January"."""
    for match in _ABBREVIATION.finditer(doc.text):
        word = doc.char_span(*match.span(1))
        if word is not None and len(word) == 1 and word[0].is_stop:
            word[0].is_sent_start = True


def _check(draft: Draft, dataset: Dataset) -> None:
    """Validate the draft with the dataset records it refers to: what a reviewer merges must load."""
    data = draft.data
    used = {r["source"] for r in data["relations"]} | {r["target"] for r in data["relations"]}
    cited = {source for source, _ in draft.cited}
    from_dict(
        {
            "sources": [*data["sources"], *(s.model_dump(mode="json", exclude_none=True) for s in dataset.sources if s.id in cited)],
            "actors": [*data["actors"], *(a.model_dump(mode="json", exclude_defaults=True) for a in dataset.actors if a.id in used)],
            "relations": data["relations"],
            "kinds": [k.model_dump(mode="json") for k in dataset.kinds],
        }
    )
