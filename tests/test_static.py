"""Static pictures of the map (SVG, PNG, PDF): what they draw, where, in which font, and always the same bytes."""

import io
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from matplotlib.font_manager import findfont

import stakeholders
from stakeholders.cli import cli
from stakeholders.errors import UsageError
from stakeholders.model import polarity_name
from stakeholders.render import placed
from stakeholders.render.paper import FONT
from stakeholders.render.static import render_static, static_figure
from stakeholders.style import ACTOR_STYLES, POLARITY_STYLE, actor_paint, actor_style

from .conftest import ROOT, SYRIA

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def graph(syria):
    return stakeholders.to_graph(syria)


@pytest.fixture(scope="module")
def pictures(graph, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pictures")
    return {fmt: render_static(graph, folder / f"map.{fmt}") for fmt in ("svg", "png", "pdf")}


@pytest.fixture(scope="module")
def svg(pictures) -> etree._ElementTree:
    return etree.parse(str(pictures["svg"]))


def _by_id(tree: etree._ElementTree, prefix: str) -> dict[str, etree._Element]:
    return {e.get("id")[len(prefix) :]: e for e in tree.iter() if (e.get("id") or "").startswith(prefix)}


def _texts(element: etree._Element) -> list[str]:
    return ["".join(t.itertext()) for t in element.iter(f"{SVG}text")]


def test_one_marker_per_actor_and_one_path_per_relation(svg, graph):
    actors, relations = _by_id(svg, "actor-"), _by_id(svg, "relation-")
    assert sorted(actors) == sorted(graph.nodes)
    assert sorted(relations) == sorted(key for *_, key in graph.edges(keys=True))
    assert {e.tag for e in [*actors.values(), *relations.values()]} == {f"{SVG}path"}
    assert actors["israel"].get("style").startswith(f"fill: {actor_style('state').color.lower()}")


def test_relations_are_coloured_and_patterned_by_polarity_and_mode_and_curved_when_they_share_a_pair(svg, graph):
    relations = _by_id(svg, "relation-")
    dashes = {(True, False): 2, (False, True): 2, (True, True): 4, (False, False): 0}  # lengths in the pattern, as on the page
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        style = relations[key].get("style")
        assert f"stroke: {POLARITY_STYLE[polarity_name(attrs['polarity'])]}" in style
        found = re.search(r"stroke-dasharray: ([\d.,]+)", style)
        assert (len(found.group(1).split(",")) if found else 0) == dashes[attrs["polarity"] == -1, attrs["mode"] == "indirect"], key
        assert ("Q" in relations[key].get("d")) is (graph.number_of_edges(u, v) + graph.number_of_edges(v, u) > 1)
    talks, hostilities = relations["syria-israel-indirect-talks"].get("d"), relations["syria-israel-hostilities"].get("d")
    assert talks.startswith("M") and "Q" in talks and "Q" in hostilities
    # The two curves of one pair bend to either side of the line between the actors.
    assert _bulge(talks) * _bulge(hostilities) < 0
    # Arrowheads: one path per colour and opacity (by status) of directed relations, after the lines.
    heads = [p for p in svg.find(f".//{SVG}g[@id='relations']") if p.get("id") is None]
    directed = {POLARITY_STYLE[polarity_name(a["polarity"])] for *_, a in graph.edges(data=True) if a["directed"]}
    assert {re.match(r"fill: (#\w+)", p.get("style")).group(1) for p in heads} == directed


def _bulge(d: str) -> float:
    """Which side of the chord a quadratic curve's control point lies on, whichever way the curve runs."""
    x0, y0, cx, cy, x1, y1 = map(float, re.findall(r"-?\d+\.?\d*", d))
    if (x0, y0) > (x1, y1):
        x0, y0, x1, y1 = x1, y1, x0, y0
    return (x1 - x0) * (cy - y0) - (y1 - y0) * (cx - x0)


def test_actors_are_where_the_html_map_puts_them(graph, svg):
    figure = static_figure(graph)
    axes = figure.axes[0]
    _, _, where = placed(graph)
    height = figure.get_figheight() * 72
    to_points = 72 / figure.dpi
    actors = _by_id(svg, "actor-")
    for node in ("israel", "syria", "united-states", "al-sharaa"):  # squares and a disc: centred on their box
        x, y = axes.transData.transform((where[node][0], -where[node][1])) * to_points
        numbers = np.array(re.findall(r"-?\d+\.?\d*", actors[node].get("d")), dtype=float).reshape(-1, 2)
        centre = (numbers.min(axis=0) + numbers.max(axis=0)) / 2
        assert centre == pytest.approx((x, height - y), abs=0.02)


def test_the_legend_the_title_and_the_filters_are_text(svg, graph):
    types = Counter(a["type"] for _, a in graph.nodes(data=True))
    legends = _by_id(svg, "legend-")
    assert _texts(legends["actors"]) == ["Actors", *(f"{t} ({n})" for t, n in sorted(types.items()))]
    assert _texts(legends["relations"]) == [
        "Relations", "cooperative (13)", "hostile (12)", "neutral (11)", "direct", "indirect (dotted)", "directed: arrow at the target",
        "thicker: greater weight (2)",
        "announced or pending: lighter (4)", "ended: faded (9)",
    ]  # fmt: skip
    assert _texts(svg.find(f".//{SVG}g[@id='title']")) == ["Syria in 2025"]
    # The source line at the foot: the map's one article, its title and date.
    assert _texts(svg.find(f".//{SVG}g[@id='source']")) == [
        "Source: Syrian President Confirms Ongoing Indirect Negotiations with Israel Amid Ongoing Violence, 2025-05-07"
    ]
    assert _texts(svg.find(f".//{SVG}g[@id='filters']")) == ["no filters · size: number of relations · colour: actor type · 20 actors, 36 relations"]
    assert sorted(_by_id(svg, "label-")) == sorted(graph.nodes)  # a small map: every actor named
    assert _by_id(svg, "DejaVuSans") == {}  # no glyphs drawn as paths (matplotlib's ids for them)


def test_the_same_map_gives_the_same_bytes(graph, pictures, tmp_path):
    for fmt, first in pictures.items():
        assert render_static(graph, tmp_path / f"again.{fmt}").read_bytes() == first.read_bytes(), fmt
    svg = pictures["svg"].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and b"CreationDate" not in pictures["pdf"].read_bytes()
    # Settings only while saving: the process's matplotlib is left as it was.
    assert matplotlib.rcParams["svg.fonttype"] == "path"


def test_the_same_bytes_from_another_process(pictures, tmp_path):
    code = f"import stakeholders\nstakeholders.render_static(stakeholders.load({str(SYRIA)!r}), {str(tmp_path / 'map.svg')!r})"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "7"})
    assert (tmp_path / "map.svg").read_bytes() == pictures["svg"].read_bytes()


