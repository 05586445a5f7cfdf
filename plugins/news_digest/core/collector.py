"""The cyclic garbage collector around long-lived objects, in one place.

A build makes many objects that live to its end (the name tables, the per-seed results,
the briefs) and makes no reference cycles while it reads caches or renders briefs; the
collector's full passes over all of them were up to a fifth of a rebuild's briefs stage.
``frozen`` keeps what exists out of its passes for a while, and nests: only the
outermost ``frozen`` gives the objects back (``gc.unfreeze`` gives back everything, an
outer freeze's objects too); ``freeze``/``release`` do the same for a run that spans
more than one block (the site's signal hooks), and ``release`` leaves an open
``frozen`` block's objects frozen; ``paused`` stops it while a block runs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_depth = 0  # frozen blocks open now


def freeze() -> None:
    """What exists now is left out of the collector's passes until ``release`` (for a
    run whose long-lived objects span more than one block: the site's signal hooks)."""
    gc.freeze()


def release() -> None:
    """The frozen objects back to the collector, unless a ``frozen`` block is open
    (whose objects must stay frozen until it ends)."""
    if _depth == 0:
        gc.unfreeze()


@contextmanager
def frozen() -> Iterator[None]:
    """What exists now is left out of the collector's passes until the outermost
    ``frozen`` block ends (a caller in the same process, the tests, gets it back)."""
    global _depth
    freeze()
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        release()


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection while the block runs (as it was after)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
