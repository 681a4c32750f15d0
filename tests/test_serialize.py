"""The Python API gives exactly what the commands print: same JSON, same CSV, on the shipped map."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from click.testing import CliRunner

import stakeholders
from stakeholders.cli import cli
from stakeholders.questions import serialize

from .conftest import SYRIA


def _printed(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, [*args, "--data", str(SYRIA)])
    assert result.exit_code == 0, result.output
    return result.output


def _same_json(printed: str, value: Any) -> None:
    assert json.loads(printed) == value
    # Equal values could still differ in key order or layout; the promise is the very text.
    assert printed == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(
    ("args", "search", "shape"),
    [
        (["al-sharaa", "united kingdom"], {}, {}),
        (["hts", "israel", "--all", "--max-hops", "3"], {"all_paths": True, "max_hops": 3}, {"all_paths": True, "max_hops": 3}),
        # --all without --max-hops: the default bound is printed, not null.
        (["hts", "israel", "--all"], {"all_paths": True}, {"all_paths": True}),
        (["eu", "israel", "--exclude-kind", "part-of"], {}, {}),
        (["israel", "druze", "--exclude-kind", "part-of", "--directed"], {}, {}),
    ],
    ids=["shortest", "all", "all-default-bound", "excluding", "directed-excluding"],
)
def test_paths_json_is_what_path_prints(runner, syria, args, search, shape):
    directed = "--directed" in args
    excluded = ["part-of"] if "--exclude-kind" in args else []
    network = stakeholders.build_network(syria, exclude_kinds=excluded, directed=directed)
    found = stakeholders.find_paths(network, args[0], args[1], **search)
    _same_json(_printed(runner, "path", *args, "--format", "json"), stakeholders.paths_json(found, network, **shape))


def test_paths_json_cuts_to_the_limit_and_says_so(runner, syria):
    network = stakeholders.build_network(syria, as_of="2025-05")
    found = stakeholders.find_paths(network, "hts", "israel", all_paths=True, limit=3)
    value = stakeholders.paths_json(found, network, all_paths=True, limit=2)
    assert value["truncated"] is True and len(value["paths"]) == 2
    assert value["filters"] == network.filters != []
    printed = _printed(runner, "path", "hts", "israel", "--all", "--limit", "2", "--as-of", "2025-05", "--format", "json")
    _same_json(printed, value)


def test_path_json_is_one_path_of_the_answer(syria):
    network = stakeholders.build_network(syria)
    (path,) = stakeholders.find_paths(network, "al-sharaa", "united kingdom", limit=1)
    assert stakeholders.paths_json([path], network)["paths"] == [stakeholders.path_json(path, syria)]


def test_paths_json_refuses_no_path(syria):
    with pytest.raises(ValueError, match="no paths"):
        stakeholders.paths_json([], stakeholders.build_network(syria))


@pytest.mark.parametrize(
    ("args", "options"),
    [
        (["the Druze", "--depth", "2"], {"depth": 2}),
        (["israel"], {}),
        (["al-sharaa", "--polarity", "cooperative", "--directed", "--depth", "3"], {"polarity": "cooperative", "directed": True, "depth": 3}),
    ],
    ids=["druze-2", "israel", "cooperative-directed"],
)
def test_neighborhood_json_is_what_neighbors_prints(runner, syria, args, options):
    found = stakeholders.neighborhood(syria, args[0], **options)
    _same_json(_printed(runner, "neighbors", *args, "--format", "json"), stakeholders.neighborhood_json(found, syria))


@pytest.mark.parametrize(
    ("args", "options"),
    [(["syrian government", "israel"], {}), (["al-sharaa", "israel", "--as-of", "2025-05"], {"as_of": "2025-05"})],
    ids=["government-israel", "as-of"],
)
def test_mediation_json_is_what_mediators_prints(runner, syria, args, options):
    found = stakeholders.find_mediators(syria, args[0], args[1], **options)
    _same_json(_printed(runner, "mediators", *args, "--format", "json"), stakeholders.mediation_json(found, syria))


def test_mediation_json_lists_the_recorded_intermediaries(syria):
    # The shipped map records one via between these two: the case the field exists for.
    value = stakeholders.mediation_json(stakeholders.find_mediators(syria, "syrian government", "israel"), syria)
    assert value["recorded"] and {"id", "name", "relation"} <= value["recorded"][0].keys()


@pytest.mark.parametrize(
    ("args", "options"),
    [([], {}), (["israel"], {}), (["--since", "2025-04", "--until", "2025-05", "--polarity", "hostile"], {"since": "2025-04", "until": "2025-05", "polarity": "hostile"})],
    ids=["all", "israel", "hostile-window"],
)
def test_timeline_json_is_what_timeline_prints(runner, syria, args, options):
    actor = args[0] if args and not args[0].startswith("--") else None
    chosen = stakeholders.timeline(syria, actor, **options)
    _same_json(_printed(runner, "timeline", *args, "--format", "json"), stakeholders.timeline_json(chosen, syria))


@pytest.mark.parametrize(
    ("args", "options"),
    [([], {}), (["--weight", "goldstein", "--sign", "goldstein"], {"weighting": "goldstein", "sign_rule": "goldstein"})],
    ids=["default", "goldstein"],
)
def test_generate_report_csv_is_what_analyze_prints(runner, syria, args, options):
    graph = stakeholders.to_graph(syria)
    report = stakeholders.analyze(graph, **options)
    assert _printed(runner, "analyze", *args, "--format", "csv") == "".join(stakeholders.generate_report_csv(report, graph))
    _same_json(_printed(runner, "analyze", *args, "--format", "json"), report)


def test_report_csv_keeps_names_as_they_are_and_quotes_them(write):
    # The command escapes control characters for the terminal; the library's CSV is the data itself.
    path = write(
        "map.yaml",
        """
        actors:
          - {id: a, name: "Al\\u001bpha, \\"the\\" first", type: state}
          - {id: b, name: Beta, type: person}
        relations:
          - {source: a, target: b, kind: alliance}
        """,
    )
    graph = stakeholders.to_graph(stakeholders.load(path))
    rows = list(csv.reader(io.StringIO("".join(stakeholders.generate_report_csv(stakeholders.analyze(graph), graph)))))
    assert [row[:3] for row in rows] == [["actor", "name", "type"], ["a", 'Al\x1bpha, "the" first', "state"], ["b", "Beta", "person"]]
    assert rows[1][-3:] == ["1", "1", "false"]


def test_the_builders_are_the_python_api():
    for name in ("path_json", "paths_json", "neighborhood_json", "mediation_json", "timeline_json"):
        assert getattr(stakeholders, name) is getattr(serialize, name)
        assert name in stakeholders.__all__
    from stakeholders.analysis import report

    assert stakeholders.analyze is report.analyze and stakeholders.generate_report_csv is report.generate_report_csv
