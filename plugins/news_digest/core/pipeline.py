"""build_briefs(options): seeds -> briefs on disk, and a report of what happened.

Per-item stages (parse, clean, enrich) never see other seeds; the corpus-wide
stages (link, render, write) run on results sorted by seed, so the output does
not depend on file-system or scheduling order.  A seed that fails is reported
and skipped; only writing touches the briefs folder, at the very end, so a
failure before that leaves the previous briefs as they were.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from news_digest.core import collector
from news_digest.core.cache import ResultCache, cache_key, still_as_recorded
from news_digest.core.clean import find_common_lines, short_lines
from news_digest.core.decode import decode_bytes
from news_digest.core.discover import Stamps, describe_seed, find_seeds, stamps_of
from news_digest.core.enrich import assign_unique_slugs
from news_digest.core.errors import ConfigError, SeedError
from news_digest.core.executors import PROCESSES
from news_digest.core.link_options import LinkOptions
from news_digest.core.lock import build_lock
from news_digest.core.models import BodyBlock, Brief, LinkedBrief, Notice, Rejection, SeedFile
from news_digest.core.per_seed import ItemOptions, SeedJob, SeedResult
from news_digest.core.render import (
    BriefHtml,
    body_html,
    brief_path,
    header_fields,
    related_links,
    render,
)
from news_digest.core.versions import fold_versions
from news_digest.core.workers import run_jobs, worker_count
from news_digest.core.write import CommitPoint, WriteStats, sync_briefs

log = logging.getLogger(__name__)
LOCK_NAME = ".news-digest.lock"
# Text seeds larger than this are not scanned for shared boilerplate lines (a huge
# dump is not a typical page of an outlet, and scanning it would cost memory).
MAX_BOILERPLATE_SCAN_BYTES = 2 * 1024 * 1024


@dataclass
class BuildReport:
    """What a build made and refused; `news-digest build --report` writes it as JSON."""

    briefs: tuple[LinkedBrief, ...] = ()
    paths: dict[str, str] = field(default_factory=dict)  # slug -> path under briefs folder
    rejected: list[Rejection] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # seeds cut or partly used
    timings: dict[str, float] = field(default_factory=dict)
    seeds_found: int = 0
    cache_hits: int = 0
    written: WriteStats | None = None
    # SHA-256 of a brief file's text -> the HTML Markdown makes of it below the header
    # (with ``items.markdown``; made when asked): the site's reader takes it instead of
    # converting again.
    html: dict[bytes, BriefHtml] = field(default_factory=dict, repr=False)

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
            "notices": [
                {"seed": seeds_prefix + n.seed, "message": n.message} for n in self.notices
            ],
            "timings": {stage: round(seconds, 4) for stage, seconds in self.timings.items()},
            "counts": {
                "seeds": self.seeds_found,
                "briefs": len(self.briefs),
                "rejected": len(self.rejected),
                "written": self.written.written if self.written else 0,
                "unchanged": self.written.unchanged if self.written else 0,
                "removed": self.written.removed if self.written else 0,
                "cached": self.cache_hits,
            },
        }


@contextmanager
def _timed(report: BuildReport, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        report.timings[stage] = report.timings.get(stage, 0.0) + time.perf_counter() - start


@dataclass(frozen=True)
class BuildOptions:
    """What a build of the briefs needs: folders, workers and each stage's options
    (made from the settings by ``settings.build_options``)."""

    seeds_dir: Path
    briefs_dir: Path  # absolute: <Pelican PATH>/<briefs_subdir>
    briefs_subdir: str  # relative to Pelican's PATH, for {filename} links
    cache_dir: Path | None
    workers: int  # 0 = one per core
    items: ItemOptions
    links: LinkOptions
    executor: str = PROCESSES  # or a Dask cluster: core/executors.py


# Reads a rendered brief back as the site generator will and says what differs
# from the header fields meant (None: nothing); the Pelican adapter supplies it.  It
# is given the text, its header fields and the SHA-256 of its UTF-8 (``text_digest``).
HeaderCheck = Callable[[str, Sequence[tuple[str, str]], bytes], str | None]


def build_briefs(
    settings: BuildOptions, check: HeaderCheck | None = None, commit: CommitPoint | None = None
) -> BuildReport:
    """Run every stage under the build lock; write the briefs; return the report.

    With ``check``, a brief whose header does not read back as written is rejected;
    ``commit`` is where the whole build commits (see write.sync_briefs).
    """
    if not settings.seeds_dir.is_dir():
        raise ConfigError(f"the seeds folder {settings.seeds_dir} does not exist")
    with build_lock(settings.briefs_dir.parent / LOCK_NAME):
        return _build_briefs(settings, check, commit)


def _build_briefs(
    settings: BuildOptions, check: HeaderCheck | None, commit: CommitPoint | None
) -> BuildReport:
    report = BuildReport()
    cache = ResultCache(settings.cache_dir)
    with collector.paused(), _timed(report, "discover"):
        seeds, refused = discover(settings.seeds_dir, cache)
    report.seeds_found = len(seeds) + len(refused)
    report.rejected.extend(refused)
    corpus = corpus_key(seeds, refused, settings)
    with collector.paused(), _timed(report, "reuse_check"):
        previous = cache.get(corpus)
        if isinstance(previous, StoredBuild) and previous.still_on_disk(settings.briefs_dir):
            report = previous.as_report(report.timings, cache_hits=len(seeds))
    if report.written is not None:
        log_problems(report)
        return report

    with collector.paused(), _timed(report, "boilerplate"):
        jobs = seed_jobs(seeds, settings.items, cache)

    with _timed(report, "per_seed_wall"):
        results, report.cache_hits = run_jobs(
            jobs, cache, worker_count(settings.workers), settings.executor
        )
    with collector.frozen():  # the results live through the stage: full passes skip them
        return _link_render_write(report, settings, check, commit, cache, corpus, results)


def _link_render_write(
    report: BuildReport,
    settings: BuildOptions,
    check: HeaderCheck | None,
    commit: CommitPoint | None,
    cache: ResultCache,
    corpus: str,
    results: Sequence[SeedResult],
) -> BuildReport:
    for result in results:
        report.rejected.extend(result.rejections)
        report.notices.extend(result.notices)
        for stage, seconds in zip(("parse", "clean", "enrich"), result.seconds, strict=True):
            report.timings[stage] = report.timings.get(stage, 0.0) + seconds
    made = [brief for result in results for brief in result.briefs]
    articles, notices = drop_shared_notices(made)
    report.rejected.extend(notices)
    briefs = assign_unique_slugs(fold_versions(articles))

    with _timed(report, "link"):
        from news_digest.core.link import link_briefs  # NumPy and SciPy: only here

        report.briefs = link_briefs(briefs, settings.links)

    with collector.paused():
        with _timed(report, "render"):
            rendered = RenderedBriefs(cache, settings)
            bodies = made_html(results, settings.items.markdown)
            files, digests = render_all(report, settings, check, bodies, rendered)
            rendered.save()

        with _timed(report, "write"):
            report.written = sync_briefs(settings.briefs_dir, files, commit)

        report.rejected.sort(key=lambda r: (r.seed, r.reason))
        report.notices.sort(key=lambda n: (n.seed, n.message))
        stored = StoredBuild.of(report, files, settings.briefs_dir, digests)
        cache.put(corpus, stored)
        # The briefs as a rebuild of the same seeds gets them: bodies and term bags
        # went into the files and links, and would otherwise live to the build's end
        # (12.5 KB a brief: 125 MB of the build process at 10,000 seeds).
        report.briefs = stored.report.briefs
    cache.forget_other_versions(keep=1)  # the cache of the code before, in case of a revert
    log_problems(report)
    return report


# The same short text under three or more pages with different titles is a notice the
# sites show ("this page requires JavaScript", a cookie wall), not an article; one
# article syndicated by several outlets keeps its headline, and is longer.
NOTICE_MIN_PAGES = 3
NOTICE_MAX_WORDS = 80


def drop_shared_notices(briefs: Sequence[Brief]) -> tuple[list[Brief], list[Rejection]]:
    """Briefs that are articles, and a rejection for each page that only holds a
    notice many pages share."""
    by_text: defaultdict[str, list[Brief]] = defaultdict(list)
    for brief in briefs:
        by_text[brief.content_hash].append(brief)
    notices = {
        text
        for text, group in by_text.items()
        if len(group) >= NOTICE_MIN_PAGES
        and group[0].word_count <= NOTICE_MAX_WORDS
        and len({b.title.casefold() for b in group}) > 1
    }
    kept = [b for b in briefs if b.content_hash not in notices]
    rejected = [
        Rejection(seed, f"a notice {len(by_text[b.content_hash])} pages share, not an article")
        for b in briefs
        if b.content_hash in notices
        for seed in b.seeds
    ]
    return kept, rejected


def made_html(results: Sequence[SeedResult], config: str) -> dict[tuple[BodyBlock, ...], str]:
    """Body -> its HTML, as the per-seed workers made it with this build's Markdown setup."""
    if not config:
        return {}
    return {
        brief.body: html
        for result in results
        if result.html_config == config and len(result.html) == len(result.briefs)
        for brief, html in zip(result.briefs, result.html, strict=True)
    }


