"""Writing output files safely: a temporary file in the same folder, then a rename.

A failure midway (a bad record, a full disk, Ctrl-C) leaves the previous file
exactly as it was; the rename is atomic on the same file system. A folder of
files is written whole into a temporary folder beside it first, so that a
failure while writing leaves every previous file as it was.

Only a regular file, or a new one, is replaced that way. ``-`` is standard
output; a device, a FIFO or a socket (``/dev/stdout``, ``/dev/null``, a named
pipe) is written through as a stream, since renaming over it would replace the
device itself. A symbolic link is followed: its target is written, atomically,
in the target's folder, and the link stays a link.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from .errors import DataError, UsageError

#: The output path that means standard output.
STDOUT = "-"


def is_stream(path: str | Path) -> bool:
    """True when writing ``path`` is a stream: ``-``, an existing device, FIFO or socket (links
    followed), or the process's own standard output or error whatever they are (``/dev/stdout``
    redirected to a file)."""
    if str(path) == STDOUT:
        return True
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)) or _standard_stream(Path(path)) is not None


def names_folder(path: str | Path) -> bool:
    """True when ``path`` names a folder: an existing one, or one to make, written with a trailing slash (or, as
    Windows writes it, a backslash)."""
    return Path(path).is_dir() or str(path).endswith(("/", "\\"))


def stem_of(path: str | Path) -> str | None:
    """The name a written map takes from its file (its stem); none from a stream."""
    return None if is_stream(path) else Path(path).stem


def write_atomic(path: str | Path, chunks: Iterable[str | bytes | memoryview], *, replace: bool = True) -> Path:
    """Write text or bytes chunks to ``path`` (UTF-8 for text) atomically; returns the path.

    The chunks may come from a generator: nothing replaces ``path`` until the
    last one is written and flushed to disk. With ``replace=False`` an existing
    file is never replaced, even one that appears while writing: ``UsageError``.
    A stream (see ``is_stream``) is written through, whatever ``replace`` says;
    a link is followed; a folder is refused.
    """
    target = Path(path)
    if is_stream(target):
        return _write_stream(target, chunks)
    if target.is_dir():
        raise UsageError(f"{target} is a folder; give a file name")
    # A link (even one to a file still to be made) is followed, so the rename replaces its target, not the link.
    real = Path(os.path.realpath(target)) if target.is_symlink() else target
    _write_file(real, chunks, replace, shown=target)
    return target


def _write_stream(target: Path, chunks: Iterable[str | bytes | memoryview]) -> Path:
    standard = _standard_stream(target)
    try:
        if standard is not None:
            standard.flush()
            standard.buffer.writelines(_encoded(chunks))
            standard.buffer.flush()
        else:
            with open(target, "wb") as stream:
                stream.writelines(_encoded(chunks))
    except OSError as exc:
        raise DataError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def _encoded(chunks: Iterable[str | bytes | memoryview]) -> Iterator[bytes | memoryview]:
    for chunk in chunks:
        yield chunk.encode("utf-8") if isinstance(chunk, str) else chunk


def _standard_stream(target: Path) -> TextIO | None:
    """The process's own stdout or stderr when ``target`` is ``-`` or names it (``/dev/stdout``, ``/proc/self/fd/1``).

    Opening such a name anew would truncate a file the shell redirected to, and
    the new opening's offset would overwrite what was already printed.
    """
    if str(target) == STDOUT:
        return sys.stdout
    try:
        found = os.stat(target)
    except OSError:
        return None
    for stream in (sys.stdout, sys.stderr):
        try:
            own = os.fstat(stream.fileno())
        except (OSError, ValueError, AttributeError):  # a stream with no descriptor (a test runner's buffer)
            continue
        if (own.st_dev, own.st_ino) == (found.st_dev, found.st_ino):
            return stream
    return None


def _write_file(target: Path, chunks: Iterable[str | bytes | memoryview], replace: bool, shown: Path) -> None:
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise DataError(f"cannot write {shown}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in _encoded(chunks):
                out.write(chunk)
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
            raise UsageError(f"{shown} exists; use --force to replace it") from None
        if isinstance(exc, OSError):
            raise DataError(f"cannot write {shown}: {exc.strerror or exc}") from None
        raise


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
