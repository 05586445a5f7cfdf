"""Every feed of the showcase site: well-formed for feed readers, valid Atom, no relative URLs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
from conftest import FIXTURES
from lxml import etree, html

ATOM_SCHEMA = etree.RelaxNG(etree.parse(str(FIXTURES / "schema" / "atom.rng")))
SITE_URL = "http://127.0.0.1:8000"
RELATIVE = re.compile(r"""(?:href|src)=["'](?!https?://|mailto:|#)""")


def test_every_atom_feed_is_valid_against_the_rfc_4287_schema(showcase_site: Path) -> None:
    feeds = sorted((showcase_site / "feeds").rglob("*.atom.xml"))
    assert len(feeds) > 10 and any("story" in f.parts for f in feeds)
    invalid = {}
    for feed in feeds:
        if not ATOM_SCHEMA.validate(etree.parse(str(feed))):
            invalid[feed.name] = str(ATOM_SCHEMA.error_log.last_error)
    assert invalid == {}


def test_every_feed_parses_cleanly_with_absolute_urls_in_content(showcase_site: Path) -> None:
    feeds = sorted((showcase_site / "feeds").rglob("*.xml"))
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path.name, parsed.get("bozo_exception"))
        assert parsed.entries, path.name
        for entry in parsed.entries:
            assert entry.link.startswith(SITE_URL)
            for content in entry.get("content", []):
                assert not RELATIVE.search(content.value), (path.name, entry.link)


def test_json_feed_has_version_1_1_and_the_required_fields(showcase_site: Path) -> None:
    feed = json.loads((showcase_site / "feeds" / "all.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["home_page_url"].startswith(SITE_URL)
    ids = [item["id"] for item in feed["items"]]
    assert ids and len(ids) == len(set(ids))
    for item in feed["items"]:
        assert item["url"].startswith(SITE_URL)
        assert item.get("content_html") or item.get("content_text")
        assert not RELATIVE.search(item.get("content_html", ""))


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
        alternates = tree.xpath("//head/link[@rel='alternate']/@href")
        assert f"{SITE_URL}/{feed}" in alternates, page
        assert (showcase_site / feed).is_file()
