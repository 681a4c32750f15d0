"""Progress of long steps, told to whoever asks: the library itself never draws anything.

A long function takes ``progress``, a callable given ``(stage, done, total)``
each time a step of a stage completes; the CLI passes one that draws a bar on a
terminal. The default reports nothing.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]


def silent(stage: str, done: int, total: int) -> None:
    """Report nothing: the default ``progress``."""
