"""Big JSON maps validated a piece at a time give exactly what the whole document gives, or nothing."""

import codecs
import importlib
import json
from typing import Any

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stakeholders
from stakeholders.ingest import jsonpieces
from stakeholders.ingest.jsonpieces import validate_in_pieces
from stakeholders.model import Dataset

from .test_fuzz import QUICK, datasets

# Strings that look like the places the document is cut.
_TRAPS = ['}, {"kind": "visit"}', '"relations": [', "\\", '"', "}, {", "]}"]


def _map(relations: int = 40, evidence: int = 1, trap: str = "") -> dict[str, Any]:
    """A map whose every fifth quote holds ``trap``."""
    actors = [{"id": f"a{i}", "name": f"Actor {i}", "type": "state"} for i in range(6)]
    return {
        "meta": {"title": "Pieces"},
        "sources": [{"id": "s1", "title": "Report"}],
        "actors": actors,
        "relations": [
            {
                "id": f"r{i}",
                "source": f"a{i % 6}",
                "target": f"a{(i + 1) % 6}",
                "kind": "visit",
                "start": "2025-01",
                "evidence": [{"source": "s1", "quote": f"Quote {i}.{j}{trap if i % 5 == 0 else ''}"} for j in range(evidence)],
            }
            for i in range(relations)
        ],
        "kinds": [{"id": "k1", "polarity": 1, "directed": True}, {"id": "k2", "polarity": -1, "directed": False}],
    }


_LAYOUTS = {
    "compact": {"separators": (",", ":")},
    "spaced": {},
    "indented": {"indent": 2},
    "tabs": {"indent": "\t"},
}


@pytest.mark.parametrize("layout", sorted(_LAYOUTS))
@pytest.mark.parametrize("evidence", [1, 2])
def test_a_cut_map_reads_as_the_whole_one(layout, evidence):
    raw = json.dumps(_map(evidence=evidence, trap=" }, {tricky} ]},"), **_LAYOUTS[layout]).encode()
    cut = validate_in_pieces(raw, piece_bytes=300)
    assert cut is not None
    assert cut == Dataset.model_validate_json(raw)
    assert [r.id for r in cut.relations] == [f"r{i}" for i in range(40)]


def test_relations_before_the_other_sections_are_cut_too():
    data = _map()
    reordered = {"relations": data.pop("relations"), **data}
    raw = json.dumps(reordered).encode()
    cut = validate_in_pieces(raw, piece_bytes=300)
    assert cut is not None and cut == Dataset.model_validate_json(raw)


@pytest.mark.parametrize(
    "case",
    ["small", "named twice", "duplicate key", "escaped duplicate key", "bad record", "nested", "too deep"],
)
def test_what_cannot_be_cut_safely_is_left_whole(case):
    data = _map()
    raw = json.dumps(data).encode()
    piece = 300
    if case == "small":
        piece = len(raw)
    elif case == "named twice":
        data["actors"][0]["tags"] = ["relations"]
        raw = json.dumps(data).encode()
    elif case == "duplicate key":
        raw = raw[:-1] + b', "relations": []}'
    elif case == "escaped duplicate key":  # the same key to pydantic, which keeps the last
        raw = raw[:-1] + b', "relation\\u0073": []}'
    elif case == "bad record":
        data["relations"][3]["weight"] = 7
        raw = json.dumps(data).encode()
    elif case == "nested":
        raw = json.dumps({"meta": {"title": "x", "relations": data.pop("relations")}, **data}).encode()
    elif case == "too deep":  # within pydantic's nesting limit in a piece only if read shallower
        deep = b'"description": ' + b"[" * 199 + b"]" * 199 + b', "description": "ok", "id"'
        raw = raw.replace(b'"id"', deep, 10)
    assert validate_in_pieces(raw, piece_bytes=piece) is None
    if case == "too deep":
        with pytest.raises(pydantic.ValidationError):
            Dataset.model_validate_json(raw)
    elif case in ("duplicate key", "escaped duplicate key"):
        assert Dataset.model_validate_json(raw).relations == []


@pytest.mark.parametrize("first", ["id", "source"])
def test_many_quotes_per_relation_offer_no_false_cuts(first, monkeypatch):
    data = _map(evidence=30)
    data["relations"] = [{first: r[first], **r} for r in data["relations"]]
    raw = json.dumps(data).encode()
    misses = []
    real = jsonpieces._Piece.model_validate_json

    def piece(text: bytes) -> jsonpieces._Piece:
        try:
            return real(text)
        except pydantic.ValidationError:
            misses.append(text)
            raise

    monkeypatch.setattr(jsonpieces._Piece, "model_validate_json", piece)
    cut = validate_in_pieces(raw, piece_bytes=2000)
    assert cut is not None and cut == Dataset.model_validate_json(raw)
    assert misses == []  # no cut fell between two quotes


def test_a_big_file_with_a_byte_order_mark_is_cut_too(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonpieces, "PIECE_BYTES", 300)
    cut = []
    real = jsonpieces.validate_in_pieces
    monkeypatch.setattr(importlib.import_module("stakeholders.ingest.validate"), "validate_in_pieces", lambda raw: cut.append(real(raw)) or cut[-1])
    path = tmp_path / "bom.json"
    path.write_bytes(codecs.BOM_UTF8 + json.dumps(_map()).encode())
    assert stakeholders.load(path) == stakeholders.from_dict(_map(), name="bom")
    assert cut and cut[0] is not None


@QUICK
@given(datasets(), st.sampled_from(sorted(_LAYOUTS)), st.integers(1, 400), st.sampled_from(_TRAPS))
def test_cutting_never_changes_what_a_map_says(data, layout, piece, trap):
    if data["relations"]:
        data["relations"][0]["description"] = trap
    raw = json.dumps(data, ensure_ascii=False, **_LAYOUTS[layout]).encode()
    cut = validate_in_pieces(raw, piece_bytes=piece)
    assert cut is None or cut == Dataset.model_validate_json(raw)


def test_load_cuts_big_files_and_still_places_problems(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonpieces, "PIECE_BYTES", 300)
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    data = _map()
    good.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert stakeholders.load(good) == stakeholders.from_dict(_map(), name="good")
    data["relations"][30]["weight"] = 7
    text = json.dumps(data, indent=2)
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(stakeholders.ValidationError) as caught:
        stakeholders.load(bad)
    line = text.splitlines().index('      "weight": 7') + 1
    assert [str(p) for p in caught.value.problems] == [f"{bad}:{line}:17: relations[30].weight: must be at most 1, got 7"]
