"""Fuzzing with hypothesis: valid datasets round-trip through load, graph, every
export and the page; mutated ones always end in the project's own error, located.

CI runs a small budget; ``pytest -m fuzz`` runs the long one (10,000 mutated
datasets, 2,000 valid ones through every export).
"""

from __future__ import annotations

import copy
import csv
import datetime
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import stakeholders
from stakeholders.errors import ParseError, StakeholdersError, ValidationError
from stakeholders.export import FORMATS, export
from stakeholders.model import ACTOR_TYPES
from stakeholders.render import generate_html
from stakeholders.vocabulary import DEFAULT_KINDS

QUICK = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LONG = settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
QUICK_EXPORTS = settings(QUICK, max_examples=12)
LONG_EXPORTS = settings(LONG, max_examples=2_000)

# Text as people write it in many scripts, with the characters that break naive
# code: right-to-left marks and overrides, combining marks, markup, quotes.
_SPECIAL = ["\u202e", "\u202c", "\u200f", "\u0301", "\u0327", "أحمد", "שלום", "<script>", "&amp;", '"', "'", "\\", "\n", "\t", "ﬁ", "İ"]
# PyYAML's emitter writes NEL and the line and paragraph separators raw inside
# quoted text, where YAML reads them as line breaks: they do not survive a dump.
texts = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x85\u2028\u2029"), min_size=1, max_size=12),
    st.lists(st.sampled_from(_SPECIAL) | st.text("abcXYZ é", min_size=1, max_size=4), min_size=1, max_size=5).map("".join),
).filter(lambda s: s.strip() != "")
ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,8}", fullmatch=True)


@st.composite
def partial_dates(draw: st.DrawFn, after: str | None = None) -> str:
    day = draw(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
    text = draw(st.sampled_from([day.isoformat()[:4], day.isoformat()[:7], day.isoformat()]))
    return text if after is None or text >= after else after


@st.composite
def datasets(draw: st.DrawFn) -> dict[str, Any]:
    """A valid dataset as plain data: what a YAML or JSON file holds."""
    actor_ids = draw(st.lists(ids, min_size=2, max_size=6, unique_by=str.casefold))
    source_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    optional = st.none() | texts
    sources = [
        _without_none({"id": s, "title": draw(texts), "publisher": draw(optional), "date": draw(st.none() | partial_dates()), "url": draw(st.none() | st.just("https://example.org/a?b=1"))})
        for s in source_ids
    ]
    actors = []
    for actor_id in actor_ids:
        start = draw(st.none() | partial_dates())
        actors.append(
            _without_none(
                {
                    "id": actor_id,
                    "name": draw(texts),
                    "type": draw(st.sampled_from(ACTOR_TYPES)),
                    "aliases": draw(st.lists(texts, max_size=2)),
                    "description": draw(optional),
                    "country": draw(optional),
                    "tags": draw(st.lists(texts, max_size=2)),
                    "start": start,
                    "end": draw(st.none() | partial_dates(after=start)),
                    "attributes": draw(st.dictionaries(texts, st.integers(-(10**6), 10**6) | st.booleans() | texts | st.floats(allow_nan=False, allow_infinity=False), max_size=2)),
                }
            )
        )
    relations = []
    for _ in range(draw(st.integers(0, 8))):
        source, target = draw(st.lists(st.sampled_from(actor_ids), min_size=2, max_size=2, unique=True))
        start = draw(st.none() | partial_dates())
        relations.append(
            _without_none(
                {
                    "source": source,
                    "target": target,
                    "kind": draw(st.sampled_from(list(DEFAULT_KINDS))),
                    "mode": draw(st.sampled_from(["direct", "indirect"])),
                    "via": draw(st.lists(st.sampled_from(actor_ids), max_size=1)),
                    "status": draw(st.none() | st.sampled_from(["ongoing", "ended", "pending", "announced", "partial"])),
                    "start": start,
                    "end": draw(st.none() | partial_dates(after=start)),
                    "weight": draw(st.none() | st.floats(0, 1)),
                    "confidence": draw(st.none() | st.floats(0, 1)),
                    "description": draw(optional),
                    "evidence": [
                        _without_none({"source": draw(st.sampled_from(source_ids)), "quote": draw(texts), "locator": draw(optional)})
                        for _ in range(draw(st.integers(0, 2)))
                    ],
                    "tags": draw(st.lists(texts, max_size=2)),
                }
            )
        )
    return {"meta": {"title": draw(texts), "name": "fuzz"}, "sources": sources, "actors": actors, "relations": relations}


def _without_none(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None and v != [] and v != {}}


def _write(folder: Path, data: Any, as_json: bool) -> Path:
    path = folder / ("map.json" if as_json else "map.yaml")
    text = json.dumps(data, ensure_ascii=False) if as_json else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def _check_round_trip(data: dict[str, Any]) -> None:
    expected = stakeholders.from_dict(copy.deepcopy(data)).model_dump(mode="json")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for as_json in (False, True):
            loaded = stakeholders.load(_write(out, data, as_json))
            assert loaded.model_dump(mode="json") == expected
        graph = stakeholders.to_graph(loaded)
        assert (graph.number_of_nodes(), graph.number_of_edges()) == (len(data["actors"]), len(data["relations"]))
        for name in FORMATS:
            for path in export(graph, name, out / "exports" / f"map{FORMATS[name].suffix}"):
                _check_readable(path)
        page = generate_html(graph)
        found = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.DOTALL)
        assert found is not None and json.loads(found.group(1))["title"] == loaded.meta.title


