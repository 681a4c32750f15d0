"""Every number the user types has a range, checked by one parameter type: found in the
command tree itself, so that a new numeric option is covered without editing this file."""

from __future__ import annotations

import click
import pytest

from stakeholders.cli import cli
from stakeholders.cli.bounds import Bounded


def _numeric_options() -> list[tuple[list[str], click.Option]]:
    found = []

    def walk(command: click.Command, path: list[str]) -> None:
        for param in command.params:
            if isinstance(param, click.Option) and isinstance(param.type, (click.types._NumberParamTypeBase, Bounded)):
                found.append((path, param))
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, [*path, name])

    walk(cli, [])
    return found


NUMERIC = _numeric_options()


def test_the_tree_has_numeric_options_and_each_is_bounded():
    assert len(NUMERIC) >= 9
    unbounded = [" ".join([*path, param.opts[-1]]) for path, param in NUMERIC if not isinstance(param.type, Bounded)]
    assert unbounded == []


@pytest.mark.parametrize(("path", "param"), NUMERIC, ids=[" ".join([*p, o.opts[-1]]) for p, o in NUMERIC])
@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "nan", "inf", "1e400", "", "x"])
def test_an_out_of_range_number_is_one_error_line_naming_the_option_and_range(runner, path, param, value):
    assert param.type.parse(value) is None
    result = runner.invoke(cli, [*path, param.opts[-1], value])
    assert result.exit_code == 2, result.output
    name = param.opts[-1]
    assert result.stderr.startswith(f"Error: Invalid value for {_hint(param)}: {value!r} is not {param.type.expected()}\n"), result.stderr
    assert "Traceback" not in result.output and name in result.stderr


def _hint(param: click.Option) -> str:
    return " / ".join(f"'{o}'" for o in param.opts)


def test_the_environment_limit_is_checked_the_same_way(runner):
    result = runner.invoke(cli, ["validate"], env={"STAKEHOLDERS_MAX_BYTES": "99999999999999999999999999"})
    assert result.exit_code == 2
    assert result.stderr == "Error: STAKEHOLDERS_MAX_BYTES must be a whole number from 1 to 1,099,511,627,776, got '99999999999999999999999999'\n"
    result = runner.invoke(cli, ["validate"], env={"STAKEHOLDERS_MAX_BYTES": "0"})
    assert result.stderr.startswith("Error: STAKEHOLDERS_MAX_BYTES must be a whole number from 1 to")


def test_a_huge_neighbourhood_depth_stops_at_the_last_ring(runner):
    deep = runner.invoke(cli, ["neighbors", "israel", "--depth", "1000"])
    assert deep.exit_code == 0, deep.output
    everyone = runner.invoke(cli, ["neighbors", "israel", "--depth", "20"])
    assert deep.stdout.splitlines()[1:] == everyone.stdout.splitlines()[1:]
    assert deep.stdout.splitlines()[0] == "Israel: 19 actors within 1,000 hops"


def test_the_largest_path_bounds_answer_quickly(runner):
    longest = runner.invoke(cli, ["path", "hts", "israel", "--all", "--max-hops", "12", "--limit", "100000", "--format", "json"])
    assert longest.exit_code == 0, longest.output
    # 20 actors: no simple path is longer than 19 links, so 12 and the map's own bound find the same paths
    shorter = runner.invoke(cli, ["path", "hts", "israel", "--all", "--max-hops", "11", "--limit", "100000", "--format", "json"])
    assert len(longest.stdout) >= len(shorter.stdout)
