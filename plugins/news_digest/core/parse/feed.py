"""RSS/Atom/JSON feeds: one raw article per entry, with the entry's metadata as hints.

This is the one feed reader: the build (``parse_feed``) and `news-digest fetch`
(``read_feed``) both use it.  feedparser reads RSS and Atom (it copes with
every dialect and with broken XML); JSON Feed 1.0/1.1, which feedparser cannot
read, is read here.  Before feedparser runs:

* feeds that declare XML entities, or a DOCTYPE with an internal subset, are
  refused wherever the declaration sits: in a news feed it is only ever an
  expansion bomb or an attempt to read local files;
* a feed that declares no encoding (no BOM, no ``encoding=`` in its XML
  declaration) is decoded once by the project's decoder and handed over as
  text, so a cp1251 or Shift_JIS feed is not read as Windows-1252.
"""

from __future__ import annotations

import calendar
import html
import json
import re
import time
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
from lxml import etree
from lxml_html_clean import Cleaner

from news_digest.core import dates
from news_digest.core.decode import BOMS, decode_bytes
from news_digest.core.errors import SeedError
from news_digest.core.models import Hints, RawArticle, SeedFile
from news_digest.text.plain import html_to_text

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
# A DOCTYPE with an internal subset ("[...]") is where entities and their
# expansion bombs live; a plain one (RSS 0.91's Netscape DTD) only names a DTD,
# which neither expat nor feedparser's loose parser ever fetches.
_DOCTYPE_DECLARATION = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_CDATA = re.compile(rb"<!\[CDATA\[.*?\]\]>", re.DOTALL)
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?\bencoding\s*=", re.IGNORECASE)
_JSON_FEED = re.compile(r'"version"\s*:\s*"https?://jsonfeed\.org/version/', re.IGNORECASE)
# Before this, a feed date is a placeholder (0 seconds since 1970 and friends), not news.
EARLIEST_PLAUSIBLE = dates.EARLIEST_PLAUSIBLE
_CLEANER = Cleaner(
    scripts=True,
    javascript=True,
    comments=True,
    style=True,
    forms=True,
    frames=True,
    embedded=True,
    meta=True,
    page_structure=False,
    safe_attrs_only=True,
)


@dataclass(frozen=True)
class FeedEntry:
    """One entry as both the build and fetch see it."""

    link: str  # as written in the feed (resolved against ``base`` when given)
    content: str  # sanitised HTML
    hints: Hints
    # The entry's own updated date as the feed wrote it (Atom <updated>, RSS
    # <atom:updated>/<dc:modified>, JSON Feed date_modified): fetch sees an update by it.
    updated: str | None = None

    @property
    def has_words(self) -> bool:
        """An entry with neither title nor body text is no brief (and no duplicate of another)."""
        return bool(self.hints.title or html_to_text(self.content))


@dataclass(frozen=True)
class Feed:
    """What a feed holds: its entries, the encoding read and whether the XML was broken."""

    entries: tuple[FeedEntry, ...]
    encoding: str
    version: str  # feedparser's name ("rss20", "atom10"), "json1" for JSON Feed, "" if unknown
    malformed: str | None = None  # the XML error when the loose parser had to take over


def parse_feed(
    seed: SeedFile, data: bytes, max_entries: int
) -> tuple[tuple[RawArticle, ...], tuple[str, ...]]:
    """Split a feed into entries; return them and notes on what was cut or skipped."""
    feed = read_feed(data)
    if not feed.entries:
        raise SeedError(_no_items(feed))
    notes: list[str] = []
    numbered = list(enumerate(feed.entries))
    if len(numbered) > max_entries:
        notes.append(
            f"only the first {max_entries} of {len(numbered)} entries were read "
            "(DIGEST_MAX_FEED_ENTRIES)"
        )
        numbered = numbered[:max_entries]
    kept = [(number, entry) for number, entry in numbered if entry.has_words]
    notes += [
        f"entry {number + 1}: no words (empty title and body): not a brief"
        for number, entry in numbered
        if not entry.has_words
    ]
    if not kept:
        raise SeedError(f"feed has no items with words ({len(numbered)} empty entries)")
    articles = tuple(
        RawArticle(
            seed=seed.rel,
            seed_sha256=seed.sha256,
            index=number,
            kind="feed-entry",
            content=entry.content,
            encoding=feed.encoding,
            hints=entry.hints,
        )
        for number, entry in kept
    )
    return articles, tuple(notes)


