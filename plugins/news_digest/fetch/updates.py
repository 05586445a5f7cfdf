"""What tells fetch that a feed entry it already has was changed by its publisher.

The build's feed reader keeps one date per entry (published, else updated);
to see an update fetch also needs the entry's own ``updated`` date as the feed
wrote it (Atom ``<updated>``, RSS ``<atom:updated>`` / ``<dc:modified>``, JSON
Feed ``date_modified``), which ``read_feed`` keeps with each entry, and a hash of
what the entry says (title, link, content).
"""

from __future__ import annotations

import hashlib

from news_digest.core.parse.feed import FeedEntry
from news_digest.text.safe import plain_line


def entry_digest(entry: FeedEntry, url: str) -> str:
    """A hash of what the feed says about the entry: its title, clean link and content."""
    text = "\n".join((entry.hints.title or "", url, entry.content))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def updated_date(entry: FeedEntry) -> str | None:
    """The entry's ``updated`` date as written (at most 64 characters, one line), read
    with the entry by ``read_feed``: the feed is parsed once."""
    return plain_line(entry.updated)[:64] or None if entry.updated else None
