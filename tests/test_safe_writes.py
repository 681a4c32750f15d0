"""Every file the tool writes goes through a temporary file and a rename; a failure
midway leaves the previous output as it was; the data folder is never written to."""

import os
from pathlib import Path

import pytest

import stakeholders.atomic
from stakeholders.cli import cli

from .conftest import SYRIA

# (command arguments after the output path's place is filled, files it writes under that path)
WRITERS = {
    "render": (["render", "-o", "{out}/map.html"], ["map.html"]),
    "gexf": (["export", "gexf", "-o", "{out}/map.gexf"], ["map.gexf"]),
    "graphml": (["export", "graphml", "-o", "{out}/map.graphml"], ["map.graphml"]),
    "json": (["export", "json", "-o", "{out}/map.json"], ["map.json"]),
    "cytoscape": (["export", "cytoscape", "-o", "{out}/map.cyjs"], ["map.cyjs"]),
    "dot": (["export", "dot", "-o", "{out}/map.dot"], ["map.dot"]),
    "csv": (["export", "csv", "-o", "{out}/sheets"], ["sheets/nodes.csv", "sheets/edges.csv", "sheets/sources.csv", "sheets/stories.csv", "sheets/positions.csv"]),
    "csv-zip": (["export", "csv", "--flavor", "kumu", "-o", "{out}/kumu.zip"], ["kumu.zip"]),
    "neo4j": (["export", "neo4j", "-o", "{out}/neo4j"], None),
    "cypher": (["export", "neo4j", "--cypher", "-o", "{out}/map.cypher"], ["map.cypher"]),
}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class _FullDisk:
    """A file that takes half of the first write, then fails as a full disk does."""

    def __init__(self, real) -> None:
        self.real = real

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.real.close()

    def write(self, data: bytes) -> int:
        self.real.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_failure_midway_leaves_the_previous_output_intact(project, runner, monkeypatch, name):
    args, _ = WRITERS[name]
    out = project / "out"
    out.mkdir()
    args = [a.format(out=out) for a in args]
    assert runner.invoke(cli, args).exit_code == 0
    before = _snapshot(out)
    assert before
    real_fdopen = os.fdopen
    monkeypatch.setattr(stakeholders.atomic.os, "fdopen", lambda fd, mode: _FullDisk(real_fdopen(fd, mode)))
    result = runner.invoke(cli, [*args, "--as-of", "2025-05"])  # different content, same files
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot write {out}/") and result.stderr.endswith(": No space left on device\n")
    assert result.stderr.count("\n") == 1
    assert _snapshot(out) == before  # nothing replaced, no temporary file left behind


@pytest.mark.parametrize("name", list(WRITERS))
def test_every_file_is_written_to_a_temporary_file_then_renamed(project, runner, monkeypatch, name):
    args, expected = WRITERS[name]
    out = project / "out"
    out.mkdir()
    renamed: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy(source, target):
        renamed.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(stakeholders.atomic.os, "replace", spy)
    result = runner.invoke(cli, [a.format(out=out) for a in args])
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    # The renames that put files in place; a folder's files are first renamed into a staging folder beside it.
    final = [(source, target) for source, target in renamed if target.exists()]
    assert written == sorted(str(target.relative_to(out)) for _, target in final)
    if expected is not None:
        assert sorted(expected) == written
    for source, target in final:
        single = source.parent == target.parent and source.name.startswith(f".{target.name}.")
        staged = source.parent.parent == target.parent.parent and source.parent.name.startswith(f".{target.parent.name}.")
        assert single or staged, (source, target)


def test_no_command_writes_into_the_data_folder(project, runner):
    before = _snapshot(project / "data")
    commands = [
        ["validate"], ["actors"], ["relations"], ["show", "al-sharaa"], ["kinds"], ["analyze"], ["render"],
        ["path", "israel", "druze"], ["neighbors", "israel"], ["mediators", "israel", "syrian-government"], ["timeline"],
        *(["export", name] for name in ("gexf", "graphml", "json", "csv", "cytoscape", "neo4j", "dot")),
    ]
    for args in commands:
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (args, result.output)
    assert _snapshot(project / "data") == before
    assert (project / "output" / "syria-2025.html").is_file() and (project / "output" / "syria-2025.gexf").is_file()


def test_import_never_replaces_a_file_without_force(project, runner):
    assert runner.invoke(cli, ["export", "csv", "-o", "sheets"]).exit_code == 0
    target = project / "data" / "imported.yaml"
    target.write_text("previous", encoding="utf-8")
    result = runner.invoke(cli, ["import", "sheets/nodes.csv", "sheets/edges.csv", "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {target} exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "previous"
    result = runner.invoke(cli, ["import", "sheets/nodes.csv", "sheets/edges.csv", "-o", str(target), "--force"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {target} is in the dataset data, which the other commands read: the map would merge with its files; "
        "write it elsewhere to review it first, or give --into-dataset\n"
    )
    assert target.read_text(encoding="utf-8") == "previous"
    result = runner.invoke(cli, ["import", "sheets/nodes.csv", "sheets/edges.csv", "-o", str(target), "--force", "--into-dataset"])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("sources:")  # a part of the dataset's map: no meta of its own
    assert sorted(p.name for p in target.parent.iterdir()) == ["imported.yaml", SYRIA.name]
