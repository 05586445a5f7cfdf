"""Write stage: make the briefs folder hold exactly the rendered briefs.

Files are written only when their bytes change (so Pelican's caches and
``git diff`` see only real changes), each through a temporary file and an atomic
rename, and briefs whose seed is gone are removed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int
    # What the sync replaced: path -> previous bytes (None: the file was new), so a
    # build that fails after this point can put the previous briefs back.
    previous: dict[str, bytes | None] = field(default_factory=dict)


def sync_briefs(briefs_dir: Path, files: Mapping[str, str]) -> WriteStats:
    """Write ``files`` (relative path -> text) under ``briefs_dir``; drop other briefs."""
    briefs_dir.mkdir(parents=True, exist_ok=True)
    unchanged = 0
    previous: dict[str, bytes | None] = {}
    for rel, text in sorted(files.items()):
        target = briefs_dir / rel
        data = text.encode("utf-8")
        old = target.read_bytes() if target.is_file() else None
        if old == data:
            unchanged += 1
            continue
        _write_atomically(target, data)
        previous[rel] = old
    written = len(previous)
    removed = _remove_orphans(briefs_dir, set(files), previous)
    return WriteStats(written, unchanged, removed, previous)


def restore_briefs(briefs_dir: Path, previous: Mapping[str, bytes | None]) -> None:
    """Undo a sync: put back every replaced or removed brief, delete the new ones."""
    for rel, data in sorted(previous.items()):
        target = briefs_dir / rel
        if data is None:
            target.unlink(missing_ok=True)
        else:
            _write_atomically(target, data)


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def _remove_orphans(briefs_dir: Path, keep: set[str], previous: dict[str, bytes | None]) -> int:
    removed = 0
    for path in sorted(briefs_dir.rglob("*"), reverse=True):
        rel = path.relative_to(briefs_dir).as_posix()
        if path.is_file() and rel not in keep:
            previous[rel] = path.read_bytes()
            path.unlink()
            removed += path.suffix == ".md"
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed
