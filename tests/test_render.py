"""The HTML map as a file: self-contained, UTF-8, data only as JSON."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from lxml import etree

import stakeholders
from stakeholders.cli import cli
from stakeholders.render import generate_html, render_html
from stakeholders.render.page import safe_url

from .conftest import MINIMAL, ROOT, SYRIA


def _json_block(html: str, name: str):
    """A JSON block of the page, its tables of records made into records as the page makes them."""
    match = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', html, re.S)
    assert match is not None, name
    found = json.loads(match.group(1))
    if name != "map-data":
        return _records(found)
    return {**found, "actors": _records(found["actors"]), "relations": _records(found["relations"])}


def _records(table: dict) -> list[dict]:
    assert set(table) == {"columns", "rows"} and all(len(row) == len(table["columns"]) for row in table["rows"])
    return [{c: v for c, v in zip(table["columns"], row, strict=True) if v is not None} for row in table["rows"]]


@pytest.fixture(scope="module")
def page(syria) -> str:
    return generate_html(stakeholders.to_graph(syria))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_the_page_loads_nothing_from_the_network(page):
    tags = _tags(page)
    assert [(t, a) for t, a in tags if "src" in a or ("href" in a and t != "a")] == []
    scripts = [a for t, a in tags if t == "script"]
    assert scripts == [{"type": "application/json", "id": "map-nodes"}, {"type": "application/json", "id": "map-edges"}, {"type": "application/json", "id": "map-data"}, {}, {}]
    assert re.findall(r"""url\(\s*(?!["']?data:)""", page) == []  # styles use data: URLs only
    assert "@import" not in page
    assert "default-src 'none'" in page


def test_the_page_declares_utf8_and_the_title(page):
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "<title>Syria in 2025</title>" in page


def test_every_actor_and_relation_is_in_the_page(page, syria):
    nodes, edges, data = _json_block(page, "map-nodes"), _json_block(page, "map-edges"), _json_block(page, "map-data")
    assert sorted(n["id"] for n in nodes) == sorted(a.id for a in syria.actors)
    assert sorted(e["id"] for e in edges) == sorted(r.id for r in syria.relations)
    assert len(data["relations"]) == len(syria.relations)
    talks = next(r for r in data["relations"] if r["id"] == "syria-israel-indirect-talks")
    assert (talks["via"], talks["first"], talks.get("last", "unset"), len(talks["evidence"])) == (["Unnamed mediators"], "2025-05-01", "unset", 2)
    # Each source is listed once; an evidence names it by number.
    cited = {e["cites"] for r in data["relations"] for e in r["evidence"]}
    assert cited == set(range(len(data["sources"]))) and len(data["sources"]) == len({e.source for r in syria.relations for e in r.evidence})
    first = syria.relations_by_id["syria-israel-indirect-talks"].evidence[0]
    assert data["sources"][talks["evidence"][0]["cites"]]["source"] == syria.sources_by_id[first.source].title
    # Records go as tables, each field named once; an unset field is a null cell, left out of the record made from it.
    raw = json.loads(re.search(r'id="map-data">(.*?)</script>', page, re.S).group(1))
    assert raw["relations"]["columns"].count("source") == 1 and len(raw["relations"]["rows"]) == len(syria.relations)
    assert "last" in raw["relations"]["columns"] and "last" not in talks


def test_visual_encoding(page):
    edges = {e["id"]: e for e in _json_block(page, "map-edges")}
    nodes = {n["id"]: n for n in _json_block(page, "map-nodes")}
    talks, hostility = edges["syria-israel-indirect-talks"], edges["syria-israel-hostilities"]
    # Each edge carries only what differs from the options all share (test_browser_map checks what is drawn).
    # The second channel beside colour: hostile dashed, indirect dotted, both dash-dot (style.LINE_PATTERNS).
    assert talks["dashes"] == [2, 4] and hostility["dashes"] == [8, 4]
    assert "dashes" not in edges["al-sharaa-leads-government"]  # neutral and direct: solid
    # A directed relation takes its arrowhead from the shared option (switched by zoom); an undirected one has none.
    assert talks["arrows"] == ""  # negotiation is undirected
    assert "arrows" not in edges["israel-airstrikes-syria"]
    assert (talks["color"]["color"], hostility["color"]["color"]) == ("#1565c0", "#c62828")
    assert edges["al-sharaa-leads-government"]["color"]["color"] == "#757575"
    # Two relations between one pair curve away from each other; a single one is straight.
    assert {talks["smooth"]["type"], hostility["smooth"]["type"]} == {"curvedCW", "curvedCCW"}
    assert "smooth" not in edges["israel-airstrikes-syria"]
    assert (nodes["israel"]["shape"], nodes["druze"]["shape"], nodes["hts"]["shape"]) == ("square", "star", "triangle")
    assert edges["forces-druze-clashes"]["width"] > edges["israel-airstrikes-syria"]["width"]  # weight 0.8 vs none


def test_the_layout_is_the_same_every_time(syria):
    graph = stakeholders.to_graph(syria)
    assert generate_html(graph) == generate_html(graph)


def test_large_maps_drop_physics_and_edge_labels():
    actors = [{"id": f"a{i}", "name": f"Actor {i}", "type": "state"} for i in range(400)]
    relations = [{"source": f"a{i}", "target": f"a{(i * 7 + 1) % 400}", "kind": "support"} for i in range(400)]
    page = generate_html(stakeholders.to_graph(stakeholders.from_dict({"actors": actors, "relations": relations})))
    data, edges = _json_block(page, "map-data"), _json_block(page, "map-edges")
    assert data["large"] is True
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["layout"]["improvedLayout"] is False
    assert all("label" not in e for e in edges)
    assert data["options"]["edges"]["selectionWidth"] == 0  # a hub's thousands of selected lines, each thicker: a wall


def test_hostile_strings_stay_data(write):
    hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)>'
    path = write(
        "map.yaml",
        MINIMAL.replace("name: Gamma", f"name: '{hostile}'")
        + f"relations:\n  - source: alpha\n    target: gamma\n    kind: visit\n    description: '{hostile}'\n",
    )
    page = generate_html(stakeholders.to_graph(stakeholders.load(path)))
    assert "<img src=x" not in page and "</script><script>alert" not in page
    nodes = _json_block(page, "map-nodes")
    assert next(n for n in nodes if n["id"] == "gamma")["label"] == hostile


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a?b=c", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ('https://example.org/"onmouseover="alert(1)', False),
        (None, False),
    ],
)
def test_only_http_links(url, kept):
    assert (safe_url(url) is not None) is kept
    if kept:
        assert safe_url(url) == url


