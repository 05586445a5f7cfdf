"""core/archive.py: which seeds `news-digest archive` moves, and that it never overwrites."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from news_digest.core.archive import ArchiveRefused, base_of, plan_archive, run_plan
from news_digest.core.errors import ConfigError


def _brief(briefs: Path, slug: str, when: str, *seeds: str) -> None:
    briefs.mkdir(parents=True, exist_ok=True)
    seed_line = " | ".join(f"seeds/{s}" for s in seeds)
    (briefs / f"{slug}.md").write_text(
        f"Title: {slug}\nDate: {when}\nSeed: {seed_line}\n\nBody.\n", encoding="utf-8"
    )


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path, Path]:
    seeds, briefs = tmp_path / "seeds", tmp_path / "content" / "briefs"
    for name in (
        "a/old.html", "a/old.html.meta.json", "a/old.v2.html", "a/old.v2.html.meta.json",
        "new.txt", "feed.rss", "mixed.rss", "unbuilt.txt", ".fetch-state.json",
    ):  # fmt: skip
        (seeds / name).parent.mkdir(parents=True, exist_ok=True)
        (seeds / name).write_text(name, encoding="utf-8")
    _brief(briefs / "2026", "old", "2026-01-31 23:30:00-05:00", "a/old.html", "a/old.v2.html")
    _brief(briefs / "2026", "new", "2026-03-02 08:00:00+00:00", "new.txt")
    _brief(briefs / "2026", "f1", "2026-02-01 08:00:00+00:00", "feed.rss#1")
    _brief(briefs / "2026", "f2", "2026-02-03 08:00:00+00:00", "feed.rss#2")
    _brief(briefs / "2026", "m1", "2026-02-01 08:00:00+00:00", "mixed.rss#1")
    _brief(briefs / "2026", "m2", "2026-03-05 08:00:00+00:00", "mixed.rss#2")
    return seeds, tmp_path / "archive", briefs


def test_old_seeds_move_with_their_sidecars_and_versions(tree: tuple[Path, Path, Path]) -> None:
    seeds, archive, briefs = tree
    plan = plan_archive(seeds, archive, briefs, date(2026, 3, 1))
    assert plan.seeds == {"2026-01": 2, "2026-02": 1}
    run_plan(plan, seeds)
    moved = sorted(p.relative_to(archive).as_posix() for p in archive.rglob("*") if p.is_file())
    assert moved == [
        "2026-01/a/old.html",  # the brief's own day (its offset kept), not UTC's
        "2026-01/a/old.html.meta.json",
        "2026-01/a/old.v2.html",
        "2026-01/a/old.v2.html.meta.json",
        "2026-02/feed.rss",
    ]
    left = sorted(p.relative_to(seeds).as_posix() for p in seeds.rglob("*") if p.is_file())
    assert left == [".fetch-state.json", "mixed.rss", "new.txt", "unbuilt.txt"]
    assert not (seeds / "a").exists()
    assert (archive / "2026-02" / "feed.rss").read_text(encoding="utf-8") == "feed.rss"


def test_a_target_that_exists_refuses_everything(tree: tuple[Path, Path, Path]) -> None:
    seeds, archive, briefs = tree
    (archive / "2026-02").mkdir(parents=True)
    (archive / "2026-02" / "feed.rss").write_text("kept", encoding="utf-8")
    with pytest.raises(ArchiveRefused, match="nothing was moved"):
        plan_archive(seeds, archive, briefs, date(2026, 3, 1))
    assert (seeds / "a" / "old.html").is_file() and (seeds / "feed.rss").is_file()
    assert (archive / "2026-02" / "feed.rss").read_text(encoding="utf-8") == "kept"


def test_clear_errors(tmp_path: Path, tree: tuple[Path, Path, Path]) -> None:
    seeds, _, briefs = tree
    with pytest.raises(ConfigError, match="does not exist"):
        plan_archive(tmp_path / "nowhere", tmp_path / "arch", briefs, date(2026, 3, 1))
    with pytest.raises(ConfigError, match="build the digest first"):
        plan_archive(seeds, tmp_path / "arch", tmp_path / "none", date(2026, 3, 1))
    with pytest.raises(ConfigError, match="inside the seeds folder"):
        plan_archive(seeds, seeds / "old", briefs, date(2026, 3, 1))


def test_versions_and_sidecars_belong_to_their_seed() -> None:
    assert base_of("x/a.v2.html") == "x/a.html"
    assert base_of("x/a.v2.html.meta.json") == "x/a.html"
    assert base_of("a.html.meta.json") == "a.html"
    assert base_of("v2.html") == "v2.html"