def _colours(pixels: np.ndarray) -> np.ndarray:
    return pixels[..., :3].reshape(-1, 3).astype(int)


def _has(colours: np.ndarray, hex_colour: str, alpha: float = 1.0, tolerance: int = 6) -> bool:
    """Whether a pixel has this colour, drawn with ``alpha`` over white."""
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    expected = alpha * rgb + (1 - alpha) * 255
    return bool((np.abs(colours - expected).max(axis=1) <= tolerance).any())


def test_the_png_shows_every_actor_type_and_polarity_colour_in_the_map(graph, tmp_path):
    from PIL import Image

    # Enough dots for the middle of a line to be all line, without any of the white around it.
    figure = static_figure(graph, dpi=200)
    box = figure.axes[0].get_window_extent()
    image = np.asarray(Image.open(render_static(graph, tmp_path / "map.png", dpi=200)).convert("RGB"))
    assert image.shape[:2] == (int(figure.bbox.height), int(figure.bbox.width))
    top = image.shape[0] - int(box.y1)
    # The map only: the legend shows every colour too.
    colours = _colours(image[top : image.shape[0] - int(box.y0), int(box.x0) : int(box.x1)])
    for actor_type in {a["type"] for _, a in graph.nodes(data=True)}:
        fill, outline = actor_paint(actor_type, actor_style(actor_type).color)
        assert _has(colours, outline if actor_style(actor_type).hollow else fill), actor_type
    for polarity in {polarity_name(a["polarity"]) for *_, a in graph.edges(data=True)}:
        assert _has(colours, POLARITY_STYLE[polarity], alpha=0.85), polarity


