"""The extract command: draft a map from news articles, for a person to review."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import UsageError
from ..terms import counted
from .common import (
    DEFAULT_DATA,
    check_not_into_dataset,
    check_output,
    data_option,
    emit_json,
    format_option,
    into_dataset_option,
    max_bytes,
    open_dataset,
    progress,
    streamed,
)
from .terminal import safe

if TYPE_CHECKING:
    from ..extract import Draft


@click.command("extract")
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@data_option
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="The draft to write (YAML).")
@click.option("--title", help="The article's title (one article). Default: the page's, or the text's first line.")
@click.option("--date", metavar="DATE", help="The article's date, YYYY, YYYY-MM or YYYY-MM-DD (one article). Default: the page's, or a date line.")
@click.option("--url", help="The article's URL (one article). Default: a saved page's canonical URL.")
@click.option("--patterns", type=click.Path(path_type=Path), metavar="FILE", help="A YAML file of cue patterns adding to or replacing the built-in ones.")
@click.option("--explain", is_flag=True, help="Print, for each sentence, the actors found, the patterns that fired and why a candidate was dropped.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@into_dataset_option
@format_option("text", "json")
def extract(
    articles: tuple[Path, ...],
    data: Path | None,
    output: Path,
    title: str | None,
    date: str | None,
    url: str | None,
    patterns: Path | None,
    explain: bool,
    force: bool,
    into_dataset: bool,
    fmt: str,
) -> None:
    """Draft a map from news ARTICLES: actors, and relations with the sentence that says so.

    ARTICLES are plain text or Markdown files, saved web pages (.html: the main
    text, title, date and canonical URL are read from the page, offline), or -
    for standard input; several make one draft, each article a source. Actors
    are the dataset's (by name and alias) and those of a built-in gazetteer
    (states, their demonyms and capitals, organisations, role nouns such as
    "interior ministry"); states and organisations the dataset lacks are proposed
    as new actors. Each relation quotes the sentence it was found in.

    The draft is a YAML file with comments for the reviewer; every record is
    tagged draft. Review it (fix or delete what the quote does not say), then move
    it into the dataset's folder, where files merge (writing it there directly
    needs --into-dataset). With -o - the draft goes to standard output and the
    summary to standard error. Needs spaCy (pip install
    'stakeholders[extract]'); no model is downloaded.

    \b
    Examples:
      stakeholders extract article.txt -o draft.yaml
      stakeholders extract page.html other.md --data data/ -o draft.yaml
      curl -s https://example.org/story | stakeholders extract - --url https://example.org/story -o draft.yaml
      stakeholders extract article.txt --date 2025-07-17 --explain -o draft.yaml
      stakeholders extract article.txt --patterns my-cues.yaml -o draft.yaml --force
    """
    if output.suffix.lower() not in (".yaml", ".yml") and not streamed(output):
        raise UsageError(f"{output}: the draft is written as YAML; give a .yaml file")
    check_output(output, force=force)
    check_not_into_dataset(output, data, into_dataset)
    if sum(1 for a in articles if str(a) == "-") > 1:
        raise UsageError("standard input (-) can be read once")
    from ..extract import Article, extract_draft, write_draft

    inputs: list[Path | Article] = [Article(sys.stdin.read(), name="standard input") if str(a) == "-" else a for a in articles]
    dataset = open_dataset(data) if data is not None or DEFAULT_DATA.exists() else None
    draft = extract_draft(inputs, dataset, title=title, date=date, url=url, patterns=patterns, progress=progress(), max_bytes=max_bytes())
    write_draft(draft, output, force=force)
    summary = draft.summary()
    if fmt == "json":
        record: dict[str, Any] = {"output": str(output), "dataset": dataset.name if dataset is not None else None, **summary}
        if explain:
            record["sentences"] = [vars(s) for s in draft.sentences]
        emit_json(record, err=streamed(output))
        return
    err = streamed(output)
    if explain:
        click.echo("\n".join(_explained(draft)), err=err)
    click.echo(_summary(output, summary, dataset.name if dataset is not None else None), err=err)


def _explained(draft: Draft) -> list[str]:
    lines = []
    for sentence in draft.sentences:
        lines.append(safe(f'{sentence.source}, {sentence.locator}: "{sentence.text}"'))
        lines.append(safe(f"  actors: {', '.join(sentence.actors) or 'none'}"))
        lines.extend(safe(f"  {event}") for event in sentence.events)
    return [*lines, ""]


def _summary(output: Path, summary: dict[str, Any], dataset: str | None) -> str:
    parts = [counted(summary["sources"], "new source"), counted(summary["new_actors"], "new actor"), counted(summary["relations"], "relation")]
    cited = summary["cited_sources"]
    lines = [f"Wrote {safe(output)}: {', '.join(parts)} from {counted(summary['articles'], 'article')}" + (f", against the dataset {safe(dataset)}" if dataset else "")]
    if cited:
        lines.append(f"cites {safe(', '.join(cited))}, already in the dataset")
    if summary["relations_by_kind"]:
        lines.append("relations: " + ", ".join(f"{kind} {n}" for kind, n in summary["relations_by_kind"].items()))
    lines.append("Review every entry (each is tagged draft), then move the file into the dataset's folder.")
    return "\n".join(lines)
