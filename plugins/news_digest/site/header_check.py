"""Read a rendered brief's header back with Pelican's own reader, before it is written.

render.py makes every header value one safe line, so a seed cannot add a header
line (``Save_as:``, ``Status:``, a ``Summary:`` with live HTML).  This check makes
that a proven property instead of a hope: the brief's text goes through the
Markdown preprocessors Pelican runs (whitespace normalisation, then the ``meta``
extension that splits the header into keys) and Pelican's ``_parse_metadata``
(its tag, author, category and date processing, and Markdown for the summary);
the result must hold exactly the keys and values the pipeline meant.  A brief
that does not read back so is rejected with its seeds' names.

What it read is kept (``read_back``, by the SHA-256 of the brief's text): it is the
metadata Pelican's reader would make of that file, so the site's reader takes it
when the file still holds that text (``pelican_internals.BriefReader``) instead of
reading the header a second time.  A text that passed in an earlier build with the
same settings, theme, code and Pelican (``page_reuse.site_fingerprint``) passes again
without being read (``verified``, kept in the cache folder): a rebuild checks only
the briefs whose text changed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from markdown import Markdown
from pelican.urlwrappers import URLWrapper

from news_digest.core.cache import ResultCache, cache_key
from news_digest.core.pipeline import text_digest
from news_digest.core.render import unescape_markdown
from news_digest.site.pelican_internals import ReusingMarkdownReader
from news_digest.text.safe import XML_FORBIDDEN

LIST_KEYS = frozenset({"tags", "authors"})
_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.DOTALL)


class HeaderCheck:
    """One per build: a Markdown reader as Pelican configures it, reused per brief."""

    def __init__(self, pelican_settings: Any, cache_dir: Path | None = None) -> None:
        # The run's own settings (not a copy): the tags and authors read here go into
        # the articles, and Pelican's hold the run's settings.
        self.settings = pelican_settings
        self.reader = ReusingMarkdownReader(self.settings)
        self.reader._source_path = "<brief>"  # what Pelican names in a metadata warning
        self.markdown = Markdown(**self.settings["MARKDOWN"])
        self.meta = self.markdown.preprocessors["meta"]
        ordered = list(self.markdown.preprocessors)  # in the order Markdown runs them
        self.before_meta = ordered[: ordered.index(self.meta)]
        self.read_back: dict[bytes, dict[str, Any]] = {}
        self.cache = ResultCache(cache_dir)
        self.key = ""
        self.verified: frozenset[bytes] = frozenset()
        self.passed: set[bytes] = set()
        self.calls = 0
        if cache_dir is not None:
            from news_digest.site.page_reuse import site_fingerprint

            fingerprint = site_fingerprint(self.settings)
            self.key = cache_key("header-checked", fingerprint, version("markdown"))
            stored = self.cache.get(self.key)
            self.verified = stored if isinstance(stored, frozenset) else frozenset()

    def save(self) -> None:
        """Keep the texts that passed in this build, for the next one."""
        if self.key and self.calls:
            self.cache.put(self.key, frozenset(self.passed))

    def __call__(
        self, text: str, fields: Sequence[tuple[str, str]], digest: bytes | None = None
    ) -> str | None:
        """None when Pelican reads ``fields`` from ``text``; else what differs.
        ``digest``: the text's ``text_digest``, when the caller has it."""
        self.calls += 1
        digest = text_digest(text) if digest is None else digest
        if digest in self.verified:
            self.passed.add(digest)
            return None
        if XML_FORBIDDEN.search(text):
            return "a character XML 1.0 forbids is in the brief"
        read = self.read_header(text)
        meant = {key.lower(): value for key, value in fields}
        if set(read) != set(meant):
            extra = sorted(set(read) ^ set(meant))
            return f"header keys differ from the ones written: {', '.join(extra)}"
        for key, value in meant.items():
            if not _same(key, read[key], value):
                return f"header field {key!r} does not read back as written"
        self.read_back[digest] = read
        self.passed.add(digest)
        return None

    def read_header(self, text: str) -> dict[str, Any]:
        """What Pelican's MarkdownReader makes of the header of ``text``."""
        self.markdown.reset()
        # The meta preprocessor stops at the first blank line: what follows it is
        # never metadata, so the header block is all Pelican reads keys from.
        head = text.split("\n\n", 1)[0]
        lines = head.split("\n")
        for preprocessor in (*self.before_meta, self.meta):
            lines = preprocessor.run(lines)
        meta = getattr(self.markdown, "Meta", {})
        result: dict[str, Any] = self.reader._parse_metadata(meta)
        return result


def _same(key: str, read: Any, meant: str) -> bool:
    """Whether Pelican's value for ``key`` is the one the header line meant."""
    if key in LIST_KEYS:
        return isinstance(read, list) and [_name(v) for v in read] == meant.split(", ")
    if key == "summary":
        paragraph = _PARAGRAPH.match(str(read))
        if paragraph is None or "<" in paragraph.group(1):
            return False  # anything but one paragraph of text is markup from somewhere
        return html.unescape(paragraph.group(1)) == html.unescape(unescape_markdown(meant))
    if key in ("date", "modified"):
        return isinstance(read, datetime) and read.isoformat(sep=" ") == meant
    return _name(read) == meant


def _name(value: Any) -> str:
    return value.name if isinstance(value, URLWrapper) else str(value)