def test_labels_cover_no_label_and_no_node_and_stay_in_the_picture(graph):
    figure = static_figure(graph)
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    labels = [t.get_window_extent(renderer) for t in axes.texts]
    # Every actor named, and relations' names (0 of 36 before) where they fit.
    assert sum(1 for t in axes.texts if t.get_gid().startswith("label-")) == graph.number_of_nodes()
    assert sum(1 for t in axes.texts if t.get_gid().startswith("name-")) >= graph.number_of_edges() // 2
    for i, first in enumerate(labels):
        assert first.x0 >= 0 and first.y0 >= 0 and first.x1 <= figure.bbox.width and first.y1 <= figure.bbox.height
        for second in labels[i + 1 :]:
            assert not first.overlaps(second)
    # Nodes as squares around their centres, sized as drawn (radii in map units, one scale both ways).
    _, radii, where = placed(graph)
    scale = axes.transData.transform((1, 0))[0] - axes.transData.transform((0, 0))[0]
    for node, (x, y) in where.items():
        cx, cy = axes.transData.transform((x, -y))
        r = radii[node] * scale
        for label in labels:
            assert not (label.x0 < cx + r and cx - r < label.x1 and label.y0 < cy + r and cy - r < label.y1), node


def _svg_lines(svg: etree._ElementTree) -> dict[str, np.ndarray]:
    """Each relation's line in the SVG (points from the top left), as points along it: straight, or a quadratic curve."""
    lines = {}
    for key, path in _by_id(svg, "relation-").items():
        numbers = np.array(re.findall(r"-?\d+\.?\d*", path.get("d")), dtype=float).reshape(-1, 2)
        if len(numbers) == 3:  # M start Q control end
            t = np.linspace(0, 1, 25)[:, None]
            numbers = (1 - t) ** 2 * numbers[0] + 2 * t * (1 - t) * numbers[1] + t**2 * numbers[2]
        lines[key] = numbers
    return lines


def test_relation_names_sit_where_no_other_line_crosses_them(graph, svg, pictures):
    figure = static_figure(graph)
    renderer = figure.canvas.get_renderer()
    to_points, height = 72 / figure.dpi, figure.get_figheight() * 72
    lines = _svg_lines(svg)
    names = {t.get_gid().removeprefix("name-"): t.get_window_extent(renderer) for t in figure.axes[0].texts if t.get_gid().startswith("name-")}
    assert names
    for key, box in names.items():
        left, right = box.x0 * to_points, box.x1 * to_points
        top, bottom = height - box.y1 * to_points, height - box.y0 * to_points
        # Its own line passes through it; no other line does (sampled every half point along each line).
        for other, points in lines.items():
            steps = np.linspace(0, 1, 200)[:, None]
            dense = np.concatenate([a + steps * (b - a) for a, b in zip(points[:-1], points[1:], strict=True)])
            inside = (dense[:, 0] > left) & (dense[:, 0] < right) & (dense[:, 1] > top) & (dense[:, 1] < bottom)
            assert inside.any() == (other == key), (key, other)


ARABIC_AND_HEBREW = {
    "meta": {"title": "Syrie — سوريا — ישראל"},
    "actors": [
        {"id": "sharaa", "name": "أحمد الشرع", "type": "person"},
        {"id": "netanyahu", "name": "בנימין נתניהו", "type": "person"},
        {"id": "syria", "name": "الجمهورية العربية السورية", "type": "state"},
        {"id": "knesset", "name": "הכנסת", "type": "government"},
    ],
    "relations": [
        {"source": "sharaa", "target": "syria", "kind": "leads"},
        {"source": "netanyahu", "target": "knesset", "kind": "leads"},
        {"source": "knesset", "target": "syria", "kind": "hostility"},
    ],
}


def test_arabic_and_hebrew_names_are_drawn_with_a_font_that_has_their_letters(tmp_path):
    data = stakeholders.from_dict(ARABIC_AND_HEBREW)
    figure = static_figure(data)
    texts = [*figure.texts, *figure.axes[0].texts, *(t for legend in figure.legends for t in legend.get_texts())]
    drawn = {t.get_text() for t in texts}
    assert {a["name"] for a in ARABIC_AND_HEBREW["actors"]} | {"Syrie — سوريا — ישראל"} <= drawn
    for text in texts:
        font = findfont(text.get_fontproperties())
        letters = TTFont(font)["cmap"].getBestCmap()
        missing = [c for c in text.get_text() if unicodedata.category(c)[0] not in "ZC" and ord(c) not in letters]
        assert missing == [], (font, text.get_text())
    assert Path(findfont(figure.axes[0].texts[0].get_fontproperties())) == FONT
    # SVG keeps the names as text, in logical order: SVG viewers shape and order them themselves.
    svg = render_static(data, tmp_path / "map.svg").read_text(encoding="utf-8")
    assert ">أحمد الشرع</text>" in svg and ">בנימין נתניהו</text>" in svg


