"""Every feed of the showcase site: well-formed for feed readers, valid Atom, no relative URLs,
stable ids, announced on its page and listed in the OPML file."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from conftest import FIXTURES, BuildResult
from lxml import etree, html

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers

ATOM_SCHEMA = etree.RelaxNG(etree.parse(str(FIXTURES / "schema" / "atom.rng")))
ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "http://127.0.0.1:8000"
RELATIVE = re.compile(r"""(?:href|src|srcset|poster|action)\s*=\s*["'](?!https?://|mailto:|#)""")
ENTRY_ID = re.compile(r"tag:127\.0\.0\.1,2025:briefs/[a-z0-9-]+")
BUILD_ID = re.compile(r"tag:127\.0\.0\.1,2025:editions/\d+-[0-9a-f]{8}")  # latest.html's feeds


def _feeds(output: Path, pattern: str = "*.xml") -> list[Path]:
    return sorted((output / "feeds").rglob(pattern))


def _local(output: Path, url: str) -> Path:
    """The file a site URL points to (the home page for the bare site URL)."""
    assert url.startswith(f"{SITE_URL}/"), url
    path = urlsplit(url).path.lstrip("/") or "index.html"
    return output / path


def test_every_atom_feed_is_valid_against_the_rfc_4287_schema(showcase_site: Path) -> None:
    feeds = _feeds(showcase_site, "*.atom.xml")
    assert len(feeds) > 10 and any("story" in f.parts for f in feeds)
    invalid = {}
    for feed in feeds:
        if not ATOM_SCHEMA.validate(etree.parse(str(feed))):
            invalid[feed.name] = str(ATOM_SCHEMA.error_log.last_error)
    assert invalid == {}


def test_the_schema_fixture_rejects_what_rfc_4287_forbids() -> None:
    """The fixture is the real schema, not a permissive stand-in."""
    no_id = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        "<updated>2025-01-01T00:00:00Z</updated><author><name>a</name></author></feed>"
    )
    assert not ATOM_SCHEMA.validate(etree.fromstring(no_id))
    good = no_id.replace("<title>", "<id>urn:x</id><title>")
    assert ATOM_SCHEMA.validate(etree.fromstring(good))


def test_every_feed_parses_cleanly_with_full_content_and_absolute_urls(
    showcase_site: Path,
) -> None:
    for path in _feeds(showcase_site):
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path.name, parsed.get("bozo_exception"))
        assert parsed.entries, path.name
        assert parsed.feed.title and parsed.feed.link.startswith(SITE_URL)
        for entry in parsed.entries:
            assert entry.link.startswith(SITE_URL)
            assert entry.title and (entry.get("published_parsed") or entry.get("updated_parsed"))
            ids = BUILD_ID if path.name.startswith("editions.") else ENTRY_ID
            assert ids.fullmatch(entry.id), (path.name, entry.id)
            # Full content, not only the summary (RSS: in <description>).
            bodies = [c.value for c in entry.get("content", [])] or [entry.get("summary", "")]
            assert max(len(b) for b in bodies) > len(entry.get("title", "")), path.name
            for body in bodies:
                assert not RELATIVE.search(body), (path.name, entry.link)
                assert "{filename}" not in body


def test_ids_are_stable_unique_and_the_same_in_every_format(showcase_site: Path) -> None:
    """An entry id names the brief, not its date; a feed's own id is its URL, so no two
    feeds share one (Pelican gives every feed the site's address)."""
    feed_ids: dict[str, str] = {}
    by_link: dict[str, set[str]] = {}
    for path in _feeds(showcase_site, "*.atom.xml"):
        root = etree.parse(str(path)).getroot()
        feed_ids[path.name] = root.findtext(f"{ATOM}id") or ""
        for entry in root.iter(f"{ATOM}entry"):
            link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
            by_link.setdefault(link, set()).add(entry.findtext(f"{ATOM}id"))
    for path in _feeds(showcase_site, "*.rss.xml"):
        for item in etree.parse(str(path)).iter("item"):
            by_link.setdefault(item.findtext("link"), set()).add(item.findtext("guid"))
    feed = json.loads((showcase_site / "feeds" / "all.json").read_text(encoding="utf-8"))
    for item in feed["items"]:
        by_link.setdefault(item["url"], set()).add(item["id"])
    assert len(set(feed_ids.values())) == len(feed_ids)
    for name, feed_id in feed_ids.items():
        assert feed_id.endswith(f"/{name}"), (name, feed_id)
    assert all(len(ids) == 1 for ids in by_link.values()), by_link
    ids = [next(iter(i)) for i in by_link.values()]
    assert len(set(ids)) == len(ids)


def test_rss_guids_that_are_not_urls_say_so(showcase_site: Path) -> None:
    rss = _feeds(showcase_site, "*.rss.xml")
    assert any("story" in f.parts for f in rss)
    for path in rss:
        channel = etree.parse(str(path)).find("channel")
        for guid in channel.iter("guid"):
            is_url = (guid.text or "").startswith(("http://", "https://"))
            assert guid.get("isPermaLink") == ("true" if is_url else "false"), path.name


