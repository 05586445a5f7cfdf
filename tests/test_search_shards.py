"""Search shards cut by content (site/search_index.py): a brief added or removed
re-indexes its own shard, not the index, and a rebuild's index is a fresh build's."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import REPO, BuildResult, tree_digest
from news_digest.site import search_index
from news_digest.site.search_index import SearchIndexer, shard_bounds

sys.path.insert(0, str(REPO / "bench"))
from synthetic import CorpusMaker, text_dump, write_corpus


def _urls(rng: random.Random, count: int) -> list[str]:
    return [f"/briefs/{rng.getrandbits(64):016x}.html" for _ in range(count)]


def _shards(urls: list[str], largest: int) -> list[tuple[str, ...]]:
    return [tuple(urls[start:end]) for start, end in shard_bounds(urls, largest)]


@pytest.mark.parametrize(("count", "largest"), [(0, 16), (1, 1), (7, 2), (300, 16), (5000, 2500)])
def test_shards_hold_every_record_once_in_order_and_within_their_sizes(
    count: int, largest: int
) -> None:
    urls = _urls(random.Random(count), count)
    shards = _shards(urls, largest)
    assert [url for shard in shards for url in shard] == urls
    assert shards == _shards(list(urls), largest)  # the same records, the same cuts
    assert all(len(shard) <= largest for shard in shards)
    least = max(1, largest // search_index.SHARD_LEAST_PART)
    assert all(len(shard) >= least for shard in shards[:-1])
    if count >= 5000:  # about a quarter of the largest on average
        assert largest / 6 < count / len(shards) < largest / 3


@pytest.mark.parametrize("count", [2000, 10000])
def test_a_brief_added_or_removed_changes_its_own_shard(count: int) -> None:
    """With hash-modulo shards every shard changed when the count crossed a multiple
    of the size, and one shard of 2,500 held all of 2,000 briefs; here a change
    re-indexes the shard it falls in (~660 briefs on average at either count)."""
    rng = random.Random(count)
    urls = _urls(rng, count)
    before = set(_shards(urls, 2500))
    reindexed = []
    for trial in range(60):
        at = rng.randrange(count + 1)
        added = [*urls[:at], f"/briefs/new-{trial}.html", *urls[at:]]
        for changed in (added, urls[:at] + urls[at + 1 :]):
            new = [shard for shard in _shards(changed, 2500) if shard not in before]
            assert len(new) <= 3
            reindexed.append(sum(map(len, new)))
    assert max(reindexed) <= 2500
    assert sum(reindexed) / len(reindexed) < 1000


def _article(day: int, slug: str, zone: timezone = UTC) -> Any:
    return SimpleNamespace(
        url=f"briefs/{slug}.html",
        title=f"Brief {slug}",
        _content=f"<p>Text of {slug}.</p><h2>Related briefs</h2><p>not indexed</p>",
        date=datetime(2025, 1, 1, tzinfo=zone) + timedelta(days=day),
    )


def _keys(indexer: SearchIndexer) -> list[str]:
    return [target.name for target, _ in indexer.shards]


def test_the_newest_brief_goes_in_the_last_shard_and_the_others_keep_their_keys(
    tmp_path: Path,
) -> None:
    articles = [_article(day, f"b{day:04d}") for day in range(400)]
    random.Random(4).shuffle(articles)  # the order Pelican gives does not matter
    first = SearchIndexer(articles, tmp_path, "en", 64)
    assert len(first.shards) > 3
    newest = _article(500, "a-newest")
    second = SearchIndexer([*articles, newest], tmp_path, "en", 64)
    assert second.shards[-1][1][-1].url == "/briefs/a-newest.html"
    assert _keys(second)[:-1] == _keys(first)[:-1]
    assert _keys(second)[-1] != _keys(first)[-1]
    # By the moment, whatever the zone: 01:00+02:00 is before 00:00 UTC.
    early = [_article(0, "z-early", timezone(timedelta(hours=2))), _article(0, "a-late")]
    early[0].date = early[0].date.replace(hour=1)
    order = sorted(early, key=search_index.index_order)
    assert [a.url for a in order] == ["briefs/z-early.html", "briefs/a-late.html"]


def test_a_shard_split_off_before_others_only_renumbers_them(tmp_path: Path) -> None:
    """A shard's key is its records (and whether it carries the UI), not its place."""
    articles = [_article(day, f"b{day:04d}") for day in range(400)]
    first = SearchIndexer(articles, tmp_path, "en", 64)
    middle = len(articles) // 2
    second = SearchIndexer([*articles, _article(middle, "inserted")], tmp_path, "en", 64)
    changed = set(_keys(second)) - set(_keys(first))
    assert 1 <= len(changed) <= 3
    assert len(set(_keys(first)) - set(_keys(second))) <= 2


@pytest.mark.site
def test_an_added_brief_reindexes_one_shard_and_the_index_equals_a_fresh_one(
    tmp_path: Path, build_site: Callable[..., BuildResult]
) -> None:
    seeds = tmp_path / "seeds"
    write_corpus(seeds, 30)
    settings = "DIGEST_SEARCH_SHARD_SIZE = 16\nDIGEST_WORKERS = 1\n"
    _, _, _, output = build_site(seeds, settings=settings)
    cache = tmp_path / "conf" / "cache" / "pagefind"
    first = {p.name for p in cache.iterdir() if p.is_dir()}
    assert len(first) >= 3
    (seeds / "added.txt").write_text(text_dump(CorpusMaker(seed=99), 1), encoding="utf-8")
    _, _, _, output = build_site(seeds, settings=settings)
    shards = {p.name for p in cache.iterdir() if p.is_dir()}
    assert 1 <= len(shards - first) <= 2  # indexed again: the shard the new brief is in
    own_cache = f"DIGEST_CACHE_DIR = {str(tmp_path / 'fresh-cache')!r}\n"
    own_cache += f"CACHE_PATH = {str(tmp_path / 'fresh-pelican-cache')!r}\n"
    _, _, _, fresh = build_site(seeds, name="fresh", settings=settings + own_cache)
    assert tree_digest(output / "pagefind") == tree_digest(fresh / "pagefind")
    page = "search.html"
    assert (output / page).read_bytes() == (fresh / page).read_bytes()
