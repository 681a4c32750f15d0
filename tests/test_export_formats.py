"""GraphML, node-link JSON, Cytoscape.js, Neo4j and DOT, each read back by another reader."""

import csv
import json
import zipfile

import networkx as nx
import pytest

import stakeholders
from stakeholders.export import FORMATS, default_path, export
from stakeholders.export.cytoscape import write_cytoscape
from stakeholders.export.dot import generate_dot, quote, write_dot
from stakeholders.export.graphml import write_graphml
from stakeholders.export.neo4j import generate_cypher, node_label, relationship_type, write_neo4j
from stakeholders.export.nodelink import write_json
from stakeholders.graph import kinds_of, relation_attributes
from stakeholders.style import POLARITY_STYLE, actor_style

from .export_helpers import hostile

POLARITY = {1: "cooperative", -1: "hostile", 0: "neutral"}


def _edges(graph):
    return sorted((u, v, k) for u, v, k in graph.edges(keys=True))


def test_graphml_reads_back_in_networkx(syria, tmp_path):
    path = write_graphml(syria, tmp_path / "map.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    ours = stakeholders.to_graph(syria)
    assert back.is_directed()
    assert sorted(back.nodes) == sorted(ours.nodes)
    assert _edges(back) == _edges(ours)
    kinds = kinds_of(ours)
    for u, v, key, attrs in ours.edges(keys=True, data=True):
        read = back.edges[u, v, key]
        expected = relation_attributes(attrs, syria.relations_by_id[key], kinds[attrs["kind"]])
        for name in ("kind", "label", "polarity", "directed", "mode", "status", "start", "end", "weight", "confidence", "goldstein", "cameo", "evidence_count"):
            assert read.get(name) == expected[name], (key, name)
        assert json.loads(read.get("via", "[]")) == expected["via"]
    assert back.nodes["druze"]["label"] == "Druze"
    assert json.loads(back.nodes["druze"]["aliases"]) == ["the Druze", "Druze minority", "Druze community", "الدروز"]
    assert back.nodes["druze"]["color"] == actor_style("community").color


def test_graphml_reads_back_in_igraph(syria, tmp_path):
    igraph = pytest.importorskip("igraph")
    path = write_graphml(syria, tmp_path / "map.graphml")
    back = igraph.Graph.Read_GraphML(str(path))
    assert back.is_directed()
    assert (back.vcount(), back.ecount()) == (20, 36)
    names = back.vs["id"]
    assert sorted(names) == sorted(a.id for a in syria.actors)
    read = sorted((names[e.source], names[e.target], e["kind"], e["polarity_name"], e["directed"]) for e in back.es)
    expected = sorted((r.source, r.target, r.kind, POLARITY[r.polarity], r.directed) for r in syria.relations)
    assert read == expected
    assert back.vs[names.index("al-sharaa")]["label"] == "Ahmed al-Sharaa"


def test_graphml_survives_hostile_text(tmp_path):
    back = nx.read_graphml(write_graphml(hostile(), tmp_path / "h.graphml"), force_multigraph=True)
    assert back.nodes["a"]["label"] == '<b>A</b> & "Co" '
    assert back.nodes["a"]["description"] == "line one\nline two\\n"
    assert back.edges["a", "b", "r1"]["quote"] == 'they said "talks" </edge> ]]>'


def test_json_is_node_link_with_evidence(syria, tmp_path):
    path = write_json(syria, tmp_path / "map.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["directed"], data["multigraph"]) == (True, True)
    assert data["graph"] == {"name": "syria-2025", "title": "Syria in 2025", "filters": []}
    assert [s["id"] for s in data["sources"]] == ["article-2025-05"]
    assert [n["id"] for n in data["nodes"]] == sorted(a.id for a in syria.actors)
    assert [e["id"] for e in data["edges"]] == sorted(r.id for r in syria.relations)
    talks = next(e for e in data["edges"] if e["id"] == "syria-israel-indirect-talks")
    assert talks["evidence"] == [e.model_dump(mode="json") for e in syria.relations_by_id["syria-israel-indirect-talks"].evidence]
    assert (talks["source"], talks["target"], talks["polarity_name"], talks["via"]) == ("syrian-government", "israel", "cooperative", ["mediators"])
    back = nx.node_link_graph(data, edges="edges", key="id")
    assert _edges(back) == _edges(stakeholders.to_graph(syria))


def test_cytoscape_elements(syria, tmp_path):
    data = json.loads(write_cytoscape(syria, tmp_path / "map.cyjs").read_text(encoding="utf-8"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert [n["data"]["id"] for n in nodes] == sorted(a.id for a in syria.actors)
    assert sorted((e["data"]["source"], e["data"]["target"], e["data"]["id"]) for e in edges) == _edges(stakeholders.to_graph(syria))
    hts = next(n["data"] for n in nodes if n["data"]["id"] == "hts")
    assert (hts["label"], hts["type"], hts["color"], hts["shape"]) == ("Hayat Tahrir al-Sham", "armed-group", actor_style("armed-group").color, "triangle")
    rules = {rule["selector"]: rule["style"] for rule in data["style"]}
    assert rules['edge[polarity_name = "hostile"]']["line-color"] == POLARITY_STYLE["hostile"]
    assert rules["edge[?directed]"] == {"target-arrow-shape": "triangle"}


def test_neo4j_admin_csv_files(syria, tmp_path):
    actors_csv, relations_csv = write_neo4j(syria, tmp_path / "neo4j")
    assert (actors_csv.name, relations_csv.name) == ("actors.csv", "relations.csv")
    with actors_csv.open(encoding="utf-8", newline="") as f:
        actors = list(csv.DictReader(f))
    with relations_csv.open(encoding="utf-8", newline="") as f:
        relations = list(csv.DictReader(f))
    assert list(actors[0]) == ["id:ID", "name", "type", "country", "aliases:string[]", "description", "tags:string[]", "start", "end", ":LABEL"]
    assert list(relations[0])[:8] == [":START_ID", ":END_ID", ":TYPE", "id", "kind", "directed:boolean", "polarity:int", "polarity_name"]
    assert "confidence:float" in relations[0] and "evidence_count:int" in relations[0] and "via:string[]" in relations[0]
    druze = next(a for a in actors if a["id:ID"] == "druze")
    assert druze[":LABEL"] == "Actor;Community"
    assert druze["aliases:string[]"].split(";") == ["the Druze", "Druze minority", "Druze community", "الدروز"]
    relief = next(r for r in relations if r["id"] == "uk-lifts-sanctions-media")
    assert (relief[":START_ID"], relief[":END_ID"], relief[":TYPE"], relief["polarity:int"], relief["directed:boolean"]) == (
        "united-kingdom", "syrian-state-media", "SANCTIONS_RELIEF", "1", "true"
    )
    attack = next(r for r in relations if r["id"] == "factions-attack-druze")
    assert (attack["confidence:float"], attack["start"], attack["end"]) == ("0.7", "2025-04", "2025-05")
    assert len(actors) == 20 and len(relations) == 36


def test_neo4j_names():
    assert node_label("intergovernmental-org") == "IntergovernmentalOrg"
    assert relationship_type("sanctions-relief") == "SANCTIONS_RELIEF"


def test_cypher_script(tmp_path):
    lines = list(generate_cypher(hostile()))
    assert lines[0] == "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;\n"
    assert lines[1].startswith('MERGE (a:Actor {id: "a"}) SET a:State, a += {name: "<b>A</b> & \\"Co\\" \\u0001", type: "state", aliases: ["x, y", "=cmd()"], description: "line one\\nline two\\\\n"')
    assert lines[4].startswith('MATCH (s:Actor {id: "a"}), (t:Actor {id: "b"}) MERGE (s)-[r:`NEGOTIATION` {id: "r1"}]->(t) SET r += {kind: "negotiation", directed: false, polarity: 1,')
    assert len(lines) == 1 + 3 + 4
    assert all(line.endswith(";\n") for line in lines)


PYDOT_WARNINGS = pytest.mark.filterwarnings("ignore:'setParseAction' deprecated")


@PYDOT_WARNINGS
def test_dot_reads_back_in_pydot(syria, tmp_path):
    pydot = pytest.importorskip("pydot")
    path = write_dot(syria, tmp_path / "map.dot")
    (graph,) = pydot.graph_from_dot_file(str(path), encoding="utf-8")
    nodes = {n.get_name().strip('"'): n for n in graph.get_nodes() if n.get_name() not in ("node", "edge", "graph")}
    assert sorted(nodes) == sorted(a.id for a in syria.actors)
    assert nodes["israel"].get("fillcolor") == f'"{actor_style("state").color}"'
    assert nodes["israel"].get("shape") == "box"
    edges = graph.get_edges()
    assert len(edges) == 36
    strike = next(e for e in edges if e.get("id") == '"israel-airstrikes-syria"')
    assert (strike.get_source(), strike.get_destination(), strike.get("color"), strike.get("dir")) == ('"israel"', '"syria"', f'"{POLARITY_STYLE["hostile"]}"', None)
    talks = next(e for e in edges if e.get("id") == '"syria-israel-indirect-talks"')
    assert talks.get("dir") == "none"


@PYDOT_WARNINGS
def test_dot_quotes_hostile_text():
    pydot = pytest.importorskip("pydot")
    text = "".join(generate_dot(hostile()))
    (graph,) = pydot.graph_from_dot_data(text)
    node = next(n for n in graph.get_nodes() if n.get_name() == '"a"')
    assert node.get("label") == quote('<b>A</b> & "Co" ') == '"<b>A</b> & \\"Co\\" "'
    assert quote("a\\b\nc") == '"a\\\\b\\nc"'


def test_every_format_writes_under_output_by_default(syria, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    written = {name: export(syria, name) for name in FORMATS}
    assert {name: [str(p) for p in paths] for name, paths in written.items()} == {
        "gexf": ["output/syria-2025.gexf"],
        "graphml": ["output/syria-2025.graphml"],
        "json": ["output/syria-2025.json"],
        "csv": ["output/syria-2025-gephi/nodes.csv", "output/syria-2025-gephi/edges.csv", "output/syria-2025-gephi/sources.csv", "output/syria-2025-gephi/stories.csv", "output/syria-2025-gephi/positions.csv"],
        "cytoscape": ["output/syria-2025.cyjs"],
        "neo4j": ["output/syria-2025-neo4j/actors.csv", "output/syria-2025-neo4j/relations.csv"],
        "dot": ["output/syria-2025.dot"],
    }
    assert all(p.is_file() and p.stat().st_size > 0 for paths in written.values() for p in paths)
    assert str(default_path("m", "neo4j", cypher=True)) == "output/m.cypher"
    assert [str(p) for p in export(syria, "neo4j", cypher=True)] == ["output/syria-2025.cypher"]


def test_folder_formats_go_into_a_deterministic_zip(syria, tmp_path):
    (first,) = export(syria, "neo4j", tmp_path / "one.zip")
    (second,) = export(syria, "neo4j", tmp_path / "two.zip")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["actors.csv", "relations.csv"]
        assert archive.read("actors.csv").decode("utf-8").startswith("id:ID,name,type")


@pytest.mark.parametrize(
    ("format", "options", "message"),
    [
        ("pdf", {}, 'unknown export format "pdf"; use one of gexf, graphml, json, csv, cytoscape, neo4j, dot'),
        ("gexf", {"flavor": "kumu"}, '"flavor" is not an option of the gexf format (its options: dynamic, directed_only)'),
        ("dot", {"cypher": True}, '"cypher" is not an option of the dot format (it takes none)'),
        ("csv", {"flavor": "excel"}, 'unknown CSV flavor "excel"; use gephi, kumu, onodo'),
    ],
)
def test_bad_format_or_option(syria, tmp_path, format, options, message):
    with pytest.raises(stakeholders.UsageError) as caught:
        export(syria, format, tmp_path / "out", **options)
    assert str(caught.value) == message
    assert not (tmp_path / "out").exists()
