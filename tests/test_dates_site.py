"""Estimated dates on the built site: marked on the page and in the JSON Feed, a day
only in every feed, listed after the real briefs of that day; offsets reach Pelican."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import BuildResult

pytestmark = pytest.mark.site

LEAD = (
    "The city council of Riverton approved a new bridge over the Alder river on Tuesday. "
    "The bridge will connect the old town with the harbour district, and Mayor Anna Berg "
    "said the bridge project would cost forty million euros and take three years to build."
)
MORE = (
    "Councillors argued for two hours about the cost of the Alder bridge before the vote. "
    "Anna Berg told reporters in Riverton that the harbour district had waited long enough "
    "and that work on the bridge would start next spring, once the contracts were signed."
)
FOLLOW_UP = (
    "Riverton will get its long awaited bridge over the Alder river, after councillors voted "
    "in favour on Tuesday evening. Mayor Anna Berg welcomed the decision and said the bridge "
    "would open in three years, linking the harbour district to the old town at last."
)
GARDEN = (
    "Gardeners in Westvale are preparing for the annual flower show, which returns to the "
    "botanical garden in May with more than two hundred exhibitors from across the region. "
    "The organisers expect forty thousand visitors over the four days of the show this year."
)


def _write_seeds(folder: Path, dated: str = "June 21, 2025, 9:01 a.m.") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "real.txt").write_text(
        f"Riverton council approves the Alder bridge\n{dated}\n\n{LEAD}\n\n{MORE}\n\n{LEAD}\n",
        encoding="utf-8",
    )
    (folder / "undated.txt").write_text(
        f"Riverton finally gets its bridge\n\n{FOLLOW_UP}\n\n{MORE}\n\n{FOLLOW_UP}\n",
        encoding="utf-8",
    )
    (folder / "older.txt").write_text(
        f"Westvale flower show returns\nJune 20, 2025, 10:00 a.m.\n\n{GARDEN}\n\n{GARDEN}\n",
        encoding="utf-8",
    )
    return folder


def _by_seed(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each brief by its seed's file name (the report names seeds with their folder)."""
    return {Path(seed).name: brief for brief in report["briefs"] for seed in brief["seeds"]}


def _page(output: Path, slug: str) -> str:
    (page,) = output.glob(f"briefs/*/{slug}.html")
    return page.read_text(encoding="utf-8")


@pytest.fixture
def built(tmp_path: Path, build_site: Callable[..., BuildResult]) -> tuple[dict[str, Any], Path]:
    status, report, _, output = build_site(_write_seeds(tmp_path / "seeds"))
    assert status == 0
    return report, output


def test_an_undated_brief_says_its_date_is_estimated_on_its_page(
    built: tuple[dict[str, Any], Path],
) -> None:
    report, output = built
    briefs = _by_seed(report)
    undated, real = briefs["undated.txt"], briefs["real.txt"]
    assert undated["date_source"] == "estimated:related"
    assert undated["date"] == "2025-06-21T00:00:00+00:00"  # the related day, not 09:01
    page = _page(output, undated["slug"])
    assert "date estimated" in page
    assert '<time datetime="2025-06-21">' in page  # a day, no time
    assert "date estimated" not in _page(output, real["slug"])


def test_the_json_feed_marks_the_estimated_date_and_atom_gives_the_day(
    built: tuple[dict[str, Any], Path],
) -> None:
    report, output = built
    briefs = _by_seed(report)
    feed = json.loads((output / "feeds" / "all.json").read_text(encoding="utf-8"))
    items = {item["url"].rsplit("/", 1)[-1].removesuffix(".html"): item for item in feed["items"]}
    estimated, real = items[briefs["undated.txt"]["slug"]], items[briefs["real.txt"]["slug"]]
    assert estimated["_news_digest"] == {"date_estimated": True}
    assert estimated["date_published"] == "2025-06-21T00:00:00+00:00"
    assert "_news_digest" not in real
    atom = (output / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert "2025-06-21T00:00:00+00:00" in atom and "09:01:00" in atom


def test_an_estimated_brief_is_listed_after_the_real_briefs_of_its_day(
    built: tuple[dict[str, Any], Path],
) -> None:
    report, output = built
    briefs = _by_seed(report)
    order = [briefs[seed]["slug"] for seed in ("real.txt", "undated.txt", "older.txt")]
    assert "archive/2025-06.html" in (output / "archives.html").read_text(encoding="utf-8")
    for listing in ("index.html", "archive/2025-06.html"):
        html = (output / listing).read_text(encoding="utf-8")
        places = [html.find(f"/{slug}.html") for slug in order]
        assert -1 not in places and places == sorted(places), listing
    feed = json.loads((output / "feeds" / "all.json").read_text(encoding="utf-8"))
    urls = [item["url"] for item in feed["items"]]
    assert [next(i for i, u in enumerate(urls) if u.endswith(f"/{s}.html")) for s in order] == [
        0,
        1,
        2,
    ]


def test_a_local_time_with_its_offset_reaches_the_page(
    tmp_path: Path, build_site: Callable[..., BuildResult]
) -> None:
    seeds = _write_seeds(tmp_path / "seeds", dated="15.12.2025, 06:45 Uhr")
    status, report, content, output = build_site(seeds)
    assert status == 0
    real = _by_seed(report)["real.txt"]
    header = (content / real["path"]).read_text(encoding="utf-8")
    assert re.search(r"^Date: 2025-12-15 06:45:00\+01:00$", header, re.M)
    assert 'datetime="2025-12-15T06:45:00+01:00"' in _page(output, real["slug"])
