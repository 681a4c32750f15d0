"""The map's views in Chromium: the state in the URL and in ``window.stakeholdersMap`` (``state()``, ``show()``),
Back and Forward, and the paths the page highlights, compared with what ``stakeholders path`` finds under the same
filters and date (the page runs its own search: these cases are the shared test vectors)."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import etree
from PIL import Image

import stakeholders
from stakeholders.cli import cli
from stakeholders.dates import widened
from stakeholders.render import render_html

from .conftest import SYRIA
from .test_browser_map import Map

# (from, to, the page's date, the one polarity shown or None for all, all paths up to N hops or None)
CASES = [
    ("hts", "israel", "2025-05-07", None, None),
    ("hts", "israel", "all", None, None),
    ("hts", "israel", "all", None, 3),
    ("eu", "druze", "2025-05-07", None, 4),
    ("al-sharaa", "united-kingdom", "all", "cooperative", None),
    ("assad", "france", "2024-12-15", None, None),
    ("israel", "druze", "all", "hostile", None),
    ("united-states", "alawites", "2025-03-01", "hostile", 3),
    ("hts", "israel", "all", "neutral", None),
]


@pytest.fixture(scope="module")
def page_path(syria, tmp_path_factory):
    return render_html(syria, tmp_path_factory.mktemp("views") / "syria.html")


@pytest.fixture(scope="module")
def opened(browser, page_path):
    map_ = Map(browser, page_path)
    yield map_
    map_.close()


def _expected(a: str, b: str, day: str, polarity, hops) -> tuple[list[list[str]], set[str], set[str]] | None:
    """What ``stakeholders path --format json`` answers: the chains of names, the actors and relations on them."""
    args = ["path", a, b, "--data", str(SYRIA), "--format", "json"]
    args += [] if day == "all" else ["--as-of", day]
    args += [] if polarity is None else ["--polarity", polarity]
    args += [] if hops is None else ["--all", "--max-hops", str(hops)]
    result = CliRunner().invoke(cli, args)
    if result.exit_code == 1 and result.stderr.startswith("Error: no path"):
        return None
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["paths"]
    chains = [[actor["name"] for actor in path["actors"]] for path in found]
    on_path = {actor["id"] for path in found for actor in path["actors"]}
    joined = {relation["id"] for path in found for step in path["steps"] for relation in step["relations"]}
    return chains, on_path, joined


@pytest.mark.parametrize(("a", "b", "day", "polarity", "hops"), CASES)
def test_the_page_highlights_the_paths_the_command_finds(opened, a, b, day, polarity, hops):
    page = opened.page
    for shown in ("cooperative", "hostile", "neutral"):
        page.set_checked(f"#polarity-filter input[value='{shown}']", polarity in (None, shown))
    opened.js("view => stakeholdersMap.show(view)", {"asOf": day, "path": [a, b], "all": hops})
    state = opened.js("() => stakeholdersMap.state()")
    expected = _expected(a, b, day, polarity, hops)
    assert state["path"] == [a, b] and state["asOf"] == (None if day == "all" else day)
    if expected is None:
        assert page.text_content("#details h2") == "No path"
        assert state["highlighted"] == {"actors": [], "relations": []}
        return
    chains, on_path, joined = expected
    shown = [text.split(" → ") for text in page.locator("#details .path-actors").all_text_contents()]
    assert shown == chains
    assert state["highlighted"] == {"actors": sorted(on_path), "relations": sorted(joined)}
    assert opened.errors == []


def test_the_cases_cover_more_than_one_answer():
    # Shared vectors that all gave the same answer would test little: several lengths, several paths, a no-path.
    answers = [_expected(*case) for case in CASES]
    assert None in answers
    found = [answer for answer in answers if answer is not None]
    assert len({len(chains[0]) for chains, _, _ in found}) >= 2 and max(len(chains) for chains, _, _ in found) >= 3


def test_the_view_is_in_the_url_and_back_and_forward_walk_the_views(browser, page_path):
    opened = Map(browser, page_path)
    page = opened.page
    try:
        opened.js("() => stakeholdersMap.show({focus: 'druze', asOf: '2025-04-15'})")
        assert page.evaluate("() => location.hash") == "#actor=druze&as-of=2025-04-15"
        assert page.text_content("#details h2") == "Druze"
        opened.js("() => stakeholdersMap.show({path: ['hts', 'israel']})")
        assert page.evaluate("() => location.hash") == "#path=hts,israel&as-of=2025-04-15"
        page.go_back()
        page.wait_for_function("() => stakeholdersMap.state().focus === 'druze'")
        assert opened.js("() => stakeholdersMap.state()")["path"] is None
        page.go_forward()
        page.wait_for_function("() => stakeholdersMap.state().path !== null")
        assert opened.js("() => stakeholdersMap.state()")["path"] == ["hts", "israel"]
        # The link opens the same view in a new page.
        link = page.evaluate("() => location.href")
        fragment = link[link.index("#") :]
        again = Map(browser, page_path, fragment=fragment)
        assert again.js("() => stakeholdersMap.state()") == opened.js("() => stakeholdersMap.state()")
        assert again.errors == []
        again.close()
        assert opened.errors == []
    finally:
        opened.close()


@pytest.mark.parametrize(
    ("hash_", "message", "as_of"),
    [
        ("#path=hts,nobody", "Showing the whole map: no path: “nobody” is not an actor of this map.", "2025-05-07"),
        ("#actor=nobody&as-of=2025-02", "Showing the whole map: no actor “nobody” in this map.", "2025-02-28"),
        ("#story=war-and-peace&step=2", "Showing the whole map: this map has no story “war-and-peace”.", "2025-05-07"),
        ("#as-of=2025-13", "Showing the whole map: “2025-13” is not a date (YYYY-MM-DD, YYYY-MM or YYYY).", "2025-05-07"),
        # A hand-edited link that is not percent-encoding: named as written, never an error in the page.
        ("#actor=%zz", "Showing the whole map: no actor “%zz” in this map.", "2025-05-07"),
        ("#path=hts,50%25%E0", "Showing the whole map: no path: “50%25%E0” is not an actor of this map.", "2025-05-07"),
    ],
)
def test_a_link_to_what_is_not_there_shows_the_whole_map_with_a_message(browser, page_path, hash_, message, as_of):
    opened = Map(browser, page_path, fragment=hash_)
    page = opened.page
    try:
        assert page.text_content("#details .view-message") == message
        state = opened.js("() => stakeholdersMap.state()")
        assert state["path"] is None and state["focus"] is None and state["asOf"] == as_of
        assert len(opened.js("() => stakeholdersMap.visibleNodeIds()")) > 0  # never a blank map
        assert opened.errors == []
    finally:
        opened.close()


def test_a_path_from_an_actor_s_details_and_a_link_to_copy(browser, page_path, syria):
    opened = Map(browser, page_path)
    page = opened.page
    try:
        opened.search("Israel")
        page.fill("#details .path-to", "hayat tahrir")
        page.click("#details .path-form button")
        assert opened.js("() => stakeholdersMap.state()")["path"] == ["israel", "hts"]
        assert page.text_content("#details h2").startswith("3 shortest paths between Israel and Hayat Tahrir al-Sham")
        # A name that is no actor's says so.
        opened.search("Israel")
        page.fill("#details .path-to", "atlantis")
        page.click("#details .path-form button")
        assert page.text_content("#details .path-message") == "No actor is named “atlantis”."
        # The link to copy is the view's: to the clipboard, or shown to copy by hand when the page may not write there.
        opened.js("() => stakeholdersMap.show({path: ['hts', 'israel']})")
        page.evaluate("() => { navigator.clipboard.writeText = text => { window.copied = text; return Promise.resolve(); }; }")
        page.click("#copy-link")
        page.wait_for_function("() => document.getElementById('copy-link').textContent === 'Link copied'")
        assert page.evaluate("() => window.copied").endswith("#path=hts,israel")
        page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); }")
        page.click("#copy-link")
        assert page.locator(".link-field").input_value().endswith("#path=hts,israel")
        assert opened.errors == []
    finally:
        opened.close()


def test_a_story_is_walked_by_its_link_and_by_the_keys(browser, page_path, syria):
    story = syria.stories[0]
    opened = Map(browser, page_path, fragment=f"#story={story.id}&step=1")
    page = opened.page

    def expected(index: int) -> dict:
        step = story.steps[index]
        shown = set(stakeholders.to_graph(syria, as_of=_last_day(step)).nodes)
        actors = set(step.focus) | {end for r in step.relations for end in (syria.relations_by_id[r].source, syria.relations_by_id[r].target)}
        return {
            "story": story.id, "step": index + 1, "asOf": _last_day(step),
            "highlighted": {"actors": sorted(actors), "relations": sorted(step.relations)},
            "visible": sorted(shown),
        }

    try:
        for index in range(len(story.steps)):
            if index:
                page.keyboard.press("ArrowRight")
            state = opened.js("() => stakeholdersMap.state()")
            want = expected(index)
            assert {k: state[k] for k in ("story", "step", "asOf", "highlighted")} == {k: want[k] for k in ("story", "step", "asOf", "highlighted")}
            assert opened.js("() => stakeholdersMap.visibleNodeIds()") == want["visible"]
            assert page.evaluate("() => location.hash") == f"#story={story.id}&step={index + 1}"
            assert page.text_content("#details h2") == story.steps[index].title
            # Faded: every actor not in the step; kept: the step's own.
            opacity = opened.js("() => Object.fromEntries(Object.entries(stakeholdersMap.network.body.nodes).map(([id, n]) => [id, n.options.opacity]))")
            assert {a for a, o in opacity.items() if o == 1} == set(want["highlighted"]["actors"])
        page.keyboard.press("ArrowRight")  # past the last step: stays there
        assert opened.js("() => stakeholdersMap.state()")["step"] == len(story.steps)
        page.keyboard.press("ArrowLeft")
        assert opened.js("() => stakeholdersMap.state()")["step"] == len(story.steps) - 1
        page.go_back()
        page.wait_for_function("n => stakeholdersMap.state().step === n", arg=len(story.steps))
        page.click("text=Leave the story")
        assert opened.js("() => stakeholdersMap.state()")["story"] is None and page.evaluate("() => location.hash") in ("", "#")
        # The story is offered under what the map is about.
        assert page.locator("#details .story-list button").all_text_contents() == [f"{story.title} ({len(story.steps)} steps)"]
        assert opened.errors == []
    finally:
        opened.close()


def _last_day(step) -> str:
    """The day a step shows: the last of its period (the slider shows days)."""
    return widened(None, step.as_of)[1]


def test_a_link_to_a_step_the_story_lacks_shows_the_whole_map_with_a_message(browser, page_path, syria):
    story = syria.stories[0]
    opened = Map(browser, page_path, fragment=f"#story={story.id}&step=9")
    try:
        assert opened.page.text_content("#details .view-message") == (
            f"Showing the whole map: the story “{story.title}” has no step 9 (it has {len(story.steps)})."
        )
        assert opened.js("() => stakeholdersMap.state()")["story"] is None
    finally:
        opened.close()


def test_a_page_rendered_with_a_story_opens_on_its_first_step(browser, syria, tmp_path):
    path = render_html(syria, tmp_path / "story.html", story="from-war-to-talks")
    opened = Map(browser, path)
    try:
        state = opened.js("() => stakeholdersMap.state()")
        assert (state["story"], state["step"], state["asOf"]) == ("from-war-to-talks", 1, "2024-12-31")
        assert opened.page.text_content("#details h2") == syria.stories[0].steps[0].title
        assert opened.errors == []
    finally:
        opened.close()


def test_the_view_is_saved_as_svg_and_png_from_the_page(browser, page_path, syria, tmp_path):
    opened = Map(browser, page_path, fragment="#story=from-war-to-talks&step=3")
    page = opened.page
    try:
        opened.settle()
        with page.expect_download() as download:
            page.click("#save-svg")
        assert download.value.suggested_filename == "syria-in-2025.svg"
        saved = tmp_path / "view.svg"
        download.value.save_as(saved)
        tree = etree.parse(str(saved))  # well-formed, every string escaped by the serializer
        svg = "{http://www.w3.org/2000/svg}"
        texts = {e.get("id"): e.text for e in tree.iter(f"{svg}text") if e.get("id")}
        assert texts["title"] == "Syria in 2025"
        assert texts["view"] == "From war to talks · step 3 of 4: Strikes and sectarian violence · as of 2025-04-30"
        assert texts["source"] == "Source: Syrian President Confirms Ongoing Indirect Negotiations with Israel Amid Ongoing Violence, 2025-05-07"
        # The names shown on the page, and only those.
        names = {actor.id: actor.name for actor in syria.actors}
        shown = opened.js("() => stakeholdersMap.labels.nodes")
        drawn = {e.get("data-id"): e.text for e in tree.iter(f"{svg}text") if e.get("class") == "actor-name"}
        assert drawn == {actor: names[actor] for actor in shown}
        relations = {e.get("data-id") for e in tree.iter(f"{svg}text") if e.get("class") == "relation-name"}
        assert relations == set(opened.js("() => stakeholdersMap.labels.edges"))
        # Faded as on the page: the step's actors in full, the others not.
        opacity = {e.get("id").removeprefix("actor-"): float(e.get("opacity")) for e in tree.iter() if (e.get("id") or "").startswith("actor-")}
        kept = set(opened.js("() => stakeholdersMap.state()")["highlighted"]["actors"])
        assert {a for a, o in opacity.items() if o == 1} == kept
        with page.expect_download() as download:
            page.click("#save-png")
        png = tmp_path / "view.png"
        download.value.save_as(png)
        picture = Image.open(png)
        box = page.locator("#map").bounding_box()
        assert picture.format == "PNG" and picture.size == (round(box["width"]), round(box["height"]) + 44 + 30)
        assert opened.errors == []
    finally:
        opened.close()


def _standing_out(opened: Map) -> set[str]:
    opacity = opened.js("() => Object.fromEntries(Object.entries(stakeholdersMap.network.body.nodes).map(([id, n]) => [id, n.options.opacity]))")
    return {actor for actor, value in opacity.items() if value in (None, 1)}


def test_the_neighbourhood_stands_out_to_the_chosen_depth_on_hover_and_selection(browser, page_path, syria):
    opened = Map(browser, page_path)
    page = opened.page
    try:
        page.set_checked("#date-enabled", False)
        graph = stakeholders.to_graph(syria).to_undirected(as_view=True)

        def within(actor: str, depth: int) -> set[str]:
            return set(nx.single_source_shortest_path_length(graph, actor, cutoff=depth))

        opened.search("the Druze")
        opened.settle()
        assert _standing_out(opened) == within("druze", 1)
        page.select_option("#focus-depth", "2")
        assert _standing_out(opened) == within("druze", 2)
        # Hovering another actor shows its own neighbourhood while the pointer is there.
        at = opened.js("() => { const n = stakeholdersMap.network, p = n.getPositions(['france']).france; return n.canvasToDOM(p); }")
        box = page.locator("#map").bounding_box()
        page.mouse.move(box["x"] + at["x"], box["y"] + at["y"])
        page.wait_for_function("() => stakeholdersMap.network.body.nodes['druze-fighters'].options.opacity < 1")
        assert _standing_out(opened) == within("france", 2)
        page.mouse.move(box["x"] + 5, box["y"] + 5)
        page.wait_for_function("() => stakeholdersMap.network.body.nodes['druze-fighters'].options.opacity === 1")
        assert _standing_out(opened) == within("druze", 2)
        # show() can make any actors and relations stand out, and names what it does not know.
        problems = opened.js("() => stakeholdersMap.show({highlighted: {actors: ['eu'], relations: ['pledge-druze'], }})")
        assert problems == [] and _standing_out(opened) == {"eu", "al-sharaa", "druze"}
        assert opened.js("() => stakeholdersMap.state()")["highlighted"] == {"actors": ["al-sharaa", "druze", "eu"], "relations": ["pledge-druze"]}
        assert opened.js("() => stakeholdersMap.show({highlighted: {actors: ['nobody']}})") == ["no actor “nobody” in this map"]
        assert opened.errors == []
    finally:
        opened.close()


# (a, b, the page's date, kinds left out)
MEDIATION_CASES = [
    ("israel", "syrian-government", "2025-05-07", ()),
    ("israel", "syrian-government", "all", ()),
    ("druze", "syrian-government", "all", ()),
    ("alawites", "al-sharaa", "2025-05-07", ("pledge",)),
    ("hts", "united-states", "all", ()),
    ("eu", "united-kingdom", "2025-05-07", ("sanctions-relief",)),
    ("al-sharaa", "assad", "all", ()),
]


def _check_mediators(opened: Map, dataset, a: str, b: str, day: str, without=()) -> None:
    """The page's mediators between a and b, against ``find_mediators`` under the same filters."""
    page = opened.page
    for polarity in ("cooperative", "hostile", "neutral"):
        page.set_checked(f"#polarity-filter input[value='{polarity}']", True)
    page.click("#kind-menu summary")
    page.click("#kinds-all")
    for kind in without:
        page.set_checked(f"#kind-filter input[value='{kind}']", False)
    page.click("#kind-menu summary")
    opened.js("view => stakeholdersMap.show(view)", {"asOf": day, "mediators": [a, b]})
    assert opened.js("() => stakeholdersMap.state().mediators") == [a, b]
    criteria = {} if day == "all" else {"as_of": day}
    if without:
        criteria["exclude_kinds"] = list(without)
    expected = stakeholders.find_mediators(dataset, a, b, **criteria)
    names = {actor.id: actor.name for actor in dataset.actors}
    shown = page.locator("#details ol.mediators > li")
    assert shown.count() == len(expected.candidates)
    for item, candidate in zip(shown.all(), expected.candidates, strict=True):
        lines = item.locator("p").all_text_contents()
        tier = " (on cooperative terms with both)" if candidate.tier == 1 else " (through one intermediary)"
        assert lines == [names[candidate.actor] + tier] + [" → ".join(names[x] for x in path.actors) for path in candidate.paths]
    left_out = page.locator("#details h3:has-text('Left out') + ul li").all_text_contents()
    assert left_out == [
        f"{names[e.actor]}: {'hostile' if e.state < 0 else 'no cooperative terms'} with {names[e.side]}" for e in expected.excluded
    ]
    kept = {x for c in expected.candidates for path in c.paths for x in path.actors} | {a, b}  # the pair stands out, with or without mediators
    assert set(opened.js("() => stakeholdersMap.state().highlighted.actors")) == kept
    assert opened.errors == []