class RenderedBriefs:
    """Each brief's file text and header fields, kept from the build before by what
    they are made of (the linked brief and its related links' titles and paths,
    pickled and hashed): a rebuild renders only the briefs whose inputs changed.

    ``render`` and ``header_fields`` are pure functions of those inputs, the seeds
    folder's name and the briefs folder; the cache key holds those, and the per-seed
    cache's version (the code of ``core/`` and ``text/``) holds render.py's code.  A
    pickle that differs for equal inputs only misses; equal pickles are equal inputs.
    """

    def __init__(self, cache: ResultCache, settings: BuildOptions) -> None:
        self.cache = cache
        self.key = cache_key(
            "rendered-briefs", settings.seeds_dir.name, settings.briefs_subdir, RENDER_FORMAT
        )
        stored = cache.get(self.key)
        self.old: dict[bytes, Rendered] = stored if isinstance(stored, dict) else {}
        self.new: dict[bytes, Rendered] = {}

    @staticmethod
    def inputs(linked: LinkedBrief, links: Sequence[tuple[str, str, tuple[str, ...]]]) -> bytes:
        data = pickle.dumps((linked, links), protocol=pickle.HIGHEST_PROTOCOL)
        return hashlib.sha256(data).digest()

    def get(self, key: bytes) -> Rendered | None:
        found = self.old.get(key)
        if found is not None:
            self.new[key] = found
        return found

    def put(self, key: bytes, rendered: Rendered) -> None:
        self.new[key] = rendered

    def save(self) -> None:
        """Keep this build's briefs (saved when they are not exactly the last build's)."""
        if self.new.keys() != self.old.keys():
            self.cache.put(self.key, self.new)


