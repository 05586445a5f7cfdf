"""Site files Pelican does not make: JSON Feed 1.1, an OPML list of feeds, sitemap, robots.

Written after Pelican has finished (``finalized`` signal) from the articles it
read, in a fixed order, so they are as reproducible as the rest of the site.
``polish_feed`` runs on every Atom/RSS feed before Pelican writes it (the
``feed_generated`` signal): stable entry ids, one id per feed, the feed's own page.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from feedgenerator import Rss201rev2Feed

from news_digest.core.cache import ResultCache, cache_key
from news_digest.core.render import UNKNOWN_OUTLET
from news_digest.site.state import STATE_KEY, build_of
from news_digest.site.stories import estimated
from news_digest.text.plain import html_to_text

JSON_FEED_PATH = "feeds/all.json"
# Each feed file's title and page, by the SHA-256 of its bytes: the OPML list reads every
# feed, and parsing all of them took 0.7 of a no-change rebuild's 23 profiled CPU-s at
# 2,000 briefs (1,186 feeds), though a rebuild takes nearly all of them as they were.
FEED_TITLES_KEY = cache_key("feed-titles")
OPML_PATH = "feeds.opml"
JSON_FEED_ITEMS = 50  # like FEED_MAX_ITEMS for the XML feeds
# The date part of every entry id (a tag: URI, RFC 4151). Fixed once: changing it
# would make every feed reader show every brief as new again.
ENTRY_ID_DATE = "2025"
ATOM = "{http://www.w3.org/2005/Atom}"
# Feed path setting -> the page that feed follows (None: the home page).
FEED_PAGES = (
    ("FEED_ALL_ATOM", None),
    ("FEED_ALL_RSS", None),
    ("TAG_FEED_ATOM", "TAG_URL"),
    ("TAG_FEED_RSS", "TAG_URL"),
    ("CATEGORY_FEED_ATOM", "CATEGORY_URL"),
    ("CATEGORY_FEED_RSS", "CATEGORY_URL"),
    ("STORY_FEED_ATOM", "STORY_URL"),
    ("STORY_FEED_RSS", "STORY_URL"),
    ("ALERT_FEED_ATOM", "ALERT_URL"),
    ("ALERT_FEED_RSS", "ALERT_URL"),
)


def feed_url(settings: dict[str, Any]) -> str:
    """Absolute base for feeds and sitemaps (FEED_DOMAIN, else SITEURL)."""
    return str(settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")


def write_site_extras(
    output: Path,
    articles: list[Any],
    settings: dict[str, Any],
    pages: list[Any] | None = None,
    cache_dir: Path | None = None,
) -> None:
    """Write every extra file into ``output``: the JSON Feed of ``articles`` (the live
    briefs), the sitemap of every brief page (``pages``: out-of-window and archived
    briefs too, whose pages stay); feeds' titles kept in ``cache_dir``."""
    base = feed_url(settings)
    newest_first = sorted(articles, key=lambda a: (a.date, a.url), reverse=True)
    _write(output / JSON_FEED_PATH, json_feed(newest_first[:JSON_FEED_ITEMS], settings, base))
    _write(output / "sitemap.xml", sitemap(pages or newest_first, base))
    _write(output / "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n")
    cache = ResultCache(cache_dir)
    stored = cache.get(FEED_TITLES_KEY)
    known: dict[str, tuple[str, str]] = stored if isinstance(stored, dict) else {}
    before = dict(known)
    _write(output / OPML_PATH, opml(output, settings, base, known, reused_digests(settings)))
    if known != before:
        cache.put(FEED_TITLES_KEY, known)


def entry_id(base: str, url: str) -> str:
    """A brief's id in every feed (Atom, RSS, JSON): the site's host and the brief's slug.

    Pelican's own ids carry the brief's date (``tag:host,2025-06-21:/briefs/...``),
    so a brief whose estimated date moves (a newer seed arrived) would come back
    as a new item; slugs are unique and do not move.
    """
    host = urlsplit(base).hostname or "localhost"
    slug = url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")
    return f"tag:{host},{ENTRY_ID_DATE}:briefs/{slug}"