def _check_readable(path: Path) -> None:
    """Each file an export writes parses in its own format."""
    if path.is_dir():
        for inner in path.iterdir():
            _check_readable(inner)
    elif path.suffix in (".gexf", ".graphml"):
        etree.parse(str(path), etree.XMLParser(huge_tree=True))
    elif path.suffix in (".json", ".cyjs"):
        json.loads(path.read_text(encoding="utf-8"))
    elif path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as rows:
            assert len(list(csv.reader(rows))) >= 1
    else:
        assert path.read_text(encoding="utf-8")


@QUICK_EXPORTS
@given(datasets())
def test_valid_datasets_round_trip_through_everything(data):
    _check_round_trip(data)


@pytest.mark.fuzz
@LONG_EXPORTS
@given(datasets())
def test_valid_datasets_round_trip_through_everything_long(data):
    _check_round_trip(data)


# ---- mutations ----

HOSTILE_VALUES = [
    None, "", "   ", [], {}, 0, -1, 10**30, -(10**300), 1e308, float("inf"), float("-inf"), float("nan"), True,
    "2025-13", "2025-02-30", "2025-1", "20250", "0000", "0000-00-00", "2025-01-01T10:00", "9999-12-31", "-2025",
    "\u202eevil", "e\u0301\u0327", "<script>alert(1)</script>", "javascript:alert(1)", "data:text/html,x", "http://", "x" * 10_000,
    ["x"], [["x"]], {"a": "b"}, {"id": "x"}, [None], [{"source": "nope", "quote": "q"}],
]
SECTIONS = ["meta", "sources", "actors", "relations", "kinds"]
FIELDS = ["id", "name", "type", "title", "source", "target", "kind", "via", "start", "end", "date", "url", "weight", "confidence",
          "evidence", "quote", "aliases", "tags", "attributes", "polarity", "directed", "mode", "status", "country", "soruce"]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bool]:
    """A dataset broken in one to three ways, as file text (YAML or JSON)."""
    data = draw(datasets())
    for _ in range(draw(st.integers(1, 3))):
        records = [r for s in ("sources", "actors", "relations") for r in _listed(data, s) if isinstance(r, dict)]
        records += [e for r in _listed(data, "relations") if isinstance(r, dict) for e in _listed(r, "evidence") if isinstance(e, dict)]
        how = draw(st.sampled_from(["drop", "set", "reference", "duplicate", "section", "kind"]))
        if how == "section":
            data[draw(st.sampled_from(SECTIONS))] = draw(st.sampled_from(HOSTILE_VALUES) | texts)
        elif how == "kind":
            data.setdefault("kinds", [])
            if isinstance(data["kinds"], list):
                data["kinds"].append({"id": draw(ids | texts), "polarity": draw(st.sampled_from([1, -1, 0, "hostile", 2, "x", None])), "directed": draw(st.sampled_from([True, "yes", None, 3])), "goldstein": draw(st.sampled_from([-10, 11, float("nan"), 5]))})
        elif not records:
            data["actors"] = draw(st.sampled_from(HOSTILE_VALUES))
        else:
            record = draw(st.sampled_from(records))
            if how == "drop" and record:
                del record[draw(st.sampled_from(sorted(record)))]
            elif how == "set":
                record[draw(st.sampled_from(FIELDS))] = draw(st.sampled_from(HOSTILE_VALUES) | texts)
            elif how == "reference":
                record[draw(st.sampled_from(["source", "target", "via", "kind"]))] = draw(texts | st.lists(texts, max_size=2))
            else:
                section = draw(st.sampled_from([s for s in ("sources", "actors", "relations") if _listed(data, s)] or ["actors"]))
                if _listed(data, section):
                    data[section].append(copy.deepcopy(draw(st.sampled_from(data[section]))))
    as_json = draw(st.booleans())
    text = json.dumps(data, ensure_ascii=draw(st.booleans())) if as_json else yaml.safe_dump(data, allow_unicode=draw(st.booleans()))
    edit = draw(st.sampled_from(["none", "none", "truncate", "insert"]))
    if edit != "none" and text:
        at = draw(st.integers(0, len(text) - 1))
        text = text[:at] if edit == "truncate" else text[:at] + draw(st.sampled_from(["[", "{", "]", ":", '"', "'", "&a", "*a", "\t", "\x00", "\x07", "\ufeff", "- ", "\n  ", "#", "!!python/object:os.system", "%YAML 1.1\n", "9" * 5000, "!!bool ", "!!int ", "!!timestamp ", "!!binary ", "<<: "])) + text[at:]
    return text, as_json


def _listed(record: dict[str, Any], key: str) -> list[Any]:
    value = record.get(key)
    return value if isinstance(value, list) else []


def _check_mutation(text: str, as_json: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("map.json" if as_json else "map.yaml")
        path.write_text(text, encoding="utf-8")
        try:
            loaded = stakeholders.load(path)
        except (ValidationError, ParseError) as exc:
            problems = exc.problems if isinstance(exc, ValidationError) else [exc.problem]
            for problem in problems:
                assert problem.file == path and problem.line is not None and problem.line >= 1, str(problem)
                assert problem.message and "Traceback" not in problem.message
            return
        except StakeholdersError as exc:  # any other error of ours must still name the file
            assert str(exc).startswith(str(path)), str(exc)
            return
        # Still valid after the mutation: then the rest of the tool must cope with it too.
        stakeholders.to_graph(loaded)


@QUICK
@given(mutated())
def test_mutated_datasets_end_in_our_own_located_error(case):
    _check_mutation(*case)


@pytest.mark.fuzz
@LONG
@given(mutated())
def test_mutated_datasets_end_in_our_own_located_error_long(case):
    _check_mutation(*case)
