"""Files written so that a reader (or a killed writer) never sees half of one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def write_atomically(
    target: Path, data: bytes, *, durable: bool = False, temporary: Path | None = None
) -> None:
    """Write beside ``target`` (``.<name>.<pid>.tmp``, or ``temporary``) and rename
    over it.  ``durable`` also syncs the file and its folder to disk, for records
    that must survive a power cut (the brief journal)."""
    with open_atomically(target, durable=durable, temporary=temporary) as handle:
        handle.write(data)


@contextmanager
def open_atomically(
    target: Path, *, durable: bool = False, temporary: Path | None = None
) -> Iterator[BinaryIO]:
    """``write_atomically`` for a writer that streams (a large pickle need not be
    made whole in memory first); nothing is renamed into place if the block fails."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = temporary or target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with partial.open("wb") as handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if durable:
        sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """fsync a folder, so the names in it (a rename) are on disk too."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
