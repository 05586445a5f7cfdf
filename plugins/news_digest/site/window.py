"""History in bounds: the retention window and the monthly archive pages.

With ``DIGEST_WINDOW_DAYS = N`` the live site (home, editions, tag, source and story
pages, alerts, feeds, search) holds the briefs of the newest brief's day and the N-1
days before it. The newest day is that of the newest *real* brief date (an estimated
date is a guess, never the clock), so the same briefs always give the same site.

Briefs outside the window, and the briefs of archived seeds (``news-digest archive``
moves them to ``DIGEST_ARCHIVE_DIR``; the build makes their briefs in a run of their
own, into ``content/<briefs>-archive/``), become Pelican *hidden* articles: Pelican
still writes their own pages, at the same URLs (no saved link breaks), but leaves them
out of every listing and feed. Every brief, live or not, is listed on its month's
archive page (``archive/YYYY-MM.html``, by day, newest first); ``archives.html`` is
the index of the months.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from news_digest.site.paths import setting
from news_digest.site.state import build_of
from news_digest.site.stories import estimated

log = logging.getLogger(__name__)

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def newest_real_day(articles: list[Any]) -> date | None:
    """The day of the newest brief whose date is not estimated (None: there is none)."""
    days = [a.date.date() for a in articles if not estimated(a)]
    return max(days, default=None)


def window_start(articles: list[Any], days: int | None) -> date | None:
    """The first day the live site shows (None: every day)."""
    newest = newest_real_day(articles) if days else None
    return None if newest is None or days is None else newest - timedelta(days=days - 1)


def is_archived(article: Any, archive_dir: Path) -> bool:
    """Whether the brief was made from an archived seed (read from the archive folder)."""
    return Path(str(article.source_path)).is_relative_to(archive_dir)


def apply_window(generator: Any) -> None:
    """Before Pelican groups the briefs into tags, sources and feeds: the briefs outside
    the window and those of archived seeds become hidden (their pages are still
    written; nothing lists them but the archive pages)."""
    state = build_of(generator.settings)
    digest = state.digest_settings(generator.settings)
    archive_dir = digest.archive_briefs_dir
    archived: list[Any] = []
    current: list[Any] = []
    for article in generator.articles:
        (archived if is_archived(article, archive_dir) else current).append(article)
    start = window_start(current, digest.window_days)
    live = [a for a in current if start is None or a.date.date() >= start]
    old = [a for a in current if start is not None and a.date.date() < start]
    # Pelican formats save_as from the settings on every use: only when there is a clash
    # to look for (0.18 of 0.34 profiled seconds a 2,000-brief build, for no archive)
    taken = {a.save_as for a in (*current, *generator.hidden_articles)} if archived else set()
    kept_archived = []
    for article in archived:
        if article.save_as in taken:
            log.warning(
                "news-digest: the archived brief %s has the same page as a current brief "
                "(%s); the current one is kept",
                article.source_path,
                article.save_as,
            )
            continue
        taken.add(article.save_as)
        kept_archived.append(article)
    hidden_ids = {id(a) for a in (*old, *kept_archived)}
    generator.articles = live
    generator.translations = [t for t in generator.translations if id(t) not in hidden_ids]
    generator.hidden_articles = [*generator.hidden_articles, *old, *kept_archived]
    state.window_start = start
    state.all_briefs = [*live, *old, *kept_archived]


@dataclass
class Month:
    """One month's archive page: its briefs by day, newest day first."""

    key: str  # YYYY-MM
    label: str  # "March 2026"
    url: str
    save_as: str
    days: list[tuple[date, list[Any]]] = field(default_factory=list)
    live: int = 0  # briefs of the month still on the live site

    @property
    def count(self) -> int:
        return sum(len(articles) for _, articles in self.days)


def archive_order(article: Any) -> tuple[bool, float, str]:
    """Newest first within a day; an estimated date after the day's real ones."""
    return (
        estimated(article),
        -article.date.timestamp(),
        str(article.slug),
    )


def make_months(articles: list[Any], live: set[int], settings: dict[str, Any]) -> list[Month]:
    """Every brief's month, newest month first."""
    by_day: defaultdict[date, list[Any]] = defaultdict(list)
    for article in articles:
        by_day[article.date.date()].append(article)
    months: dict[str, Month] = {}
    for day in sorted(by_day, reverse=True):
        key = f"{day.year:04d}-{day.month:02d}"
        if key not in months:
            months[key] = Month(
                key,
                f"{MONTHS[day.month - 1]} {day.year}",
                setting(settings, "MONTH_ARCHIVE_URL").format(month=key),
                setting(settings, "MONTH_ARCHIVE_SAVE_AS").format(month=key),
            )
        ordered = sorted(by_day[day], key=archive_order)
        months[key].days.append((day, ordered))
        months[key].live += sum(id(a) in live for a in ordered)
    return list(months.values())


class ArchiveGenerator(Generator):  # type: ignore[misc]
    """The monthly archive pages; ``archives.html`` (Pelican's) lists the months."""

    def generate_context(self) -> None:
        state = build_of(self.settings)
        everything = state.all_briefs or list(self.context.get("articles", []))
        live = {id(a) for a in self.context.get("articles", [])}
        self.context["archive_months"] = make_months(everything, live, self.settings)
        self.context["window_start"] = state.window_start
        self.context["window_days"] = state.digest_settings(self.settings).window_days

    def generate_output(self, writer: Any) -> None:
        template = self.get_template("month")
        for month in self.context["archive_months"]:
            writer.write_file(
                month.save_as,
                template,
                self.context,
                relative_urls=self.settings.get("RELATIVE_URLS", False),
                url=month.url,
                month=month,
            )
