"""A seed whose content breaks one part of the site is that seed's problem alone.

Control characters (which XML feeds cannot carry), names that would make file
names over 255 bytes (a long outlet name, category or inline image data, a text
written in capitals), names with no letters at all: the build still exits 0,
writes every brief, and every file name it writes is bounded.  And the per-seed
cache never lends one file's name to another file with the same bytes.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from conftest import BuildResult
from site_safety import missing_pages, unexpected_paths

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers

PROSE = (
    "The county archive in {town} has opened a reading room for local history, after two "
    "years of building work paid for by a regional fund. Visitors can now read old parish "
    "records, maps and letters at long oak tables under a new glass roof. The archivist "
    "said that school classes would be invited every week during term."
)
LONG_OUTLET = "The " + " ".join(["Very Long Regional Evening Newspaper Of Record"] * 10)
LONG_CATEGORY = "Local " + "-".join(["history"] * 60)
CAPITALS = (
    "SUPPLEMENT ANNOUNCEMENT REGARDING EXTRAORDINARY MUNICIPAL INFRASTRUCTURE DEVELOPMENT "
    "PROGRAMME CONSULTATION RESULTS PUBLISHED TODAY BY THE NORTHERN DISTRICT PLANNING "
    "COMMITTEE FOLLOWING EXTENSIVE PUBLIC ENGAGEMENT ACROSS NUMEROUS NEIGHBOURHOOD FORUMS"
)


def hard_seeds(folder: Path) -> None:
    (folder / "control.txt").write_text(
        "date 2025-04-01 Archive\x01 opens a reading room\n\n"
        + PROSE.format(town="Kettle\x01by").replace("records", "rec\x01ords")
        + "\n",
        encoding="utf-8",
    )
    (folder / "long-outlet.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<title>Archive opens</title><meta property="og:site_name" content="{LONG_OUTLET}">'
        f"</head><body><article><h1>Archive opens in Ashby</h1><p>{PROSE.format(town='Ashby')}"
        f"</p><p>{PROSE.format(town='Ashby').replace('oak', 'pine')}</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / "long-category.rss").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
        "<link>https://wire.example/</link><item><title>Archive opens in Barton</title>"
        f"<link>https://wire.example/barton</link><category>{LONG_CATEGORY}</category>"
        "<pubDate>Tue, 01 Apr 2025 09:00:00 GMT</pubDate>"
        f"<description>{PROSE.format(town='Barton')}</description></item></channel></rss>",
        encoding="utf-8",
    )
    image = base64.b64encode(bytes(range(256)) * 4).decode()
    (folder / "inline-image.txt").write_text(
        f"date 2025-04-02 Archive opens in Crewe\n\n{PROSE.format(town='Crewe')}\n"
        f"data:image/png;base64,{image}\n",
        encoding="utf-8",
    )
    (folder / "capitals.txt").write_text(
        f"date 2025-04-03 {CAPITALS}\n\n{CAPITALS}. {CAPITALS.replace('TODAY', 'AGAIN')}.\n"
        f"{PROSE.format(town='Derby').upper()}\n",
        encoding="utf-8",
    )
    (folder / "symbols.rss").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>!!!</title>'
        "<link>https://sym.example/</link><item><title>Archive opens in Epsom</title>"
        "<link>https://sym.example/epsom</link><category>???</category><category>+++</category>"
        "<pubDate>Wed, 02 Apr 2025 09:00:00 GMT</pubDate>"
        f"<description>{PROSE.format(town='Epsom')}</description></item></channel></rss>",
        encoding="utf-8",
    )


def test_hard_seeds_all_become_briefs_and_every_name_is_bounded(
    seeds_dir: Path, build_site: Callable[..., BuildResult]
) -> None:
    hard_seeds(seeds_dir)
    status, report, _content, output = build_site(seeds_dir)
    assert status == 0
    assert report["rejected"] == []
    seeds = sorted(s.removeprefix("seeds/") for b in report["briefs"] for s in b["seeds"])
    assert seeds == sorted(p.name for p in seeds_dir.iterdir())
    assert unexpected_paths(output) == []
    assert missing_pages(output, report) == []
    assert max(len(p.name.encode()) for p in output.rglob("*")) <= 120 + len(".atom.xml")
    for feed in (output / "feeds").rglob("*.xml"):
        assert feedparser.parse(feed.read_bytes()).bozo == 0, feed.name
    page = next(output.glob("briefs/*/archive-opens-a-reading-room.html"))
    assert "\x01" not in page.read_text(encoding="utf-8")
    assert "Kettle by" in page.read_text(encoding="utf-8")


def test_long_names_keep_their_text_and_get_distinct_bounded_pages(
    seeds_dir: Path, build_site: Callable[..., BuildResult]
) -> None:
    hard_seeds(seeds_dir)
    _status, _report, _content, output = build_site(
        seeds_dir, settings="DIGEST_MAX_NAME_BYTES = 60"
    )
    sources = sorted(p.name for p in (output / "source").iterdir())
    assert all(len(name.encode()) <= 60 + len(".html") for name in sources)
    outlet_pages = [p for p in (output / "source").iterdir() if p.name.startswith("the-very")]
    assert len(outlet_pages) == 1
    assert LONG_OUTLET in outlet_pages[0].read_text(encoding="utf-8")


def test_same_bytes_under_two_names_are_named_as_themselves(
    seeds_dir: Path, build_site: Callable[..., BuildResult]
) -> None:
    """The per-seed cache is keyed by name as well as bytes: a rejected copy is
    reported under its own name, and a warm rebuild keeps every copy in its brief."""
    text = f"date 2025-04-05 Archive opens in Frome\n\n{PROSE.format(town='Frome')}\n"
    for name in ("a.txt", "b.txt", "c.txt"):
        (seeds_dir / name).write_text(text, encoding="utf-8")
    (seeds_dir / "old-name.txt").write_bytes(bytes(range(32)) * 20)  # binary: rejected
    first = build_site(seeds_dir, name="site")[1]
    (seeds_dir / "old-name.txt").rename(seeds_dir / "new-name.txt")
    second = build_site(seeds_dir, name="site")[1]
    for report in (first, second):
        (brief,) = report["briefs"]
        assert brief["seeds"] == ["seeds/a.txt", "seeds/b.txt", "seeds/c.txt"]
    assert [r["seed"] for r in first["rejected"]] == ["seeds/old-name.txt"]
    assert [r["seed"] for r in second["rejected"]] == ["seeds/new-name.txt"]
    assert second["counts"]["cached"] >= 3
    assert json.dumps(second).count("old-name") == 0
