"""The collector helpers: a frozen block nests, a paused one restores the collector."""

from __future__ import annotations

import gc

import pytest
from news_digest.core import collector

pytestmark = pytest.mark.unit


def test_only_the_outermost_frozen_block_gives_the_objects_back() -> None:
    kept = [object() for _ in range(10)]
    with collector.frozen():
        frozen = gc.get_freeze_count()
        assert frozen >= len(kept)
        with collector.frozen():
            pass
        assert gc.get_freeze_count() >= frozen  # the inner block gave nothing back
    assert gc.get_freeze_count() == 0


def test_paused_collector_is_as_it_was_after() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
