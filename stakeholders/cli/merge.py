"""The dedupe and merge commands: one map from many hands (``stakeholders.merge`` does the work)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import UsageError
from ..terms import counted
from .bounds import Bounded
from .common import check_not_into_dataset, check_output, emit_json, format_option, open_dataset, streamed
from .terminal import safe

_SCORE = Bounded(0, 1, whole=False)
_NOUNS = {"actors": "actors", "relations": "relations", "evidence": "pieces of evidence", "sources": "sources"}


def _maps(paths: tuple[Path, ...]) -> list:
    if not paths:
        raise click.UsageError("give the maps to compare: files or folders (MAP...)")
    return [open_dataset(None, path) for path in paths]


@click.command()
@click.argument("maps", nargs=-1, type=click.Path(path_type=Path), metavar="MAP...")
@click.option("--min-score", type=_SCORE, default=0.6, show_default=True, help="Only pairs scoring this or more (0 to 1).")
@click.option("--any-type", is_flag=True, help="Also pairs whose types or countries conflict (a person and a state), at half their score.")
@click.option("--write", "write", type=click.Path(path_type=Path), metavar="FILE", help="Write the pairs as a same-as file to review (YAML).")
@click.option("--force", is_flag=True, help="Replace the --write file if it exists.")
@format_option("text", "json")
def dedupe(maps: tuple[Path, ...], min_score: float, any_type: bool, write: Path | None, force: bool, fmt: str) -> None:
    """Actors that may be the same, within a map and across maps.

    Each pair has a score from 0 to 1 and its reasons: the same name or alias
    once folded (1.0), the same code (CAMEO, ISO...: 0.95), the same words once
    demonyms are read as their states ("Syria: government", "Syrian
    government": 0.95), an acronym ("HTS": 0.85), names alike letter by letter,
    both the government of one country under other names (0.5, weak), and
    shared neighbours (up to +0.1). Pairs whose types conflict (a person and a
    state) or whose countries differ are left out unless --any-type.

    --write makes a same-as file: review it (delete the pairs that are not one
    actor), then give it to merge --same-as.

    \b
    Examples:
      stakeholders dedupe data/ events.yaml
      stakeholders dedupe data/ events.yaml --min-score 0.9 --format json
      stakeholders dedupe data/ events.yaml draft.yaml --write same-as.yaml
    """
    from ..merge import find_duplicates, write_same_as

    if write is not None:
        if write.suffix.lower() not in (".yaml", ".yml"):
            raise UsageError(f"{write}: a same-as file is YAML; give a .yaml file")
        check_output(write, force=force)
    datasets = _maps(maps)
    found = find_duplicates(datasets, min_score=min_score, any_type=any_type)
    if write is not None:
        write_same_as(found, [d.name for d in datasets], write, force=force)
    if fmt == "json":
        emit_json([d.json() for d in found], err=write is not None and streamed(write))
        return
    for duplicate in found:
        a, b = duplicate.a, duplicate.b
        click.echo(f"{duplicate.score:.2f}  {safe(a.actor.id)} ({safe(a.map_name)}) ~ {safe(b.actor.id)} ({safe(b.map_name)})")
        for reason in duplicate.reasons:
            click.echo(f"      {safe(reason)}")
    tail = f" written to {safe(write)} to review" if write is not None else ""
    click.echo(f"{counted(len(found), 'pair')} scoring {min_score:g} or more{tail}.", err=write is not None and streamed(write))


@click.command()
@click.argument("maps", nargs=-1, type=click.Path(path_type=Path), metavar="MAP...")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="The merged map to write (YAML).")
@click.option("--same-as", "same_as", type=click.Path(path_type=Path), metavar="FILE", help="A reviewed same-as file: its groups are one actor each.")
@click.option("--auto", is_flag=True, help="Also join the pairs dedupe scores at --threshold or more.")
@click.option("--threshold", type=_SCORE, default=0.9, show_default=True, help="The least score --auto joins (0 to 1).")
@click.option("--name", metavar="NAME", help="The merged map's name. Default: the first map's.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@format_option("text", "json")
def merge(maps: tuple[Path, ...], output: Path, same_as: Path | None, auto: bool, threshold: float, name: str | None, force: bool, fmt: str) -> None:
    """Join maps into one, without losing evidence.

    Actors are one when they have the same id, when a group of the --same-as
    file joins them, and with --auto when dedupe scores them at --threshold or
    more. The first map's id stays; names become aliases; codes, tags and
    descriptions are joined; differing types, countries, dates and attributes
    are reported, and the first map's kept. Relations are re-pointed; those with
    the same ends, kind and period become one, with the evidence of all.
    Sources are one by id and URL. The result is checked like any map before it
    is written; a bad same-as file (an unknown id, an id in two groups, a group
    joining different types) is reported whole, at its lines, and nothing is
    written.

    \b
    Examples:
      stakeholders dedupe data/ events.yaml --write same-as.yaml
      stakeholders merge data/ events.yaml --same-as same-as.yaml -o merged.yaml
      stakeholders merge data/ events.yaml --auto --threshold 0.95 -o merged.yaml
      stakeholders diff data/ merged.yaml
    """
    from ..merge import merge_maps, read_same_as, write_merged

    if output.suffix.lower() not in (".yaml", ".yml") and not streamed(output):
        raise UsageError(f"{output}: the merged map is written as YAML; give a .yaml file")
    if not auto and click.get_current_context().get_parameter_source("threshold") == click.core.ParameterSource.COMMANDLINE:
        raise UsageError("--threshold goes with --auto: it is the least score --auto joins")
    check_output(output, force=force)
    check_not_into_dataset(output, None, False)
    datasets = _maps(maps)
    groups = read_same_as(same_as, datasets) if same_as is not None else []
    result = merge_maps(datasets, same_as=groups, auto=threshold if auto else None, name=name)
    write_merged(result, output, force=force)
    err = streamed(output)
    if fmt == "json":
        emit_json({"output": str(output), **result.json()}, err=err)
        return
    before, after = result.before, result.after
    parts = [f"{after[key]:,} {_NOUNS[key]} (from {' + '.join(f'{n:,}' for n in before[key])})" for key in ("actors", "relations", "evidence", "sources")]
    lines = [f"Wrote {safe(output)}: {', '.join(parts)}."]
    if after["evidence"] < sum(before["evidence"]):
        lines.append(f"  {sum(before['evidence']) - after['evidence']:,} pieces of evidence were the same quote from the same source, counted once.")
    for joined in result.joined:
        lines.append(f"Joined into {safe(joined.kept)}: {', '.join(safe(i) for i in joined.joined)} ({safe('; '.join(joined.why))})")
    lines.extend(f"Differs: {safe(conflict)}" for conflict in result.conflicts)
    click.echo("\n".join(lines), err=err)