def test_each_feed_links_the_page_it_follows(showcase_site: Path) -> None:
    """A tag, source or story feed points readers at that page, not the home page."""
    for path in _feeds(showcase_site):
        parsed = feedparser.parse(path.read_bytes())
        page = _local(showcase_site, parsed.feed.link)
        assert page.is_file(), (path.name, parsed.feed.link)
        kind = path.relative_to(showcase_site / "feeds").parts[0]
        if kind in {"tag", "source", "story"}:
            assert page.relative_to(showcase_site).parts[0] == kind, (path.name, page)
            assert page.stem == path.name.split(".")[0], (path.name, page)


def test_json_feed_has_version_1_1_and_the_required_fields(showcase_site: Path) -> None:
    """JSON Feed 1.1: version, title, items required; each item an id and content."""
    feed = json.loads((showcase_site / "feeds" / "all.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert feed["home_page_url"].startswith(SITE_URL)
    assert feed["feed_url"] == f"{SITE_URL}/feeds/all.json"
    assert "author" not in feed  # 1.0's field; 1.1 has "authors"
    items = feed["items"]
    assert isinstance(items, list) and items
    ids = [item["id"] for item in items]
    assert all(isinstance(i, str) and ENTRY_ID.fullmatch(i) for i in ids)
    assert len(ids) == len(set(ids))
    dates = [datetime.fromisoformat(item["date_published"]) for item in items]
    assert dates == sorted(dates, reverse=True)
    for item in items:
        assert item["url"].startswith(SITE_URL) and _local(showcase_site, item["url"]).is_file()
        assert item.get("content_html") or item.get("content_text")
        assert not RELATIVE.search(item.get("content_html", ""))
        assert all(set(a) <= {"name", "url", "avatar"} for a in item.get("authors", []))
        if "external_url" in item:
            assert item["external_url"].startswith(("https://", "http://"))


def test_every_page_with_a_feed_announces_it(showcase_site: Path) -> None:
    kinds = {
        "index.html": "feeds/all.atom.xml",
        "tag/vladimir-putin.html": "feeds/tag/vladimir-putin.atom.xml",
        "source/new-spotlight-online.html": "feeds/source/new-spotlight-online.atom.xml",
    }
    story = sorted((showcase_site / "story").glob("*.html"))[0]
    kinds[f"story/{story.name}"] = f"feeds/story/{story.stem}.atom.xml"
    for page, feed in kinds.items():
        tree = html.parse(str(showcase_site / page))
        # Relative, like every page link: a reader finds the feed on any port and on disk.
        alternates = [
            posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
            for href in tree.xpath("//head/link[@rel='alternate']/@href")
        ]
        assert feed in alternates, page
        assert feed.replace(".atom.xml", ".rss.xml") in alternates, page
        assert (showcase_site / feed).is_file()
    # Every page offers the site's feeds, the JSON Feed included.
    for page in sorted(showcase_site.rglob("*.html")):
        types = html.parse(str(page)).xpath("//head/link[@rel='alternate']/@type")
        assert {"application/atom+xml", "application/feed+json"} <= set(types), page


def test_opml_lists_every_feed_for_any_reader(showcase_site: Path) -> None:
    opml = etree.parse(str(showcase_site / "feeds.opml")).getroot()
    assert opml.get("version") == "2.0" and opml.findtext("head/title")
    outlines = opml.findall("body/outline")
    listed = {o.get("xmlUrl") for o in outlines}
    on_disk = {
        f"{SITE_URL}/{path.relative_to(showcase_site).as_posix()}" for path in _feeds(showcase_site)
    }
    assert listed == on_disk
    for outline in outlines:
        assert outline.get("type") == "rss"  # OPML 2.0's type for subscriptions, Atom too
        assert outline.get("text") and not outline.get("text").startswith(("tag:", "story:"))
        assert _local(showcase_site, outline.get("htmlUrl")).is_file()


def test_a_rebuild_with_a_newer_seed_keeps_every_entry_id(
    original_seeds: Path, build_site: Callable[..., BuildResult]
) -> None:
    """An undated brief is dated by the newest brief; when a newer seed arrives its date
    moves, but its id must not, or readers would show it as new again."""
    (original_seeds / "undated.txt").write_text(
        "Gardeners in the valley report an early harvest of apples and pears this year. "
        "A warm spring and steady rain in early summer helped the orchards, growers said, "
        "and the cider press in the old mill will open two weeks sooner than usual.\n",
        encoding="utf-8",
    )
    _, first, _, output = build_site(original_seeds, name="before")
    before = _entry_ids(output)
    (original_seeds / "newer.txt").write_text(
        "date 2026-03-02 Night trains return to the coast line\n\n"
        "Night trains will run again on the coast line from March, the rail operator said, "
        "after a pause of six years. Sleeping cars will leave the capital every evening.\n",
        encoding="utf-8",
    )
    _, second, _, output = build_site(original_seeds, name="after")
    after = _entry_ids(output)

    (was,) = [b for b in first["briefs"] if b["seeds"][0].endswith("undated.txt")]
    (now,) = [b for b in second["briefs"] if b["seeds"][0].endswith("undated.txt")]
    assert was["date_source"] == "estimated:corpus-latest"
    assert was["date"] != now["date"]  # the date moved (and with it the page's year folder)
    assert before <= after and len(after) == len(before) + 1


def _entry_ids(output: Path) -> set[str]:
    root = etree.parse(str(output / "feeds" / "all.atom.xml")).getroot()
    return {entry.findtext(f"{ATOM}id") or "" for entry in root.iter(f"{ATOM}entry")}
