"""One build's state, handed to every signal receiver through Pelican's settings.

Pelican gives its signal receivers the Pelican object, a generator or a writer;
all of them carry the run's settings dict.  The run's ``DigestBuild`` lives there
under ``STATE_KEY``: ``news-digest build`` puts one in before the run (with the
site whose unchanged pages may be reused) and reads the report from it after;
a plain ``pelican`` run gets one when it starts.  No module global carries a
build's state, so two builds in one process cannot see each other's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_digest.core.pipeline import BuildReport, text_digest
from news_digest.core.render import BriefHtml
from news_digest.core.write import CommitPoint
from news_digest.settings import DigestSettings, load_settings

if TYPE_CHECKING:
    from news_digest.site.page_reuse import PageReuse
    from news_digest.site.search_index import SearchIndexer

STATE_KEY = "NEWS_DIGEST_BUILD"  # not a DIGEST_* setting: set per run, never by a user


@dataclass(eq=False)
class DigestBuild:
    """What one Pelican run of the digest knows and makes."""

    previous_site: Path | None = None  # the site being replaced (news-digest build only)
    commit: CommitPoint | None = None  # where news-digest build commits (None: at the write)
    settings: DigestSettings | None = None  # the DIGEST_* settings, loaded once per run
    report: BuildReport | None = None  # what the briefs stage made and refused
    articles: list[Any] = field(default_factory=list)  # the briefs Pelican read
    reuse: PageReuse | None = None  # unchanged pages taken from previous_site
    search: SearchIndexer | None = None  # the search index being built
    previous_builds_log: dict[str, Any] | None = None  # editions.json of the site replaced
    feed_links: tuple[str, dict[str, Any]] | None = None  # (feed base, briefs by URL)
    archive_report: BuildReport | None = None  # the briefs of archived seeds (their own run)
    window_start: date | None = None  # the live site's first day (None: no window)
    all_briefs: list[Any] = field(default_factory=list)  # live, out of window and archived
    # The briefs this run wrote, by the SHA-256 of their text: the HTML below the header
    # (BuildReport.html) and the metadata the header check read (HeaderCheck.read_back).
    brief_html: dict[bytes, BriefHtml] = field(default_factory=dict)
    read_back: dict[bytes, dict[str, Any]] = field(default_factory=dict)

    # Pelican's reader caches to save (pelican_internals.save_cache_when_changed)
    pending_cache_saves: list[Callable[[], None]] = field(default_factory=list)

    def save_caches(self) -> threading.Thread | None:
        """Save the reader caches in a thread (gzip works outside the GIL) while the
        build finishes; join it before the build ends."""
        saves, self.pending_cache_saves = self.pending_cache_saves, []
        if not saves:
            return None
        thread = threading.Thread(target=lambda: [save() for save in saves])
        thread.start()
        return thread

    def prepared_brief(self, text: str) -> tuple[str, dict[str, Any]] | None:
        """A brief's HTML and metadata as this run made them, if ``text`` is exactly a
        brief it wrote (each is taken once: one file holds one brief)."""
        if not self.brief_html:
            return None
        digest = text_digest(text)
        html = self.brief_html.pop(digest, None)
        metadata = self.read_back.pop(digest, None)
        return None if html is None or metadata is None else (html.text(), metadata)

    def forget_prepared(self) -> None:
        """Once Pelican has read the briefs: what it did not take is not needed."""
        self.brief_html = {}
        self.read_back = {}

    def digest_settings(self, pelican_settings: MutableMapping[str, Any]) -> DigestSettings:
        if self.settings is None:
            self.settings = load_settings(pelican_settings)
        return self.settings

    def __reduce__(self) -> tuple[type[DigestBuild], tuple[()]]:
        """Pelican pickles its settings with every cached article: an empty state
        goes into the cache, never this run's report, threads or processes."""
        return (DigestBuild, ())


def build_of(settings: MutableMapping[str, Any]) -> DigestBuild:
    """The run's state (made on first use, for a plain ``pelican`` run)."""
    state = settings.get(STATE_KEY)
    if not isinstance(state, DigestBuild):
        state = DigestBuild()
        settings[STATE_KEY] = state
    return state
