"""The HTML map in a real browser: headless Chromium from Debian, driven by Playwright."""

from pathlib import Path

import pytest

import stakeholders
from stakeholders.render import render_html

from .conftest import ROOT

HOSTILE = '<img src=x onerror="window.__pwned=1;alert(1)">'


class Page:
    """An opened map, with everything the page did recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(self.url)
        self.page.wait_for_function("window.stakeholdersMap && window.stakeholdersMap.ready", timeout=30_000)

    def drawn(self) -> tuple[int, int]:
        return tuple(self.page.evaluate("[stakeholdersMap.network.body.nodeIndices.length, stakeholdersMap.network.body.edgeIndices.length]"))

    def counts(self) -> str:
        return self.page.text_content("#map-counts")


@pytest.fixture(scope="module")
def syria_page(browser, syria, tmp_path_factory):
    path = render_html(syria, tmp_path_factory.mktemp("map") / "syria.html")
    opened = Page(browser, path)
    # The map opens on the dataset's date (``test_browser_map``); these tests start from all dates.
    opened.page.set_checked("#date-enabled", False)
    yield opened
    opened.page.close()


def test_every_actor_and_relation_is_drawn(syria_page, syria):
    assert syria_page.drawn() == (len(syria.actors), len(syria.relations))
    assert syria_page.counts() == f"Showing {len(syria.actors)} of {len(syria.actors)} actors, {len(syria.relations)} of {len(syria.relations)} relations"


def test_no_request_leaves_the_page_and_no_error_shows(syria_page):
    assert syria_page.requests == [syria_page.url]
    assert syria_page.errors == []


def test_the_legend_is_there(syria_page, syria):
    types = {a.type for a in syria.actors}
    assert syria_page.page.is_visible("#legend")
    items = syria_page.page.locator("#legend li").all_text_contents()
    assert len(items) == len(types) + 3 + 4 + 2  # types, polarities, lines (direct, indirect, directed, weight), how sure
    assert "armed-group(4)" in items and "hostile(12)" in items and "indirect, dotted (through intermediaries)" in items


def test_the_map_says_what_it_is_about(syria_page, syria):
    first = syria_page.page.text_content("#details p")
    assert first == syria.meta.description


def test_screenshot_for_people(syria_page):
    out = ROOT / "output" / "syria-2025.png"
    syria_page.page.screenshot(path=str(out))
    assert out.stat().st_size > 50_000


def _check(page, selector: str, on: bool) -> None:
    page.set_checked(selector, on)


def test_the_kind_filter(syria_page, syria):
    page = syria_page.page
    page.click("#kind-menu summary")
    _check(page, "#kind-filter input[value='airstrike']", False)
    assert syria_page.drawn()[1] == len(syria.relations) - 1
    page.click("#kinds-none")
    assert syria_page.drawn()[1] == 0
    page.click("#kinds-all")
    assert syria_page.drawn()[1] == len(syria.relations)
    page.click("#kind-menu summary")


def test_the_polarity_filter(syria_page, syria):
    page = syria_page.page
    _check(page, "#polarity-filter input[value='hostile']", False)
    assert syria_page.drawn()[1] == sum(1 for r in syria.relations if r.polarity != -1)
    _check(page, "#polarity-filter input[value='neutral']", False)
    assert syria_page.drawn()[1] == sum(1 for r in syria.relations if r.polarity == 1)
    _check(page, "#polarity-filter input[value='hostile']", True)
    _check(page, "#polarity-filter input[value='neutral']", True)
    assert syria_page.drawn()[1] == len(syria.relations)


def _slide_to(page, day: str) -> None:
    page.set_checked("#date-enabled", True)
    page.eval_on_selector(
        "#date-slider",
        """(slider, day) => {
            const first = Date.parse(JSON.parse(document.getElementById('map-data').textContent).dates.min + 'T00:00:00Z');
            slider.value = String(Math.round((Date.parse(day + 'T00:00:00Z') - first) / 86400000));
            slider.dispatchEvent(new Event('input'));
        }""",
        day,
    )


@pytest.mark.parametrize("day", ["2024-12-15", "2025-04-15", "2025-05-07"])
def test_the_date_slider_shows_what_was_active(syria_page, syria, day):
    page = syria_page.page
    _slide_to(page, day)
    expected = stakeholders.to_graph(syria, as_of=day)
    assert page.text_content("#date-label") == day
    assert syria_page.drawn() == (expected.number_of_nodes(), expected.number_of_edges())
    page.set_checked("#date-enabled", False)
    assert syria_page.drawn() == (len(syria.actors), len(syria.relations))


def test_the_dates_really_differ(syria):
    # The slider test above is only meaningful if the dates change the map.
    counts = {stakeholders.to_graph(syria, as_of=d).number_of_edges() for d in ["2024-12-15", "2025-04-15", "2025-05-07"]}
    assert len(counts) == 3


def test_search_finds_sharaa_and_shows_the_profile(syria_page):
    page = syria_page.page
    page.fill("#search", "Sharaa")
    page.press("#search", "Enter")
    assert page.text_content("#details h2") == "Ahmed al-Sharaa"
    assert page.evaluate("stakeholdersMap.network.getSelectedNodes()") == ["al-sharaa"]
    page.fill("#search", "sharaá")  # accents and case do not matter
    page.press("#search", "Enter")
    assert page.text_content("#details h2") == "Ahmed al-Sharaa"


def test_a_relation_shows_its_evidence(syria_page):
    page = syria_page.page
    page.fill("#search", "Israel")
    page.press("#search", "Enter")
    page.click("#details button:has-text('protection')")
    assert page.text_content("#details h2") == "protection"
    quotes = page.locator("#details blockquote").all_text_contents()
    assert quotes == ["“justifying its military actions as a protective measure for the Druze minority”"]
    assert "Syrian President Confirms Ongoing Indirect Negotiations" in page.text_content("#details cite")


def test_focus_on_a_neighbourhood_and_back(syria_page, syria):
    page = syria_page.page
    page.fill("#search", "the Druze")
    page.press("#search", "Enter")
    page.select_option("#focus-depth", "1")
    page.click("#focus-button")
    neighbours = {r.other("druze") for r in syria.relations_of("druze")} | {"druze"}
    assert set(page.evaluate("stakeholdersMap.visibleNodeIds()")) == neighbours
    assert syria_page.drawn()[0] == len(neighbours)
    page.select_option("#focus-depth", "2")
    assert syria_page.drawn()[0] > len(neighbours)
    page.click("#whole-map")
    assert syria_page.drawn() == (len(syria.actors), len(syria.relations))


def test_the_page_made_no_request_after_use(syria_page):
    assert syria_page.requests == [syria_page.url]
    assert syria_page.errors == []


def _hostile_dataset() -> dict:
    quote = '</script><script>window.__pwned=2</script>"quoted" &amp; <b>bold</b>'
    return {
        "meta": {"title": "<script>window.__pwned=3</script>Hostile map"},
        "sources": [
            {"id": "s1", "title": "<svg onload=window.__pwned=4>"},
            {"id": "s2", "title": "data link"},
            {"id": "s3", "title": "Real link <i>", "url": "https://example.org/report"},
        ],
        "actors": [
            {"id": "x", "name": HOSTILE, "type": "person", "aliases": ["\u202eevil\u202c", "<b>alias</b>"], "description": quote, "tags": ["<u>t</u>"], "country": "<i>"},
            {"id": "y", "name": "Ordinary", "type": "state"},
        ],
        "relations": [
            {
                "id": "r1",
                "source": "x",
                "target": "y",
                "kind": "<kind>",
                "description": quote,
                "via": ["y"],
                "evidence": [{"source": "s1", "quote": quote}, {"source": "s2", "quote": "q2"}, {"source": "s3", "quote": "q3", "locator": "<p>"}],
            }
        ],
        "kinds": [{"id": "kind", "label": "<img src=y onerror=window.__pwned=7>", "polarity": 1, "directed": True}],
    }


def test_hostile_strings_show_literally_and_run_nothing(browser, tmp_path):
    data = _hostile_dataset()
    data["relations"][0]["kind"] = "kind"
    dataset = stakeholders.from_dict(data)
    # The loader refuses such URLs; set them behind its back to test the page's own guard.
    dataset.sources_by_id["s1"].url = "javascript:window.__pwned=5"
    dataset.sources_by_id["s2"].url = "data:text/html,<script>alert(6)</script>"
    path = render_html(dataset, tmp_path / "hostile.html")
    opened = Page(browser, path)
    page = opened.page
    page.fill("#search", "x")
    page.press("#search", "Enter")
    assert page.text_content("#details h2") == HOSTILE
    page.click("#details li button")
    assert page.text_content("#details h2") == "<img src=y onerror=window.__pwned=7>"
    quotes = page.locator("#details blockquote").all_text_contents()
    assert quotes[0] == "“" + data["relations"][0]["evidence"][0]["quote"] + "”"
    links = page.eval_on_selector_all("#details a", "links => links.map(a => [a.textContent, a.getAttribute('href')])")
    assert links == [["Real link <i>", "https://example.org/report"]]
    assert page.text_content("#map-title") == "<script>window.__pwned=3</script>Hostile map"
    assert page.title() == "<script>window.__pwned=3</script>Hostile map"
    assert page.evaluate("window.__pwned") is None
    assert opened.dialogs == []
    injected = page.evaluate(
        """() => [...document.querySelectorAll('*')].filter(e =>
            e.tagName === 'IMG' || e.tagName === 'IFRAME' ||
            [...e.attributes].some(a => a.name.startsWith('on'))).length"""
    )
    assert injected == 0
    assert opened.requests == [opened.url]
    assert opened.errors == []
    page.close()


def test_the_search_folds_names_as_python_does(syria_page):
    from stakeholders.names import normalize

    from .shared_cases import FOLDING

    folded = syria_page.page.evaluate("texts => texts.map(stakeholdersMap.fold)", list(FOLDING))
    assert folded == [normalize(text) for text in FOLDING]


def test_a_relation_known_from_a_report_is_hidden_before_it_and_undated_ones_on_request(browser, tmp_path):
    data = stakeholders.from_dict(
        {
            "sources": [{"id": "s", "title": "Report", "date": "2025-05-07"}],
            "actors": [{"id": "a", "name": "A", "type": "state"}, {"id": "b", "name": "B", "type": "state"}, {"id": "c", "name": "C", "type": "state"}],
            "relations": [
                {"id": "reported", "source": "a", "target": "b", "kind": "sanctions-relief", "status": "announced", "evidence": [{"source": "s", "quote": "q"}]},
                {"id": "dated", "source": "a", "target": "c", "kind": "visit", "start": "2025-01"},
                {"id": "undated", "source": "b", "target": "c", "kind": "hostility"},
            ],
        }
    )
    opened = Page(browser, render_html(data, tmp_path / "map.html"))
    page = opened.page
    try:
        assert page.evaluate("stakeholdersMap.visibleEdgeIds()") == ["dated", "reported", "undated"]
        assert page.is_checked("#date-undated") and page.is_disabled("#date-undated")
        _slide_to(page, "2025-04-30")  # before the report: the relief is not known to hold yet
        assert page.evaluate("stakeholdersMap.visibleEdgeIds()") == ["dated"]
        assert not page.is_checked("#date-undated")
        page.set_checked("#date-undated", True)
        assert page.evaluate("stakeholdersMap.visibleEdgeIds()") == ["dated", "undated"]
        _slide_to(page, "2025-05-07")
        assert page.evaluate("stakeholdersMap.visibleEdgeIds()") == ["dated", "reported", "undated"]
        page.evaluate("stakeholdersMap.network.selectEdges(['reported'])")
        page.evaluate("stakeholdersMap.network.body.emitter.emit('click', {nodes: [], edges: ['reported']})")
        assert "reported 2025-05-07" in page.text_content("#details")
        assert opened.errors == []
    finally:
        page.close()


def test_the_search_resolves_names_as_python_does(syria_page):
    from .shared_cases import NAMES

    found = syria_page.page.evaluate("queries => queries.map(stakeholdersMap.findActor)", [q for q, _ in NAMES])
    for (query, expected), answer in zip(NAMES, found, strict=True):
        if isinstance(expected, str):
            assert answer == [expected], query
        elif isinstance(expected, list):
            assert sorted(answer) == sorted(expected), query
        else:
            assert answer == [], query


def test_a_failed_or_ambiguous_search_clears_the_selection(syria_page):
    page = syria_page.page
    page.fill("#search", "sharaa")
    page.press("#search", "Enter")
    assert page.evaluate("stakeholdersMap.network.getSelectedNodes()") == ["al-sharaa"]
    page.fill("#search", "nobody at all")
    page.press("#search", "Enter")
    assert page.evaluate("stakeholdersMap.network.getSelectedNodes()") == []
    assert page.is_disabled("#focus-button")
    assert page.text_content("#details") == "No actor matches “nobody at all”."
    # Nothing stays faded around the actor let go, and a filter's change does not bring its details back.
    assert page.evaluate("Object.values(stakeholdersMap.network.body.nodes).filter(n => n.options.opacity < 1).length") == 0
    page.locator("#polarity-filter input[value='hostile']").uncheck()
    page.locator("#polarity-filter input[value='hostile']").check()
    assert page.text_content("#details") == "No actor matches “nobody at all”."
    page.fill("#search", "united")
    page.press("#search", "Enter")
    assert page.text_content("#details p") == "“united” names 2 actors; choose one:"
    assert sorted(page.eval_on_selector_all("#details li button", "buttons => buttons.map(b => b.textContent)")) == ["United Kingdom", "United States"]
