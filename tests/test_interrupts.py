"""Ctrl-C exits 130 with one line wherever it lands, and every engine error is one Error: line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import stakeholders.events.engine as engine
from stakeholders.cli import cli

from .conftest import ROOT
from .test_events import SPECIAL, filler, write_gdelt


def _blocked_on_fifo(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/wchan").read_text().strip() in ("wait_for_partner", "fifo_open", "pipe_wait")
    except OSError:
        return False


def test_a_real_ctrl_c_exits_130_with_one_line(tmp_path):
    fifo = tmp_path / "nobody-reads"
    os.mkfifo(fifo)  # opening it for writing blocks until a reader comes: the command is caught mid-run
    # Ctrl-C as a terminal delivers it: a runner started in the background (a CI job, `cmd &`) passes SIGINT on
    # ignored, and Python then installs no handler for it; the user's shell never does.
    process = subprocess.Popen(
        [sys.executable, "-m", "stakeholders", "export", "dot", "-o", str(fifo)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509 - no threads in the child before exec
    )
    deadline = time.monotonic() + 60
    while not _blocked_on_fifo(process.pid) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.decode() == "\nInterrupted.\n"
    assert out == b""


def test_ctrl_c_in_any_command_is_exit_130(runner, monkeypatch):
    import stakeholders.ingest as ingest

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest, "load", interrupt)
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 130
    assert result.stderr == "\nInterrupted.\n"


@pytest.fixture(scope="module")
def gdelt_zip(tmp_path_factory) -> Path:
    return write_gdelt(tmp_path_factory.mktemp("gdelt"), SPECIAL + filler())[0]


def test_a_memory_limit_too_small_says_what_to_change(gdelt_zip, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "stakeholders", "events", "gdelt", str(gdelt_zip), "-o", str(tmp_path / "m.json"), "--memory-limit", "1KB"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr == (
        "Error: the events did not fit in DuckDB's memory limit of 1KB: give a larger --memory-limit "
        "(the default is 1GB; DuckDB spills to disk beyond it) or fewer files at a time\n"
    )


@pytest.mark.parametrize(
    ("raised", "code", "stderr"),
    [
        # Ctrl-C inside DuckDB comes out as its own exception: an interrupt again, not a traceback.
        ("InterruptException", 130, "\nInterrupted.\n"),
        ("IOException", 1, "Error: cannot read the events: IO Error: No files found that match the pattern\n"),
    ],
)
def test_an_engine_error_is_an_interrupt_or_one_line(runner, monkeypatch, gdelt_zip, tmp_path, raised, code, stderr):
    import duckdb

    def fails(*args, **kwargs):
        raise getattr(duckdb, raised)("IO Error: No files found that match the pattern\n\nLINE 1: ...")

    monkeypatch.setattr(engine, "_with_progress", fails)
    result = runner.invoke(cli, ["events", "gdelt", str(gdelt_zip), "-o", str(tmp_path / "m.json")])
    assert (result.exit_code, result.stderr) == (code, stderr)
    assert not (tmp_path / "m.json").exists()
