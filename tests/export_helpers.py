"""Shared by the export tests: the GEXF schema, and a map whose text tries to break every format."""

from pathlib import Path

import pytest

import stakeholders

SCHEMA = Path(__file__).resolve().parent / "fixtures" / "gexf-1.3" / "gexf.rng"

# Markup, quotes, a control character, a line break, a formula and non-Latin
# script in the places data text reaches.
HOSTILE = {
    "meta": {"name": "hostile", "title": 'Tricky <map> & "quotes"'},
    "sources": [{"id": "s1", "title": "A <source> & co", "date": "2025-02"}],
    "actors": [
        {"id": "a", "name": '<b>A</b> & "Co" \x01', "type": "state", "aliases": ["x, y", "=cmd()"], "description": "line one\nline two\\n"},
        {"id": "b", "name": "=HYPERLINK(\"http://x\")", "type": "armed-group", "tags": ["t u"], "start": "2025"},
        {"id": "c", "name": "جماعة", "type": "community", "end": "2024-02"},
    ],
    "relations": [
        {"id": "r1", "source": "a", "target": "b", "kind": "negotiation", "start": "2025-02", "weight": 0.5,
         "evidence": [{"source": "s1", "quote": "they said \"talks\" </edge> ]]>"}]},
        {"id": "r2", "source": "b", "target": "a", "kind": "airstrike", "start": "2025-03-04", "end": "2025-03-04", "confidence": 0.25},
        {"id": "r3", "source": "a", "target": "b", "kind": "sanctions", "end": "2025", "attributes": {"n": 3, "ok": True}},
        {"id": "r4", "source": "c", "target": "a", "kind": "support", "via": ["b"], "mode": "indirect", "description": "-2 minus"},
    ],
}


def hostile() -> stakeholders.Dataset:
    return stakeholders.from_dict(HOSTILE)


def relaxng():
    etree = pytest.importorskip("lxml.etree")
    return etree.RelaxNG(etree.parse(str(SCHEMA)))
