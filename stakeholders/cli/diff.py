"""The diff command: what changed between two states of a map.

The comparison and its JSON, text and Markdown come whole from ``changes``, so
the Python API gives what the command prints; here the arguments choose one of
the three ways to pick two states, and the text is fitted to the terminal.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..analysis.choices import METRICS
from .bounds import TOP
from .common import DEFAULT_DATA, data_option, emit_json, format_option, max_bytes, open_dataset, progress
from .terminal import fit, safe, terminal_width

_FORMS = (
    "say what to compare: two datasets (OLD NEW), one dataset at two dates (--from DATE --to DATE),"
    " or the dataset with its version at a git revision (--git REV)"
)


def _check_form(datasets: tuple[Path, ...], from_: str | None, to: str | None, revision: str | None) -> None:
    """One of the three forms, before anything is read."""
    if len(datasets) > 2:
        raise click.UsageError(f"unexpected extra argument {datasets[2]}; compare two datasets at a time: OLD NEW")
    dated = from_ is not None or to is not None
    if dated and (from_ is None or to is None):
        raise click.UsageError("--from and --to go together: give both dates")
    if dated and revision is not None:
        raise click.UsageError("--from/--to compare one dataset at two dates, --git two versions of it: give one or the other")
    if (dated or revision is not None) and len(datasets) == 2:
        raise click.UsageError("two datasets (OLD NEW) are compared as they are: --from/--to and --git take one dataset")
    if not dated and revision is None and len(datasets) != 2:
        raise click.UsageError(_FORMS)


@click.command()
@click.argument("datasets", nargs=-1, type=click.Path(path_type=Path), metavar="[OLD NEW]")
@data_option
@click.option("--from", "from_", metavar="DATE", help="Compare the dataset as it stood on DATE (YYYY, YYYY-MM or YYYY-MM-DD)...")
@click.option("--to", metavar="DATE", help="...with the dataset as it stands on DATE.")
@click.option("--git", "revision", metavar="REV", help="Compare the dataset at git revision REV (HEAD~1, a tag, a hash) with the working tree.")
@click.option(
    "--metric",
    type=click.Choice(list(METRICS), case_sensitive=False),
    default="betweenness",
    show_default=True,
    help="The centrality whose largest changes text and Markdown show (JSON gives every one).",
)
@click.option("--top", type=TOP, default=5, show_default=True, help="How many centrality changes text and Markdown show (1 to 100,000).")
@format_option("text", "json", "markdown")
@click.option("--exit-code", is_flag=True, help="Exit 1 when something changed, as git diff --exit-code does.")
def diff(
    datasets: tuple[Path, ...],
    data: Path | None,
    from_: str | None,
    to: str | None,
    revision: str | None,
    metric: str,
    top: int,
    fmt: str,
    exit_code: bool,
) -> None:
    """What changed between two states of a map.

    Pick the two states in one of three ways: one dataset at two dates (--from,
    --to); two datasets, or two versions of one (OLD NEW, files or folders); or
    the dataset against its version at a git revision (--git REV; read with git
    show, nothing is checked out). With --from/--to or --git, the dataset is
    the argument, --data, or the default.

    Lists the actors and relations added, removed and changed (relations matched
    by id, then by source, target and kind), field by field and quote by quote;
    the pairs whose state flipped (the sign of their latest cooperative or
    hostile relation); and how the analysis moved: balance figures, the camps
    (matched by their members, so you see who changed side) and the largest
    changes in centrality. Exits 0 whether or not anything changed; with
    --exit-code, 1 when something did.

    \b
    Examples:
      stakeholders diff --from 2025-04 --to 2025-05
      stakeholders diff old/syria-2025.yaml data/syria-2025.yaml
      stakeholders diff --git HEAD~1 --format markdown
      stakeholders diff --git v1.0 data/ --exit-code --format json
    """
    _check_form(datasets, from_, to, revision)
    from ..changes.compare import compare, compare_dates
    from ..changes.serialize import changes_json, changes_markdown, changes_text

    argument = datasets[0] if len(datasets) == 1 else None
    if from_ is not None and to is not None:
        changes = compare_dates(open_dataset(data, argument), from_, to)
    elif revision is not None:
        from ..changes.git import load_revision

        working = open_dataset(data, argument)
        earlier = load_revision(argument or data or DEFAULT_DATA, revision, progress(), max_bytes=max_bytes())
        changes = compare(earlier, working, labels=(revision, "working tree"))
    else:
        old, new = datasets
        changes = compare(open_dataset(data, old), open_dataset(data, new), labels=(str(old), str(new)))
    if fmt == "json":
        emit_json(changes_json(changes))
    elif fmt == "markdown":
        click.echo("\n".join(safe(line) for line in changes_markdown(changes, metric=metric, top=top)))
    else:
        click.echo("\n".join(fit((safe(line) for line in changes_text(changes, metric=metric, top=top)), terminal_width())))
    if exit_code and changes.changed:
        click.get_current_context().exit(1)
