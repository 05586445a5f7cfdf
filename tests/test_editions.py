"""The builds log behind "new since the last build" (site/editions.py), on stand-ins."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from news_digest.site import editions
from news_digest.site.front import make_items
from news_digest.site.stories import Report, Story


def brief(slug: str, day: int, text: str = "", source: str = "A") -> Any:
    return SimpleNamespace(
        slug=slug, title=slug.title(), summary="", _content=f"<p>{text or slug}</p>",
        source=source, date=datetime(2025, 9, day, 9, tzinfo=UTC), date_source="feed",
        tags=[], url=f"briefs/2025/{slug}.html",
    )  # fmt: skip


def story(slug: str, *articles: Any) -> Story:
    return Story(slug, articles[0].title, f"story/{slug}.html", f"story/{slug}.html",
                 [Report(a, ()) for a in articles], lead=articles[0])  # fmt: skip


def test_a_first_build_is_all_new_and_a_rebuild_adds_nothing() -> None:
    a, b = brief("a", 10), brief("b", 11, source="B")
    items = make_items([a, b], [story("s", a, b)])
    first = editions.next_log(None, items)
    (entry,) = first["builds"]
    assert entry["number"] == 1 and entry["new"] == ["s"] and entry["date"].startswith("2025-09-11")
    assert editions.next_log(first, make_items([a, b], [story("s", a, b)])) is first


def test_the_next_build_names_grown_stories_new_ones_and_updated_briefs() -> None:
    a, b, c = brief("a", 10), brief("b", 11, source="B"), brief("c", 11)
    log = editions.next_log(None, make_items([a, b, c], [story("s", a, b)]))
    d = brief("d", 12, source="C")  # a third report of the story
    c2 = brief("c", 11, text="a corrected text")  # the same brief, its text changed
    e = brief("e", 12)  # a new brief alone
    items = make_items([a, b, c2, d, e], [story("s", a, b, d)])
    log = editions.next_log(log, items)
    entry = log["builds"][-1]
    assert entry["number"] == 2 and entry["id"].startswith("2-")
    assert entry["new"] == ["e"] and entry["grown"] == {"s": ["d"]} and entry["updated"] == ["c"]
    (change, _) = editions.resolve(log, items)
    assert change.title == "Build 2: 1 new single report, 1 story with new reports, 1 updated brief"
    assert [g.item.key for g in change.grown] == ["s"] and change.grown[0].added == [d]


def test_a_log_that_is_not_one_is_ignored_not_trusted(tmp_path: Path) -> None:
    (tmp_path / editions.LOG_FILE).write_text('{"version": 1, "snapshot": [], "builds": 3}')
    assert editions.read_log(tmp_path) is None
    (tmp_path / editions.LOG_FILE).write_text("not json")
    assert editions.read_log(tmp_path) is None
    good = editions.next_log(None, make_items([brief("a", 10)], []))
    (tmp_path / editions.LOG_FILE).write_text(editions.log_text(good))
    assert editions.read_log(tmp_path) == json.loads(editions.log_text(good))
    assert editions.read_log(None) is None


def test_the_feeds_have_one_entry_per_build_with_stable_ids() -> None:
    a = brief("a", 10)
    log = editions.next_log(None, make_items([a], []))
    log = editions.next_log(log, make_items([a, brief("b", 11)], []))
    changes = editions.resolve(log, make_items([a, brief("b", 11)], []))
    atom = editions.atom_feed(changes, {"SITENAME": "S"}, "http://h", "f.atom.xml", "latest.html")
    ids = [editions.entry_id("http://h", c) for c in changes]
    assert ids == [f"tag:h,2025:editions/{e['id']}" for e in reversed(log["builds"])]
    assert all(i in atom for i in ids) and atom.count("<entry>") == 2
    assert "latest.html#build-2" in atom