def read_feed(data: bytes, base: str = "") -> Feed:
    """Read an RSS, Atom or JSON feed into entries; SeedError when it is unsafe or unreadable.

    ``base`` (the feed's URL, when fetched) resolves relative entry links.
    """
    refuse_declarations(data)
    if _JSON_FEED.search(data[:4096].replace(b"\x00", b"").decode("latin-1")):
        return _read_json_feed(data, base)
    source: bytes | str = data
    encoding: str | None = None
    if not declares_encoding(data):
        source, encoding = decode_bytes(data, "feed")
    parsed = feedparser.parse(  # a fetched feed's relative links resolve against its URL
        source,
        sanitize_html=True,
        resolve_relative_uris=bool(base),
        response_headers={"content-location": base} if base else None,
    )
    problem = parsed.get("bozo_exception")
    malformed = str(problem) if isinstance(problem, xml.sax.SAXException) else None
    feed: Any = parsed.feed
    latest = _feed_date(feed, "updated")
    outlet = html_to_text(str(feed.get("title", ""))) or None
    language = _language(feed.get("language"))
    entries = tuple(_rss_entry(entry, outlet, language, latest, base) for entry in parsed.entries)
    return Feed(
        entries,
        encoding or str(parsed.get("encoding", "utf-8")),
        str(parsed.get("version", "") or ""),
        malformed,
    )


def refuse_declarations(data: bytes) -> None:
    """Refuse ENTITY declarations and DOCTYPEs with an internal subset, in any case
    and anywhere outside CDATA."""
    flat = data.replace(b"\x00", b"")  # UTF-16 reads as ASCII once its NULs go
    if _ENTITY_DECLARATION.search(flat):
        raise SeedError("feed declares XML entities (<!ENTITY>): refused as unsafe")
    if _DOCTYPE_DECLARATION.search(_CDATA.sub(b"", flat)):
        raise SeedError(
            "feed has a DOCTYPE with declarations (<!DOCTYPE [...]>): refused as unsafe"
        )


def declares_encoding(data: bytes) -> bool:
    """A BOM or an ``encoding=`` in the XML declaration: feedparser can be trusted to decode."""
    return any(data.startswith(bom) for bom, _ in BOMS) or bool(_XML_DECLARATION.match(data[:512]))


def _no_items(feed: Feed) -> str:
    """Why a feed gave nothing: an empty feed, something that is not a feed, or broken XML."""
    if feed.malformed:
        return f"feed has no items and is not well-formed XML ({feed.malformed})"
    if not feed.version:
        return "feed has no items: no RSS, Atom or JSON Feed found"
    return "feed has no items"


def _language(value: Any) -> str | None:
    return str(value or "").split("-")[0].lower() or None


def _rss_entry(
    entry: Any, outlet: str | None, language: str | None, latest: datetime | None, base: str
) -> FeedEntry:
    """A feedparser entry as a FeedEntry."""
    contents = entry.get("content") or []
    values = [str(c.get("value", "")) for c in contents if c.get("value")]
    content = max(values, key=len) if values else str(entry.get("summary", "") or "")
    link = str(entry.get("link", "") or "").strip()
    date = _entry_date(entry)
    hints = _hints(
        title=str(entry.get("title", "")),
        date=date,
        link=urljoin(base, link) if base and link else link,
        authors=[str(a.get("name", "")) for a in entry.get("authors", [])],
        tags=[str(t.get("term", "")) for t in entry.get("tags", [])],
        outlet=outlet,
        language=language,
        entry_id=str(entry.get("id", "") or ""),
        latest=latest,
    )
    # dict.get: feedparser's own get() would give "published" when there is no "updated"
    updated = dict.get(entry, "updated")
    return FeedEntry(
        hints.url or link, content, hints, updated if isinstance(updated, str) else None
    )


