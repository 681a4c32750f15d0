"""Maps in notebooks: the Map object Jupyter shows inline, and the example notebook run by a real kernel."""

from __future__ import annotations

import html
import re

import pytest

import stakeholders

from .conftest import ROOT

NOTEBOOK = ROOT / "examples" / "syria-2025.ipynb"


def _srcdoc(markup: str) -> str:
    found = re.fullmatch(r'<iframe title="[^"]*" sandbox="allow-scripts" srcdoc="([^"]*)" style="[^"]*"></iframe>', markup)
    assert found, markup[:300]
    return html.unescape(found.group(1))


def test_the_map_shows_inline_as_the_page_render_html_writes(syria, tmp_path):
    shown = stakeholders.Map(syria, as_of="2025-05")
    assert repr(shown) == "<Map syria-2025: 20 actors, 32 relations>"
    page = _srcdoc(shown._repr_html_())
    written = stakeholders.render_html(syria, tmp_path / "map.html", as_of="2025-05").read_text(encoding="utf-8")
    assert page == written
    assert shown.save(tmp_path / "saved.html").read_text(encoding="utf-8") == written


def test_hostile_text_stays_inside_the_iframe():
    data = stakeholders.from_dict(
        {
            "meta": {"name": "hostile", "title": 'A" onload="alert(1)'},
            "sources": [{"id": "s", "title": "t", "date": "2025-01-01"}],
            "actors": [{"id": "a", "name": '"></iframe><script>alert(1)</script>', "type": "state"}, {"id": "b", "name": "B", "type": "state"}],
            "relations": [{"id": "r", "source": "a", "target": "b", "kind": "negotiation", "start": "2025-01", "evidence": [{"source": "s", "quote": "q"}]}],
        }
    )
    markup = stakeholders.Map(data)._repr_html_()
    # One element, its only attributes those written here: nothing in the data closes the attribute or the iframe.
    assert markup.count("<") == 2 and markup.count('"') == 8
    # Inside, the name is JSON data with every "<" escaped, as in any page (test_hostile_html shows it as text).
    assert r'\"\u003e\u003c/iframe\u003e\u003cscript\u003ealert(1)' in _srcdoc(markup)


def test_the_inline_map_runs_in_its_sandbox(browser, syria, tmp_path):
    notebook_page = tmp_path / "notebook.html"
    notebook_page.write_text(f"<!DOCTYPE html><html><body>{stakeholders.Map(syria)._repr_html_()}</body></html>", encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(notebook_page.as_uri())
        frame = page.frame_locator("iframe")
        frame.locator("body[data-ready=true]").wait_for(timeout=60_000)
        held = stakeholders.to_graph(syria, as_of=syria.meta.as_of).number_of_edges()  # it opens on the dataset's date
        assert frame.locator("#map-counts").text_content() == f"Showing 20 of 20 actors, {held} of 36 relations active on {syria.meta.as_of}"
        # The sandbox gives the page no origin: it cannot reach the notebook around it.
        child = page.frames[1]
        assert child.evaluate("() => { try { return window.parent.document.title; } catch (e) { return e.name; } }") == "SecurityError"
        assert requests == [notebook_page.as_uri()]  # nothing fetched but the page itself
    finally:
        page.close()


def test_the_example_notebook_runs(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert [o for o in outputs if o.output_type == "error"] == []
    kinds = {kind for o in outputs for kind in o.get("data", {})}
    assert {"text/html", "image/png"} <= kinds  # the map inline, the static picture as a figure
    shown = next(o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {}) and "<iframe" in o["data"]["text/html"])
    assert 'sandbox="allow-scripts"' in shown
