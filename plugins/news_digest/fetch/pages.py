"""What fetch reads from a fetched page itself: its canonical URL, and what a reader sees."""

from __future__ import annotations

import hashlib
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from news_digest.text.safe import plain_line

HEAD_BYTES = 512 * 1024  # <link rel="canonical"> belongs in the head: no need to parse more


def canonical_url(body: bytes, page_url: str) -> str | None:
    """The page's ``<link rel="canonical">``, absolute, when it is http(s) on the page's own
    host (a page cannot send its reader to another site), else None."""
    try:
        document = lxml.html.document_fromstring(body[:HEAD_BYTES])
    except (lxml.etree.ParserError, ValueError):
        return None
    base = page_url
    for element in document.iter("base"):
        if element.get("href"):
            base = urljoin(page_url, plain_line(element.get("href") or ""))
            break
    for link in document.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = plain_line(link.get("href") or "")
        if "canonical" not in rel or not href:
            continue
        try:
            url = urljoin(base, href)
            parts, page = urlsplit(url), urlsplit(page_url)
            same_host = (parts.hostname or "") == (page.hostname or "") and parts.port == page.port
        except ValueError:
            return None
        if parts.scheme.lower() in ("http", "https") and same_host and parts.hostname:
            return url
        return None  # the first canonical link is the one; a foreign one is ignored
    return None


def text_digest(body: bytes) -> str:
    """A hash of what a reader sees of a page: its text outside scripts, styles and
    templates, white space folded, so a page that only changed a nonce, a tracking
    script or its markup is the same page (no new version of a story)."""
    try:
        document = lxml.html.document_fromstring(body)
        hidden = {"script", "style", "noscript", "template"}
        words = []
        for element in document.iter():
            shown = isinstance(element.tag, str) and element.tag.lower() not in hidden
            if shown and element.text:  # a comment's or a script's own text is not seen
                words.append(str(element.text))
            if element.tail:  # what follows an element always is
                words.append(str(element.tail))
        text = " ".join(" ".join(words).split())
    except (lxml.etree.ParserError, ValueError):
        return "bytes:" + hashlib.sha256(body).hexdigest()
    return "text:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