def polish_feed(context: dict[str, Any], feed: Any) -> None:
    """Fix what Pelican's feed writer leaves generic, before the feed is written.

    - every entry gets its stable id (``entry_id``); RSS says ``isPermaLink="false"``
      for it, since it is not a URL;
    - each feed gets its own id (its URL) instead of the site's address, which all
      Pelican feeds share, so readers never merge two feeds into one;
    - the feed's ``link`` (Atom ``rel="alternate"``, RSS channel ``<link>``) is the
      page it follows (tag, source or story page) instead of the home page.
    """
    base = feed_url(context)
    by_link = articles_by_link(context, base)
    for item in feed.items:
        link = str(item.get("link") or "")
        if link.startswith(f"{base}/"):
            item["unique_id"] = entry_id(base, link)
        unique_id = str(item.get("unique_id") or "")
        item["unique_id_is_permalink"] = unique_id.startswith(("https://", "http://"))
        article = by_link.get(link)
        if article is not None:
            item.update(entry_extras(article, context, base))
    # Entries of unattributed briefs have no author: the feed's is the site (RFC 4287
    # wants one or the other), never the generator.
    feed.feed["author_name"] = str(context.get("SITENAME") or "") or None
    if isinstance(feed, Rss201rev2Feed):
        feed.feed["author_name"] = None  # RSS channels have no author element
    add_entry_elements(feed, f"{base}/{context.get('STORIES_URL') or 'stories.html'}")
    own_url = str(feed.feed.get("feed_url") or "")
    if own_url:
        feed.feed["id"] = own_url
        matched = _feed_setting(context, own_url)
        page = _page_of(context, *matched) if matched else None
        if page is not None:
            feed.feed["link"] = page
        # Pelican titles a source feed "<site> - <source>", like a tag feed; say which.
        site, title = f"{context.get('SITENAME', '')} - ", str(feed.feed.get("title") or "")
        is_source = matched is not None and matched[0].startswith("CATEGORY_FEED")
        if is_source and title.startswith(site):
            feed.feed["title"] = f"{site}Source: {title.removeprefix(site)}"


def articles_by_link(context: dict[str, Any], base: str) -> dict[str, Any]:
    """The run's briefs by their absolute URL (made once per run, kept on its state)."""
    state = build_of(context)
    if state.feed_links is None or state.feed_links[0] != base:
        state.feed_links = (base, {f"{base}/{a.url}": a for a in state.articles})
    return state.feed_links[1]


def attribution(article: Any, settings: dict[str, Any]) -> str:
    """Who a brief is by, for feeds: its byline and outlet ("Mara Quell (Harbour
    Gazette)"), else either, else nobody ("").
    Pelican gives a brief without authors the AUTHOR setting (the tool's name): never
    shown as an author."""
    default = str(settings.get("AUTHOR") or "")
    byline = ", ".join(a.name for a in getattr(article, "authors", None) or [] if a.name != default)
    outlet = str(getattr(article, "source", "") or "")
    if byline and outlet and outlet.casefold() not in byline.casefold():
        return f"{byline} ({outlet})"
    return byline or outlet


def original_url(article: Any) -> str:
    url = str(getattr(article, "source_url", "") or "")
    return url if url.startswith(("https://", "http://")) else ""


def entry_extras(article: Any, settings: dict[str, Any], base: str) -> dict[str, Any]:
    """What polish_feed adds to an entry: author, language, original, outlet, story."""
    story = getattr(article, "story_page", None)
    return {
        "author_name": attribution(article, settings) or None,
        "digest_lang": str(getattr(article, "lang", "") or settings.get("DEFAULT_LANG") or ""),
        "digest_original": original_url(article),
        "digest_outlet": str(getattr(article, "source", "") or ""),
        "digest_story": (f"{base}/{story.url}", html_to_text(story.title)) if story else None,
    }


