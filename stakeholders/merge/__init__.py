"""One map from many hands: actors that may be the same (``find_duplicates``), a reviewed list of those that are
(``read_same_as``, ``same_as_text``), and maps joined into one without losing evidence (``merge_maps``)."""

from __future__ import annotations

from .join import MergeResult, merge_maps, write_merged
from .sameas import read_same_as, same_as_text, write_same_as
from .similar import Duplicate, find_duplicates

__all__ = ["Duplicate", "MergeResult", "find_duplicates", "merge_maps", "read_same_as", "same_as_text", "write_merged", "write_same_as"]
