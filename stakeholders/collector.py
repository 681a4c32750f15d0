"""Building many objects at once without the cyclic garbage collector in the way."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a big map is built, then freeze what was built.

    Loading a map creates millions of small objects that all survive and form no
    cycles; the collector would scan them again and again (three to seven times
    the work of the load itself). Freezing moves them out of its sight for good,
    so the first collection after the load does not scan them all either; they
    are still freed as usual when no longer referenced.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
