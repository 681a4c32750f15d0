"""Verb patterns at an event coder's scale, from the CAMEO verb dictionary of PETRARCH 2.

``cameo-verbs.tsv`` (package data) holds, one a line, a verb lemma, the words that
must follow it (none, or a phrase such as "to ceasefire"), its CAMEO code and the
relation kind of ours that code stands for. It is derived from ``CAMEO.2.0.txt``
of the Open Event Data Alliance's PETRARCH 2 (github.com/openeventdata/petrarch2,
petrarch2/data/dictionaries/, MIT licence; the notice is at the head of the file)
by ``build``, which this module runs as a script:

    python -m stakeholders.extract.cameo CAMEO.2.0.txt > stakeholders/extract/cameo-verbs.tsv

How a PETRARCH pattern becomes ours: every verb of a block (and its irregular
forms, which the lemma table folds) takes every pattern of the block, as PETRARCH
reads them; a pattern keeps the words after the verb ("- * (TO &CEASEFIRE)
[0356]" is "agree to truce|armistice|ceasefire..."), with its synonym sets spelled
out and its markers dropped; the words before the verb (who acts) are left to our
rules, which read the actors around the cue. Patterns with "NOT" are left out (our
negation reads them), and so are codes that name no relation between two actors
(01 statements, 02 appeals, 09 investigations...). Which code is which kind is what
event data says (``events.cameo``), but for ``TEXT_KINDS``.

Why a matcher of our own rather than spaCy's ``Matcher``: it tries every pattern at
every token, 27 microseconds a token for 200 patterns (``rules``), and these are
thousands. Here a token's lemma is looked up in a dict, and only that verb's
patterns are tried on the next few words.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

#: Where a verb in a sentence is read otherwise than the same code in event data (``events.cameo``): reducing
#: relations (16: breaking ties, halting talks, expelling) is hostility, sanctions only as an embargo (163) or as
#: administrative sanctions (172); de-escalating (087), apologising (055) and forgiving (056) name no relation of ours.
TEXT_KINDS: Mapping[str, str | None] = {"16": "hostility", "172": "sanctions", "087": None, "055": None, "056": None}
#: Verbs too light to say anything alone ("take", "go", "hold"): only their patterns with words count. "join" is left
#: out with its patterns: who it names is a partner ("join the PSC in condemning"), not whom the relation is with.
UNJOINED = frozenset({"join"})
LIGHT_VERBS = frozenset(
    "be have do make take give get go come put set keep hold run turn bring call see look show move control press meet "
    "play stand leave let seem become find tell say ask use work try feel open close end start begin reach carry raise "
    "pass point draw cut lay lead mark note face head back hit engage expect express join ensure continue need allow enable "
    "help want plan hope remain build create achieve address consider come".split()
)
#: How many words after the verb the words of a pattern may spread over.
REACH = 6
#: The confidence of a relation found by a verb alone, and by a verb with its words.
VERB_CONFIDENCE, PATTERN_CONFIDENCE = 0.5, 0.6

_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")


@cache
def _kinds() -> dict[str, str | None]:
    """Each CAMEO code or root that has a kind (or None: no relation of ours), as event data reads it, but for
    ``TEXT_KINDS``. Imported here: ``events.cameo`` reads its tables, and only ``build`` needs this."""
    from ..events.cameo import ROOT_KINDS, code_kinds
    from ..vocabulary import DEFAULT_KINDS

    return {**ROOT_KINDS, **code_kinds(DEFAULT_KINDS.values()), **TEXT_KINDS}


def kind_of(code: str) -> str | None:
    """Our relation kind for a CAMEO code ("0356" -> pledge), or None: the longest prefix of the code that has one."""
    kinds = _kinds()
    for length in range(len(code), 1, -1):
        if code[:length] in kinds:
            return kinds[code[:length]]
    return None


def _first_code(text: str) -> str | None:
    found = _CODE.search(text)
    code = found.group(1).split(":")[0].strip() if found else ""
    return code if code.isdigit() else None  # not "---", which marks a pattern coded as nothing


def _words(phrase: str, sets: Mapping[str, list[str]]) -> tuple[str, ...] | None:
    """A pattern's words after the verb: markers dropped, {multi word} nouns split, a synonym set kept as "&name" (None
    when the dictionary does not define it)."""
    phrase = re.sub(r"[()$+^%]", " ", phrase).replace("{", " ").replace("}", " ")
    words: list[str] = []
    for word in phrase.split():
        if word.startswith("&"):
            if word[1:] not in sets:
                return None
            words.append(word.lower())
        else:
            words.extend(word.lower().strip("_").replace("_", " ").split())
    return tuple(words)


def build(text: str) -> Iterator[tuple[str, str, str, str]]:
    """The rows of ``cameo-verbs.tsv`` from the text of ``CAMEO.2.0.txt``: (verb, words after it, code, kind), each once;
    then the synonym sets the patterns use, as ("&name", word, "", "")."""
    sets: dict[str, list[str]] = {}
    lines = text.splitlines()
    current: str | None = None
    i = 0
    while i < len(lines) and "VERB PATTERNS" not in lines[i]:
        line = lines[i].split("#", 1)[0].strip()
        if line.startswith("&"):
            current = line[1:]
            sets[current] = []
        elif line.startswith("+") and current is not None:
            sets[current].append(line[1:].strip("_").replace("_", " ").lower())
        i += 1
    seen: set[tuple[str, str, str, str]] = set()
    verbs: list[str] = []  # the lemmas of the block
    default: str | None = None
    for raw in lines[i:]:
        if "TRANSFORMATIONS" in raw:
            break  # rewrites of coded events, not verb patterns
        header = _HEADER.match(raw)
        if header:
            verbs, default = [], _first_code(f"[{header.group(2)}]")
            continue
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("-"):
            body = line[1:].split("[", 1)[0]
            code = _first_code(line)
            if code is None or "*" not in body or " NOT " in f" {body} " or kind_of(code) is None:
                continue
            words = _words(body.split("*", 1)[1], sets)
            # The pattern is the verb's its comment names, where the block has that verb ("- * AID [070] # RUSH").
            comment = raw.split("#", 1)[1].split() if "#" in raw else []
            named = comment[0].lower().replace("_", " ") if comment else ""
            for verb in verbs:
                if named in verbs and verb != named:
                    continue
                row = (verb, " ".join(words or ()), code, kind_of(code) or "")
                if words and row not in seen:
                    seen.add(row)
                    yield row
            continue
        # A verb of the block: "DEAL {DEALS DEALING DEALT } [045]", "+SIDE_WITH" (several words).
        word = line.split("{", 1)[0].split("[", 1)[0].strip().lstrip("+")
        if not word or " " in word:
            continue
        lemma = word.strip("_").replace("_", " ").lower()
        code = _first_code(line) or default
        verbs.append(lemma)
        if code is not None and kind_of(code) is not None:
            row = (lemma, "", code, kind_of(code) or "")
            if row not in seen:
                seen.add(row)
                yield row
    used = {word[1:] for row in seen for word in row[1].split() if word.startswith("&")}
    for name in sorted(used):
        for member in sets[name.upper()]:
            yield f"&{name}", member, "", ""


@dataclass(frozen=True)
class Pattern:
    """A verb's pattern: the words that must follow it (in order, gaps allowed), its code and kind."""

    words: tuple[str, ...]
    code: str
    kind: str

    @property
    def confidence(self) -> float:
        return PATTERN_CONFIDENCE if self.words else VERB_CONFIDENCE


