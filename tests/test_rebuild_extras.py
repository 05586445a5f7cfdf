"""What a rebuild's extras take from page reuse instead of reading the site again."""

from __future__ import annotations

import hashlib
from pathlib import Path

from news_digest.site import extras

FEED = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    '<title>Feed {name}</title><link href="https://example.org/{name}.html" rel="alternate"/>'
    "</feed>"
)


def test_the_feed_list_takes_reused_feeds_by_their_recorded_digest(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    for name in ("a", "b"):
        (feeds / f"{name}.atom.xml").write_text(FEED.format(name=name), encoding="utf-8")
    known: dict[str, tuple[str, str]] = {}
    first = extras.opml(tmp_path, {"SITENAME": "Site"}, "https://example.org", known)
    digest = hashlib.sha256((feeds / "a.atom.xml").read_bytes()).hexdigest()
    # a.atom.xml was taken from the previous site (page_reuse recorded its SHA-256): not
    # read again, so bytes that are not even a feed any more go unnoticed here.
    (feeds / "a.atom.xml").write_bytes(b"not read")
    digests = {"feeds/a.atom.xml": digest}
    again = extras.opml(tmp_path, {"SITENAME": "Site"}, "https://example.org", known, digests)
    assert again == first
    # A digest the list does not know yet: the file is read after all.
    (feeds / "a.atom.xml").write_text(FEED.format(name="c"), encoding="utf-8")
    other = {"feeds/a.atom.xml": "0" * 64}
    third = extras.opml(tmp_path, {"SITENAME": "Site"}, "https://example.org", known, other)
    assert "Feed c (Atom)" in third and "Feed a (Atom)" not in third