def test_render_writes_utf8_whatever_the_locale(tmp_path, write):
    path = write("map.yaml", "meta:\n  title: Syrie — سوريا — ישראל\n" + MINIMAL)
    out = tmp_path / "map.html"
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "-m", "stakeholders", "render", str(path), "-o", str(out)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "<title>Syrie — سوريا — ישראל</title>" in out.read_bytes().decode("utf-8")


def test_render_command_default_path(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["render", "--data", str(SYRIA)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "output/syria-2025.html\n"
    assert (tmp_path / "output" / "syria-2025.html").stat().st_size > 400_000


def test_render_command_filters_and_focus(runner, tmp_path):
    out = tmp_path / "druze.html"
    result = runner.invoke(cli, ["render", str(SYRIA), "-o", str(out), "--focus", "the Druze", "--title", "Around the Druze"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<title>Around the Druze</title>" in page
    nodes = sorted(n["id"] for n in _json_block(page, "map-nodes"))
    assert nodes == ["al-sharaa", "druze", "druze-fighters", "israel", "pro-government-factions", "syrian-government"]
    assert _json_block(page, "map-data")["filters"] == ["around Druze, depth 1"]
    result = runner.invoke(cli, ["render", str(SYRIA), "-o", str(out), "--as-of", "2024-12", "--kind", "ousted", "--no-physics"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert sorted(e["id"] for e in _json_block(page, "map-edges")) == ["hts-ousts-assad", "hts-ousts-assad-regime"]
    assert _json_block(page, "map-data")["options"]["physics"]["enabled"] is False


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--focus", "nobody"], 2, 'Error: unknown actor "nobody"\n'),
        (["--focus", "al-sharaa", "--as-of", "2024-12"], 2, 'Error: "Ahmed al-Sharaa" is not on the map with the filters in force (as of 2024-12)\n'),
        (["--kind", "airstrikes"], 2, 'Error: unknown relation kind "airstrikes"; closest known kinds: airstrike, arrest\n'),
    ],
)
def test_render_command_errors(runner, tmp_path, args, code, message):
    out = tmp_path / "map.html"
    result = runner.invoke(cli, ["render", str(SYRIA), "-o", str(out), *args])
    assert result.exit_code == code, result.output
    assert result.stderr == message
    assert not out.exists()


def test_a_failed_render_leaves_the_previous_map(runner, tmp_path, monkeypatch):
    out = tmp_path / "map.html"
    out.write_text("previous map", encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr("stakeholders.render.generate_html", broken)
    with pytest.raises(RuntimeError):
        render_html(stakeholders.load(SYRIA), out)
    assert out.read_text(encoding="utf-8") == "previous map"


def test_color_by_camp_and_size_by_betweenness(syria):
    from stakeholders.analysis.balance import camps
    from stakeholders.analysis.centrality import node_metric
    from stakeholders.style import actor_paint, group_color

    graph = stakeholders.to_graph(syria)
    page = generate_html(graph, size_by="betweenness", color_by="camp")
    nodes = {n["id"]: n for n in _json_block(page, "map-nodes")}
    side = camps(graph)  # numbered from 1, as in analyze
    # The camp's colour fills each actor, or outlines it when its type is drawn hollow (media, other).
    types = {a.id: a.type for a in syria.actors}
    for actor, camp in side.items():
        assert (nodes[actor]["color"]["background"], nodes[actor]["color"]["border"]) == actor_paint(types[actor], group_color(camp - 1))
    assert {side[a] for a in side} == {1, 2}
    betweenness = node_metric(graph, "betweenness")
    top = max(betweenness, key=betweenness.get)
    assert nodes[top]["size"] == max(n["size"] for n in nodes.values())
    legend = _json_block(page, "map-data")["legend"]
    report = stakeholders.analyze(graph)
    assert [g["label"] for g in legend["groups"]] == [f"camp {c['number']}: {c['name']}" for c in report["camps"]["camps"]]
    assert [g["label"].split(":")[0] for g in legend["groups"]] == ["camp 1", "camp 2"]
    actors = {a["id"]: a for a in _json_block(page, "map-data")["actors"]}
    assert actors["al-sharaa"]["group"] == legend["groups"][side["al-sharaa"] - 1]["label"]
    assert sum(g["count"] for g in legend["groups"]) == len(nodes)
    assert legend["size"] == "betweenness"


def test_color_by_community(runner, tmp_path):
    out = tmp_path / "blocs.html"
    result = runner.invoke(cli, ["render", str(SYRIA), "-o", str(out), "--color-by", "community"])
    assert result.exit_code == 0, result.output
    legend = _json_block(out.read_text(encoding="utf-8"), "map-data")["legend"]
    assert [g["label"].split(":")[0] for g in legend["groups"]][:2] == ["bloc 1", "bloc 2"]
    assert legend["groups"][0]["label"] == "bloc 1: Syrian government, Pro-government factions, Syrian state-run media, …"
    result = runner.invoke(cli, ["render", str(SYRIA), "-o", str(out), "--size-by", "fame"])
    assert result.exit_code == 2
    assert "Invalid value for '--size-by'" in result.stderr


def test_relations_between_one_pair_bend_to_opposite_sides_whichever_way_they_point():
    from stakeholders.render.page import curves

    def bends(*ends: tuple[str, str]) -> list[str]:
        data = stakeholders.from_dict(
            {
                "sources": [{"id": "s", "title": "t", "date": "2025-01-01"}],
                "actors": [{"id": "a", "name": "A", "type": "state"}, {"id": "b", "name": "B", "type": "state"}],
                "relations": [
                    {"id": f"r{i}", "source": u, "target": v, "kind": "airstrike", "evidence": [{"source": "s", "quote": "q"}]}
                    for i, (u, v) in enumerate(ends)
                ],
            }
        )
        found = curves(stakeholders.to_graph(data))
        return [found[f"r{i}"]["type"] for i in range(len(ends))]

    # vis-network turns a curve from its own start: the same turn from opposite ends is opposite sides of the line.
    assert bends(("a", "b"), ("b", "a")) == ["curvedCW", "curvedCW"]
    assert bends(("a", "b"), ("a", "b")) == ["curvedCW", "curvedCCW"]


def test_every_asset_the_page_reads_is_package_data():
    """An installed copy (pip install ., not a checkout) has the template, styles and every part of the script."""
    import fnmatch
    import tomllib

    from stakeholders.render import SCRIPT_PARTS

    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["stakeholders.render"]
    assets = ROOT / "stakeholders" / "render" / "assets"
    files = sorted(str(p.relative_to(assets.parent)) for p in assets.rglob("*") if p.is_file())
    assert {f"assets/map/{part}.js" for part in SCRIPT_PARTS} <= set(files)
    assert [f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs)] == []


def test_the_source_line_credits_the_most_cited_sources_and_counts_the_rest():
    from stakeholders.render.caption import source_line

    sources = [{"id": f"s{i}", "title": f"Report {i}", "publisher": "Agency" if i == 1 else None, "date": f"2025-0{i}"} for i in range(1, 5)]
    actors = [{"id": a, "name": a.upper(), "type": "state"} for a in ("a", "b", "c")]
    cites = ["s2", "s2", "s1", "s3", "s4", "s1", "s2"]  # s2 three times, s1 twice, s3 and s4 once
    relations = [
        {"id": f"r{i}", "source": "a", "target": "b" if i % 2 else "c", "kind": "support", "evidence": [{"source": s, "quote": "They met."}]}
        for i, s in enumerate(cites)
    ]
    graph = stakeholders.to_graph(stakeholders.from_dict({"sources": sources, "actors": actors, "relations": relations}))
    assert source_line(graph) == "Sources: Report 2, 2025-02; Report 1, Agency, 2025-01 and 2 more"
    one = stakeholders.to_graph(stakeholders.from_dict({"sources": sources[:1], "actors": actors, "relations": relations[2:3]}))
    assert source_line(one) == "Source: Report 1, Agency, 2025-01"
    assert source_line(stakeholders.to_graph(stakeholders.from_dict({"actors": actors}))) is None


def test_a_map_by_camp_marks_the_ties_at_odds_with_the_camps_as_analyze_counts_them(syria, tmp_path):
    # 7 of 25 signed ties contradicted the two camps with nothing to flag them.
    graph = stakeholders.to_graph(syria)
    page = generate_html(graph, color_by="camp")
    barred = {e["id"] for e in _json_block(page, "map-edges") if isinstance(e.get("arrows"), dict) and "middle" in e["arrows"]}
    report = stakeholders.analyze(graph)["camps"]
    assert barred == {key for tie in report["frustrated"] for key in tie["relations"]} and len(barred) >= report["frustration"] > 0
    assert _json_block(page, "map-data")["legend"]["against"] == len(barred)
    # Undirected ones keep no arrowhead; the plain map marks none.
    kinds = {r.id: syria.kinds_by_id[r.kind] for r in syria.relations}
    for edge in _json_block(page, "map-edges"):
        if edge["id"] in barred and not kinds[edge["id"]].directed:
            assert edge["arrows"]["to"] == {"enabled": False}
    assert not any(isinstance(e.get("arrows"), dict) for e in _json_block(generate_html(graph), "map-edges"))
    # The picture draws a bar across each of them, and says so in its legend.
    svg = etree.parse(str(stakeholders.render_static(graph, tmp_path / "camps.svg", color_by="camp")))
    texts = ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert f"at odds with the camps ({len(barred)})" in texts


def test_line_width_is_explained_when_relations_have_a_weight(syria):
    weighted = sum(1 for r in syria.relations if r.weight is not None)
    legend = _json_block(generate_html(stakeholders.to_graph(syria)), "map-data")["legend"]
    assert weighted > 0 and legend["weight"]["count"] == weighted and legend["weight"]["words"].startswith("thicker: greater weight")
    unweighted = stakeholders.from_dict({**syria.model_dump(mode="json", exclude_none=True), "relations": [
        {**r.model_dump(mode="json", exclude_none=True), "weight": None} for r in syria.relations
    ]})  # fmt: skip
    assert _json_block(generate_html(stakeholders.to_graph(unweighted)), "map-data")["legend"]["weight"] is None
