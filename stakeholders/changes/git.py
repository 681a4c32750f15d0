"""A dataset as it was at a git revision, read without touching the working tree.

The files are read with ``git show REV:./path`` (for a folder, those ``git
ls-tree`` lists in it) into a temporary folder and loaded from there as any
dataset is; problems found in them name the revision and the path
(``HEAD~1:data/syria-2025.yaml:12:5: ...``), not the temporary folder. Git runs
in the dataset's folder (``-C``), never changing the process's.
"""

from __future__ import annotations

import dataclasses
import subprocess
import tempfile
from pathlib import Path

from ..errors import DatasetNotFoundError, FileTooLargeError, ParseError, Problem, StakeholdersError, UsageError, ValidationError
from ..ingest import load
from ..ingest.read import DEFAULT_MAX_BYTES, SUFFIXES
from ..model import Dataset
from ..progress import Progress, silent


def _git(where: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(where), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed: reading an earlier version of the data needs it") from None


def _message(done: subprocess.CompletedProcess[bytes]) -> str:
    """Git's own complaint, on one line, without its ``fatal:``."""
    text = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return text[0].removeprefix("fatal: ") if text else f"git exited with {done.returncode}"


def load_revision(path: str | Path, revision: str, progress: Progress = silent, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Dataset:
    """Load the dataset at ``path`` (a file or folder in a git working tree) as it was at ``revision``.

    ``revision`` is anything git names a commit by (``HEAD~1``, a tag, a hash).
    Raises ``UsageError`` when ``path`` is not in a git repository or the revision
    is unknown, ``DatasetNotFoundError`` when the revision has no dataset at that
    path, and what ``load`` raises on its files.
    """
    root = Path(path).absolute()
    folder = root.is_dir()
    where = root if folder else root.parent
    inside = _git(where, "rev-parse", "--git-dir")
    if inside.returncode:
        detail = _message(inside)
        raise UsageError(f"{path} is not in a git repository" + ("" if "not a git repository" in detail else f" ({detail})"))
    # A commit's hash from here on: a revision such as "-x" can never be read as an option.
    commit = _git(where, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if commit.returncode:
        raise UsageError(f'unknown git revision "{revision}"')
    sha = commit.stdout.decode().strip()
    listed = _git(where, "ls-tree", "-r", "-z", "--name-only", sha, "--", "." if folder else root.name)
    if listed.returncode:
        raise UsageError(f"git ls-tree failed: {_message(listed)}")
    names = [name for name in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if name]
    # The files ``load`` would read: a folder's own data files (not its subfolders'), or the file itself.
    wanted = [n for n in names if "/" not in n and Path(n).suffix.lower() in SUFFIXES] if folder else [n for n in names if n == root.name]
    if not wanted:
        raise DatasetNotFoundError(f"no dataset at {path} in git revision {revision}")
    with tempfile.TemporaryDirectory(prefix="stakeholders-git-") as temporary:
        copy = Path(temporary) / root.name
        if folder:
            copy.mkdir()
        for name in wanted:
            shown = _git(where, "show", f"{sha}:./{name}")
            if shown.returncode:
                raise UsageError(f"git show failed: {_message(shown)}")
            (copy / name if folder else copy).write_bytes(shown.stdout)
        try:
            return load(copy, progress, max_bytes=max_bytes)
        except (ValidationError, ParseError, FileTooLargeError) as exc:
            raise _placed(exc, copy, f"{revision}:", Path(path)) from None


def _placed(exc: StakeholdersError, copy: Path, prefix: str, path: Path) -> StakeholdersError:
    """The error with each file of the temporary copy named as ``REV:path`` instead."""

    def named(file: Path) -> Path:
        return Path(prefix + str(path / file.relative_to(copy)))

    def problem(found: Problem) -> Problem:
        return found if found.file is None else dataclasses.replace(found, file=named(found.file))

    if isinstance(exc, ValidationError):
        return ValidationError([problem(p) for p in exc.problems])
    if isinstance(exc, ParseError):
        return ParseError(problem(exc.problem))
    assert isinstance(exc, FileTooLargeError)
    return FileTooLargeError(named(exc.path), exc.size, exc.limit)