def _hints(
    *,
    title: str,
    date: datetime | None,
    link: str,
    authors: list[str],
    tags: list[str],
    outlet: str | None,
    language: str | None,
    entry_id: str,
    latest: datetime | None,
) -> Hints:
    """The same Hints for RSS, Atom and JSON Feed entries."""
    if date is not None and latest is not None and date > latest:
        date = latest  # an entry cannot be newer than the feed that carries it
    return Hints(
        title=html_to_text(title) or None,
        date=date,
        url=link if link.startswith(("http://", "https://")) else None,
        authors=tuple(name for name in map(html_to_text, authors) if name),
        tags=tuple(term for term in map(html_to_text, tags) if term),
        outlet=outlet,
        language=language,
        entry_id=entry_id or None,
    )


def _read_json_feed(data: bytes, base: str) -> Feed:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1), which feedparser cannot read."""
    text, encoding = decode_bytes(data, "feed")
    try:
        document = json.loads(text)
    except ValueError as error:
        raise SeedError(f"JSON Feed is not valid JSON: {error}") from None
    if not isinstance(document, dict):
        raise SeedError("JSON Feed is not a JSON object")
    items = document.get("items")
    if items is None:
        items = []
    if not isinstance(items, list):
        raise SeedError("JSON Feed 'items' is not a list")
    outlet = html_to_text(_string(document.get("title"))) or None
    language = _language(_string(document.get("language")))
    feed_authors = _json_authors(document)
    entries = tuple(
        _json_entry(item, outlet, language, feed_authors, base)
        for item in items
        if isinstance(item, dict)
    )
    return Feed(entries, encoding, "json")


def _json_entry(
    item: dict[str, Any],
    outlet: str | None,
    language: str | None,
    feed_authors: list[str],
    base: str,
) -> FeedEntry:
    """One JSON Feed item as a FeedEntry; content_html is sanitised like feedparser's."""
    link = _string(item.get("url")) or _string(item.get("external_url"))
    link = urljoin(base, link) if base and link else link
    body_html = _string(item.get("content_html"))
    body_text = _string(item.get("content_text")) or _string(item.get("summary"))
    content = ""
    if body_html.strip():
        try:
            content = _CLEANER.clean_html(body_html)
        except (ValueError, etree.LxmlError):
            body_text = body_text or html_to_text(body_html)
    if not content:
        content = "\n".join(
            f"<p>{html.escape(paragraph.strip())}</p>"
            for paragraph in re.split(r"\n\s*\n", body_text)
            if paragraph.strip()
        )
    date = _iso_date(item.get("date_published")) or _iso_date(item.get("date_modified"))
    hints = _hints(
        title=_string(item.get("title")),
        date=date,
        link=link,
        authors=_json_authors(item) or feed_authors,
        tags=[t for t in item.get("tags") or [] if isinstance(t, str)],
        outlet=outlet,
        language=_language(_string(item.get("language"))) or language,
        entry_id=_string(item.get("id")) or link,
        latest=None,
    )
    updated = item.get("date_modified")
    return FeedEntry(link, content, hints, updated if isinstance(updated, str) else None)


def _json_authors(record: dict[str, Any]) -> list[str]:
    """JSON Feed 1.1 ``authors`` (a list) or 1.0 ``author`` (one object): their names."""
    authors = record.get("authors")
    if not isinstance(authors, list):
        authors = [record.get("author")]
    return [_string(a.get("name")) for a in authors if isinstance(a, dict)]


def _string(value: Any) -> str:
    """JSON values that should be strings but may be anything: numbers kept, the rest dropped."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _iso_date(value: Any) -> datetime | None:
    """An RFC 3339 date as JSON Feed writes them, offset kept; placeholders (1970…) -> None."""
    return dates.parse_iso(value)


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published", "updated", "created"):
        moment = _feed_date(entry, key)
        if moment is not None:
            return moment
    return None


def _feed_date(record: Any, key: str) -> datetime | None:
    """A feed or entry date as the feed wrote it (local time and offset kept), else
    feedparser's UTC reading of it (formats our reader does not know)."""
    return dates.parse_feed_date(record.get(key)) or _struct_to_datetime(
        record.get(f"{key}_parsed")
    )


def _struct_to_datetime(value: Any) -> datetime | None:
    """feedparser's UTC struct_time -> datetime; placeholder dates (1970…) -> None."""
    if not isinstance(value, time.struct_time):
        return None
    try:
        moment = datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None
    return moment if moment >= EARLIEST_PLAUSIBLE else None
