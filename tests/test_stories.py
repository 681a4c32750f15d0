"""Stories in the data: validated like everything else (every problem, with its file and line, in one run),
listed by ``stakeholders stories``, reachable from the Python API."""

from __future__ import annotations

import json

import yaml

import stakeholders
from stakeholders.cli import cli

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
