"""Site files Pelican does not make: JSON Feed 1.1, an OPML list of feeds, sitemap, robots.

Written after Pelican has finished (``finalized`` signal) from the articles it
read, in a fixed order, so they are as reproducible as the rest of the site.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

JSON_FEED_PATH = "feeds/all.json"
OPML_PATH = "feeds.opml"
JSON_FEED_ITEMS = 50  # like FEED_MAX_ITEMS for the XML feeds


def feed_url(settings: dict[str, Any]) -> str:
    """Absolute base for feeds and sitemaps (FEED_DOMAIN, else SITEURL)."""
    return str(settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")


def write_site_extras(output: Path, articles: list[Any], settings: dict[str, Any]) -> None:
    """Write every extra file into ``output``."""
    base = feed_url(settings)
    newest_first = sorted(articles, key=lambda a: (a.date, a.url), reverse=True)
    _write(output / JSON_FEED_PATH, json_feed(newest_first[:JSON_FEED_ITEMS], settings, base))
    _write(output / "sitemap.xml", sitemap(newest_first, base))
    _write(output / "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n")
    _write(output / OPML_PATH, opml(output, settings, base))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def plain(html_text: str) -> str:
    """Pelican titles are HTML (escaped); feeds want the text."""
    return " ".join(html.unescape(_TAG.sub(" ", html_text)).split())


_TAG = re.compile(r"<[^>]*>")


def json_feed(articles: list[Any], settings: dict[str, Any], base: str) -> str:
    """JSON Feed 1.1 with full content and absolute URLs."""
    items = []
    for article in articles:
        url = f"{base}/{article.url}"
        item: dict[str, Any] = {
            "id": url,
            "url": url,
            "title": plain(article.title),
            "content_html": article.get_content(base),
            "summary": plain(getattr(article, "summary", "") or ""),
            "date_published": article.date.isoformat(),
            "tags": [tag.name for tag in getattr(article, "tags", [])],
            "language": getattr(article, "lang", None) or settings.get("DEFAULT_LANG", "en"),
        }
        source_url = getattr(article, "source_url", "")
        if source_url.startswith(("https://", "http://")):
            item["external_url"] = source_url
        authors = [{"name": a.name} for a in getattr(article, "authors", [])]
        if authors:
            item["authors"] = authors
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": str(settings.get("SITENAME", "")),
        "home_page_url": f"{base}/",
        "feed_url": f"{base}/{JSON_FEED_PATH}",
        "description": str(settings.get("SITESUBTITLE", "")),
        "language": str(settings.get("DEFAULT_LANG", "en")),
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def sitemap(articles: list[Any], base: str) -> str:
    """Every brief page, with the date it carries."""
    entries = [f"  <url><loc>{escape(base)}/</loc></url>"]
    for article in sorted(articles, key=lambda a: a.url):
        entries.append(
            f"  <url><loc>{escape(f'{base}/{article.url}')}</loc>"
            f"<lastmod>{article.date.date().isoformat()}</lastmod></url>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )


def opml(output: Path, settings: dict[str, Any], base: str) -> str:
    """An OPML subscription list of every feed the site has."""
    feeds = sorted(p.relative_to(output).as_posix() for p in (output / "feeds").rglob("*.xml"))
    lines = []
    for rel in feeds:
        kind = "atom" if rel.endswith(".atom.xml") else "rss"
        name = rel.removeprefix("feeds/").removesuffix(f".{kind}.xml").replace("/", ": ")
        lines.append(
            f"    <outline type={quoteattr(kind)} text={quoteattr(name)} "
            f"title={quoteattr(name)} xmlUrl={quoteattr(f'{base}/{rel}')}/>"
        )
    title = escape(str(settings.get("SITENAME", "")))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n'
        f"  <head><title>{title} feeds</title></head>\n  <body>\n"
        + "\n".join(lines)
        + "\n  </body>\n</opml>\n"
    )
