"""The library hands the process's garbage collector back as it found it."""

import gc
import weakref

import stakeholders

from .conftest import SYRIA


class _Node:
    other: object = None


def _cycle() -> weakref.ref:
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_a_cycle_made_before_a_load_is_collected_after_it():
    # Made with the collector off so that no automatic collection frees it before the load.
    gc.disable()
    try:
        made = _cycle()
        stakeholders.to_graph(stakeholders.load(SYRIA))
        assert made() is not None
    finally:
        gc.enable()
    gc.collect()
    assert made() is None
    assert gc.get_freeze_count() == 0


def test_the_collector_is_left_as_it_was():
    assert gc.isenabled()
    stakeholders.load(SYRIA)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        stakeholders.to_graph(stakeholders.load(SYRIA))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_the_caller_froze_stay_frozen():
    kept = [_Node() for _ in range(10)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        stakeholders.to_graph(stakeholders.load(SYRIA))
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    assert kept
