"""Writing output files safely: a temporary file in the same folder, then a rename.

A failure midway (a bad record, a full disk, Ctrl-C) leaves the previous file
exactly as it was; the rename is atomic on the same file system.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import DataError


def write_atomic(path: str | Path, chunks: Iterable[str | bytes]) -> Path:
    """Write text or bytes chunks to ``path`` (UTF-8 for text) atomically; returns the path.

    The chunks may come from a generator: nothing replaces ``path`` until the
    last one is written and flushed to disk.
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
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise DataError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise
    return target
