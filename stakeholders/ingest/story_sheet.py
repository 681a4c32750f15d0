"""The stories sheet (``stories.csv``): one row per step, in order, the story's id, title and description on each
row, so that a story survives export to sheets and import back. A spreadsheet keeps rows, not nested lists."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Story, StoryStep
from .sheets import Column

STORIES_FILE = "stories.csv"
STORY_COLUMNS = (
    Column("story", "story"),
    Column("story_title", "story_title"),
    Column("story_description", "story_description"),
    Column("step_title", "title"),
    Column("text", "text"),
    Column("as_of", "as_of"),
    Column("focus", "focus", "list"),
    Column("relations", "relations", "list"),
)
#: What tells a stories sheet from the others, by its headers.
STORY_KEYS = frozenset({"story", "step_title"})


def story_rows(stories: Iterable[Story]) -> Iterator[dict[str, Any]]:
    """Each step as a sheet record, in order."""
    for story in stories:
        for step in story.steps:
            yield {
                "story": story.id, "story_title": story.title, "story_description": story.description,
                **step.model_dump(mode="json", exclude_none=True),
            }  # fmt: skip


def stories_of(rows: Iterable[tuple[str, dict[str, Any]]], skipped: list[str]) -> list[dict[str, Any]]:
    """Stories from sheet records (``(where, record)``, in sheet order): a story's rows are its steps; its title
    and description are taken from its first row. A row without a story id or a step title is skipped."""
    stories: dict[str, dict[str, Any]] = {}
    for where, record in rows:
        story_id, title = record.pop("story", None), record.get("title")
        if not story_id or not title:
            skipped.append(f"{where}: a step needs a story id (column story) and a title (column step_title)")
            continue
        story_title, description = record.pop("story_title", None), record.pop("story_description", None)
        story = stories.setdefault(story_id, {"id": story_id, "title": story_title or story_id, "steps": []})
        if description and "description" not in story:
            story["description"] = description
        step = {k: v for k, v in record.items() if k in StoryStep.__dataclass_fields__}
        story["steps"].append(step)
    return list(stories.values())
