"""The front page's ranking and the editions (site/front.py), on stand-in articles."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from news_digest.site.front import make_editions, make_items, salient_tags
from news_digest.site.stories import Report, Story


def tag(name: str) -> Any:
    return SimpleNamespace(name=name, url=f"tag/{name.lower()}.html")


def brief(slug: str, day: int, hour: int = 9, source: str = "", estimated: bool = False,
          tags: tuple[str, ...] = ()) -> Any:  # fmt: skip
    return SimpleNamespace(
        slug=slug,
        title=slug.title(),
        source=source,
        date=datetime(2025, 9, day, 0 if estimated else hour, tzinfo=UTC),
        date_source="estimated:related" if estimated else "feed",
        tags=[tag(t) for t in tags],
        url=f"briefs/2025/{slug}.html",
    )


def story(slug: str, *articles: Any) -> Story:
    return Story(slug, articles[0].title, f"story/{slug}.html", f"story/{slug}.html",
                 [Report(a, ()) for a in articles], lead=articles[0])  # fmt: skip


def test_items_rank_by_outlets_then_reports_then_recency() -> None:
    wide = [brief("w1", 10, source="A"), brief("w2", 11, source="B"), brief("w3", 11, source="C")]
    deep = [brief(f"d{k}", 11, 10 + k, source="A") for k in range(4)]  # 4 reports, 1 outlet
    late = brief("late", 11, 23, source="D")
    early = brief("early", 11, 1, source="E")
    stories = [story("deep", *deep), story("wide", *wide)]
    items = make_items([*wide, *deep, late, early], stories)
    assert [item.key for item in items] == ["wide", "deep", "late", "early"]
    assert items[0].outlets == ["A", "B", "C"] and len(items[0].also) == 2
    # Every brief is shown once.
    assert sorted(a.slug for item in items for a in item.articles) == sorted(
        a.slug for a in [*wide, *deep, late, early]
    )


def test_an_estimated_date_sorts_after_real_ones_and_is_not_its_span() -> None:
    guessed = brief("guessed", 11, estimated=True, source="A")
    real = brief("real", 10, source="B")
    items = make_items([guessed, real], [])
    assert [item.key for item in items] == ["real", "guessed"]
    assert items[1].all_estimated
    mixed = make_items([guessed, real], [story("s", real, guessed)])[0]
    assert not mixed.all_estimated and mixed.span_label == "10 September 2025"
    assert [a.slug for a in mixed.articles] == ["real", "guessed"]  # estimated last


def test_more_than_three_other_reports_fold_into_a_count() -> None:
    reports = [brief(f"r{k}", 11, k + 1, source=f"Outlet {k}") for k in range(6)]
    item = make_items(reports, [story("s", *reports)])[0]
    assert [a.label for a in item.also_shown] == ["Outlet 1", "Outlet 2", "Outlet 3"]
    assert item.also_more == 2


def test_at_most_three_tags_the_ones_most_reports_carry() -> None:
    one = brief("one", 11, tags=("Alpha", "Beta", "Gamma", "Delta", "Zeta"))
    two = brief("two", 11, tags=("Delta", "Gamma"))
    assert [t.name for t in salient_tags([one, two], one)] == ["Gamma", "Delta", "Alpha"]
    assert len(salient_tags([one], one)) == 3


def test_a_span_over_days_reads_like_a_date_line() -> None:
    reports = [brief("a", 10, source="A"), brief("b", 12, source="B")]
    item = make_items(reports, [story("s", *reports)])[0]
    assert item.spans_days and item.span_label == "10–12 September 2025"


def test_editions_are_days_newest_first_linked_both_ways() -> None:
    reports = [brief("a", 10, source="A"), brief("b", 11, source="B")]
    alone = brief("c", 9, source="C")
    items = make_items([*reports, alone], [story("s", *reports)])
    editions = make_editions(items, "edition/{date}.html", "edition/{date}.html")
    assert [e.day.day for e in editions] == [11, 10, 9]
    assert editions[0].url == "edition/2025-09-11.html"
    assert editions[0].older is editions[1] and editions[1].newer is editions[0]
    assert editions[0].newer is None and editions[-1].older is None
    # The story is in both days' editions; the lone brief only in its own.
    assert [i.key for i in editions[1].items] == ["s"]
    assert [i.key for i in editions[2].singles] == ["c"]


def test_a_report_that_names_nothing_new_shows_its_first_new_sentence() -> None:
    from news_digest.site.stories import what_each_adds

    first = brief("first", 10, source="A")
    first._content = "<p>The tunnel opened on Wednesday. The mayor cut the ribbon.</p>"
    second = brief("second", 11, source="B")
    second._content = "<p>The tunnel opened on Wednesday. The toll is two euros a car.</p>"
    same = brief("same", 11, 12, source="C")
    same._content = "<p>The tunnel opened on Wednesday! The mayor cut the ribbon.</p>"
    reports = what_each_adds([first, second, same])
    assert reports[0].sentence == ""  # the first report is where the story starts
    assert reports[1].sentence == "The toll is two euros a car." and reports[1].adds_anything
    assert reports[2].sentence == "" and not reports[2].adds_anything  # punctuation aside
