"""Write stage: make the briefs folder hold exactly the rendered briefs.

Files are written only when their bytes change (so Pelican's caches and
``git diff`` see only real changes), each through a temporary file and an atomic
rename, and briefs whose seed is gone are removed.

**The journal.** Before it changes anything, a sync writes (and fsyncs) a journal
beside the briefs folder (``content/.briefs.journal``): the previous bytes of every
brief it will replace or remove, the new ones, and where its build commits.  So a
build killed at any point can be undone: the next sync (or ``news-digest build``,
before it starts) calls ``recover_briefs``, which rolls the briefs back unless the
build committed, then deletes the journal and any temporary files.

**The commit point.** Under ``news-digest build`` (``sync_briefs``'s ``commit``)
the build commits when its staging folder is renamed onto the output: the journal
records the staging folder's inode, and the build committed iff the output now has
it.  site/build.py deletes the journal after the commit (``forget_journal``).  A
plain ``pelican`` run has no staging folder and no swap: there the write itself is the commit, and
the journal is deleted as soon as the write completes (a killed write is rolled
back; a site Pelican did not finish is rebuilt by the next run).
"""

from __future__ import annotations

import io
import os
import pickle
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from news_digest.core.lock import pause_point
from news_digest.text.files import sync_folder, write_atomically


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int
    # What the sync replaced: path -> previous bytes (None: the file was new), so a
    # build that fails after this point can put the previous briefs back.
    previous: dict[str, bytes | None] = field(default_factory=dict)


@dataclass(frozen=True)
class CommitPoint:
    """Where a build commits: its staging folder (device, inode) renamed onto ``output``."""

    output: str
    device: int
    inode: int

    @classmethod
    def of(cls, output: Path, staging: Path) -> CommitPoint:
        stat = staging.stat()
        return cls(str(output), stat.st_dev, stat.st_ino)

    def done(self) -> bool:
        try:
            stat = os.stat(self.output)
        except OSError:
            return False
        return (stat.st_dev, stat.st_ino) == (self.device, self.inode)


def journal_path(briefs_dir: Path) -> Path:
    return briefs_dir.with_name(f".{briefs_dir.name}.journal")


def sync_briefs(
    briefs_dir: Path, files: Mapping[str, str], commit: CommitPoint | None = None
) -> WriteStats:
    """Write ``files`` (relative path -> text) under ``briefs_dir``; drop other briefs.

    ``commit`` is where the build commits (`news-digest build`'s output swap); the
    journal stays until then.  Without one (plain `pelican`) the write is the commit.
    """
    briefs_dir.mkdir(parents=True, exist_ok=True)
    recover_briefs(briefs_dir)
    unchanged = 0
    changes: dict[str, bytes] = {}
    previous: dict[str, bytes | None] = {}
    for rel, text in sorted(files.items()):
        data = text.encode("utf-8")
        old = _read(briefs_dir / rel)
        if old == data:
            unchanged += 1
            continue
        changes[rel] = data
        previous[rel] = old
    orphans = _orphans(briefs_dir, set(files))
    for rel in orphans:
        previous[rel] = (briefs_dir / rel).read_bytes()
    if previous:
        _write_journal(briefs_dir, previous, commit)
        _apply(briefs_dir, changes, orphans)
        if commit is None:  # plain `pelican`: the write is the commit
            forget_journal(briefs_dir)
    _remove_empty_folders(briefs_dir)
    removed = sum(rel.endswith(".md") for rel in orphans)
    return WriteStats(len(changes), unchanged, removed, previous)


def restore_briefs(briefs_dir: Path, previous: Mapping[str, bytes | None]) -> None:
    """Undo a sync: put back every replaced or removed brief, delete the new ones."""
    for rel, data in sorted(previous.items()):
        target = briefs_dir / rel
        if data is None:
            target.unlink(missing_ok=True)
        else:
            write_atomically(target, data)
    if briefs_dir.is_dir():
        _remove_empty_folders(briefs_dir)


def journal_committed(briefs_dir: Path) -> bool | None:
    """Whether the build that left a journal committed (None: there is no journal)."""
    record = _read_journal(journal_path(briefs_dir))
    if record is None:
        return None
    commit = record.get("commit")
    return isinstance(commit, dict) and CommitPoint(**commit).done()


def recover_briefs(briefs_dir: Path) -> str | None:
    """Finish what a killed or failed build left: roll its briefs back unless it committed.

    Returns "rolled back", "committed" or None (nothing was left).  Idempotent, so a
    recovery that is itself killed is finished by the next one.
    """
    path = journal_path(briefs_dir)
    partial = path.with_name(f"{path.name}.tmp")
    if not path.exists() and not partial.exists():
        return None
    partial.unlink(missing_ok=True)  # a journal never finished: nothing was changed yet
    _remove_temporaries(briefs_dir)
    committed = journal_committed(briefs_dir)
    if committed is False:
        record = _read_journal(path) or {}
        restore_briefs(briefs_dir, record.get("previous", {}))
    forget_journal(briefs_dir)
    return None if committed is None else "committed" if committed else "rolled back"


def forget_journal(briefs_dir: Path) -> None:
    """The build committed (or its briefs were rolled back): the journal is not needed."""
    path = journal_path(briefs_dir)
    if path.exists():
        path.unlink()
        sync_folder(path.parent)


def _write_journal(
    briefs_dir: Path, previous: Mapping[str, bytes | None], commit: CommitPoint | None
) -> None:
    """Save what the sync will change, durably, before it changes anything."""
    path = journal_path(briefs_dir)
    record = {
        "version": 1,
        "commit": asdict(commit) if commit is not None else None,
        "previous": dict(previous),
    }
    data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
    write_atomically(path, data, durable=True, temporary=path.with_name(f"{path.name}.tmp"))


class _PlainUnpickler(pickle.Unpickler):
    """A journal holds only dicts, strings, bytes, numbers and None: no classes."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} in a briefs journal")


def _read_journal(path: Path) -> dict[str, Any] | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        record = _PlainUnpickler(io.BytesIO(data)).load()
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
        record = None
    return record if isinstance(record, dict) else {"commit": None, "previous": {}}


def _apply(briefs_dir: Path, changes: Mapping[str, bytes], orphans: list[str]) -> None:
    steps = len(changes) + len(orphans)
    for step, (rel, data) in enumerate(sorted(changes.items())):
        if step == steps // 2:
            pause_point("write")  # tests: killed with half the briefs new
        write_atomically(briefs_dir / rel, data)
    for rel in orphans:
        (briefs_dir / rel).unlink()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except FileNotFoundError:
        return None


def _orphans(briefs_dir: Path, keep: set[str]) -> list[str]:
    """Files under ``briefs_dir`` that are not briefs of this build, deepest first."""
    found = []
    for path in sorted(briefs_dir.rglob("*"), reverse=True):
        rel = path.relative_to(briefs_dir).as_posix()
        if path.is_file() and rel not in keep:
            found.append(rel)
    return found


def _remove_empty_folders(briefs_dir: Path) -> None:
    for path in sorted(briefs_dir.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _remove_temporaries(briefs_dir: Path) -> None:
    """The temporary files of writes that were killed half-way."""
    if briefs_dir.is_dir():
        for path in briefs_dir.rglob(".*.tmp"):
            path.unlink(missing_ok=True)
