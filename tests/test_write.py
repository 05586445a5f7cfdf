"""write stage: only changed bytes are written; orphaned briefs are removed."""

from __future__ import annotations

from pathlib import Path

from news_digest.core.write import restore_briefs, sync_briefs


def test_sync_writes_changes_only_and_removes_orphans(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    first = sync_briefs(briefs, {"2025/a.md": "A\n", "2025/b.md": "B\n"})
    assert (first.written, first.unchanged, first.removed) == (2, 0, 0)
    mtime = (briefs / "2025/a.md").stat().st_mtime_ns

    second = sync_briefs(briefs, {"2025/a.md": "A\n", "2024/c.md": "C\n"})
    assert (second.written, second.unchanged, second.removed) == (1, 1, 1)
    assert (briefs / "2025/a.md").stat().st_mtime_ns == mtime
    assert not (briefs / "2025/b.md").exists()
    assert (briefs / "2024/c.md").read_text() == "C\n"

    sync_briefs(briefs, {})
    assert list(briefs.iterdir()) == []


def test_restore_puts_the_previous_briefs_back(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    sync_briefs(briefs, {"a.md": "old A\n", "b.md": "B\n"})
    stats = sync_briefs(briefs, {"a.md": "new A\n", "c.md": "C\n"})
    restore_briefs(briefs, stats.previous)
    assert sorted(p.name for p in briefs.iterdir()) == ["a.md", "b.md"]
    assert (briefs / "a.md").read_text() == "old A\n"
