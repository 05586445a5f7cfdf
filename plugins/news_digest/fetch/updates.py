"""What tells fetch that a feed entry it already has was changed by its publisher.

The build's feed reader keeps one date per entry (published, else updated);
to see an update fetch also needs the entry's own ``updated`` date as the feed
wrote it (Atom ``<updated>``, RSS ``<atom:updated>`` / ``<dc:modified>``, JSON
Feed ``date_modified``), read here from the same bytes in the same order, and
a hash of what the entry says (title, link, content).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import feedparser

from news_digest.core.decode import decode_bytes
from news_digest.core.parse.feed import FeedEntry, declares_encoding
from news_digest.core.per_seed import UNFORESEEN_INPUT_ERRORS
from news_digest.text.safe import plain_line


def entry_digest(entry: FeedEntry, url: str) -> str:
    """A hash of what the feed says about the entry: its title, clean link and content."""
    text = "\n".join((entry.hints.title or "", url, entry.content))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def entry_updated_dates(data: bytes, count: int) -> list[str | None]:
    """Each entry's ``updated`` date as written (at most 64 characters, one line), in the
    order ``read_feed`` gives the entries; [] when they cannot be lined up with its
    ``count`` entries (then the content hash alone tells an update).  The data has
    already passed ``read_feed``, which refuses entity declarations."""
    try:
        dates = _json_dates(data) if data.lstrip()[:1] == b"{" else _xml_dates(data)
    except (*UNFORESEEN_INPUT_ERRORS, TypeError):
        return []
    if len(dates) != count:
        return []
    return [plain_line(d)[:64] or None if isinstance(d, str) else None for d in dates]


def _json_dates(data: bytes) -> list[Any]:
    text, _ = decode_bytes(data, "feed")
    document = json.loads(text)
    items = document.get("items") if isinstance(document, dict) else None
    if not isinstance(items, list):
        return []
    return [item.get("date_modified") for item in items if isinstance(item, dict)]


def _xml_dates(data: bytes) -> list[Any]:
    source: bytes | str = data if declares_encoding(data) else decode_bytes(data, "feed")[0]
    parsed = feedparser.parse(source, sanitize_html=False, resolve_relative_uris=False)
    # dict.get: feedparser's own get() would give "published" when there is no "updated"
    return [dict.get(entry, "updated") for entry in parsed.entries]
