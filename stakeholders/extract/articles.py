"""Articles to extract from: plain text, Markdown or a saved web page, with the title, date
and URL a source needs, and the paragraphs to read.

Quotes must be verbatim, so the text is never rewritten: what the language
pipeline reads is a *view* of it of the same length (curly quotes made straight,
Markdown markup and line breaks inside a paragraph blanked), and every offset
found in the view is an offset in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..dates import PartialDate
from ..errors import DataError, FileTooLargeError, UsageError
from ..ingest.positions import decode
from ..ingest.read import DEFAULT_MAX_BYTES
from ..model import is_url
from ..optional import require

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
#: The longest first line still taken for a title (a longer one is a paragraph).
TITLE_LENGTH = 200

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE_LINE = re.compile(
    rf"\s*(?:(?:date|dated|published|posted|updated)\s*:?\s*)?"
    rf"(?:(?P<iso>\d{{4}}-\d{{2}}(?:-\d{{2}})?)|(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTHS})\s+(?P<y1>\d{{4}})|(?P<m2>{_MONTHS})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}}))\s*",
    re.IGNORECASE,
)
# Markdown markup, blanked in the view: headings, quotes and list markers at a line's start,
# emphasis and code marks, the brackets and target of links, images whole.
_MARKUP = re.compile(r"(?m)^[ \t]{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])(?=\s)|!\[[^\]\n]*\]\([^)\n]*\)|\]\([^)\n]*\)|[*`\[]|(?<!\w)_+|_+(?!\w)")
# Typographic characters the pipeline should read as their plain forms; each is one character, as is its replacement.
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2032": "'", "\n": " ", "\r": " "})


@dataclass
class Article:
    """One text to extract from, and what is known of it.

    ``text`` is what quotes cite. ``title``, ``date`` and ``url`` describe the
    source; those not given are looked for in the text (a short first line is the
    title, a line such as ``date 2025-07-17`` the date). ``name`` says where the
    text came from, in messages.
    """

    text: str
    title: str | None = None
    date: str | PartialDate | None = None
    url: str | None = None
    publisher: str | None = None
    name: str = "text"
    markdown: bool = False


@dataclass(frozen=True)
class Layout:
    """An article as read: its title and date (given or found) and the paragraphs to extract from."""

    title: str | None
    date: PartialDate | None
    paragraphs: tuple[tuple[int, int], ...]  # character spans of the text
    view: str  # the text as the pipeline reads it, of the same length
    #: The title line's span when the text begins with it: a report often states its main fact there ("US-brokered"),
    #: read for relations at a lower confidence.
    headline: tuple[int, int] | None = None

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """What is read, in order: the headline when there is one, then the paragraphs."""
        return ((self.headline,) if self.headline else ()) + self.paragraphs

    @property
    def first(self) -> int:
        """The number of the first span read: 0 for a headline, else 1, the first paragraph."""
        return 0 if self.headline else 1


def read_article(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """A file as an article: a saved web page's main text and metadata (with trafilatura), or the text itself.

    Raises ``DataError`` (naming the file) when it cannot be read, is not UTF-8
    text, or is a page without an article in it.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLargeError(path, size, max_bytes)
        with path.open("rb") as file:
            raw = file.read(max_bytes + 1)
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise FileTooLargeError(path, None, max_bytes)
    if b"\x00" in raw:
        raise DataError(f"{path}: binary data, not text")
    text = decode(path, raw)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return _page(path, text)
    return Article(text, name=path.name, markdown=suffix in MARKDOWN_SUFFIXES)


def _page(path: Path, html: str) -> Article:
    try:
        trafilatura = require("trafilatura", "reading web pages", "extract")
    except UsageError as exc:
        raise UsageError(f"{path}: {exc}") from None
    # Given the page's content, trafilatura reads it offline: nothing is fetched.
    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if found is None or not (found.text or "").strip():
        raise DataError(f"{path}: no article text found in the page")
    return Article(
        found.text,
        title=found.title or None,
        date=_partial(found.date),
        url=found.url if is_url(found.url) else None,
        publisher=found.sitename or None,
        name=path.name,
    )


def _partial(value: str | None) -> PartialDate | None:
    try:
        return PartialDate.parse(value) if value else None
    except ValueError:
        return None


def layout(article: Article) -> Layout:
    """The article's title, date and paragraphs, and the view the pipeline reads.

    Paragraphs are separated by blank lines, or by line breaks in a text without
    blank lines; the title line and date lines are not read for relations.
    """
    text = article.text
    lines = [(m.start(), m.end()) for m in re.finditer(r"^.*$", text, re.MULTILINE)]
    filled = [i for i, (s, e) in enumerate(lines) if text[s:e].strip()]
    title, date = article.title, _partial(article.date) if isinstance(article.date, str) else article.date
    headline: tuple[int, int] | None = None
    skip: set[int] = set()
    for i in filled:
        found = _DATE_LINE.fullmatch(text, *lines[i])
        if found and (date is not None or (date := _date(found)) is not None):
            skip.add(i)
    first = next((i for i in filled if i not in skip), None)
    if first is not None:
        line = text[slice(*lines[first])].strip()
        heading = line.lstrip("#").strip() if article.markdown and line.startswith("#") else None
        ends = line.translate(_PLAIN).rstrip('"').endswith((".", "!", "?", ":", ";"))
        if title is None and (heading or (len(line) <= TITLE_LENGTH and not ends)):
            title = heading or line
        if title is not None and (heading or line) == title.strip():
            skip.add(first)
            headline = _stripped(text, *lines[first])
            if heading is not None:
                headline = (headline[1] - len(heading), headline[1])  # a Markdown heading is read without its "#"
    body = [i for i in filled if i not in skip]
    blank_separated = bool(body) and any(i not in skip and not text[slice(*lines[i])].strip() for i in range(body[0], body[-1]))
    paragraphs: list[tuple[int, int]] = []
    run: list[int] = []
    for i in body:
        if run and (not blank_separated or i != run[-1] + 1):
            paragraphs.append(_stripped(text, lines[run[0]][0], lines[run[-1]][1]))
            run = []
        run.append(i)
    if run:
        paragraphs.append(_stripped(text, lines[run[0]][0], lines[run[-1]][1]))
    view = _MARKUP.sub(lambda m: " " * len(m.group()), text) if article.markdown else text
    return Layout(title.strip() if title else None, date, tuple(paragraphs), view.translate(_PLAIN), headline)


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    return start + len(chunk) - len(chunk.lstrip()), end - (len(chunk) - len(chunk.rstrip()))


def _date(found: re.Match[str]) -> PartialDate | None:
    if found["iso"]:
        return _partial(found["iso"])
    day, month, year = (found["d1"], found["m1"], found["y1"]) if found["d1"] else (found["d2"], found["m2"], found["y2"])
    try:
        return PartialDate.parse(dt.date(int(year), _MONTHS.split("|").index(month.lower()) + 1, int(day)))
    except ValueError:
        return None