RENDER_FORMAT = "2"  # RenderedBriefs' entries: (path, text, header fields, text_digest)
Rendered = tuple[str, str, list[tuple[str, str]], bytes]


def text_digest(text: str) -> bytes:
    """SHA-256 of a brief's text in UTF-8: made once a brief, where the header check,
    the site's reader and the stored build each need it."""
    return hashlib.sha256(text.encode("utf-8")).digest()


def render_all(
    report: BuildReport,
    settings: BuildOptions,
    check: HeaderCheck | None,
    bodies: Mapping[tuple[BodyBlock, ...], str] | None = None,
    rendered: RenderedBriefs | None = None,
) -> tuple[dict[str, str], dict[str, bytes]]:
    """Every brief's file text by path, and its ``text_digest``; briefs failing
    ``check`` are rejected, and
    the rest rendered again so no related link points at a brief that is not there.
    With a Markdown setup (``items.markdown``) each file's HTML goes into ``report.html``,
    made when the site reads it (bodies from ``bodies``, as the workers made them, else
    made here).  ``rendered``: the texts of briefs whose inputs are as in an earlier
    build."""
    seeds_prefix = f"{settings.seeds_dir.name}/"
    config = settings.items.markdown
    bodies = bodies or {}
    while True:
        by_slug = {lb.brief.slug: lb for lb in report.briefs}
        files: dict[str, str] = {}
        digests: dict[str, bytes] = {}
        failed: list[LinkedBrief] = []
        report.html = {}
        for linked in report.briefs:
            links = related_links(linked, by_slug, settings.briefs_subdir)
            key = RenderedBriefs.inputs(linked, links) if rendered is not None else b""
            known = rendered.get(key) if rendered is not None else None
            if known is not None:
                path, text, fields, digest = known
            else:
                path = brief_path(linked)
                fields = header_fields(linked, seeds_prefix)
                text = render(linked, by_slug, settings.briefs_subdir, seeds_prefix, fields, links)
                digest = text_digest(text)
                if rendered is not None:
                    rendered.put(key, (path, text, fields, digest))
            report.paths[linked.brief.slug] = f"{settings.briefs_subdir}/{path}"
            if config:
                body = linked.brief.body
                made = bodies.get(body)
                made = body_html(body, config) if made is None else made
                report.html[digest] = BriefHtml(made, links, config)
            problem = check(text, fields, digest) if check else None
            if problem is not None:
                failed.append(linked)
                report.rejected.extend(
                    Rejection(seed, f"its brief's header did not read back as written: {problem}")
                    for seed in linked.brief.seeds
                )
            files[path] = text
            digests[path] = digest
        if not failed:
            return files, digests
        gone = {lb.brief.slug for lb in failed}
        report.briefs = tuple(lb for lb in report.briefs if lb.brief.slug not in gone)
        for slug in gone:
            report.paths.pop(slug, None)


