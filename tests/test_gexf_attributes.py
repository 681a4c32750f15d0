"""GEXF attributes come from one table per class: the header and every value agree, and a new attribute is one row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import stakeholders
from stakeholders.export import gexf
from stakeholders.export.gexf import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Attribute, EdgeFacts, generate_gexf, write_gexf

from .export_helpers import hostile, relaxng

etree = pytest.importorskip("lxml.etree")
NS = {"g": "http://gexf.net/1.3"}


def _tree(data: Any, path: Path, **options: bool) -> Any:
    return etree.parse(str(write_gexf(data, path, **options)))


def _declared(tree: Any, cls: str) -> list[tuple[str, str, str]]:
    found = tree.findall(f".//g:attributes[@class='{cls}']/g:attribute", NS)
    return [(a.get("id"), a.get("title"), a.get("type")) for a in found]


def _used(tree: Any, element: str) -> set[str]:
    return {v.get("for") for v in tree.findall(f".//g:{element}/g:attvalues/g:attvalue", NS)}


# The Syria map's positions, declared after the table's own rows (``export.common.stance_attributes``).
POSITIONS = ("salience:easing-sanctions", "salience:indirect-talks", "stance:easing-sanctions", "stance:indirect-talks")


@pytest.mark.parametrize("options", [{}, {"dynamic": False}, {"directed_only": True}], ids=["dynamic", "static", "directed-only"])
def test_the_header_declares_the_tables_in_order(syria: stakeholders.Dataset, tmp_path: Path, options: dict[str, bool]) -> None:
    tree = _tree(syria, tmp_path / "map.gexf", **options)
    assert _declared(tree, "node") == [(a.name, a.name, a.type) for a in NODE_ATTRIBUTES] + [(n, n, "double") for n in POSITIONS]
    assert _declared(tree, "edge") == [(a.name, a.name, a.type) for a in EDGE_ATTRIBUTES]


def test_every_attribute_of_the_tables_reaches_the_syria_map(syria: stakeholders.Dataset, tmp_path: Path) -> None:
    tree = _tree(syria, tmp_path / "map.gexf")
    assert _used(tree, "node") == {a.name for a in NODE_ATTRIBUTES} | set(POSITIONS)
    assert _used(tree, "edge") == {a.name for a in EDGE_ATTRIBUTES}


def test_values_follow_the_table_order(syria: stakeholders.Dataset, tmp_path: Path) -> None:
    tree = _tree(syria, tmp_path / "map.gexf")
    for element, order in (("node", [a.name for a in NODE_ATTRIBUTES] + list(POSITIONS)), ("edge", [a.name for a in EDGE_ATTRIBUTES])):
        for values in tree.findall(f".//g:{element}/g:attvalues", NS):
            keys = [v.get("for") for v in values]
            assert keys == sorted(keys, key=order.index)


def test_a_new_row_is_declared_and_written(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def first_source(facts: EdgeFacts) -> str | None:
        return facts.relation.evidence[0].source if facts.relation.evidence else None

    monkeypatch.setattr(
        gexf, "NODE_ATTRIBUTES", (*NODE_ATTRIBUTES, Attribute("name", "string", lambda actor: actor.name, free_text=True))
    )
    monkeypatch.setattr(gexf, "EDGE_ATTRIBUTES", (*EDGE_ATTRIBUTES, Attribute("first_source", "string", first_source)))
    tree = _tree(hostile(), tmp_path / "hostile.gexf")
    schema = relaxng()
    assert schema.validate(tree), schema.error_log
    assert _declared(tree, "node")[-1] == ("name", "name", "string")
    assert _declared(tree, "edge")[-1] == ("first_source", "first_source", "string")
    names = {n.get("id"): n.find("g:attvalues/g:attvalue[@for='name']", NS).get("value") for n in tree.findall(".//g:node", NS)}
    assert names == {"a": '<b>A</b> & "Co" ', "b": '=HYPERLINK("http://x")', "c": "جماعة"}
    sources = {e.get("id"): e.find("g:attvalues/g:attvalue[@for='first_source']", NS) for e in tree.findall(".//g:edge", NS)}
    assert sources["r1"].get("value") == "s1"
    assert sources["r2"] is None  # no evidence, so no value


def test_none_and_empty_lists_leave_no_attvalues(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        gexf,
        "NODE_ATTRIBUTES",
        (Attribute("nothing", "string", lambda actor: None), Attribute("none", "liststring", lambda actor: ())),
    )
    text = "".join(generate_gexf(hostile()))
    assert '<attribute id="nothing" title="nothing" type="string"/>' in text
    nodes = text[text.index("<nodes") : text.index("</nodes>")]
    assert "<attvalues>" not in nodes and 'for="nothing"' not in nodes


def test_a_value_shared_by_two_attributes_is_written_for_each(monkeypatch: pytest.MonkeyPatch) -> None:
    # Elements are reused by value within one attribute only.
    same = (Attribute("one", "string", lambda facts: "same"), Attribute("two", "string", lambda facts: "same"))
    monkeypatch.setattr(gexf, "EDGE_ATTRIBUTES", same)
    text = "".join(generate_gexf(hostile()))
    assert text.count('<attvalues><attvalue for="one" value="same"/><attvalue for="two" value="same"/></attvalues>') == 4
