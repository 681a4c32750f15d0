"""Shared pieces of the command line: the group's error handling, common options,
dataset opening and the small text helpers every command uses.

The library raises; this layer turns ``StakeholdersError`` into one ``Error: ...``
line on stderr and exit code 1 (bad data) or 2 (bad usage).
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar

import click
from click.core import ParameterSource

from ..errors import DataError, DatasetNotFoundError, FileTooLargeError, StakeholdersError, UsageError
from ..terms import ACTOR_TYPES, counted
from .bounds import DEPTH, MAX_BYTES, from_environment
from .terminal import safe

if TYPE_CHECKING:
    import networkx as nx

    from ..filters import Criteria
    from ..model import Actor, Dataset, Relation

DEFAULT_DATA = Path("data")
F = TypeVar("F", bound=Callable[..., Any])


class Group(click.Group):
    """Every error as one ``Error:`` line (and at most one hint line) and the right exit code.

    The library's errors exit 1 (bad data) or 2 (bad usage); click's usage errors
    (an unknown option, a bad choice, a stray argument) exit 2 without the usage
    text click would print first.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StakeholdersError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:  # a bare group (`stakeholders`, `stakeholders events`) asks for its help
            click.echo(exc.ctx.get_help())
            sys.exit(0)
        except click.UsageError as exc:
            click.echo(f"Error: {_usage_message(exc)}", err=True)
            if exc.ctx is not None and exc.ctx.command is not self:
                click.echo(f"see `{exc.ctx.command_path} --help`", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"Error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:  # click's word for Ctrl-C (and for the end of input at a prompt)
            interrupted()
        # Without standalone mode click returns the code of ``ctx.exit`` (--help, a library error).
        sys.exit(code if isinstance(code, int) else 0)


def interrupted(newline: bool = False) -> NoReturn:
    """Ctrl-C: one line and exit code 130 (128 + SIGINT), as shells report it; never a traceback.
    ``newline`` ends the line the terminal's ``^C`` was echoed on (click does it for its own)."""
    click.echo(("\n" if newline else "") + "Interrupted.", err=True)
    sys.exit(130)


def _usage_message(exc: click.UsageError) -> str:
    message = exc.format_message()
    if isinstance(exc, click.BadArgumentUsage) or message.startswith("Got unexpected extra argument"):
        extra = message.partition("(")[2].rstrip(")")
        if extra:
            return f"unexpected extra argument {extra}; give the dataset with --data PATH"
    return message


def data_option(command: F) -> F:
    return click.option(
        "--data",
        type=click.Path(path_type=Path),
        envvar="STAKEHOLDERS_DATA",
        metavar="PATH",
        help="Dataset file or folder. Default: $STAKEHOLDERS_DATA, else data/.",
    )(command)


def format_option(*choices: str) -> Callable[[F], F]:
    def decorate(command: F) -> F:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(choices, case_sensitive=False),
            default=choices[0],
            show_default=True,
            help="Output format; json is for scripts.",
        )(command)

    return decorate


def type_option(command: F) -> F:
    return click.option(
        "--type", "actor_types", multiple=True, type=click.Choice(ACTOR_TYPES, case_sensitive=False), help="Only actors of this type (repeatable)."
    )(command)


