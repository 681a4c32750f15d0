"""Stories in the data: validated like everything else (every problem, with its file and line, in one run),
listed by ``stakeholders stories``, reachable from the Python API."""

from __future__ import annotations

import json
import re

import yaml
from lxml import etree

import stakeholders
from stakeholders.cli import cli
from stakeholders.dates import widened
from stakeholders.style import FADED

from .conftest import SYRIA


def _with_stories(tmp_path, stories: list) -> str:
    data = yaml.safe_load(SYRIA.read_text(encoding="utf-8"))
    data["stories"] = stories
    path = tmp_path / "map.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return str(path)


def _line_of(path: str, text: str) -> int:
    return next(n for n, line in enumerate(open(path, encoding="utf-8"), 1) if text in line)


def test_the_shipped_story_is_there_and_every_step_stands_on_evidence(syria):
    assert [story.id for story in syria.stories] == ["from-war-to-talks"]
    for step in syria.stories[0].steps:
        assert step.as_of is not None and step.focus and step.relations
        for relation in step.relations:
            assert syria.relations_by_id[relation].evidence[0].quote
        # A step's actors are ids after loading, whatever name the file used.
        assert set(step.focus) <= set(syria.actors_by_id)


def test_every_problem_of_a_story_is_reported_at_once_with_its_line(runner, tmp_path):
    path = _with_stories(tmp_path, [
        {"id": "tale", "title": "A tale", "steps": [
            {"title": "One", "focus": ["hts", "the Druze", "atlantis"], "relations": ["hts-ousts-assad", "no-such-relation"]},
            {"title": "Two", "as_of": "2025-13"},
        ]},
        {"id": "tale", "title": "Again", "steps": [{"title": "Three"}]},
        {"id": "empty", "title": "Nothing", "steps": []},
    ])  # fmt: skip
    result = runner.invoke(cli, ["validate", path])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Error: 5 problems in {path}"
    # Each at its line, in the file's order.
    placed = [
        (_line_of(path, "- atlantis"), 'stories[0].steps[0].focus[2]: unknown actor "atlantis"'),
        (_line_of(path, "- no-such-relation"), 'stories[0].steps[0].relations[1]: unknown relation id "no-such-relation"; a step names relations by their id'),
        (_line_of(path, "2025-13"), "stories[0].steps[1].as_of: not a date: '2025-13' does not exist"),
        (_line_of(path, "title: Again") - 1, 'stories[1].id: duplicate story id "tale" (first used by stories[0])'),
        (_line_of(path, "steps: []"), "stories[2].steps: must not be empty"),
    ]
    for (line, message), shown in zip(placed, lines[1:], strict=True):
        assert shown.startswith(f"  {path}:{line}:") and shown.endswith(message), (shown, line, message)
    # A name the story uses is the actor's id once loaded.
    good = _with_stories(tmp_path, [{"id": "ok", "title": "Ok", "steps": [{"title": "One", "focus": ["the Druze"], "relations": ["pledge-druze"]}]}])
    assert stakeholders.load(good).stories[0].steps[0].focus == ("druze",)


def test_the_stories_command_lists_them(runner, syria):
    result = runner.invoke(cli, ["stories", "--data", str(SYRIA)])
    assert result.exit_code == 0, result.output
    story = syria.stories[0]
    assert result.output.splitlines()[0] == f"{story.id}: {story.title} ({len(story.steps)} steps)"
    assert "  4. Indirect talks (as of 2025-05-07)" in result.output
    assert "     actors: Syrian government, Israel, Unnamed mediators, Ahmed al-Sharaa, France" in result.output
    listed = json.loads(runner.invoke(cli, ["stories", "--data", str(SYRIA), "--format", "json"]).output)
    assert listed == [story.model_dump(mode="json", exclude_none=True)]
    assert [step["title"] for step in listed[0]["steps"]] == [step.title for step in story.steps]


def test_render_story_writes_a_pdf_page_per_step_the_same_every_time(runner, tmp_path, syria):
    target = tmp_path / "story.pdf"
    result = runner.invoke(cli, ["render", "--data", str(SYRIA), "--story", "from-war-to-talks", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{target}\n"
    first = target.read_bytes()
    assert len(re.findall(rb"/Type /Page\b(?!s)", first)) == len(syria.stories[0].steps) == 4
    assert runner.invoke(cli, ["render", "--data", str(SYRIA), "--story", "from-war-to-talks", "-o", str(target)]).exit_code == 0
    assert target.read_bytes() == first


def test_render_story_writes_a_picture_per_step_in_a_folder(runner, tmp_path, syria):
    story = syria.stories[0]
    result = runner.invoke(cli, ["render", "--data", str(SYRIA), "--story", story.id, "-o", f"{tmp_path}/steps/"])
    assert result.exit_code == 0, result.output
    written = [tmp_path / "steps" / f"{story.id}-{n:02d}.svg" for n in range(1, len(story.steps) + 1)]
    assert result.output.splitlines() == [str(path) for path in written]
    svg = "{http://www.w3.org/2000/svg}"
    for number, (path, step) in enumerate(zip(written, story.steps, strict=True), 1):
        tree = etree.parse(str(path))
        texts = {e.get("id"): "".join(e.itertext()).strip() for e in tree.iter(f"{svg}g") if e.get("id") in ("title", "filters", "source")}
        assert texts["title"] == f"{story.title} · {number} of {len(story.steps)}: {step.title}"
        assert texts["filters"].startswith(step.text.split(" ")[0]) and f"as of {_last_day(step)}" in texts["filters"].replace("\n", " ")
        assert texts["source"].startswith("Source: ")
        # The step's own relations are drawn at full strength, the others faded.
        paths = {e.get("id").removeprefix("relation-"): e.get("style") for e in tree.iter(f"{svg}path") if (e.get("id") or "").startswith("relation-")}
        opacity = {key: float(re.search(r"stroke-opacity: ?([\d.]+)", style).group(1)) if "stroke-opacity" in style else 1.0 for key, style in paths.items()}
        faded = {key for key, value in opacity.items() if value <= FADED / 2 + 0.01}
        assert set(step.relations) & set(paths) and not set(step.relations) & faded and faded == set(paths) - set(step.relations)


def _last_day(step) -> str:
    return widened(None, step.as_of)[1]


def test_render_story_refuses_what_it_cannot_draw(runner, tmp_path):
    cases = [
        (["--story", "nope", "-o", "s.pdf"], 'Error: unknown story "nope"; see `stakeholders stories`'),
        (["--story", "from-war-to-talks", "-o", "s.svg"], "Error: a story is a .pdf (a page per step) or a folder of pictures (one per step), not one .svg: give -o story.pdf or -o folder/"),
        (["--story", "from-war-to-talks", "--as-of", "2025-01", "-o", "s.pdf"], "Error: a story's steps set the date: leave out --as-of"),
        (["--story", "from-war-to-talks", "--diff-from", "2025-01", "-o", "s.pdf"], "Error: --story and --diff-from: a story shows its own dates; give one of them"),
    ]
    for args, message in cases:
        result = runner.invoke(cli, ["render", "--data", str(SYRIA), *[str(tmp_path / a) if a.startswith("s.") else a for a in args]])
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines()[0] == message
    assert not list(tmp_path.iterdir())  # nothing written