@pytest.mark.parametrize(("a", "b", "day", "without"), MEDIATION_CASES)
def test_the_page_finds_the_mediators_the_command_finds(opened, syria, a, b, day, without):
    _check_mediators(opened, syria, a, b, day, without)


def test_an_actor_on_cooperative_terms_with_one_side_only_is_left_out_as_the_command_says(browser, tmp_path):
    # x aided both sides, then struck b: its terms with b are its latest signed relation's, hostile.
    dataset = stakeholders.from_dict({
        "actors": [{"id": i, "name": i.upper(), "type": "state"} for i in ("a", "b", "x", "y", "z")],
        "relations": [
            {"id": "x-aids-a", "source": "x", "target": "a", "kind": "aid", "start": "2025-01"},
            {"id": "x-aids-b", "source": "x", "target": "b", "kind": "aid", "start": "2025-01"},
            {"id": "x-strikes-b", "source": "x", "target": "b", "kind": "airstrike", "start": "2025-03"},
            {"id": "y-talks-a", "source": "y", "target": "a", "kind": "negotiation", "start": "2025-01", "confidence": 0.6},
            {"id": "y-talks-z", "source": "y", "target": "z", "kind": "negotiation", "start": "2025-01"},
            {"id": "z-aids-b", "source": "z", "target": "b", "kind": "aid", "start": "2025-01"},
        ],
    })  # fmt: skip
    opened = Map(browser, render_html(dataset, tmp_path / "map.html"))
    try:
        _check_mediators(opened, dataset, "a", "b", "all")
        _check_mediators(opened, dataset, "a", "b", "2025-02-15")  # before the strike: x is on good terms with both
        assert stakeholders.find_mediators(dataset, "a", "b").excluded and stakeholders.find_mediators(dataset, "a", "b", as_of="2025-02-15").candidates[0].actor == "x"
    finally:
        opened.close()


def test_the_mediation_cases_cover_both_tiers_and_no_candidate(syria):
    found = [stakeholders.find_mediators(syria, a, b, **({} if day == "all" else {"as_of": day}), **({"exclude_kinds": list(w)} if w else {})) for a, b, day, w in MEDIATION_CASES]
    assert {c.tier for m in found for c in m.candidates} == {1, 2}
    assert any(not m.candidates for m in found)
