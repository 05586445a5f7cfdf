"""A full build into a temp folder: the site, its feeds and its determinism."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import feedparser
import pytest
from conftest import BuildResult, tree_digest
from lxml import etree

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers

SITE_URL = "http://127.0.0.1:8000"


@pytest.fixture
def built(mixed_seeds: Path, build_site: Callable[..., BuildResult]) -> BuildResult:
    return build_site(mixed_seeds)  # type: ignore[no-any-return]


def test_every_seed_becomes_a_brief(built: BuildResult) -> None:
    status, report, content, _ = built
    assert status == 0
    assert report["rejected"] == []
    assert len(report["briefs"]) == 5  # 2 text dumps + 2 feed entries + 1 page
    for brief in report["briefs"]:
        assert (content / brief["path"]).is_file()
        assert set(brief) >= {"slug", "title", "date", "seeds", "tags", "related", "story"}
    assert set(report["timings"]) >= {"discover", "parse", "clean", "enrich", "link", "write"}


def test_site_has_index_brief_pages_and_tag_pages(built: BuildResult) -> None:
    _, report, _, output = built
    assert (output / "index.html").is_file()
    assert (output / "tags.html").is_file()
    assert (output / "archives.html").is_file()
    for brief in report["briefs"]:
        pages = list(output.glob(f"briefs/*/{brief['slug']}.html"))
        assert len(pages) == 1, brief["slug"]
    assert list((output / "tag").glob("*.html"))


def _feeds(output: Path) -> list[Path]:
    return sorted((output / "feeds").rglob("*.xml"))


def test_feeds_parse_cleanly_and_link_to_existing_pages(built: BuildResult) -> None:
    _, report, _, output = built
    feeds = _feeds(output)
    assert output / "feeds" / "all.atom.xml" in feeds
    assert output / "feeds" / "all.rss.xml" in feeds
    assert any("/tag/" in f.as_posix() for f in feeds)
    for feed_file in feeds:
        parsed = feedparser.parse(feed_file.read_bytes())
        assert parsed.bozo == 0, (feed_file, parsed.get("bozo_exception"))
        ids = [entry.id for entry in parsed.entries]
        assert len(ids) == len(set(ids)), feed_file
        for entry in parsed.entries:
            assert entry.title
            assert entry.get("published_parsed") or entry.get("updated_parsed")
            link = urlparse(entry.link)
            assert f"{link.scheme}://{link.netloc}" == SITE_URL
            assert (output / link.path.lstrip("/")).is_file(), entry.link
    everything = feedparser.parse((output / "feeds" / "all.atom.xml").read_bytes())
    assert len(everything.entries) == len(report["briefs"])


def test_no_script_from_a_seed_reaches_the_site(built: BuildResult) -> None:
    _, _, _, output = built
    for page in output.rglob("*"):
        if page.suffix in {".html", ".xml"}:
            text = page.read_text(encoding="utf-8").lower()
            scripts = re.findall(r"<script\b[^>]*>", text)
            ours = ('type="application/ld+json"', "/pagefind/pagefind-ui.js", "/theme/js/search.js")
            assert all(any(mark in tag for mark in ours) for tag in scripts), page
            assert "alert(" not in text, page


def test_two_builds_give_identical_bytes(
    mixed_seeds: Path, build_site: Callable[..., BuildResult]
) -> None:
    _, _, content_a, output_a = build_site(mixed_seeds, name="a")
    _, _, content_b, output_b = build_site(mixed_seeds, name="b")
    assert tree_digest(content_a) == tree_digest(content_b)
    assert tree_digest(output_a) == tree_digest(output_b)


def test_rebuild_in_place_is_stable_and_drops_deleted_seeds(
    mixed_seeds: Path, build_site: Callable[..., BuildResult]
) -> None:
    _, first, content, output = build_site(mixed_seeds)
    before = tree_digest(content), tree_digest(output)
    _, _, _, _ = build_site(mixed_seeds)
    assert (tree_digest(content), tree_digest(output)) == before
    (mixed_seeds / "library.html").unlink()
    _, second, content, _ = build_site(mixed_seeds)
    assert len(second["briefs"]) == len(first["briefs"]) - 1
    gone = {b["path"] for b in first["briefs"]} - {b["path"] for b in second["briefs"]}
    assert len(gone) == 1
    assert not (content / gone.pop()).exists()


def test_second_build_takes_every_seed_from_the_cache(
    mixed_seeds: Path, build_site: Callable[..., BuildResult]
) -> None:
    _, cold, _, _ = build_site(mixed_seeds)
    _, warm, _, _ = build_site(mixed_seeds)
    assert cold["counts"]["cached"] == 0
    assert warm["counts"]["cached"] == len(list(mixed_seeds.iterdir()))
    assert warm["briefs"] == cold["briefs"]


def test_a_build_of_the_very_same_seeds_is_a_lookup_unless_a_brief_was_touched(
    mixed_seeds: Path, build_site: Callable[..., BuildResult]
) -> None:
    _, cold, content, _ = build_site(mixed_seeds)
    _, again, _, _ = build_site(mixed_seeds)
    assert "link" in cold["timings"] and "link" not in again["timings"]
    assert again["briefs"] == cold["briefs"] and again["rejected"] == cold["rejected"]
    assert again["counts"]["written"] == 0
    brief = content / cold["briefs"][0]["path"]
    original = brief.read_bytes()
    brief.write_text("edited by hand\n", encoding="utf-8")
    _, repaired, _, _ = build_site(mixed_seeds)
    assert "link" in repaired["timings"] and repaired["counts"]["written"] == 1
    assert brief.read_bytes() == original


def test_one_and_two_workers_give_identical_bytes(
    mixed_seeds: Path, build_site: Callable[..., BuildResult]
) -> None:
    _, _, content_1, output_1 = build_site(mixed_seeds, name="w1", settings="DIGEST_WORKERS = 1")
    _, _, content_2, output_2 = build_site(mixed_seeds, name="w2", settings="DIGEST_WORKERS = 2")
    assert tree_digest(content_1) == tree_digest(content_2)
    assert tree_digest(output_1) == tree_digest(output_2)


def test_json_feed_opml_sitemap_and_robots(built: BuildResult) -> None:
    _, report, _, output = built
    feed = json.loads((output / "feeds" / "all.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["feed_url"].startswith(SITE_URL)
    assert len(feed["items"]) == len(report["briefs"])
    for item in feed["items"]:
        assert item["id"] and item["url"].startswith(SITE_URL) and item["title"]
        assert 'href="/' not in item["content_html"] and "{filename}" not in item["content_html"]
        assert (output / urlparse(item["url"]).path.lstrip("/")).is_file()
    opml = etree.parse(str(output / "feeds.opml"))
    urls = {o.get("xmlUrl") for o in opml.iter("outline")}
    assert f"{SITE_URL}/feeds/all.atom.xml" in urls and len(urls) == len(_feeds(output))
    sitemap = etree.parse(str(output / "sitemap.xml"))
    locs = {e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert len(locs) == len(report["briefs"]) + 1
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in (output / "robots.txt").read_text()


def test_rss_guids_that_are_not_urls_say_so(built: BuildResult) -> None:
    _, _, _, output = built
    rss = list((output / "feeds").rglob("*.rss.xml"))
    assert rss
    for path in rss:
        for guid in etree.parse(str(path)).iter("guid"):
            is_url = (guid.text or "").startswith(("http://", "https://"))
            assert guid.get("isPermaLink") == ("true" if is_url else "false"), path


def test_about_page_shows_the_build_report(showcase_site: Path) -> None:
    about = (showcase_site / "pages" / "about.html").read_text(encoding="utf-8")
    report = about[about.index("Build report") :]
    assert re.search(r"\d+ seed files →\s+\d+ briefs", report)
    assert "1 seed rejected" in report
    assert "not-a-text.txt" in report and "PNG image" in report


def test_search_index_is_built_once_per_set_of_brief_pages(
    mixed_seeds: Path, build_site: Callable[..., BuildResult], tmp_path: Path
) -> None:
    _, _, _, output = build_site(mixed_seeds)
    index = tree_digest(output / "pagefind")
    assert any(name.endswith("pagefind-ui.js") for name in index)
    (cached,) = (tmp_path / "conf" / "cache" / "pagefind").iterdir()
    assert tree_digest(cached) == index
    _, _, _, again = build_site(mixed_seeds)
    assert tree_digest(again / "pagefind") == index
