"""Libraries imported without what they import and we never use.

``import igraph`` imports ``igraph.drawing``, which imports matplotlib and
``matplotlib.pyplot`` whenever matplotlib is installed (it is, for pictures):
about 0.4 s, a third of a small map's whole render, for plotting that we never
ask igraph for. While igraph is imported, those two names stand in ``sys.modules``
for stand-ins that import the real module on first use and pass everything on to
it; once igraph is in, the stand-ins leave ``sys.modules``, so that any later
import gets the real module. igraph keeps its stand-ins, and its plotting still
works: the first use imports matplotlib then.

Written by hand: ``importlib.util.LazyLoader`` would be the library's way, but on
Python 3.11 the import statement itself touches the module's ``__spec__``, which
runs it at once.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

_DEFERRED = ("matplotlib", "matplotlib.pyplot")


class _Deferred(ModuleType):
    """A module that imports ``name`` on first use and is, from then on, a window onto it."""

    __spec__ = None

    def __getattr__(self, attribute: str) -> Any:
        if sys.modules.get(self.__name__) is self:  # still standing in: igraph's own import asks for the submodule
            raise AttributeError(attribute)
        return getattr(importlib.import_module(self.__name__), attribute)


def igraph() -> ModuleType:
    """The ``igraph`` module, imported without running matplotlib."""
    if "igraph" in sys.modules:
        return sys.modules["igraph"]
    placed = {name: _Deferred(name) for name in _DEFERRED if name not in sys.modules}
    sys.modules.update(placed)
    try:
        import igraph as module
    finally:
        for name, stand_in in placed.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    return module
