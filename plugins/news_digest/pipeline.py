"""build_briefs(settings): seeds -> briefs on disk, and a report of what happened.

Per-item stages (parse, clean, enrich) never see other seeds; the corpus-wide
stages (link, render, write) run on results sorted by seed, so the output does
not depend on file-system or scheduling order.  A seed that fails is reported
and skipped; only writing touches the briefs folder, at the very end, so a
failure before that leaves the previous briefs as they were.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .clean import clean, find_common_lines
from .discover import find_seeds
from .enrich import assign_unique_slugs, enrich
from .entities import EntityOptions
from .errors import SeedError
from .link import LinkOptions, link_briefs
from .models import Brief, CleanArticle, LinkedBrief, RawArticle, Rejection
from .parse import parse_seed
from .render import brief_path, render
from .settings import DigestSettings
from .write import WriteStats, sync_briefs

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build made and refused; `news-digest build --report` writes it as JSON."""

    briefs: tuple[LinkedBrief, ...] = ()
    paths: dict[str, str] = field(default_factory=dict)  # slug -> path under briefs folder
    rejected: list[Rejection] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    seeds_found: int = 0
    written: WriteStats | None = None

    def to_json(self, seeds_prefix: str = "") -> dict[str, Any]:
        """The documented JSON shape; keys and their meaning are a contract."""
        return {
            "briefs": [
                {
                    "slug": lb.brief.slug,
                    "title": lb.brief.title,
                    "date": lb.date.isoformat(),
                    "date_source": lb.date_source,
                    "seeds": [seeds_prefix + seed for seed in lb.brief.seeds],
                    "tags": list(lb.brief.tags),
                    "related": [link.slug for link in lb.related],
                    "story": lb.story,
                    "source": lb.brief.outlet,
                    "language": lb.brief.language,
                    "encoding": lb.brief.encoding,
                    "extraction": lb.brief.method,
                    "path": self.paths.get(lb.brief.slug),
                }
                for lb in self.briefs
            ],
            "rejected": [
                {"seed": seeds_prefix + r.seed, "reason": r.reason} for r in self.rejected
            ],
            "timings": {stage: round(seconds, 4) for stage, seconds in self.timings.items()},
            "counts": {
                "seeds": self.seeds_found,
                "briefs": len(self.briefs),
                "rejected": len(self.rejected),
                "written": self.written.written if self.written else 0,
                "unchanged": self.written.unchanged if self.written else 0,
                "removed": self.written.removed if self.written else 0,
            },
        }


@contextmanager
def _timed(report: BuildReport, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        report.timings[stage] = report.timings.get(stage, 0.0) + time.perf_counter() - start


def entity_options(settings: DigestSettings) -> EntityOptions:
    return EntityOptions(
        aliases=dict(settings.tag_aliases),
        stoplist=settings.tag_stoplist,
        max_tags=settings.max_tags,
    )


def link_options(settings: DigestSettings) -> LinkOptions:
    return LinkOptions(max_related=settings.max_related, fallback_date=settings.fallback_date)


def build_briefs(settings: DigestSettings) -> BuildReport:
    """Run every stage; write the briefs; return the report."""
    report = BuildReport()
    with _timed(report, "discover"):
        seeds, refused = find_seeds(settings.seeds_dir)
    report.seeds_found = len(seeds) + len(refused)
    report.rejected.extend(refused)

    raws: list[RawArticle] = []
    with _timed(report, "parse"):
        for seed in seeds:
            try:
                articles, notes = parse_seed(
                    seed, settings.max_seed_bytes, settings.max_feed_entries
                )
            except SeedError as error:
                report.rejected.append(Rejection(seed.rel, str(error)))
                continue
            raws.extend(articles)
            report.rejected.extend(Rejection(seed.rel, note) for note in notes)

    cleaned: list[CleanArticle] = []
    with _timed(report, "clean"):
        common = find_common_lines(raw.content for raw in raws if raw.kind == "text")
        for raw in raws:
            try:
                cleaned.append(clean(raw, common))
            except SeedError as error:
                report.rejected.append(Rejection(raw.seed, str(error)))

    with _timed(report, "enrich"):
        options = entity_options(settings)
        briefs: tuple[Brief, ...] = assign_unique_slugs([enrich(c, options) for c in cleaned])

    with _timed(report, "link"):
        report.briefs = link_briefs(briefs, link_options(settings))

    with _timed(report, "render"):
        by_slug = {lb.brief.slug: lb for lb in report.briefs}
        seeds_prefix = f"{settings.seeds_dir.name}/"
        files: dict[str, str] = {}
        for linked in report.briefs:
            path = brief_path(linked)
            report.paths[linked.brief.slug] = f"{settings.briefs_subdir}/{path}"
            files[path] = render(linked, by_slug, settings.briefs_subdir, seeds_prefix)

    with _timed(report, "write"):
        report.written = sync_briefs(settings.briefs_dir, files)

    report.rejected.sort(key=lambda r: (r.seed, r.reason))
    for rejection in report.rejected:
        log.warning("seed %s rejected: %s", rejection.seed, rejection.reason)
    return report
