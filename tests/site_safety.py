"""Whole-site safety checks shared by the hostile, injection and showcase builds.

Two questions about a built site: does any file sit at a path a seed could have
chosen, and does every page and feed that a brief should produce exist?
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html

SLUG = r"[a-z0-9_]+(?:-[a-z0-9_]+)*"  # what Pelican's slugify and enrich.slugify make
# Every path the site may write; a slug is what Pelican or news-digest made, never
# a seed's own string (no dots, slashes, spaces or upper case in it).
SITE_PATHS = re.compile(
    rf"""(
        (index|archives|tags|sources|stories|search|editions|latest|alerts)\.html
      | edition/\d{{4}}-\d{{2}}-\d{{2}}\.html | archive/\d{{4}}-\d{{2}}\.html
      | pages/{SLUG}\.html
      | briefs/\d{{4}}/{SLUG}\.html
      | (tag|source|story)/{SLUG}\.html
      | feeds/all\.(atom|rss)\.xml | feeds/all\.json | feeds\.opml
      | feeds/(tag|source|story|alert)/{SLUG}\.(atom|rss)\.xml | feeds/alert/{SLUG}\.json
      | alert/{SLUG}\.html
      | feeds/editions\.(atom\.xml|rss\.xml|json) | editions\.json
      | sitemap\.xml | robots\.txt
      | theme/(css|js)/[a-z0-9-]+\.(css|js)
      | pagefind/[A-Za-z0-9_./-]+
    )""",
    re.VERBOSE,
)
MAX_NAME_BYTES = 200 + len(".atom.xml")  # DIGEST_MAX_NAME_BYTES' ceiling and a suffix


def unexpected_paths(output: Path) -> list[str]:
    """Files whose path is not one the site's own rules make, or whose name is long."""
    found = []
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(output).as_posix()
        if not SITE_PATHS.fullmatch(rel) or len(path.name.encode()) > MAX_NAME_BYTES:
            found.append(rel)
    return found


def _local(output: Path, url: str, page: Path) -> Path | None:
    """The file a link on ``page`` points at inside the site, or None (external)."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc not in ("127.0.0.1:8000",):
        return None
    if parts.scheme in ("http", "https"):
        return output / parts.path.lstrip("/")
    return (page.parent / parts.path).resolve()


def missing_pages(output: Path, report: dict[str, Any]) -> list[str]:
    """Each brief of the report has its page; each tag, source and story page its
    brief links to exists, and so does every feed those pages announce."""
    missing = []
    for brief in report["briefs"]:
        page = output / Path(brief["path"]).with_suffix(".html")
        if not page.is_file():
            missing.append(f"{brief['path']}: no page")
            continue
        tree = lxml_html.fromstring(page.read_bytes())
        targets = {
            _local(output, href, page)
            for href in tree.xpath("//a/@href")
            if re.search(r"(^|/)(tag|source|story)/", href)
        }
        tag_links = {t for t in targets if t is not None and t.parent.name == "tag"}
        if len(tag_links) != len(brief["tags"]):
            missing.append(
                f"{brief['path']}: {len(tag_links)} tag links, {len(brief['tags'])} tags"
            )
        for target in sorted(t for t in targets if t is not None):
            if not target.is_file():
                missing.append(f"{brief['path']}: link to missing {target.relative_to(output)}")
                continue
            listing = lxml_html.fromstring(target.read_bytes())
            for feed in listing.xpath('//link[@rel="alternate"]/@href'):
                feed_file = _local(output, feed, target)
                if feed_file is not None and not feed_file.is_file():
                    missing.append(f"{target.relative_to(output)}: feed {feed} missing")
    return missing
