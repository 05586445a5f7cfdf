"""Content-addressed cache for the per-item stages (parse, clean, enrich).

An entry's key is the seed's name and SHA-256 plus everything else its result
depends on: the pipeline's own code (a hash of the core's and the text utilities'
sources, so any change there invalidates the cache and a site change keeps it),
the settings the stages read,
and the shared boilerplate lines the cleaner was given.  Entries are pickles written
atomically; a missing, stale or unreadable entry is just a miss.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import shutil
from functools import cache
from pathlib import Path
from typing import Any

from news_digest.text.files import open_atomically, write_atomically

PACKAGE_DIR = Path(__file__).resolve().parents[1]
VERSION_NAME = re.compile(r"[0-9a-f]{16}")  # the cache's folders, one per code_version()
# What makes a brief: the core and the text utilities it imports (the import contract
# keeps the core from importing anything else of ours), so no list of names decides it.
BRIEF_MAKERS = ("core", "text")


@cache
def code_version() -> str:
    """Hash of the sources of the core and the text utilities: the cache's version."""
    return source_digest(BRIEF_MAKERS)[:16]


def source_digest(folders: tuple[str, ...] = ()) -> str:
    """SHA-256 of the package's Python sources: those under ``folders``, or all of them."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        rel = path.relative_to(PACKAGE_DIR)
        if folders and rel.parts[0] not in folders:
            continue
        digest.update(rel.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def still_as_recorded(path: Path, size: int, mtime_ns: int, sha256: str) -> bool:
    """Whether a file is the one recorded: same size and time, or (a copy, a restore,
    a touch) same size and bytes.  Raises OSError when it cannot be read."""
    stat = path.stat()
    if (stat.st_size, stat.st_mtime_ns) == (size, mtime_ns):
        return True
    return stat.st_size == size and file_sha256(path) == sha256


def keep_newest(folders: list[Path], keep: int) -> None:
    """Remove all but the ``keep`` most recently modified of ``folders``."""
    folders = sorted(folders, key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for stale in folders[keep:]:
        shutil.rmtree(stale, ignore_errors=True)


def cache_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class ResultCache:
    """A folder of pickled results, addressed by key; None disables caching."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / code_version() if folder is not None else None

    def _path(self, key: str) -> Path | None:
        return self.folder / key[:2] / key if self.folder is not None else None

    def get(self, key: str) -> Any | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def forget_other_versions(self, keep: int = 1) -> None:
        """Remove the entries of older code versions but the ``keep`` most recent ones."""
        if self.folder is None:
            return
        others = [
            p
            for p in self.folder.parent.iterdir()
            if p != self.folder and p.is_dir() and VERSION_NAME.fullmatch(p.name)
        ]
        keep_newest(others, keep)

    def put(self, key: str, value: Any) -> None:
        """Pickled straight into the file: the bytes of a large entry (the rendered
        briefs, the page records: ~120 MB at 10,000 briefs) are never all in memory."""
        path = self._path(key)
        if path is not None:
            with open_atomically(path) as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)

    def put_pickled(self, key: str, data: bytes) -> None:
        """Store a value ``pickled`` already (a worker sends the same bytes back)."""
        path = self._path(key)
        if path is not None:
            write_atomically(path, data)


def pickled(value: Any) -> bytes:
    """A cache entry's bytes."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
