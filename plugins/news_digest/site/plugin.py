"""Pelican signal receivers: thin adapters between Pelican and the pipeline.

The briefs are written into the content folder when Pelican's run starts
(``get_generators`` fires at the start of every run, autoreload included), so
Pelican's own readers, tag pages, feeds and {filename} checks work on them.
Receivers are module functions, connected once (blinker keeps one connection per
function); each finds its run's state, a ``DigestBuild``, in the run's settings
(``state.build_of``).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pelican import signals

from news_digest.core import collector
from news_digest.core.pipeline import BuildReport, build_briefs
from news_digest.core.render import UNKNOWN_OUTLET, markdown_config
from news_digest.settings import DigestSettings, archive_build_options, build_options
from news_digest.site import editions as builds_log
from news_digest.site import pelican_internals
from news_digest.site.alerts import check_alerts
from news_digest.site.extras import polish_feed, write_site_extras
from news_digest.site.header_check import HeaderCheck
from news_digest.site.page_reuse import PageReuse, ReusingWriter
from news_digest.site.pages import FrontGenerator
from news_digest.site.search_index import SearchIndexer
from news_digest.site.state import DigestBuild, build_of
from news_digest.site.stories import StoryGenerator
from news_digest.site.template_cache import use_bytecode_cache
from news_digest.site.window import ArchiveGenerator, apply_window
from news_digest.text.safe import bounded_slug

log = logging.getLogger(__name__)


def connect() -> None:
    signals.initialized.connect(validate_settings)
    signals.get_generators.connect(write_briefs)
    signals.get_generators.connect(read_builds_log)
    signals.get_generators.connect(story_generator)
    signals.article_generator_pretaxonomy.connect(bound_taxonomy_slugs)
    signals.article_generator_pretaxonomy.connect(apply_window)
    signals.article_generator_finalized.connect(drop_unattributed_source)
    signals.article_generator_finalized.connect(remember_articles)
    signals.article_generator_finalized.connect(speed_up_writing)
    signals.article_generator_finalized.connect(start_search_index)
    signals.generator_init.connect(cache_cards)
    signals.readers_init.connect(read_markdown_faster)
    signals.article_writer_finalized.connect(forget_linked_content)
    signals.finalized.connect(write_extras)
    signals.feed_generated.connect(polish_feed)
    signals.get_writer.connect(page_writer)


def _state(settings: Any) -> tuple[DigestBuild, DigestSettings]:
    state = build_of(settings)
    return state, state.digest_settings(settings)


def validate_settings(pelican: Any) -> None:
    """Fail fast on a bad DIGEST_* setting, before any work is done (loaded once here);
    an alert's query must parse. With an archive folder, Pelican also reads the briefs
    of archived seeds (``content/<briefs>-archive/``)."""
    settings = _state(pelican.settings)[1]
    check_alerts(dict(settings.alerts))
    paths = list(pelican.settings.get("ARTICLE_PATHS") or [])
    if settings.archive_dir.is_dir() and settings.archive_briefs_subdir not in paths:
        pelican.settings["ARTICLE_PATHS"] = [*paths, settings.archive_briefs_subdir]


def write_briefs(pelican: Any) -> None:
    """Turn seeds into briefs; log and (optionally) save the report."""
    state, settings = _state(pelican.settings)
    # (also sets Pelican's Markdown setup up in full)
    check = HeaderCheck(pelican.settings, settings.cache_dir)
    options = build_options(settings)
    # The workers make each brief's body HTML with the site's Markdown setup, and the
    # header check's reading is kept: Pelican's reader then converts no brief again.
    config = markdown_config(pelican.settings["MARKDOWN"], version("markdown"))
    items = replace(options.items, markdown=config)
    report = build_briefs(replace(options, items=items), check, state.commit)
    collector.freeze()  # (see remember_articles)
    state.report = report
    state.brief_html, report.html = report.html, {}
    state.read_back = check.read_back
    log.info(
        "news-digest: %d seeds -> %d briefs, %d rejected",
        report.seeds_found,
        len(report.briefs),
        len(report.rejected),
    )
    if settings.report_path is not None:
        write_report(report, settings.report_path, settings)
    state.archive_report = None
    if settings.archive_dir.is_dir():
        # Archived seeds: a run of their own (stories and related links among them only).
        archive_options = archive_build_options(settings)
        archive_items = replace(archive_options.items, markdown=config)
        state.archive_report = build_briefs(
            replace(archive_options, items=archive_items), check, state.commit
        )
        state.brief_html.update(state.archive_report.html)
        state.archive_report.html = {}
        log.info(
            "news-digest: %d archived seeds -> %d archived briefs",
            state.archive_report.seeds_found,
            len(state.archive_report.briefs),
        )
    check.save()


def write_report(report: BuildReport, path: Path, settings: DigestSettings) -> None:
    """Save the JSON build report (seed paths start with the seeds folder's name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = report.to_json(seeds_prefix=f"{settings.seeds_dir.name}/")
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")


def read_builds_log(pelican: Any) -> None:
    """The builds log of the site this run replaces (site/editions.py), read before
    plain Pelican empties its output folder."""
    state = build_of(pelican.settings)
    site = state.previous_site or Path(pelican.output_path)
    state.previous_builds_log = builds_log.read_log(site)


def story_generator(
    pelican: Any,
) -> tuple[type[StoryGenerator], type[FrontGenerator], type[ArchiveGenerator]]:
    """Story pages, their feeds and entity counts for tag pages (after the briefs exist),
    then the home page and the editions (which rank the stories), then the monthly
    archive pages."""
    return StoryGenerator, FrontGenerator, ArchiveGenerator


def bound_taxonomy_slugs(generator: Any) -> None:
    """Tag, source and author slugs become file names (``tag/<slug>.html``,
    ``feeds/tag/<slug>.atom.xml``): each is bounded to DIGEST_MAX_NAME_BYTES (cut at
    a word boundary plus a short hash), and a name with no letters gets a hash, so no
    seed's name can make a file name the file system refuses or two pages share one.
    Done before Pelican groups articles by these objects (they hash by slug)."""
    limit = _state(generator.settings)[1].max_name_bytes
    groups = (generator.articles, generator.translations, generator.hidden_articles)
    for article in (a for group in groups for a in group):
        named = [*getattr(article, "tags", ()), *getattr(article, "authors", ())]
        named += [article.category] if hasattr(article, "category") else []
        for wrapper in named:
            slug = wrapper.slug or "n-" + hashlib.sha256(wrapper.name.encode()).hexdigest()[:10]
            bounded = bounded_slug(slug, limit)
            if bounded != wrapper.slug:
                wrapper.slug = bounded


def drop_unattributed_source(generator: Any) -> None:
    """Pelican files a brief without an outlet under the category "Unattributed"; that
    is no source: no source page, no source feed, no entry in sources.html."""
    generator.categories[:] = [
        (category, articles)
        for category, articles in generator.categories
        if category.name != UNKNOWN_OUTLET
    ]


def remember_articles(generator: Any) -> None:
    """Keep the articles Pelican read, for the files written after it finishes."""
    state = build_of(generator.settings)
    state.articles = list(generator.articles)
    state.forget_prepared()
    # The briefs, the articles and Pelican's context live to the end of the run: the
    # collector need not walk them again at every full collection (``write_extras``
    # gives them back to it).  GC took 1.3 of 13 CPU-s of an add-one rebuild at 2,000
    # briefs (seven full collections), 0.4 of a no-change one.
    collector.freeze()


def forget_linked_content(generator: Any, writer: Any) -> None:
    """Once the brief pages and feeds are written, the HTML Pelican made of each with
    its links resolved for each site URL (one copy for the pages, one for the feeds)
    is not asked for again: dropped, it is not kept to the build's end, where its
    memory peaks (174 MB at 10,000 briefs; a page still to come makes its own again)."""
    pelican_internals.forget_linked_content()


def speed_up_writing(generator: Any) -> None:
    """Pinned URLs and linear tag/source pages (pelican_internals.py): same pages, faster."""
    pelican_internals.speed_up_articles(generator)


def read_markdown_faster(readers: Any) -> None:
    """Markdown objects made once per build, not per file (pelican_internals.py)."""
    pelican_internals.use_reusing_reader(readers)


def cache_cards(generator: Any) -> None:
    """Each brief card rendered once per link depth and no file hashed for an idle
    generator cache (pelican_internals.py); compiled templates kept in the cache
    folder (template_cache.py)."""
    pelican_internals.add_card_cache(generator)
    pelican_internals.skip_idle_generator_cache(generator)
    use_bytecode_cache(generator, _state(generator.settings)[1].cache_dir)


def start_search_index(generator: Any) -> None:
    """Start indexing the briefs for search while Pelican writes the pages."""
    state, settings = _state(generator.settings)
    state.search = None
    if settings.search:
        language = str(generator.settings.get("DEFAULT_LANG") or "en")
        state.search = SearchIndexer(
            generator.articles, settings.cache_dir, language, settings.search_shard_size
        ).start()
        generator.context["search_bundles"] = state.search.bundles


def page_writer(pelican: Any) -> type[ReusingWriter] | None:
    """For `news-digest build`: a writer that takes unchanged pages from the old site
    (it finds this run's PageReuse in the settings Pelican hands every writer)."""
    state, settings = _state(pelican.settings)
    state.reuse = None
    if state.previous_site is None or settings.cache_dir is None:
        return None
    state.reuse = PageReuse(pelican.settings, settings.cache_dir, state.previous_site)
    return ReusingWriter


def write_extras(pelican: Any) -> None:
    """Feeds, sitemap and the search index: written once Pelican has written the pages."""
    state = build_of(pelican.settings)
    saving = state.save_caches()  # Pelican's reader caches, beside what follows
    try:
        output = Path(pelican.output_path)
        cache_dir = state.digest_settings(pelican.settings).cache_dir
        write_site_extras(output, state.articles, pelican.settings, state.all_briefs, cache_dir)
        if state.reuse is not None and state.previous_site is not None:
            if state.reuse.reused:  # a first build has nothing to reuse, and says nothing of it
                log.info(
                    "news-digest: %d pages and feeds unchanged, taken as they were",
                    state.reuse.reused,
                )
            state.reuse.save(output, state.previous_site, state.all_briefs or state.articles)
        if state.search is not None:
            state.search.finish(output)
    finally:
        if saving is not None:
            saving.join()
        collector.release()  # a caller in the same process (the tests) gets its collector back