def _collected(names: tuple[str, ...]) -> Callable[[F], F]:
    """The command receives these options in one ``criteria`` mapping, named as the
    library's filters (``stakeholders.filters.Criteria``); unset ones are left out."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            criteria = dict(kwargs.pop("criteria", {}))
            for name in names:
                value = kwargs.pop(name)
                if value not in (None, (), "any"):
                    criteria[name] = value
            return command(*args, criteria=criteria, **kwargs)

        return run  # type: ignore[return-value]

    return decorate


def filter_options(command: F) -> F:
    """--as-of, --kind, --exclude-kind, --polarity and --type, handed over as ``criteria``."""
    command = _collected(("as_of", "kinds", "exclude_kinds", "polarity", "actor_types"))(command)
    command = type_option(command)
    command = click.option(
        "--exclude-kind", "exclude_kinds", multiple=True, metavar="KIND", help="Leave out this relation kind (repeatable)."
    )(command)
    command = click.option("--as-of", metavar="DATE", help="Only relations active on DATE (YYYY, YYYY-MM or YYYY-MM-DD).")(
        command
    )
    command = click.option(
        "--polarity",
        type=click.Choice(["cooperative", "hostile", "neutral", "any"], case_sensitive=False),
        default="any",
        show_default=True,
        help="Only relations of this polarity.",
    )(command)
    return click.option("--kind", "kinds", multiple=True, metavar="KIND", help="Only this relation kind (repeatable).")(
        command
    )


def focus_options(command: F) -> F:
    """--focus and --depth, added to ``criteria``; --depth alone is refused, not ignored."""
    command = _collected(("focus", "depth"))(command)
    collected = command

    @functools.wraps(collected)
    def run(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        if kwargs.get("focus") is None and ctx.get_parameter_source("depth") == ParameterSource.COMMANDLINE:
            raise UsageError("--depth is how far --focus reaches: give --focus ACTOR too")
        return collected(*args, **kwargs)

    command = run  # type: ignore[assignment]
    command = click.option(
        "--depth", type=DEPTH, default=1, show_default=True, help="How many relations away --focus reaches (1 to 10)."
    )(command)
    return click.option("--focus", metavar="ACTOR", help="Only this actor's neighbourhood (id, name or alias).")(command)


class ProgressBar:
    """Draws the library's progress reports as bars on stderr, one per stage.

    Silent unless stderr is a terminal and --quiet was not given, and silent for
    the first second: quick commands print nothing extra.
    """

    DELAY = 1.0

    def __init__(self, enabled: bool, file: TextIO | None = None) -> None:
        self.enabled = enabled
        self.file = file or sys.stderr
        self.started = time.monotonic()
        self.stage: str | None = None
        self.bar: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.started < self.DELAY:
            return
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = click.progressbar(length=max(total, 1), label=f"{stage:<9}", file=self.file, show_pos=True)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)
        if done >= total:
            self.close()  # a finished stage leaves its line, so the command's output starts clean

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def progress() -> ProgressBar:
    """The command's progress bar, made on first use and closed when the command ends."""
    root = click.get_current_context().find_root()
    bar = root.meta.get("stakeholders.progress")
    if bar is None:
        bar = ProgressBar(enabled=not root.params.get("quiet") and sys.stderr.isatty())
        root.meta["stakeholders.progress"] = bar
        root.call_on_close(bar.close)
    return bar


def check_output(path: Path, *, folder: bool = False, force: bool | None = None) -> Path:
    """An output path the user gave, checked before any work: ``-``, a device or a FIFO (written
    as a stream), else a file whose folder exists (only the default output/ is made).

    A folder is refused unless the format writes one (``folder``); with ``force``
    False an existing file is refused.
    """
    from ..atomic import is_stream

    if is_stream(path):
        return path
    if path.is_dir() and not folder:
        raise UsageError(f"{path} is a folder; give a file name")
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(f"{path}: the folder {parent} does not exist" if not parent.exists() else f"{path}: {parent} is not a folder")
    if force is False and (path.exists() or path.is_symlink()):
        raise UsageError(f"{path} exists; use --force to replace it")
    return path


def streamed(path: Path | None) -> bool:
    """True when the output is a stream (``-``, a device, a FIFO): the command's notes then go to stderr."""
    from ..atomic import is_stream

    return path is not None and is_stream(path)


def into_dataset_option(command: F) -> F:
    return click.option(
        "--into-dataset",
        is_flag=True,
        help="Write the map into the dataset's folder, as a part of that map: its files merge, and the new file has no meta of its own.",
    )(command)


def check_not_into_dataset(output: Path, data: Path | None, allowed: bool) -> None:
    """Refuse a map written where the dataset is read from, unless ``allowed``: the new file
    would merge with the dataset's own files (duplicate sources, actors and relations) and
    every later command would read it. The dataset is ``data`` and the default one."""
    if allowed or streamed(output):
        return
    written = Path(os.path.realpath(output))
    homes = [data] if data is not None else []
    default = Path(os.environ.get("STAKEHOLDERS_DATA") or DEFAULT_DATA)
    homes.extend([default] if default not in homes else [])
    for home in homes:
        real = Path(os.path.realpath(home))
        if written == real or (real.is_dir() and real in written.parents):
            raise UsageError(
                f"{output} is in the dataset {home}, which the other commands read: the map would merge with its files; "
                "write it elsewhere to review it first, or give --into-dataset"
            )