def add_entry_elements(feed: Any, story_scheme: str) -> None:
    """Write the entry extras (feedgenerator writes only the fields it knows):

    - Atom: ``xml:lang`` on the entry, ``<link rel="related">`` to the original
      article (titled with its outlet), the story as a ``<category>`` (term: the
      story page, scheme: the stories index, label: its title);
    - RSS: ``xml:lang`` on the item, ``<source url="original">outlet</source>``, the
      story as a ``<category domain="story page">``.
    """
    atom = not isinstance(feed, Rss201rev2Feed)
    known = type(feed).add_item_elements

    def item_attributes(item: dict[str, Any]) -> dict[str, str]:
        lang = item.get("digest_lang")
        return {"xml:lang": lang} if lang else {}

    def add_item_elements(handler: Any, item: dict[str, Any]) -> None:
        # "Unattributed" is Pelican's category for a brief without an outlet: no topic
        categories = [c for c in item.get("categories") or () if str(c) != UNKNOWN_OUTLET]
        known(feed, handler, {**item, "categories": categories})
        original, outlet, story = (
            item.get("digest_original"),
            item.get("digest_outlet") or "",
            item.get("digest_story"),
        )
        if atom:
            if original:
                attrs = {"rel": "related", "href": original, "type": "text/html"}
                handler.addQuickElement(
                    "link", "", {**attrs, **({"title": outlet} if outlet else {})}
                )
            if story:
                handler.addQuickElement(
                    "category", "", {"term": story[0], "scheme": story_scheme, "label": story[1]}
                )
        else:
            if original:
                handler.addQuickElement("source", outlet or original, {"url": original})
            if story:
                handler.addQuickElement("category", f"Story: {story[1]}", {"domain": story[0]})

    feed.item_attributes = item_attributes
    feed.add_item_elements = add_item_elements


def _pattern(setting: str) -> str:
    """A feed path setting ("feeds/tag/{slug}.atom.xml") as a regex with a slug group."""
    return re.escape(setting).replace(re.escape("{slug}"), "(?P<slug>[^/]+)")


def _feed_setting(
    settings: dict[str, Any], url: str
) -> tuple[str, str | None, re.Match[str]] | None:
    """Which feed setting made ``url``: (feed key, page key, match), first of FEED_PAGES."""
    path = url.removeprefix(f"{feed_url(settings)}/")
    for feed_key, page_key in FEED_PAGES:
        pattern = settings.get(feed_key)
        match = re.fullmatch(_pattern(str(pattern)), path) if pattern else None
        if match is not None:
            return feed_key, page_key, match
    return None


def _page_of(
    settings: dict[str, Any], feed_key: str, page_key: str | None, match: re.Match[str]
) -> str | None:
    """The page a feed follows (home, tag, source or story page); None if unknown."""
    base = feed_url(settings)
    if page_key is None:
        return f"{base}/"
    page = settings.get(page_key)
    if not page or "slug" not in match.groupdict():
        return None
    return f"{base}/{str(page).format(slug=match['slug'])}"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def json_feed(
    articles: list[Any],
    settings: dict[str, Any],
    base: str,
    title: str = "",
    home_page: str = "",
    path: str = JSON_FEED_PATH,
) -> str:
    """JSON Feed 1.1 with full content and absolute URLs.

    An estimated date (core/dates.py: the day, 00:00) is marked in the item, so a
    reader does not take it for the time the article was published.
    """
    items = []
    for article in articles:
        url = f"{base}/{article.url}"
        item: dict[str, Any] = {
            "id": entry_id(base, url),
            "url": url,
            "title": html_to_text(article.title),
            "content_html": article.get_content(base),
            "summary": html_to_text(getattr(article, "summary", "") or ""),
            "date_published": article.date.isoformat(),
            "tags": [tag.name for tag in getattr(article, "tags", [])],
            "language": getattr(article, "lang", None) or settings.get("DEFAULT_LANG", "en"),
        }
        extras = entry_extras(article, settings, base)
        if extras["digest_original"]:
            item["external_url"] = extras["digest_original"]
        if extras["author_name"]:
            item["authors"] = [{"name": extras["author_name"]}]
        # JSON Feed's extension rule: an object under a key starting with "_".
        if estimated(article):
            item["_news_digest"] = {"date_estimated": True}
        if extras["digest_story"]:  # the story it is a report of (its page and title)
            item["_story"] = {"url": extras["digest_story"][0], "title": extras["digest_story"][1]}
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title or str(settings.get("SITENAME", "")),
        "home_page_url": home_page or f"{base}/",
        "feed_url": f"{base}/{path}",
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


