"""Files written so that a reader (or a killed writer) never sees half of one."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(
    target: Path, data: bytes, *, durable: bool = False, temporary: Path | None = None
) -> None:
    """Write beside ``target`` (``.<name>.<pid>.tmp``, or ``temporary``) and rename
    over it.  ``durable`` also syncs the file and its folder to disk, for records
    that must survive a power cut (the brief journal)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = temporary or target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with partial.open("wb") as handle:
        handle.write(data)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())
    os.replace(partial, target)
    if durable:
        sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """fsync a folder, so the names in it (a rename) are on disk too."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
