"""The command line: parse the arguments, call the library, print the answer.

Each module here holds the commands of one concern; heavy modules (networkx,
pyvis) are imported inside command bodies, so ``--help`` and the listing
commands start fast.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from . import analysis, data, diff, events, export, extract, merge, positions, query, render
from .common import Group, interrupted


@click.group(name="stakeholders", cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stakeholders")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars (they show only on a terminal, after a second).")
def cli(quiet: bool) -> None:
    """Map who relates to whom in a political situation.

    The dataset is a YAML or JSON file, or a folder of them, given with --data,
    STAKEHOLDERS_DATA, or found in data/.

    \b
    Examples:
      stakeholders validate
      stakeholders actors --type state
      stakeholders relations al-sharaa --as-of 2025-05
      stakeholders show "the Druze"
      stakeholders export gexf -o - | gzip > map.gexf.gz

    \b
    Exit codes: 0 done, 1 bad data or no result, 2 bad usage,
    130 interrupted (Ctrl-C).
    """


for _command in (render.render, data.validate, data.actors, data.relations, data.show, data.kinds, data.stories, query.path, query.neighbors, query.mediators, query.timeline, analysis.analyze, diff.diff, export.export_command, export.import_command, events.events, extract.extract, merge.dedupe, merge.merge, positions.positions, positions.forecast, positions.grid):
    cli.add_command(_command)


def main() -> None:
    """Console entry point; a closed pipe (``| head``) ends quietly, Ctrl-C with exit code 130."""
    try:
        cli(prog_name="stakeholders")  # also under `python -m stakeholders`, where click would name it so
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except KeyboardInterrupt:  # outside click's own handling: while a library cleans up, or at import
        interrupted(newline=True)