def reused_digests(settings: dict[str, Any]) -> dict[str, str]:
    """The SHA-256 of each file this build took from the previous site as it was (its
    page record's: ``page_reuse``), by its path in the site."""
    reuse = build_of(settings).reuse if settings.get(STATE_KEY) is not None else None
    if reuse is None:
        return {}
    return {rel: digest for records in reuse.taken.values() for rel, *_, digest in records}


def opml(
    output: Path,
    settings: dict[str, Any],
    base: str,
    known: dict[str, tuple[str, str]] | None = None,
    digests: dict[str, str] | None = None,
) -> str:
    """An OPML 2.0 subscription list of every Atom/RSS feed the site has.

    Outlines are ``type="rss"`` (the only type OPML 2.0 defines for subscriptions;
    readers import Atom feeds listed so), titled as the feeds title themselves,
    with the page each feed follows as ``htmlUrl``.  ``known``: feeds' titles and
    pages by the SHA-256 of their bytes, used and brought up to date (this site's only);
    ``digests``: the SHA-256 of feeds whose bytes are known (``reused_digests``), not
    read again (1,184 feed files read and hashed a rebuild at 2,000 briefs: 0.3 of 23
    profiled s, where ~1,000 of them were taken as they were).
    """
    feeds = sorted(p.relative_to(output).as_posix() for p in (output / "feeds").rglob("*.xml"))
    lines = []
    seen: dict[str, tuple[str, str]] = {}
    for rel in feeds:
        digest = (digests or {}).get(rel, "")
        found = (known or {}).get(digest) or seen.get(digest)
        if found is None:
            data = (output / rel).read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            found = (known or {}).get(digest) or seen.get(digest)
        title, page = found if found is not None else _feed_title_and_page(data, rel)
        seen[digest] = (title, page)
        kind = "Atom" if rel.endswith(".atom.xml") else "RSS"
        name = f"{title} ({kind})"
        html_url = f" htmlUrl={quoteattr(page)}" if page else ""
        lines.append(
            f'    <outline type="rss" text={quoteattr(name)} title={quoteattr(name)} '
            f"xmlUrl={quoteattr(f'{base}/{rel}')}{html_url}/>"
        )
    if known is not None:
        known.clear()
        known.update(seen)
    title = escape(str(settings.get("SITENAME", "")))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n'
        f"  <head><title>{title} feeds</title></head>\n  <body>\n"
        + "\n".join(lines)
        + "\n  </body>\n</opml>\n"
    )


def _feed_title_and_page(data: bytes, name: str) -> tuple[str, str]:
    """A feed file's own title and the page it links (its Atom alternate, its RSS link)."""
    root = ET.fromstring(data)
    if root.tag == f"{ATOM}feed":
        title = root.findtext(f"{ATOM}title") or ""
        links = root.findall(f"{ATOM}link")
        pages = [ln.get("href", "") for ln in links if ln.get("rel", "alternate") == "alternate"]
        page = pages[0] if pages else ""
    else:
        title = root.findtext("channel/title") or ""
        page = root.findtext("channel/link") or ""
    return " ".join(title.split()) or name.rsplit("/", 1)[-1], page.strip()
