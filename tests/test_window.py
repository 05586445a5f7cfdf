"""History in bounds: DIGEST_WINDOW_DAYS, the monthly archive pages, `news-digest archive`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BuildResult
from lxml import etree
from news_digest import cli

PLACES = ["Varnholm", "Essia", "Kordan", "Lusk", "Orlin"]
DAYS = ["2026-01-05", "2026-02-10", "2026-03-01", "2026-03-20", "2026-03-25"]
SETTINGS = "DIGEST_WINDOW_DAYS = 10\n"


def _seed(day: str, place: str) -> str:
    """A text dump dated by its header line, about one invented place."""
    title = f"{place} council opens a new ferry terminal"
    body = " ".join(
        f"The {place} council said on {day} that the terminal in {place} would carry "
        f"{index + 12} hundred passengers a day, and the harbour master of {place} "
        "praised the builders for finishing early."
        for index in range(6)
    )
    return f"date {day} {title}\n\n{body}\n"


def _write(seeds: Path) -> None:
    for day, place in zip(DAYS, PLACES, strict=True):
        (seeds / f"{day}-{place.lower()}.txt").write_text(_seed(day, place), encoding="utf-8")
    (seeds / f"{DAYS[0]}-varnholm.txt.meta.json").write_text(
        json.dumps({"url": "https://example.org/varnholm"}), encoding="utf-8"
    )


def _entry_links(feed: Path) -> list[str]:
    """The pages a feed's entries are (not the links inside their text)."""
    ns = {"a": "http://www.w3.org/2005/Atom"}
    tree = etree.parse(str(feed))
    return [str(h) for h in tree.xpath("//a:entry/a:link[@rel='alternate']/@href", namespaces=ns)]


def _slugs(report: dict[str, object]) -> dict[str, str]:
    briefs = report["briefs"]
    assert isinstance(briefs, list)
    return {Path(b["seeds"][0]).name.split("-", 3)[3]: b["slug"] for b in briefs}


@pytest.mark.site
def test_the_window_bounds_the_live_site_and_the_archive_keeps_the_rest(
    tmp_path: Path, seeds_dir: Path, build_site: Callable[..., BuildResult]
) -> None:
    _write(seeds_dir)
    archive = tmp_path / "seeds-archive"
    settings = SETTINGS + f"DIGEST_ARCHIVE_DIR = {str(archive)!r}\n"
    status, report, content, output = build_site(seeds_dir, settings=settings)
    assert status == 0
    slugs = _slugs(report)
    assert len(slugs) == 5
    live, old = ["lusk.txt", "orlin.txt"], ["varnholm.txt", "essia.txt", "kordan.txt"]
    home = (output / "index.html").read_text(encoding="utf-8")
    atom = " ".join(_entry_links(output / "feeds" / "all.atom.xml"))
    tags = (output / "tags.html").read_text(encoding="utf-8")
    for name in live:
        assert f"/{slugs[name]}.html" in home and f"/{slugs[name]}.html" in atom
    for name in old:
        assert f"/{slugs[name]}.html" not in home and f"/{slugs[name]}.html" not in atom
        assert (output / "briefs" / "2026" / f"{slugs[name]}.html").is_file()  # stable URL
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"/{slug}.html<" in sitemap for slug in slugs.values())  # every page stays
    assert "Lusk" in tags and "Varnholm" not in tags and "Essia" not in tags
    assert not (output / "tag" / "varnholm.html").exists()
    assert not list((output / "edition").glob("2026-01-*.html"))
    index = (output / "archives.html").read_text(encoding="utf-8")
    for month in ("2026-01", "2026-02", "2026-03"):
        assert f"archive/{month}.html" in index
    january = (output / "archive" / "2026-01.html").read_text(encoding="utf-8")
    assert f"/{slugs['varnholm.txt']}.html" in january and "Lusk" not in january
    march = (output / "archive" / "2026-03.html").read_text(encoding="utf-8")
    order = [march.find(f"/{slugs[n]}.html") for n in ("orlin.txt", "lusk.txt", "kordan.txt")]
    assert -1 not in order and order == sorted(order)  # newest day first

    conf = tmp_path / "conf" / "site.py"
    args = ["archive", "--settings", str(conf), "--seeds", str(seeds_dir)]
    args += ["--content", str(content), "--before", "2026-03-01"]
    assert cli.main([*args, "--dry-run"]) == 0
    assert not archive.exists()
    assert cli.main(args) == 0
    moved = sorted(p.relative_to(archive).as_posix() for p in archive.rglob("*") if p.is_file())
    assert moved == [
        "2026-01/2026-01-05-varnholm.txt",
        "2026-01/2026-01-05-varnholm.txt.meta.json",
        "2026-02/2026-02-10-essia.txt",
    ]
    assert sorted(p.name for p in seeds_dir.iterdir()) == [
        "2026-03-01-kordan.txt",
        "2026-03-20-lusk.txt",
        "2026-03-25-orlin.txt",
    ]

    status, report, content, output = build_site(seeds_dir, settings=settings)
    assert status == 0
    assert len(report["briefs"]) == 3  # the live seeds' build
    january = (output / "archive" / "2026-01.html").read_text(encoding="utf-8")
    assert f"/{slugs['varnholm.txt']}.html" in january
    assert (output / "briefs" / "2026" / f"{slugs['varnholm.txt']}.html").is_file()
    assert f"/{slugs['varnholm.txt']}.html" not in (output / "index.html").read_text("utf-8")
    assert "Varnholm" not in (output / "tags.html").read_text(encoding="utf-8")

    # A seed put back and archived again would overwrite its archived copy: refused.
    (seeds_dir / "2026-02-10-essia.txt").write_text(_seed(DAYS[1], "Essia"), encoding="utf-8")
    status, report, content, output = build_site(seeds_dir, settings=settings)
    assert status == 0
    before = sorted(p.name for p in seeds_dir.iterdir())
    assert cli.main(args) == 1
    assert sorted(p.name for p in seeds_dir.iterdir()) == before


def test_the_window_starts_from_the_newest_real_date_never_an_estimated_one() -> None:
    from datetime import date, datetime
    from types import SimpleNamespace

    from news_digest.site.window import window_start

    def brief(day: str, source: str = "header") -> SimpleNamespace:
        return SimpleNamespace(date=datetime.fromisoformat(day), date_source=source)

    briefs = [brief("2026-03-01"), brief("2026-03-20"), brief("2026-04-30", "estimated:related")]
    assert window_start(briefs, 10) == date(2026, 3, 11)
    assert window_start(briefs, 1) == date(2026, 3, 20)
    assert window_start(briefs, None) is None
    assert window_start([brief("2026-04-30", "estimated:fallback")], 10) is None