def open_dataset(data: Path | None, argument: Path | None = None, need: str | None = None) -> Dataset:
    """Load the dataset named by the argument, --data, $STAKEHOLDERS_DATA or the default.

    ``need`` names what the command does with the actors (draw, export,
    analyse): a dataset without any is then an error.
    """
    ctx = click.get_current_context()
    if argument is not None and data is not None and ctx.get_parameter_source("data") == ParameterSource.COMMANDLINE:
        raise click.UsageError("give the dataset as an argument or with --data, not both")
    path = argument or data
    try:
        from ..ingest import load

        loaded = load(path or DEFAULT_DATA, progress(), max_bytes=max_bytes())
    except FileTooLargeError as exc:
        raise FileTooLargeError(exc.path, exc.size, exc.limit, "set STAKEHOLDERS_MAX_BYTES to allow more") from None
    except DatasetNotFoundError as exc:
        if path is not None:
            raise
        raise DatasetNotFoundError(
            f"{exc}; run from the project folder or give a dataset with --data or STAKEHOLDERS_DATA"
        ) from None
    if need is not None and not loaded.actors:
        raise DataError(f"the dataset {loaded.name} has no actors: nothing to {need}")
    return loaded


def warn_if_empty(graph: nx.MultiDiGraph, criteria: Criteria) -> None:
    """A warning on stderr when the filters leave no relation (the output is still written:
    an empty answer can be the right one, as of a date before everything)."""
    if not criteria or graph.number_of_edges():
        return
    words = "; ".join(graph.graph.get("filters") or []) or "the filters given"
    actors = graph.number_of_nodes()
    click.echo(f"Warning: no relation passes the filters ({words}): the output has {counted(actors, 'actor')} and no relation", err=True)


def max_bytes() -> int:
    """The largest data file to read: $STAKEHOLDERS_MAX_BYTES, else the library's default."""
    value = from_environment("STAKEHOLDERS_MAX_BYTES", MAX_BYTES)
    if value is None:
        from ..ingest.read import DEFAULT_MAX_BYTES

        return DEFAULT_MAX_BYTES
    return int(value)


def emit_json(value: Any, err: bool = False) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2), err=err)


def span(record: Relation | Actor, dataset: Dataset | None = None) -> str:
    """``2025-01 to 2025-05``, ``since 2025-01``...; a relation whose dates come from its
    evidence (give ``dataset``) says so: ``reported 2025-05-07``."""
    if dataset is not None and hasattr(record, "kind"):  # a relation: its dates may come from its source
        reported = dataset.spans[record.id].reported
        if reported is not None:
            return f"reported {reported}"
    start, end = record.start, record.end
    if start and end:
        return str(start) if start == end else f"{start} to {end}"
    if start:
        return f"since {start}"
    return f"until {end}" if end else ""


def undated_lines(undated: list[Relation], rows: Callable[[list[Relation]], str]) -> list[str]:
    """What a dated answer lists apart: the relations that would pass but have no date at all."""
    if not undated:
        return []
    return ["", f"undated: {len(undated)} (no dates and no dated source, so on no date; listed apart)", rows(undated)]


def arrow(relation: Relation, seen_from: str | None = None) -> str:
    """``-[kind]->``, ``<-[kind]-`` or ``-[kind]-``, as seen from one actor if given."""
    if not relation.directed:
        return f"-[{relation.kind}]-"
    if seen_from is not None and relation.target == seen_from:
        return f"<-[{relation.kind}]-"
    return f"-[{relation.kind}]->"


def manner(relation: Relation, dataset: Dataset) -> str:
    """Mode and intermediaries in words: ``indirect, via Unnamed mediators``."""
    parts = [relation.mode] if relation.mode != "direct" else []
    if relation.via:
        parts.append("via " + ", ".join(dataset.actors_by_id[a].name for a in relation.via))
    return ", ".join(parts)


def details(relation: Relation, dataset: Dataset) -> str:
    """``  (since 2025-01, ongoing, indirect, via X, confidence 0.7)``, or nothing."""
    words = [d for d in (span(relation, dataset), relation.status, manner(relation, dataset)) if d]
    if relation.confidence is not None:
        words.append(f"confidence {relation.confidence:g}")
    return f"  ({safe(', '.join(words))})" if words else ""


def evidence_lines(relation: Relation, dataset: Dataset, indent: str) -> Iterator[str]:
    """Each quote of the relation with its source's title and date."""
    for evidence in relation.evidence:
        source = dataset.sources_by_id[evidence.source]
        cited = safe(source.title) + (f", {source.date}" if source.date else "")
        yield f"{indent}{safe(evidence.said)} ({cited})"