def test_arabic_is_shaped_and_hebrew_runs_right_to_left():
    # matplotlib (3.11+, libraqm) lays glyphs out in display order: the first letter of a right-to-left name ends up rightmost.
    from matplotlib.font_manager import get_font
    from matplotlib.ft2font import LoadFlags

    font = get_font(str(FONT))
    font.set_size(12, 72)
    hebrew = font._layout("אבג", LoadFlags.NO_HINTING)
    assert [g.char for g in hebrew] == ["ג", "ב", "א"]
    arabic = font._layout("سوريا", LoadFlags.NO_HINTING)
    charmap = font.get_charmap()
    assert any(g.glyph_index != charmap[ord(g.char)] for g in arabic)  # joined (contextual) forms, not the isolated letters


def test_names_are_never_read_as_mathtext(tmp_path):
    data = stakeholders.from_dict({"actors": [{"id": "fund", "name": "Fund $x^2$ and $5", "type": "company"}]})
    svg = render_static(data, tmp_path / "map.svg").read_text(encoding="utf-8")
    assert ">Fund $x^2$ and $5</text>" in svg


def test_colour_by_camp_draws_the_groups_legend(syria):
    figure = static_figure(syria, color_by="camp")
    legends = {legend.get_gid(): [t.get_text() for t in legend.get_texts()] for legend in figure.legends}
    assert list(legends) == ["legend-actors", "legend-groups", "legend-relations"]
    assert legends["legend-groups"][0].startswith("camp 1: ")
    assert "colour: friend/enemy camp" in figure.texts[1].get_text()


def test_filters_are_applied_and_stated(syria, tmp_path):
    tree = etree.parse(str(render_static(syria, tmp_path / "map.svg", as_of="2025-01", polarity="hostile")))
    expected = stakeholders.to_graph(syria, as_of="2025-01", polarity="hostile")
    assert sorted(_by_id(tree, "relation-")) == sorted(key for *_, key in expected.edges(keys=True))
    line = _texts(tree.find(f".//{SVG}g[@id='filters']"))[0]
    assert line.startswith("as of 2025-01 · polarity: hostile · size: number of relations")


def test_a_map_with_nothing_left_is_still_a_picture(syria, tmp_path):
    svg = render_static(syria, tmp_path / "map.svg", actor_types=["ngo"]).read_text(encoding="utf-8")
    assert "No actor passes the filters in force." in svg and "actor types: ngo" in svg


