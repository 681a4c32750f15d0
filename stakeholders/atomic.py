"""Writing output files safely: a temporary file in the same folder, then a rename.

A failure midway (a bad record, a full disk, Ctrl-C) leaves the previous file
exactly as it was; the rename is atomic on the same file system. A folder of
files is written whole into a temporary folder beside it first, so that a
failure while writing leaves every previous file as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import DataError, UsageError


def write_atomic(path: str | Path, chunks: Iterable[str | bytes], *, replace: bool = True) -> Path:
    """Write text or bytes chunks to ``path`` (UTF-8 for text) atomically; returns the path.

    The chunks may come from a generator: nothing replaces ``path`` until the
    last one is written and flushed to disk. With ``replace=False`` an existing
    file is never replaced, even one that appears while writing: ``UsageError``.
    """
    target = Path(path)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise DataError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        if replace:
            os.replace(temporary, target)
        else:
            _put_new(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, FileExistsError):
            raise UsageError(f"{target} exists; use --force to replace it") from None
        if isinstance(exc, OSError):
            raise DataError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise
    return target


def _put_new(temporary: str, target: Path) -> None:
    # A hard link fails if the target exists, at the moment of writing: no check-then-write race.
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: an exclusive create is as safe, if not atomic for the content.
        with open(target, "xb") as out, open(temporary, "rb") as data:
            shutil.copyfileobj(data, out)
    os.unlink(temporary)


def write_folder(path: str | Path, files: dict[str, Iterable[str | bytes]]) -> list[Path]:
    """Write several files into the folder ``path``, all or nothing; returns their paths.

    They are written whole into a temporary folder beside ``path`` first; only
    then are they moved in, each by an atomic rename (which needs no space and
    does not fail midway like a write). Other files in the folder are left alone.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    except OSError as exc:
        raise DataError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        written = [write_atomic(staging / name, chunks) for name, chunks in files.items()]
        target.mkdir(exist_ok=True)
        for file in written:
            os.replace(file, target / file.name)
    except OSError as exc:
        raise DataError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [target / name for name in files]