def log_problems(report: BuildReport) -> None:
    for rejection in report.rejected:
        log.warning("seed %s rejected: %s", rejection.seed, rejection.reason)
    for notice in report.notices:
        log.warning("seed %s: %s", notice.seed, notice.message)


def corpus_key(
    seeds: Sequence[SeedFile], refused: Sequence[Rejection], settings: BuildOptions
) -> str:
    """Everything the briefs folder depends on: every seed's bytes, name and the settings."""
    listing = "\n".join(
        "\t".join(str(v) for k, v in vars(seed).items() if k != "path") for seed in seeds
    )
    refusals = "\n".join(f"{r.seed}\t{r.reason}" for r in refused)
    return cache_key(
        "corpus",
        listing,
        refusals,
        settings.items.fingerprint(),
        repr(settings.links),
        settings.briefs_subdir,
        settings.seeds_dir.name,
    )


@dataclass(frozen=True)
class StoredBuild:
    """The outcome of a build, kept so that a build of the very same seeds is a lookup.

    Bodies are dropped (the report does not show them).  The briefs on disk are
    checked: a file whose size and modification time are as written is trusted,
    any other is hashed, so a hand-edited or deleted brief makes a real build.
    """

    report: BuildReport
    files: dict[str, tuple[str, int, int]]  # path -> (SHA-256, size, mtime in ns)

    @classmethod
    def of(
        cls,
        report: BuildReport,
        files: Mapping[str, str],
        briefs_dir: Path,
        digests: Mapping[str, bytes],
    ) -> StoredBuild:
        """``digests``: each file's ``text_digest``."""
        slim = tuple(
            replace(lb, brief=replace(lb.brief, body=(), terms=b"")) for lb in report.briefs
        )
        kept = replace(report, briefs=slim, timings={}, written=None, html={})
        recorded = {}
        for rel in files:
            stat = (briefs_dir / rel).stat()
            recorded[rel] = (digests[rel].hex(), stat.st_size, stat.st_mtime_ns)
        return cls(kept, recorded)

    def still_on_disk(self, briefs_dir: Path) -> bool:
        on_disk = {
            p.relative_to(briefs_dir).as_posix() for p in briefs_dir.rglob("*") if p.is_file()
        }
        if on_disk != set(self.files):
            return False
        return all(
            still_as_recorded(briefs_dir / rel, size, mtime_ns, digest)
            for rel, (digest, size, mtime_ns) in self.files.items()
        )

    def as_report(self, timings: dict[str, float], cache_hits: int) -> BuildReport:
        written = WriteStats(0, len(self.files), 0)
        return replace(self.report, timings=timings, written=written, cache_hits=cache_hits)


