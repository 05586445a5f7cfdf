"""Pelican signal receivers: thin adapters between Pelican and the pipeline.

The briefs are written into the content folder when Pelican's run starts
(``get_generators`` fires at the start of every run, autoreload included), so
Pelican's own readers, tag pages, feeds and {filename} checks work on them.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from pelican import signals

from .pipeline import BuildReport, build_briefs
from .search_index import build_search_index
from .settings import DigestSettings, load_settings
from .site_extras import polish_feed, write_site_extras
from .stories import StoryGenerator

log = logging.getLogger(__name__)

# The last build's report, for `news-digest build` (which runs Pelican in-process).
last_report: BuildReport | None = None


def connect() -> None:
    signals.initialized.connect(validate_settings)
    signals.get_generators.connect(write_briefs)
    signals.get_generators.connect(story_generator)
    signals.article_generator_finalized.connect(remember_articles)
    signals.finalized.connect(write_extras)
    signals.feed_generated.connect(polish_feed)


_articles: list[Any] = []


def remember_articles(generator: Any) -> None:
    """Keep the articles Pelican read, for the files written after it finishes."""
    _articles[:] = list(generator.articles)


def write_extras(pelican: Any) -> None:
    """Feeds, sitemap and the search index: written once Pelican has written the pages."""
    output = Path(pelican.output_path)
    write_site_extras(output, _articles, pelican.settings)
    settings = load_settings(pelican.settings)
    if settings.search:
        language = str(pelican.settings.get("DEFAULT_LANG") or "en")
        build_search_index(output, settings.cache_dir, language)


def story_generator(pelican: Any) -> type[StoryGenerator]:
    """Story pages, their feeds and entity counts for tag pages (after the briefs exist)."""
    return StoryGenerator


def validate_settings(pelican: Any) -> None:
    """Fail fast on a bad DIGEST_* setting, before any work is done."""
    load_settings(pelican.settings)


def write_briefs(pelican: Any) -> None:
    """Turn seeds into briefs; log and (optionally) save the report."""
    global last_report
    settings = load_settings(pelican.settings)
    report = build_briefs(settings)
    last_report = report
    log.info(
        "news-digest: %d seeds -> %d briefs, %d rejected",
        report.seeds_found,
        len(report.briefs),
        len(report.rejected),
    )
    if settings.report_path is not None:
        write_report(report, settings.report_path, settings)


def write_report(report: BuildReport, path: Path, settings: DigestSettings) -> None:
    """Save the JSON build report (seed paths start with the seeds folder's name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = report.to_json(seeds_prefix=f"{settings.seeds_dir.name}/")
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")
