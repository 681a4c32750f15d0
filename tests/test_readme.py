"""The README as a test: every command block in it runs, in README order, on a copy of the
project, and where the README shows what a command prints, the command prints that.

A block is an indented code block whose first line is a command (``stakeholders ...``)
or a prompt (``$ stakeholders ...``) followed by what it prints. In what it prints, a
line ``...`` stands for any number of lines and ``...`` inside a line for any text. A
block the README shows but that cannot run as written (a synopsis with placeholders)
is marked just before it with ``<!-- readme-test: skip: the reason -->``; the test
checks that every skipped block gives a reason.
"""

from __future__ import annotations

import csv
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from stakeholders.cli import cli

from .conftest import ROOT, SYRIA
from .test_events import SPECIAL, filler, write_gdelt

README = ROOT / "README.md"
SKIP = re.compile(r"<!-- readme-test: skip: (?P<reason>[^>]*\S)\s*-->")
# Shell syntax that needs a real shell (the rest runs in-process, many times faster).
SHELL = re.compile(r"[|&;<>]")


@dataclass(frozen=True)
class Command:
    line: int
    text: str
    expected: tuple[str, ...] | None  # what the README shows it printing, if it does


@dataclass(frozen=True)
class Block:
    line: int
    commands: tuple[Command, ...]
    skip: str | None


def blocks(text: str) -> list[Block]:
    """The README's command blocks, in order."""
    lines = text.split("\n")
    found: list[Block] = []
    fenced, i = False, 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            fenced = not fenced
        starts = not fenced and line.startswith("    ") and (i == 0 or not lines[i - 1].strip())
        if not starts or not re.match(r"(\$ )?stakeholders\b", line[4:]):
            i += 1
            continue
        start, body = i, []
        while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
            body.append((i + 1, lines[i][4:]))
            i += 1
        while body and not body[-1][1].strip():
            body.pop()
        found.append(Block(start + 1, tuple(_commands(body)), _skip(lines, start)))
    return found


def _skip(lines: list[str], start: int) -> str | None:
    before = next((lines[j] for j in range(start - 1, -1, -1) if lines[j].strip()), "")
    marked = SKIP.search(before)
    return marked.group("reason") if marked else None


def _commands(body: list[tuple[int, str]]) -> list[Command]:
    if not body[0][1].startswith("$ "):
        return [Command(number, text, None) for number, text in body if text.strip() and not text.lstrip().startswith("#")]
    commands: list[Command] = []
    for number, text in body:
        if text.startswith("$ "):
            commands.append(Command(number, text[2:], ()))
        else:
            last = commands[-1]
            commands[-1] = Command(last.line, last.text, (*(last.expected or ()), text))
    return [Command(c.line, c.text, _trimmed(c.expected)) for c in commands]


def _trimmed(expected: tuple[str, ...] | None) -> tuple[str, ...] | None:
    lines = list(expected or ())
    while lines and not lines[-1].strip():
        lines.pop()
    return tuple(lines) if lines else None


def matches(expected: tuple[str, ...], actual: str) -> bool:
    """Whether the output is what the README shows: ``...`` lines for any lines, ``...`` in a line for any text."""
    pattern = ""
    for line in expected:
        if line.strip() == "...":
            pattern += r"(?:[^\n]*\n)*?"
        else:
            pattern += ".*?".join(re.escape(part) for part in line.rstrip().split("...")) + r"[ \t]*\n"
    text = "".join(f"{line.rstrip()}\n" for line in actual.splitlines())
    return re.fullmatch(pattern, text) is not None


BLOCKS = blocks(README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project as a reader has it, with the files the README's examples name."""
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "data", root / "data")
    (root / "old").mkdir()
    shutil.copy(SYRIA, root / "old" / SYRIA.name)
    shutil.copy(ROOT / "tests" / "fixtures" / "syria-2025-article.txt", root / "article.txt")
    _aggregate_csv(root / "result.csv", tmp_path_factory.mktemp("gdelt"))
    bin_folder = root / ".bin"
    bin_folder.mkdir()
    shim = bin_folder / "stakeholders"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m stakeholders "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    git = ["git", "-c", "user.name=README", "-c", "user.email=readme@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".gitignore").write_text(".bin/\noutput/\n", encoding="utf-8")
    subprocess.run([*git, "-C", str(root), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(root), "commit", "-qm", "The map as shipped"], check=True)
    subprocess.run([*git, "-C", str(root), "tag", "v1.0"], check=True)
    subprocess.run([*git, "-C", str(root), "commit", "-q", "--allow-empty", "-m", "A later commit"], check=True)
    return root


def _aggregate_csv(path: Path, folder: Path) -> None:
    """What BigQuery would give for the README's query: the aggregate of a few GDELT events, as CSV."""
    from stakeholders.events import AGGREGATE_COLUMNS, aggregate_events

    aggregate = aggregate_events("gdelt", write_gdelt(folder, SPECIAL + filler()))
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, list(AGGREGATE_COLUMNS))
        writer.writeheader()
        writer.writerows(aggregate.rows)


def _run(command: str, sandbox: Path, runner) -> tuple[int, str]:
    env = {"COLUMNS": "80", "BROWSER": "true", "STAKEHOLDERS_DATA": ""}
    if SHELL.search(command):
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=sandbox,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, **env, "PATH": f"{sandbox / '.bin'}{os.pathsep}{os.environ['PATH']}"},
        )
        return done.returncode, done.stdout + done.stderr
    args = shlex.split(command, comments=True)
    assert args[0] == "stakeholders", command
    result = runner.invoke(cli, args[1:], env=env)
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def test_the_readme_has_command_blocks_and_each_skipped_one_says_why():
    assert sum(len(b.commands) for b in BLOCKS if b.skip is None) >= 25
    assert all(b.skip.strip() for b in BLOCKS if b.skip is not None)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"README.md:{b.line}" for b in BLOCKS])
def test_each_command_block_runs_and_prints_what_the_readme_shows(block, sandbox, runner, monkeypatch):
    if block.skip is not None:
        pytest.skip(block.skip)
    monkeypatch.chdir(sandbox)
    for command in block.commands:
        code, output = _run(command.text, sandbox, runner)
        failing = command.expected is not None and any(line.startswith("Error:") for line in command.expected)
        assert (code != 0) == failing, f"README.md:{command.line}: {command.text}\nexit code {code}\n{output}"
        if command.expected is not None and not matches(command.expected, output):
            diff = "\n".join(difflib.unified_diff(list(command.expected), output.splitlines(), "README", "printed", lineterm=""))
            pytest.fail(f"README.md:{command.line}: {command.text}\n{diff}")