def test_the_api(syria, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert render_static(syria) == Path("output/syria-2025.svg")
    assert render_static(syria, format="pdf") == Path("output/syria-2025.pdf")
    assert Path("output/syria-2025.pdf").read_bytes().startswith(b"%PDF")
    assert stakeholders.render_static is render_static and stakeholders.static_figure is static_figure
    with pytest.raises(UsageError, match="the .html page is render_html's"):
        render_static(syria, "map.html")
    with pytest.raises(UsageError, match=r"the picture's width is in inches, from 1 to 100; got 0.5"):
        static_figure(syria, width=0.5)
    assert not Path("map.html").exists()


def test_render_help_names_the_picture_options(runner):
    # That importing the package and this help load no matplotlib: test_layers checks every help screen.
    result = runner.invoke(cli, ["render", "--help"])
    assert result.exit_code == 0
    assert "--format [html|svg|png|pdf]" in result.output and "inches" in result.output


# The command line ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "start"), [("map.svg", b"<?xml"), ("map.png", b"\x89PNG"), ("map.pdf", b"%PDF"), ("MAP.SVG", b"<?xml")])
def test_the_suffix_chooses_the_format(runner, tmp_path, name, start):
    result = runner.invoke(cli, ["render", "--data", str(SYRIA), "-o", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{tmp_path / name}\n"
    assert (tmp_path / name).read_bytes().startswith(start)


def test_format_serves_other_suffixes_and_names_the_default_file(runner, tmp_path):
    result = runner.invoke(cli, ["render", "--data", str(SYRIA), "-o", str(tmp_path / "map.image"), "--format", "svg"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "map.image").read_bytes().startswith(b"<?xml")
    with runner.isolated_filesystem(temp_dir=tmp_path):
        result = runner.invoke(cli, ["render", "--data", str(SYRIA), "--format", "PNG"])
        assert result.exit_code == 0, result.output
        assert result.stdout == "output/syria-2025.png\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "map.txt"], "map.txt: the map is an .html page or an .svg, .png or .pdf picture; give one of these suffixes or --format"),
        (["-o", "map.html", "--width", "5", "--dpi", "300"], "--width, --dpi: for pictures (svg, png, pdf), not the html page"),
        (["-o", "map.svg", "--physics"], "--physics is for the html page; a picture shows the layout as computed"),
        (["-o", "map.png", "--format", "svg"], "map.png is named as png but --format says svg; give one of them, or a name ending .svg"),
        (["-o", "map.png", "--width", "0.5"], "Invalid value for '--width': '0.5' is not a number from 1 to 100\nsee `stakeholders render --help`"),
        (["-o", "map.png", "--dpi", "5000"], "Invalid value for '--dpi': '5000' is not a whole number from 10 to 1,200\nsee `stakeholders render --help`"),
        (["-o", "map.png", "--width", "2"], "the picture is too narrow for its legend: give a width of at least 4 inches"),
        (["-o", "map.svg", "--height", "3"], "the picture is too low for its title, legend and map: give a height of at least 4.8 inches"),
    ],
)
def test_bad_requests_are_one_error_line_and_write_nothing(runner, tmp_path, args, message):
    with runner.isolated_filesystem(temp_dir=tmp_path) as folder:
        result = runner.invoke(cli, ["render", "--data", str(SYRIA), *args])
        assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")
        assert list(Path(folder).iterdir()) == []


def test_width_height_and_dpi_take_effect(runner, tmp_path):
    from PIL import Image

    result = runner.invoke(cli, ["render", "--data", str(SYRIA), "-o", str(tmp_path / "map.png"), "--width", "8", "--height", "5", "--dpi", "50"])
    assert result.exit_code == 0, result.output
    assert Image.open(tmp_path / "map.png").size == (400, 250)
    result = runner.invoke(cli, ["render", "--data", str(SYRIA), "-o", str(tmp_path / "map.svg"), "--width", "8", "--height", "5"])
    assert result.exit_code == 0, result.output
    root = etree.parse(str(tmp_path / "map.svg")).getroot()
    assert (root.get("width"), root.get("height")) == ("576pt", "360pt")


def test_the_filters_apply_on_the_command_line(runner, tmp_path, syria):
    out = tmp_path / "map.svg"
    result = runner.invoke(cli, ["render", "--data", str(SYRIA), "-o", str(out), "--as-of", "2025-01", "--focus", "Israel", "--title", "Israel, January"])
    assert result.exit_code == 0, result.output
    tree = etree.parse(str(out))
    expected = stakeholders.to_graph(syria, as_of="2025-01", focus="Israel")
    assert sorted(_by_id(tree, "actor-")) == sorted(expected.nodes)
    assert _texts(tree.find(f".//{SVG}g[@id='title']")) == ["Israel, January"]
    assert _texts(tree.find(f".//{SVG}g[@id='filters']"))[0].startswith("as of 2025-01 · around Israel, depth 1 · ")


def test_a_png_opens_with_matplotlib(pictures):
    image = matplotlib.image.imread(io.BytesIO(pictures["png"].read_bytes()), format="png")
    assert image.shape[2] == 4 and image[0, 0].tolist() == [1.0, 1.0, 1.0, 1.0]  # white, not transparent


def test_every_actor_type_has_a_mark_of_its_own_without_colour():
    # 11 types shared 6 shapes: coloured by camp, a government and a media outlet could not be told apart.
    marks = {(style.shape, style.hollow) for style in ACTOR_STYLES.values()}
    assert len(marks) == len(ACTOR_STYLES)
    # A hollow mark's outline stands out on white (WCAG's 3:1 for graphics), whatever colours it.
    from stakeholders.style import GROUP_COLORS, UNGROUPED_COLOR, _luminance

    for color in [style.color for style in ACTOR_STYLES.values()] + list(GROUP_COLORS) + [UNGROUPED_COLOR]:
        outline = actor_paint("media", color)[1]
        assert 1.05 / (_luminance(outline) + 0.05) >= 3.0, (color, outline)
