"""Pelican signal receivers: thin adapters between Pelican and the pipeline.

The briefs are written into the content folder when Pelican's run starts
(``get_generators`` fires at the start of every run, autoreload included), so
Pelican's own readers, tag pages, feeds and {filename} checks work on them.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from pelican import signals

from news_digest.core.pipeline import BuildReport, build_briefs
from news_digest.settings import DigestSettings, build_options, load_settings
from news_digest.site import pelican_internals
from news_digest.site.extras import polish_feed, write_site_extras
from news_digest.site.header_check import HeaderCheck
from news_digest.site.page_reuse import PageReuse, ReusingWriter
from news_digest.site.search_index import SearchIndexer
from news_digest.site.stories import StoryGenerator
from news_digest.text.safe import bounded_slug

log = logging.getLogger(__name__)

# The last build's report, for `news-digest build` (which runs Pelican in-process).
last_report: BuildReport | None = None
# Set by `news-digest build`: the site being replaced, whose unchanged pages are reused.
previous_site: Path | None = None
_reuse: PageReuse | None = None


def connect() -> None:
    signals.initialized.connect(validate_settings)
    signals.get_generators.connect(write_briefs)
    signals.get_generators.connect(story_generator)
    signals.article_generator_pretaxonomy.connect(bound_taxonomy_slugs)
    signals.article_generator_finalized.connect(remember_articles)
    signals.article_generator_finalized.connect(speed_up_writing)
    signals.article_generator_finalized.connect(start_search_index)
    signals.generator_init.connect(cache_cards)
    signals.readers_init.connect(read_markdown_faster)
    signals.finalized.connect(write_extras)
    signals.feed_generated.connect(polish_feed)
    signals.get_writer.connect(page_writer)


_articles: list[Any] = []


def bound_taxonomy_slugs(generator: Any) -> None:
    """Tag, source and author slugs become file names (``tag/<slug>.html``,
    ``feeds/tag/<slug>.atom.xml``): each is bounded to DIGEST_MAX_NAME_BYTES (cut at
    a word boundary plus a short hash), and a name with no letters gets a hash, so no
    seed's name can make a file name the file system refuses or two pages share one.
    Done before Pelican groups articles by these objects (they hash by slug)."""
    limit = load_settings(generator.settings).max_name_bytes
    groups = (generator.articles, generator.translations, generator.hidden_articles)
    for article in (a for group in groups for a in group):
        named = [*getattr(article, "tags", ()), *getattr(article, "authors", ())]
        named += [article.category] if hasattr(article, "category") else []
        for wrapper in named:
            slug = wrapper.slug or "n-" + hashlib.sha256(wrapper.name.encode()).hexdigest()[:10]
            bounded = bounded_slug(slug, limit)
            if bounded != wrapper.slug:
                wrapper.slug = bounded


def remember_articles(generator: Any) -> None:
    """Keep the articles Pelican read, for the files written after it finishes."""
    _articles[:] = list(generator.articles)


def speed_up_writing(generator: Any) -> None:
    """Pinned URLs and linear tag/source pages (pelican_internals.py): same pages, faster."""
    pelican_internals.speed_up_articles(generator)


def read_markdown_faster(readers: Any) -> None:
    """Markdown objects made once per build, not per file (pelican_internals.py)."""
    pelican_internals.use_reusing_reader(readers)


def cache_cards(generator: Any) -> None:
    """Each brief card rendered once per link depth (pelican_internals.py)."""
    pelican_internals.add_card_cache(generator)


_search: SearchIndexer | None = None


def start_search_index(generator: Any) -> None:
    """Start indexing the briefs for search while Pelican writes the pages."""
    global _search
    settings = load_settings(generator.settings)
    _search = None
    if settings.search:
        language = str(generator.settings.get("DEFAULT_LANG") or "en")
        _search = SearchIndexer(
            generator.articles, settings.cache_dir, language, settings.search_shard_size
        ).start()
        generator.context["search_bundles"] = _search.bundles


def page_writer(pelican: Any) -> type[ReusingWriter] | None:
    """For `news-digest build`: a writer that takes unchanged pages from the old site."""
    global _reuse
    settings = load_settings(pelican.settings)
    _reuse = None
    if previous_site is None or settings.cache_dir is None:
        return None
    _reuse = PageReuse(pelican.settings, settings.cache_dir, previous_site)
    return type("ReusingWriter", (ReusingWriter,), {"reuse": _reuse})


def write_extras(pelican: Any) -> None:
    """Feeds, sitemap and the search index: written once Pelican has written the pages."""
    output = Path(pelican.output_path)
    write_site_extras(output, _articles, pelican.settings)
    if _reuse is not None and previous_site is not None:
        log.info("news-digest: %d pages and feeds unchanged, taken as they were", _reuse.reused)
        _reuse.save(output, previous_site)
    if _search is not None:
        _search.finish(output)


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
    report = build_briefs(build_options(settings), HeaderCheck(pelican.settings))
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
