"""parse stage: pages give one raw article, feeds one per entry with their metadata."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import FIXTURES
from news_digest.core.discover import find_seeds
from news_digest.core.errors import SeedError
from news_digest.core.parse import parse_seed


def _only_seed(folder: Path):  # type: ignore[no-untyped-def]
    seeds, _ = find_seeds(folder)
    assert len(seeds) == 1
    return seeds[0]


def test_rss_entries_become_articles_with_hints(seeds_dir: Path) -> None:
    shutil.copy(FIXTURES / "feeds" / "outlet.rss", seeds_dir / "outlet.rss")
    articles, notes = parse_seed(_only_seed(seeds_dir), 10**7, 100)
    assert notes == ()
    assert [a.index for a in articles] == [0, 1]
    first = articles[0].hints
    assert first.title == "Ferry service resumes after winter storms"
    assert first.date == datetime(2025, 3, 4, 7, 30, tzinfo=UTC)
    assert first.url == "https://harbour-gazette.example/news/ferry-resumes"
    assert first.authors == ("Mara Quell",)
    assert first.tags == ("Transport", "Weather")
    assert first.outlet == "Harbour Gazette"
    assert first.language == "en"
    assert "<script" not in articles[0].content  # feedparser's sanitiser ran


def test_atom_entry(seeds_dir: Path) -> None:
    shutil.copy(FIXTURES / "feeds" / "observatory.atom", seeds_dir / "notes.xml")
    (article,), _ = parse_seed(_only_seed(seeds_dir), 10**7, 100)
    assert article.hints.title == "Volunteers count a record number of meteors"
    assert article.hints.tags == ("Astronomy",)
    assert article.kind == "feed-entry"


def test_feed_entries_over_the_limit_are_cut_and_noted(seeds_dir: Path) -> None:
    shutil.copy(FIXTURES / "feeds" / "outlet.rss", seeds_dir / "outlet.rss")
    articles, notes = parse_seed(_only_seed(seeds_dir), 10**7, 1)
    assert len(articles) == 1
    assert notes == ("only the first 1 of 2 entries were read (DIGEST_MAX_FEED_ENTRIES)",)


def test_oversized_text_is_cut_at_a_line_break_and_noted(seeds_dir: Path) -> None:
    (seeds_dir / "big.txt").write_text("a line of words\n" * 100)
    (article,), notes = parse_seed(_only_seed(seeds_dir), 100, 100)
    assert article.content == "a line of words\n" * 6
    assert notes == ("cut: only the first 0.0 MB of 0.0 MB were read (DIGEST_MAX_SEED_BYTES)",)


def test_feed_with_entity_declarations_is_refused(seeds_dir: Path) -> None:
    (seeds_dir / "bomb.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title>'
        "</item></channel></rss>"
    )
    with pytest.raises(SeedError, match="ENTITY"):
        parse_seed(_only_seed(seeds_dir), 10**7, 100)


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"   \n\t\n", "only white space")],
)
def test_empty_seeds_are_refused_with_a_reason(
    seeds_dir: Path, content: bytes, reason: str
) -> None:
    (seeds_dir / "x.txt").write_bytes(content)
    with pytest.raises(SeedError, match=reason):
        parse_seed(_only_seed(seeds_dir), 10**7, 100)


def test_oversized_feed_is_refused(seeds_dir: Path) -> None:
    shutil.copy(FIXTURES / "feeds" / "outlet.rss", seeds_dir / "outlet.rss")
    with pytest.raises(SeedError, match="feed too large"):
        parse_seed(_only_seed(seeds_dir), 1000, 100)
