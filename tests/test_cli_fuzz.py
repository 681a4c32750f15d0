"""A command-line fuzzer: argument lists built from the click command tree itself, with
hostile values, run in a throwaway project folder.

Every command, option and argument is found by walking ``stakeholders.cli.cli``, so a
new one is fuzzed without editing this file. Each run must end with exit code 0, 1 or 2,
no traceback, within bounded time and memory, and touch no file outside its folder.
The default run tries ``QUICK`` argument lists (derandomized, the same each time);
``pytest -m fuzz`` runs ``LONG`` of them with a fresh seed (printed by hypothesis on a
failure; give ``--hypothesis-seed=N`` to run one again).
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stakeholders.cli import cli
from stakeholders.cli.bounds import Bounded

from .conftest import ROOT, SYRIA

QUICK = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None)
LONG = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck), database=None)
#: A run longer than this is a hang (the slowest honest run here, a PDF of the map, takes about 2 s).
SECONDS = 60
#: Memory a run may add to the process's peak.
MEGABYTES = 1_500

# Text as users mistype it and as attackers write it; the names of real actors so that commands also succeed.
TEXTS = [
    "", " ", "israel", "the Druze", "al-sharaa", "HTS", "syrian government", "united kingdom", "nobody", "الدروز", "Béta",
    "<script>alert(1)</script>", "2025", "2025-05", "2025-02-30", "2025-13", "0000-00-00", "-1", "0", "1", "3",
    "99999999999999999999999", "1e400", "nan", "inf", "%s%n", "../" * 8 + "etc/passwd", "a" * 3000, "\u202etxt.exe",
    "airstrike", "AIRSTRIKE", "sanctions-relief", "hostile", "cooperative", "SYR", "gdelt", "1KB", "1GB", "10TB", "x://y",
]  # fmt: skip
# Paths of every sort: the dataset itself, missing ones, devices, a link, a folder, the places a user writes to.
PATHS = [
    "data", "data/syria-2025.yaml", "data/new.yaml", "missing/map.yaml", "missing.yaml", "/dev/null", "link.html",
    "folder", ".", "-", "", "output/map.html", "map.html", "map.svg", "map.png", "map.pdf", "map.txt", "map.gexf",
    "map.graphml", "map.json", "map.dot", "map.cypher", "map.yaml", "sheets.zip", "sheets", "/proc/map.html",
    "article.txt", "page.html", "empty.json", "map.yaml.zip", "نقشه.yaml",
]  # fmt: skip


def _commands() -> list[tuple[tuple[str, ...], click.Command]]:
    found = []

    def walk(command: click.Command, path: tuple[str, ...]) -> None:
        if isinstance(command, click.Group):
            for name, sub in sorted(command.commands.items()):
                walk(sub, (*path, name))
        else:
            found.append((path, command))

    walk(cli, ())
    return found


COMMANDS = _commands()


def _value(param: click.Parameter) -> st.SearchStrategy[str]:
    kind = param.type
    texts = st.sampled_from(TEXTS) | st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12)
    if isinstance(kind, click.Choice):
        return st.sampled_from([str(c) for c in kind.choices]) | st.sampled_from([str(c).upper() for c in kind.choices]) | texts
    if isinstance(kind, Bounded):
        inside = st.integers(int(kind.low), int(min(kind.high, kind.low + 5)))
        return inside.map(str) | st.sampled_from(["0", "-1", "99999999999999999999999", "nan", "1e400", "x", ""])
    if isinstance(kind, click.Path):
        return st.sampled_from(PATHS)
    return texts


@st.composite
def argument_lists(draw: st.DrawFn) -> list[str]:
    """A command of the tree, some of its options with values, and its arguments."""
    path, command = draw(st.sampled_from(COMMANDS))
    args = list(path)
    options = [p for p in command.params if isinstance(p, click.Option) and p.name not in ("help",)]
    for option in draw(st.lists(st.sampled_from(options), max_size=5, unique_by=lambda o: o.name)) if options else []:
        name = draw(st.sampled_from(option.opts + option.secondary_opts))
        if option.is_flag or name in option.secondary_opts:
            args.append(name)
        else:
            args += [name, draw(_value(option))]
    for argument in (p for p in command.params if isinstance(p, click.Argument)):
        count = 1 if argument.nargs == 1 else draw(st.integers(0 if not argument.required else 1, 3))
        if argument.nargs == 1 and not argument.required and draw(st.booleans()):
            count = 0
        args += [draw(_value(argument)) for _ in range(count)]
    return args


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder as a user has it, with a few things to trip over: a link, a folder, files of all kinds."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "data").mkdir()
    shutil.copy(SYRIA, root / "data" / SYRIA.name)
    (root / "folder").mkdir()
    (root / "target.html").write_text("kept\n", encoding="utf-8")
    (root / "link.html").symlink_to(root / "target.html")
    shutil.copy(ROOT / "tests" / "fixtures" / "syria-2025-article.txt", root / "article.txt")
    (root / "page.html").write_text("<html><body><p>Israel struck Syria on Tuesday.</p></body></html>", encoding="utf-8")
    (root / "empty.json").write_text("", encoding="utf-8")
    return root


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"the command ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.rglob("*")) if p.is_file()}


def _reset(folder: Path) -> None:
    """The dataset folder as shipped again: a run may add a map to it (with --into-dataset)."""
    for path in (folder / "data").iterdir():
        if path.name != SYRIA.name:
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()


def _check(args: list[str], folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    monkeypatch.chdir(folder)
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: True)  # --open: nothing to see here
    repository = _snapshot(ROOT / "data")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    started = time.monotonic()
    with _time_limit(SECONDS):
        result = CliRunner().invoke(cli, args, env={"STAKEHOLDERS_DATA": None, "COLUMNS": None}, input="")
    took = time.monotonic() - started
    _reset(folder)
    shown = f"stakeholders {' '.join(repr(a) for a in args)}\nexit {result.exit_code} in {took:.1f} s\n{result.output[-2000:]}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(shown) from result.exception
    assert result.exit_code in (0, 1, 2), shown
    assert "Traceback" not in result.output, shown
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024 - peak < MEGABYTES, shown
    assert _snapshot(ROOT / "data") == repository, shown
    assert (folder / "target.html").is_file() and (folder / "link.html").is_symlink(), shown
    assert os.path.samefile(folder / "link.html", folder / "target.html"), shown


def test_the_fuzzer_reaches_every_command():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"render", "validate", "path", "neighbors", "export", "import", "events gdelt", "extract", "diff"} <= names


# Some library, once imported, raises the recursion limit: hypothesis says it cannot put it back.
QUIET = pytest.mark.filterwarnings("ignore:The recursion limit will not be reset")


@QUIET
@QUICK
@given(args=argument_lists())
def test_no_argument_list_hurts(args, folder, monkeypatch):
    _check(args, folder, monkeypatch)


@QUIET
@pytest.mark.fuzz
@LONG
@given(args=argument_lists())
def test_no_argument_list_hurts_long_run(args, folder, monkeypatch):
    _check(args, folder, monkeypatch)
