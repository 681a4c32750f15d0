"""The map of what changed (render --diff-from), in Chromium: what the legend counts is what is drawn."""

from __future__ import annotations

import copy

import pytest

import stakeholders
from stakeholders.render import render_html
from stakeholders.style import CHANGE_COLORS

SOURCE = {"id": "s", "title": "Report", "date": "2025-03-01"}


def _relation(id: str, source: str, target: str, kind: str, **more) -> dict:
    return {"id": id, "source": source, "target": target, "kind": kind, "start": "2025-01", "evidence": [{"source": "s", "quote": f"{id} quote"}], **more}


OLD = {
    "meta": {"name": "before", "title": "Before"},
    "sources": [SOURCE],
    "actors": [{"id": a, "name": a.title(), "type": "state"} for a in ("alpha", "beta", "gamma", "delta")],
    "relations": [
        _relation("talks", "alpha", "beta", "negotiation"),
        _relation("strikes", "alpha", "gamma", "airstrike"),
        _relation("aid", "beta", "delta", "aid", weight=0.2),
        _relation("kept", "gamma", "delta", "support"),
    ],
}


def _new() -> dict:
    new = copy.deepcopy(OLD)
    new["meta"]["name"] = "after"
    new["actors"].append({"id": "epsilon", "name": "Epsilon", "type": "armed-group"})
    new["relations"] = [r for r in new["relations"] if r["id"] != "strikes"]  # removed
    next(r for r in new["relations"] if r["id"] == "aid")["weight"] = 0.9  # changed
    new["relations"].append(_relation("raid", "epsilon", "alpha", "attack"))  # added, with its actor
    return new


@pytest.fixture(scope="module")
def diff_page(browser, tmp_path_factory):
    folder = tmp_path_factory.mktemp("diff")
    path = render_html(stakeholders.from_dict(_new()), folder / "diff.html", diff_from=stakeholders.from_dict(OLD))
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function("window.stakeholdersMap && window.stakeholdersMap.ready", timeout=60_000)
    yield page
    page.close()
    assert errors == []


# How the page draws each change: added and changed in their colour (a thick border, a glow), removed as ghosts.
DRAWN = """() => {
  const body = stakeholdersMap.network.body, found = {actors: {}, relations: {}};
  const bump = (table, key) => { table[key] = (table[key] || 0) + 1; };
  for (const id of body.nodeIndices) {
    const o = body.nodes[id].options;
    bump(found.actors, o.opacity < 1 ? "removed" : o.borderWidth === 4 ? o.color.border : "plain");
  }
  for (const id of body.edgeIndices) {
    const o = body.edges[id].options;
    bump(found.relations, o.color.opacity < 0.5 ? "removed" : o.shadow.enabled ? o.shadow.color : "plain");
  }
  return found;
}"""


def test_the_legend_counts_what_the_map_draws(diff_page):
    legend = diff_page.locator("#legend li").all_text_contents()
    assert [item for item in legend if item.startswith(("added", "removed", "changed"))] == [
        "added(1 actors, 1 relations)",
        "removed(0 actors, 1 relations)",
        "changed(0 actors, 1 relations)",
    ]
    assert diff_page.evaluate(DRAWN) == {
        "actors": {"#212121": 1, "plain": 4},
        "relations": {"#212121": 1, "removed": 1, "#ef6c00": 1, "plain": 2},
    }
    # Each entry draws its marks as the map does: the actor's outline and the relation's glow in the change's colour
    # (the legend drew "added" as a solid line of its own, unlike anything on the map), a removed one as dashed ghosts.
    swatches = diff_page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#legend li')].filter(li => /^(added|removed|changed)/.test(li.textContent))
            .map(li => [li.textContent.split('(')[0], [...li.querySelectorAll('svg *')].map(m => [m.tagName, m.getAttribute('stroke'), m.getAttribute('stroke-dasharray')])]))"""
    )
    for change in ("added", "changed"):
        assert [mark[:2] for mark in swatches[change]] == [["circle", CHANGE_COLORS[change]], ["line", CHANGE_COLORS[change]], ["line", "#555"]]
    assert all(dashes for _, _, dashes in swatches["removed"])


def test_the_details_say_what_changed(diff_page):
    diff_page.evaluate("() => stakeholdersMap.network.selectEdges(['aid'])")
    diff_page.evaluate("() => stakeholdersMap.network.emit('click', {nodes: [], edges: ['aid']})")
    assert diff_page.locator("#details .change").text_content() == "Changed between before and after: weight"
    diff_page.evaluate("() => stakeholdersMap.network.emit('click', {nodes: ['epsilon'], edges: []})")
    assert diff_page.locator("#details .change").text_content() == "Added between before and after"
    diff_page.evaluate("() => stakeholdersMap.network.emit('click', {nodes: [], edges: ['strikes']})")
    assert diff_page.locator("#details .change").text_content() == "Removed between before and after"


def _page_data(path) -> dict:
    import json
    import re

    found = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', path.read_text(encoding="utf-8"), re.S)
    return json.loads(found.group(1))


def test_the_map_of_changes_counts_what_diff_reports(runner, tmp_path):
    """render --diff-from DATE and diff --from DATE --to DATE say the same about the shipped map."""
    import json

    from stakeholders.cli import cli

    drawn = runner.invoke(cli, ["render", "--diff-from", "2025-04", "--as-of", "2025-05", "-o", str(tmp_path / "changes.html")])
    assert drawn.exit_code == 0, drawn.output
    said = runner.invoke(cli, ["diff", "--from", "2025-04", "--to", "2025-05", "--format", "json"])
    assert said.exit_code == 0, said.output
    summary = json.loads(said.stdout)["summary"]
    counts = _page_data(tmp_path / "changes.html")["diff"]["counts"]
    assert {s: counts[s]["relations"] for s in counts} == summary["relations"] == {"added": 24, "removed": 0, "changed": 0}
    assert {s: counts[s]["actors"] for s in counts} == summary["actors"]


def test_the_picture_of_changes_has_its_legend(runner, tmp_path):
    from lxml import etree

    from stakeholders.cli import cli

    old = tmp_path / "old.yaml"
    old.write_text(__import__("yaml").safe_dump(OLD), encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(__import__("yaml").safe_dump(_new()), encoding="utf-8")
    result = runner.invoke(cli, ["render", str(new), "--diff-from", str(old), "-o", str(tmp_path / "changes.svg")])
    assert result.exit_code == 0, result.output
    svg = etree.parse(str(tmp_path / "changes.svg"))
    legend = svg.find(".//{http://www.w3.org/2000/svg}g[@id='legend-changes']")
    texts = ["".join(t.itertext()) for t in legend.iter("{http://www.w3.org/2000/svg}text")]
    assert texts[1:] == ["added (1 actors, 1 relations)", "removed (0 actors, 1 relations)", "changed (0 actors, 1 relations)"]
    assert texts[0] == f"Changes, {old} to after"


def test_a_diff_from_that_is_neither_date_nor_dataset(runner):
    from stakeholders.cli import cli

    result = runner.invoke(cli, ["render", "--diff-from", "2025-13", "-o", "x.html"])
    assert result.exit_code == 2
    assert result.stderr == 'Error: --diff-from: "2025-13" is neither a date (YYYY, YYYY-MM or YYYY-MM-DD) nor a dataset file or folder\n'
