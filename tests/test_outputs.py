"""Where outputs go: only a regular file (or a new one) is replaced atomically; ``-``,
devices and FIFOs are written as streams; links are followed; no map lands in the
dataset's own folder without --into-dataset."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading

import pytest
from lxml import etree

from stakeholders.cli import cli

from .conftest import ROOT, SYRIA

SCHEMA = ROOT.parent / "shared" / "schemas" / "gexf-1.3" / "gexf.rng"


# What each single-file output starts with when it reaches standard output.
STREAMED = [
    (["render", "-o", "-"], b"<!DOCTYPE html>"),
    (["render", "-o", "-", "--format", "svg"], b"<?xml"),
    (["render", "-o", "-", "--format", "png"], b"\x89PNG"),
    (["render", "-o", "-", "--format", "pdf"], b"%PDF"),
    (["export", "gexf", "-o", "-"], b"<?xml"),
    (["export", "graphml", "-o", "-"], b"<?xml"),
    (["export", "json", "-o", "-"], b"{"),
    (["export", "cytoscape", "-o", "-"], b"{"),
    (["export", "dot", "-o", "-"], b"digraph"),
    (["export", "neo4j", "--cypher", "-o", "-"], b"CREATE CONSTRAINT"),
]


@pytest.mark.parametrize(("args", "head"), STREAMED, ids=[" ".join(a[:2] + a[4:]) for a, _ in STREAMED])
def test_dash_writes_the_output_to_standard_output_and_nothing_else(project, runner, args, head):
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(head)
    assert not (project / "-").exists() and not (project / "output").exists()


def test_a_streamed_gexf_is_the_same_valid_file(project, runner):
    streamed = runner.invoke(cli, ["export", "gexf", "-o", "-"]).stdout_bytes
    assert runner.invoke(cli, ["export", "gexf", "-o", "map.gexf"]).exit_code == 0
    assert streamed == (project / "map.gexf").read_bytes()
    if SCHEMA.is_file():
        assert etree.RelaxNG(etree.parse(str(SCHEMA))).validate(etree.fromstring(streamed))


def test_a_format_of_several_files_refuses_a_stream(project, runner):
    result = runner.invoke(cli, ["export", "csv", "-o", "-"])
    assert result.exit_code == 2
    assert result.stderr == "Error: -: a csv export is several files; give a folder or a .zip file\n"


def test_import_and_extract_write_yaml_to_standard_output_and_notes_to_standard_error(project, runner):
    assert runner.invoke(cli, ["export", "csv", "-o", "sheets"]).exit_code == 0
    result = runner.invoke(cli, ["import", "sheets/nodes.csv", "sheets/edges.csv", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("meta:")
    assert result.stderr.startswith("Wrote -: 20 actors, 36 relations")
    result = runner.invoke(cli, ["extract", "-", "-o", "-"], input="Israel struck Syria on Tuesday.\n")
    assert result.exit_code == 0, result.output
    assert "kind: airstrike" in result.stdout and "Wrote" not in result.stdout
    assert result.stderr.startswith("Wrote -:")


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "stakeholders", *args], stderr=subprocess.PIPE, timeout=120, **kwargs)


def test_dev_stdout_is_written_through(project):
    done = _run("export", "dot", "-o", "/dev/stdout", cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"digraph") and done.stdout.endswith(b"}\n")  # no path printed after it


def test_dev_stdout_redirected_to_a_file_fills_that_file(project):
    (project / "out.dot").write_bytes(b"# first line\n")
    with open(project / "out.dot", "ab") as out:
        inode = os.fstat(out.fileno()).st_ino
        done = _run("export", "dot", "-o", "/dev/stdout", cwd=project, stdout=out)
    assert done.returncode == 0, done.stderr
    assert (project / "out.dot").stat().st_ino == inode  # written into, not replaced by a rename
    assert (project / "out.dot").read_bytes().startswith(b"# first line\ndigraph")


def test_a_device_is_written_through_never_replaced(project, runner):
    device = project / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a copy of /dev/null
    except PermissionError:
        pytest.skip("making a device needs root")
    result = runner.invoke(cli, ["render", "--format", "html", "-o", str(device)])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert result.stdout == ""


def test_a_fifo_is_written_as_a_stream(project, runner):
    fifo = project / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(cli, ["export", "json", "-o", str(fifo)])
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert json.loads(received[0])["graph"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_link_is_followed_its_target_written_and_the_link_kept(project, runner):
    (project / "maps").mkdir()
    target = project / "maps" / "map.html"
    target.write_text("old", encoding="utf-8")
    (project / "link.html").symlink_to(target)
    result = runner.invoke(cli, ["render", "-o", "link.html"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "link.html\n"
    assert (project / "link.html").is_symlink()
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in (project / "maps").iterdir()) == ["map.html"]  # no temporary file left


def test_a_dangling_link_makes_its_target(project, runner):
    (project / "new.gexf").symlink_to(project / "made.gexf")
    assert runner.invoke(cli, ["export", "gexf", "-o", "new.gexf"]).exit_code == 0
    assert (project / "new.gexf").is_symlink() and (project / "made.gexf").read_bytes().startswith(b"<?xml")


def test_a_folder_as_the_output_file_is_refused_before_any_work(project, runner):
    (project / "out.html").mkdir()
    result = runner.invoke(cli, ["render", "-o", "out.html"])
    assert result.exit_code == 2
    assert result.stderr == "Error: out.html is a folder; give a file name (a folder takes a story's pictures, with --story)\n"
    result = runner.invoke(cli, ["export", "graphml", "-o", "out.html"])  # an option that takes folders for other formats
    assert result.exit_code == 2
    assert result.stderr == "Error: out.html: a graphml export is a .graphml or .xml file\n"
    (project / "map.graphml").mkdir()
    result = runner.invoke(cli, ["export", "graphml", "-o", "map.graphml"])
    assert result.exit_code == 2
    assert result.stderr == "Error: map.graphml is a folder; give a file name\n"


def test_the_readme_round_trip_keeps_the_dataset_folder_loadable(project, runner):
    assert runner.invoke(cli, ["export", "csv", "--flavor", "kumu", "-o", "kumu.zip"]).exit_code == 0
    result = runner.invoke(cli, ["import", "kumu.zip", "-o", "data/kumu-map.yaml"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: data/kumu-map.yaml is in the dataset data, which the other commands read: the map would merge with its files; "
        "write it elsewhere to review it first, or give --into-dataset\n"
    )
    assert not (project / "data" / "kumu-map.yaml").exists()
    assert runner.invoke(cli, ["import", "kumu.zip", "-o", "kumu-map.yaml"]).exit_code == 0
    assert runner.invoke(cli, ["validate"]).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "-", "-o", "data/draft.yaml"],
        ["extract", "-", "--data", "data/syria-2025.yaml", "-o", "data/draft.yaml"],
        ["extract", "-", "-o", "data/syria-2025.yaml", "--force"],
    ],
)
def test_extract_refuses_to_write_into_the_dataset(project, runner, args):
    before = (project / "data" / "syria-2025.yaml").read_bytes()
    result = runner.invoke(cli, args, input="Israel struck Syria.\n")
    assert result.exit_code == 2
    assert "is in the dataset data" in result.stderr and "--into-dataset" in result.stderr
    assert sorted(p.name for p in (project / "data").iterdir()) == ["syria-2025.yaml"]
    assert (project / "data" / "syria-2025.yaml").read_bytes() == before


def test_a_dataset_given_by_the_environment_is_protected_too(project, runner, tmp_path_factory):
    other = tmp_path_factory.mktemp("elsewhere")
    shutil.copy(SYRIA, other / SYRIA.name)
    result = runner.invoke(cli, ["extract", "-", "-o", str(other / "draft.yaml")], input="Israel struck Syria.\n", env={"STAKEHOLDERS_DATA": str(other)})
    assert result.exit_code == 2
    assert f"is in the dataset {other}," in result.stderr