@cache
def _table() -> tuple[Mapping[str, tuple[Pattern, ...]], Mapping[str, frozenset[str]]]:
    """The shipped file, read once: the patterns by the verb's first word, the longest phrases first (they win over the
    verb alone); and the synonym sets they name ("&weapon"), with their words and the first word of their phrases."""
    by_verb: dict[str, list[Pattern]] = {}
    members: dict[str, set[str]] = {}
    for line in (files(__package__) / "cameo-verbs.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        first, words, code, kind = line.split("\t")
        if first.startswith("&"):
            members.setdefault(first, set()).update((words, words.split()[0]))
            continue
        head, *rest = first.split()
        by_verb.setdefault(head, []).append(Pattern((*rest, *words.split()), code, kind))
    patterns = {verb: tuple(sorted(found, key=lambda p: -len(p.words))) for verb, found in by_verb.items()}
    return patterns, {name: frozenset(words) for name, words in members.items()}


def patterns() -> Mapping[str, tuple[Pattern, ...]]:
    """The shipped patterns by the verb's first word, the longest phrases first."""
    return _table()[0]


def synonyms() -> Mapping[str, frozenset[str]]:
    """The synonym sets the patterns name ("&weapon"): their words, and the first word of their phrases."""
    return _table()[1]


def rows_text(rows: Iterable[tuple[str, str, str, str]]) -> str:
    """The TSV, with the licence of its source at its head."""
    head = [
        "# CAMEO verb patterns for stakeholders extract: verb<TAB>words after it<TAB>CAMEO code<TAB>relation kind.",
        "# Derived by stakeholders/extract/cameo.py from CAMEO.2.0.txt of PETRARCH 2 (github.com/openeventdata/petrarch2),",
        "# which carries this notice: The MIT License (MIT). Copyright (c) 2015 Open Event Data Alliance. Permission is hereby",
        "# granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the",
        '# "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy,',
        "# modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the",
        "# Software is furnished to do so, subject to the following conditions: The above copyright notice and this permission",
        '# notice shall be included in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS",',
        "# WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,",
        "# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE",
        "# FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF",
        "# OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.",
    ]
    rows = list(dict.fromkeys(rows))
    ordered = sorted(r for r in rows if not r[0].startswith("&")) + [r for r in rows if r[0].startswith("&")]
    return "\n".join([*head, *("\t".join(row) for row in ordered)]) + "\n"


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as source:
        sys.stdout.write(rows_text(build(source.read())))
