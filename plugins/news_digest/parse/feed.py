"""RSS/Atom/JSON feeds: one raw article per entry, with the entry's metadata as hints.

feedparser does the reading (it copes with every feed dialect and with broken
XML); before it runs, feeds that declare XML entities are refused, because an
entity declaration in a news feed is only ever an expansion bomb or an attempt
to read local files.
"""

from __future__ import annotations

import calendar
import html
import re
import time
from datetime import UTC, datetime
from typing import Any

import feedparser

from ..errors import SeedError
from ..models import Hints, RawArticle, SeedFile

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
# Before this, a feed date is a placeholder (0 seconds since 1970 and friends), not news.
EARLIEST_PLAUSIBLE = datetime(1990, 1, 1, tzinfo=UTC)


def parse_feed(
    seed: SeedFile, data: bytes, max_entries: int
) -> tuple[tuple[RawArticle, ...], tuple[str, ...]]:
    """Split a feed into entries; return them and notes on what was cut."""
    if _ENTITY_DECLARATION.search(data.replace(b"\x00", b"")):
        raise SeedError("feed declares XML entities (<!ENTITY>): refused as unsafe")
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    entries = list(parsed.entries)
    if not entries:
        problem = getattr(parsed, "bozo_exception", None)
        detail = f" ({type(problem).__name__}: {problem})" if problem else ""
        raise SeedError(f"feed has no entries{detail}")
    notes: list[str] = []
    if len(entries) > max_entries:
        notes.append(
            f"only the first {max_entries} of {len(entries)} entries were read "
            "(DIGEST_MAX_FEED_ENTRIES)"
        )
        entries = entries[:max_entries]
    feed: Any = parsed.feed
    latest = _struct_to_datetime(feed.get("updated_parsed"))
    outlet = plain_text(str(feed.get("title", ""))) or None
    language = str(feed.get("language", "") or "").split("-")[0].lower() or None
    articles = tuple(
        RawArticle(
            seed=seed.rel,
            seed_sha256=seed.sha256,
            index=number,
            kind="feed-entry",
            content=_entry_html(entry),
            encoding=str(parsed.get("encoding", "utf-8")),
            hints=_entry_hints(entry, outlet, language, latest),
        )
        for number, entry in enumerate(entries)
    )
    return articles, tuple(notes)


def plain_text(fragment: str) -> str:
    """Feed titles may carry markup and entities; a title is text."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    values = [str(c.get("value", "")) for c in contents if c.get("value")]
    if values:
        return max(values, key=len)
    return str(entry.get("summary", "") or "")


def _entry_hints(
    entry: Any, outlet: str | None, language: str | None, latest: datetime | None
) -> Hints:
    link = str(entry.get("link", "") or "")
    date = _entry_date(entry)
    if date is not None and latest is not None and date > latest:
        date = latest  # an entry cannot be newer than the feed that carries it
    return Hints(
        title=plain_text(str(entry.get("title", ""))) or None,
        date=date,
        url=link if link.startswith(("http://", "https://")) else None,
        authors=tuple(
            name
            for name in (plain_text(str(a.get("name", ""))) for a in entry.get("authors", []))
            if name
        ),
        tags=tuple(
            term
            for term in (plain_text(str(t.get("term", ""))) for t in entry.get("tags", []))
            if term
        ),
        outlet=outlet,
        language=language,
        entry_id=str(entry.get("id", "") or "") or None,
    )


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        moment = _struct_to_datetime(entry.get(key))
        if moment is not None:
            return moment
    return None


def _struct_to_datetime(value: Any) -> datetime | None:
    """feedparser's UTC struct_time -> datetime; placeholder dates (1970…) -> None."""
    if not isinstance(value, time.struct_time):
        return None
    try:
        moment = datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None
    return moment if moment >= EARLIEST_PLAUSIBLE else None
