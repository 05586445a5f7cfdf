"""The per-item stages for one seed: parse -> clean -> enrich, pure and cacheable.

Everything a seed's briefs depend on is in its SeedJob, so the result can be
computed in any worker process and cached by the job's key.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, replace

from news_digest.core.cache import cache_key
from news_digest.core.clean import clean
from news_digest.core.enrich import enrich
from news_digest.core.entities import EntityOptions
from news_digest.core.errors import SeedError
from news_digest.core.models import Brief, CleanArticle, Notice, Rejection, SeedFile
from news_digest.core.parse import parse_seed
from news_digest.core.render import body_html
from news_digest.text.urls import clean_url

# Errors a third-party parser may raise on input nobody foresaw: the seed is
# rejected with the error named, and the build goes on.  Anything else is a bug.
UNFORESEEN_INPUT_ERRORS = (ValueError, LookupError, RecursionError, UnicodeError, MemoryError)


@dataclass(frozen=True)
class ItemOptions:
    """The settings the per-item stages read; part of every cache key."""

    max_seed_bytes: int
    max_feed_entries: int
    tag_aliases: tuple[tuple[str, str], ...]
    tag_stoplist: tuple[str, ...]
    max_tags: int
    tracking_params: tuple[str, ...] = ()  # DIGEST_TRACKING_PARAMS, beside text/urls' list
    already_clean: bool = False  # `extract --no-clean`: text files are article bodies as they are
    # The site's Markdown setup (render.markdown_config): the workers also make each
    # brief's body HTML, so the site does not convert the brief again; "" = none.
    markdown: str = ""

    def fingerprint(self) -> str:
        """What the briefs depend on; not ``markdown``, which only adds the HTML (a result
        says which setup made its HTML, ``SeedResult.html_config``)."""
        return hashlib.sha256(repr(replace(self, markdown="")).encode()).hexdigest()[:16]

    def entity_options(self) -> EntityOptions:
        return EntityOptions(
            aliases=dict(self.tag_aliases),
            stoplist=frozenset(self.tag_stoplist),
            max_tags=self.max_tags,
        )


@dataclass(frozen=True)
class SeedJob:
    seed: SeedFile
    options: ItemOptions
    common_lines: frozenset[str] = frozenset()  # site furniture shared with other seeds

    def key(self) -> str:
        """The seed's name is part of the key: results name their seed (briefs list
        it, rejections cite it), so two files with the same bytes never share one."""
        shared = hashlib.sha256("\n".join(sorted(self.common_lines)).encode()).hexdigest()
        return cache_key(
            self.seed.rel,
            self.seed.sha256,
            self.seed.sidecar_sha256,
            self.seed.kind,
            self.options.fingerprint(),
            shared,
        )


@dataclass(frozen=True)
class SeedResult:
    seed: str
    briefs: tuple[Brief, ...]
    rejections: tuple[Rejection, ...]
    notices: tuple[Notice, ...] = ()
    seconds: tuple[float, float, float] = (0.0, 0.0, 0.0)  # parse, clean, enrich (CPU)
    cleaned: tuple[CleanArticle, ...] = ()  # only with keep_cleaned (`news-digest explain`)
    html: tuple[str, ...] = ()  # each brief's body HTML, made with Markdown as html_config says
    html_config: str = ""


def brief_seed(job: SeedJob, keep_cleaned: bool = False) -> SeedResult:
    """All briefs one seed gives, and what could not be used, with reasons.

    The one way through parse -> clean -> enrich: the build, `extract` and `explain`
    all come here; ``keep_cleaned`` also returns what the cleaner kept and dropped."""
    seed = job.seed
    started = time.process_time()
    try:
        articles, notes = parse_seed(seed, job.options.max_seed_bytes, job.options.max_feed_entries)
    except SeedError as error:
        return SeedResult(seed.rel, (), (Rejection(seed.rel, str(error)),))
    except UNFORESEEN_INPUT_ERRORS as error:
        return SeedResult(seed.rel, (), (_unforeseen(seed.rel, error),))
    parsed = time.process_time()
    notices = tuple(Notice(seed.rel, note) for note in notes)
    rejections: list[Rejection] = []
    briefs: list[Brief] = []
    kept: list[CleanArticle] = []
    entity_options = job.options.entity_options()
    cleaning = enriching = 0.0
    for raw in articles:
        start = time.process_time()
        try:
            article = clean(raw, job.common_lines, job.options.already_clean)
            kept += [article] if keep_cleaned else []
            notices += tuple(Notice(seed.rel, note) for note in article.notes)
            cleaned = time.process_time()
            brief = enrich(article, entity_options)
            url = clean_url(brief.url, job.options.tracking_params) if brief.url else None
            # Versions are pages the fetcher saved (the entry id from their sidecar), never
            # entries of feed files, whose ids are unique within their own feed only.
            entry_id = raw.hints.entry_id if raw.kind != "feed-entry" else None
            brief = replace(  # a published link carries no tracking parameters
                brief, url=url, entry_id=entry_id, fetched=raw.hints.fetched
            )
            briefs.append(brief)
            cleaning += cleaned - start
            enriching += time.process_time() - cleaned
        except SeedError as error:
            rejections.append(Rejection(seed.rel, str(error)))
        except UNFORESEEN_INPUT_ERRORS as error:
            rejections.append(_unforeseen(seed.rel, error))
    config = job.options.markdown
    html = tuple(body_html(brief.body, config) for brief in briefs) if config else ()
    seconds = (parsed - started, cleaning, enriching)
    return SeedResult(
        seed.rel, tuple(briefs), tuple(rejections), notices, seconds, tuple(kept), html, config
    )


def _unforeseen(seed: str, error: BaseException) -> Rejection:
    return Rejection(seed, f"could not be read ({type(error).__name__}: {error})"[:300])
