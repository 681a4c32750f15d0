"""GEXF 1.3: valid under the official RelaxNG schema, read back by networkx, streamed."""

import json

import networkx as nx
import pytest

import stakeholders
from stakeholders.export.gexf import generate_gexf, write_gexf
from stakeholders.graph import kinds_of
from stakeholders.style import POLARITY_STYLE, actor_style, hex_to_rgb, node_size

from .conftest import SYRIA
from .export_helpers import SCHEMA, hostile, relaxng

etree = pytest.importorskip("lxml.etree")
NS = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
UNDIRECTED = {"syria-israel-indirect-talks", "syria-israel-hostilities", "forces-druze-clashes"}


def _parse(path):
    return etree.parse(str(path))


@pytest.mark.parametrize("options", [{}, {"dynamic": False}, {"directed_only": True}], ids=["dynamic", "static", "directed-only"])
def test_the_syria_map_is_valid_gexf_1_3(syria, tmp_path, options):
    path = write_gexf(syria, tmp_path / "map.gexf", **options)
    schema = relaxng()
    assert schema.validate(_parse(path)), schema.error_log


def test_the_schema_copy_has_its_licence_note():
    note = (SCHEMA.parent / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in note and "GEXF Working Group" in note
    assert sorted(p.name for p in SCHEMA.parent.glob("*.rng")) == ["dynamics.rng", "gexf.rng", "viz.rng"]


def test_edges_keep_their_ids_direction_and_kind(syria, tmp_path):
    tree = _parse(write_gexf(syria, tmp_path / "map.gexf"))
    edges = tree.findall(".//g:edge", NS)
    assert len(edges) == 36
    assert sorted(e.get("id") for e in edges) == sorted(r.id for r in syria.relations)
    assert {e.get("id") for e in edges if e.get("type") == "undirected"} == UNDIRECTED
    assert {e.get("type") for e in edges if e.get("id") not in UNDIRECTED} == {"directed"}
    talks = next(e for e in edges if e.get("id") == "syria-israel-indirect-talks")
    assert (talks.get("source"), talks.get("target"), talks.get("kind"), talks.get("label")) == ("syrian-government", "israel", "negotiation", "negotiation")
    values = {v.get("for"): v.get("value") for v in talks.findall(".//g:attvalue", NS)}
    assert values == {
        "kind": "negotiation",
        "directed": "false",
        "polarity": "cooperative",
        "status": "ongoing",
        "mode": "indirect",
        "via": '["mediators"]',
        "goldstein": "7.0",
        "cameo": "046",
        "plover": "CONSULT",
        "evidence_count": "2",
        "quote": syria.relations_by_id["syria-israel-indirect-talks"].evidence[0].quote,
        "quote_source": "Syrian President Confirms Ongoing Indirect Negotiations with Israel Amid Ongoing Violence",
    }
    color = talks.find("viz:color", NS)
    assert (int(color.get("r")), int(color.get("g")), int(color.get("b"))) == hex_to_rgb(POLARITY_STYLE["cooperative"])


def test_attributes_are_declared_with_types(syria, tmp_path):
    tree = _parse(write_gexf(syria, tmp_path / "map.gexf"))
    declared = {
        a.getparent().get("class") + "." + a.get("id"): a.get("type") for a in tree.findall(".//g:attributes/g:attribute", NS)
    }
    assert declared["node.aliases"] == "liststring"
    assert declared["node.type"] == "string"
    assert declared["edge.confidence"] == "double"
    assert declared["edge.goldstein"] == "double"
    assert declared["edge.directed"] == "boolean"
    assert declared["edge.evidence_count"] == "integer"
    assert declared["edge.cameo"] == "string"


def test_dynamic_mode_widens_partial_dates(syria, tmp_path):
    tree = _parse(write_gexf(syria, tmp_path / "map.gexf"))
    graph = tree.find("g:graph", NS)
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == ("dynamic", "date", "directed")
    nodes = {n.get("id"): n for n in tree.findall(".//g:node", NS)}
    edges = {e.get("id"): e for e in tree.findall(".//g:edge", NS)}
    assert (nodes["al-sharaa"].get("start"), nodes["al-sharaa"].get("end")) == ("2025-01-01", None)
    assert (edges["israel-airstrikes-syria"].get("start"), edges["israel-airstrikes-syria"].get("end")) == ("2025-04-01", "2025-05-31")
    assert (edges["hts-ousts-assad"].get("start"), edges["hts-ousts-assad"].get("end")) == ("2024-12-01", "2024-12-31")
    assert (edges["al-sharaa-visits-france"].get("start"), edges["al-sharaa-visits-france"].get("end")) == ("2025-05-07", "2025-05-07")
    # Dates the relation does not give come from its source, which the reported attribute names.
    designation = edges["us-designates-hts"]
    assert (designation.get("start"), designation.get("end")) == ("2025-05-07", None)
    reported = designation.find("g:attvalues/g:attvalue[@for='reported']", NS)
    assert reported.get("value") == "2025-05-07"
    assert edges["israel-airstrikes-syria"].find("g:attvalues/g:attvalue[@for='reported']", NS) is None


def test_an_undated_relation_has_no_spell(tmp_path):
    data = stakeholders.from_dict(
        {
            "actors": [{"id": "a", "name": "A", "type": "state"}, {"id": "b", "name": "B", "type": "state"}],
            "relations": [{"id": "r", "source": "a", "target": "b", "kind": "hostility"}],
        }
    )
    [edge] = _parse(write_gexf(data, tmp_path / "map.gexf")).findall(".//g:edge", NS)
    assert (edge.get("start"), edge.get("end")) == (None, None)
    assert edge.find("g:attvalues/g:attvalue[@for='reported']", NS) is None


def test_static_mode_has_no_time(syria, tmp_path):
    text = "".join(generate_gexf(syria, dynamic=False))
    assert "timeformat" not in text and ' start="' not in text and ' end="' not in text


def test_nodes_have_the_legend_colour_size_and_shape(syria, tmp_path):
    tree = _parse(write_gexf(syria, tmp_path / "map.gexf"))
    node = next(n for n in tree.findall(".//g:node", NS) if n.get("id") == "druze")
    color = node.find("viz:color", NS)
    style = actor_style("community")
    assert (int(color.get("r")), int(color.get("g")), int(color.get("b"))) == hex_to_rgb(style.color)
    assert float(node.find("viz:size", NS).get("value")) == node_size(5)
    assert node.find("viz:shape", NS).get("value") == style.gexf_shape == "disc"
    assert node.get("label") == "Druze"


def test_networkx_reads_back_the_same_graph(syria, tmp_path):
    path = write_gexf(syria, tmp_path / "map.gexf", directed_only=True)
    back = nx.read_gexf(path)
    ours = stakeholders.to_graph(syria)
    assert isinstance(back, nx.MultiDiGraph)
    assert sorted(back.nodes) == sorted(ours.nodes)
    assert sorted(back.edges(keys=True)) == sorted(ours.edges(keys=True))
    kinds = kinds_of(ours)
    for u, v, key, attrs in ours.edges(keys=True, data=True):
        read = back.edges[u, v, key]
        assert (read["kind"], read["directed"], read["polarity"], read["label"]) == (
            attrs["kind"], attrs["directed"], {1: "cooperative", -1: "hostile", 0: "neutral"}[attrs["polarity"]], kinds[attrs["kind"]].display
        )
        assert read.get("confidence") == attrs["confidence"]
        assert read.get("weight") == attrs["weight"]
        assert json.loads(read.get("via", "[]")) == list(syria.relations_by_id[key].via)
    for node, attrs in ours.nodes(data=True):
        read = back.nodes[node]
        assert (read["label"], read["type"], read.get("country")) == (attrs["label"], attrs["type"], attrs["country"])
        assert json.loads(read.get("aliases", "[]")) == attrs["aliases"]


def test_networkx_refuses_the_mixed_graph_gephi_reads(syria, tmp_path):
    # Why directed_only exists: networkx reads no mixed graph.
    path = write_gexf(syria, tmp_path / "map.gexf")
    with pytest.raises(nx.NetworkXError, match="Undirected edge found in directed graph"):
        nx.read_gexf(path)


def test_hostile_text_stays_valid_and_reads_back_exactly(tmp_path):
    data = hostile()
    path = write_gexf(data, tmp_path / "hostile.gexf", directed_only=True)
    schema = relaxng()
    assert schema.validate(_parse(path)), schema.error_log
    back = nx.read_gexf(path)
    assert back.nodes["a"]["label"] == '<b>A</b> & "Co" '
    assert json.loads(back.nodes["a"]["aliases"]) == ["x, y", "=cmd()"]
    assert back.nodes["a"]["description"] == "line one\nline two\\n"
    assert back.nodes["c"]["label"] == "جماعة"
    assert back.edges["a", "b", "r1"]["quote"] == 'they said "talks" </edge> ]]>'
    assert back.edges["a", "b", "r1"]["quote_source"] == "A <source> & co"
    assert back.graph["mode"] == "dynamic"


def test_output_is_the_same_every_time(syria):
    again = stakeholders.load(SYRIA)
    assert "".join(generate_gexf(syria)) == "".join(generate_gexf(again))


def test_the_output_is_streamed_in_chunks(syria):
    chunks = list(generate_gexf(syria))
    assert len(chunks) > 36 + 20
    assert max(len(c) for c in chunks) < 5000


def test_a_filtered_graph_exports_what_it_holds(syria, tmp_path):
    graph = stakeholders.to_graph(syria, as_of="2024-12")
    tree = _parse(write_gexf(graph, tmp_path / "map.gexf"))
    assert tree.find(".//g:edges", NS).get("count") == str(graph.number_of_edges())
    assert sorted(e.get("id") for e in tree.findall(".//g:edge", NS)) == sorted(k for _, _, k in graph.edges(keys=True))
    assert "as of 2024-12" in tree.find(".//g:meta/g:description", NS).text