def seed_jobs(seeds: Sequence[SeedFile], options: ItemOptions, cache: ResultCache) -> list[SeedJob]:
    """Each seed's per-seed job, with the site furniture it shares with the others
    (none for articles given as clean: nothing is removed from them)."""
    if options.already_clean:
        return [SeedJob(seed, options) for seed in seeds]
    lines_by_seed = {seed.rel: seed_lines(seed, cache) for seed in seeds}
    common = find_common_lines(lines_by_seed.values())
    return [SeedJob(seed, options, common & lines_by_seed[seed.rel]) for seed in seeds]


def discover(
    seeds_dir: Path, cache: ResultCache
) -> tuple[tuple[SeedFile, ...], tuple[Rejection, ...]]:
    """The seeds folder's files, unchanged ones taken from the stamps of the last
    look (size, times, inode: as git's index), which are then brought up to date."""
    stamps_key = cache_key("seed-stamps", str(seeds_dir.resolve()))
    known: Stamps | None = cache.get(stamps_key)
    known = known if isinstance(known, dict) else {}
    seeds, refused = find_seeds(seeds_dir, known)
    if any(known.get(seed.rel, (None, None))[1] is not seed for seed in seeds):
        cache.put(stamps_key, stamps_of(seeds))  # what was read now is not read again
    return seeds, refused


def jobs_for_files(
    paths: Sequence[Path], options: BuildOptions
) -> tuple[dict[Path, SeedJob], dict[Path, str]]:
    """Per-seed jobs for files named on the command line (`extract`, `explain`), made as
    the build makes them: files inside the seeds folder get the same shared furniture
    as in a build of that folder; other files share it among themselves.  Also what
    could not be read, by path."""
    cache = ResultCache(options.cache_dir)
    wanted = [file_key(path) for path in paths]
    root = options.seeds_dir.resolve()
    problems: dict[Path, str] = {}
    if options.seeds_dir.is_dir() and all(root in path.parents for path in wanted):
        seeds, refused = discover(options.seeds_dir, cache)
        problems = {root / r.seed: r.reason for r in refused}
    else:
        seeds_list = []
        for path in wanted:
            try:
                seeds_list.append(describe_seed(path, str(path)))
            except OSError as error:
                problems[path] = f"cannot be read: {error.strerror or error}"
        seeds = tuple(seeds_list)
    jobs = {file_key(job.seed.path): job for job in seed_jobs(seeds, options.items, cache)}
    return {p: jobs[p] for p in wanted if p in jobs}, {
        p: problems.get(p, "not found") for p in wanted if p not in jobs
    }


def file_key(path: Path) -> Path:
    """A file's name with its folder resolved: a link is itself, not its target."""
    return path.parent.resolve() / path.name


def seed_lines(seed: SeedFile, cache: ResultCache) -> frozenset[str]:
    """The short lines of a text seed (for the shared-boilerplate signal), cached by hash."""
    if seed.kind != "text" or seed.size > MAX_BOILERPLATE_SCAN_BYTES:
        return frozenset()
    key = cache_key("short-lines", seed.sha256)
    cached = cache.get(key)
    if isinstance(cached, frozenset):
        return cached
    try:
        text, _ = decode_bytes(seed.path.read_bytes())
    except (OSError, SeedError):
        return frozenset()
    lines = short_lines(text)
    cache.put(key, lines)
    return lines
