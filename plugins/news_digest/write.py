"""Write stage: make the briefs folder hold exactly the rendered briefs.

Files are written only when their bytes change (so Pelican's caches and
``git diff`` see only real changes), each through a temporary file and an atomic
rename, and briefs whose seed is gone are removed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def sync_briefs(briefs_dir: Path, files: Mapping[str, str]) -> WriteStats:
    """Write ``files`` (relative path -> text) under ``briefs_dir``; drop other briefs."""
    briefs_dir.mkdir(parents=True, exist_ok=True)
    written = unchanged = 0
    for rel, text in sorted(files.items()):
        target = briefs_dir / rel
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        written += 1
    removed = _remove_orphans(briefs_dir, set(files))
    return WriteStats(written=written, unchanged=unchanged, removed=removed)


def _remove_orphans(briefs_dir: Path, keep: set[str]) -> int:
    removed = 0
    for path in sorted(briefs_dir.rglob("*"), reverse=True):
        rel = path.relative_to(briefs_dir).as_posix()
        if path.is_file() and rel not in keep:
            path.unlink()
            removed += path.suffix == ".md"
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed
