"""`news-digest fetch`: new feed entries and pages -> raw seeds with sidecars.

For each source (4 at a time; the client keeps to one request at a time per
host): the feed is read with a conditional GET (its ETag and Last-Modified
remembered in the state file), each new entry's page is fetched (robots.txt
kept) and saved as ``<seeds>/<source>/<date>--<id>.html`` with
``<seed>.meta.json`` beside it.  When the page cannot be had, the entry's own
content is saved instead and the sidecar says so.  Entries already fetched (by
id or URL) are skipped, unless the feed changed them (their ``updated`` date or
content hash, see ``updates``): then the page is fetched again and saved as
``<seed>.v2.html`` beside the first (bounded per run and per entry); an existing
seed is never overwritten.  Every URL stored (sidecar, seen list) is clean:
tracking parameters off (``text.urls``), and the page's own ``<link
rel="canonical">`` preferred when it is on the same host.  A failing source is
reported, its health recorded (``state.SourceHealth``), and the others go on.
Feeds are read by the build's own reader (``parse.feed.read_feed``).  Every
request is trusted with the source's origin only: links and redirects elsewhere
must be public addresses (see ``http``).
"""

from __future__ import annotations

import hashlib
import html
import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from news_digest.core.errors import SeedError
from news_digest.core.parse.feed import FeedEntry, read_feed
from news_digest.core.per_seed import UNFORESEEN_INPUT_ERRORS
from news_digest.core.sidecar import Sidecar, sidecar_path, write_new
from news_digest.fetch.arguments import DEFAULT_WORKERS
from news_digest.fetch.http import Client, FetchError, HTTPStatusError, Response, origin_of
from news_digest.fetch.pages import canonical_url, text_digest
from news_digest.fetch.sources import Source
from news_digest.fetch.state import STATE_NAME, EntryRecord, FetchState, now_iso
from news_digest.fetch.updates import entry_digest, updated_date
from news_digest.text.urls import clean_url

log = logging.getLogger(__name__)
DEFAULT_MAX_UPDATES = 10  # changed entries fetched again, per source and run
MAX_VERSIONS = 5  # seeds kept per entry: the first and four updates


@dataclass
class SourceReport:
    """What one source gave in this run (and how it has been doing over runs)."""

    name: str
    new: int = 0
    not_modified: bool = False
    failures: list[str] = field(default_factory=list)
    versions: int = 0  # of ``new``: new versions of entries the feed changed
    consecutive_failures: int = 0  # runs in a row the source itself failed, this one included
    http_status: int | None = None

    def line(self) -> str:
        status = "not modified" if self.not_modified else f"{self.new} new"
        if self.versions:
            status += f" ({self.versions} of them updated entries)"
        if self.failures:
            status += f", {len(self.failures)} failed: " + "; ".join(self.failures)
        if self.consecutive_failures > 1:
            status += f" (failed {self.consecutive_failures} runs in a row)"
        return f"{self.name}: {status}"


@dataclass(frozen=True)
class _Outcome:
    """What a source's request said, for its health record."""

    status: int | None = None
    items_seen: int | None = None  # None: not known this run (a 304)


def fetch_sources(
    sources: tuple[Source, ...],
    seeds_dir: Path,
    client: Client,
    state_path: Path | None = None,
    *,
    workers: int = DEFAULT_WORKERS,
    tracking_params: Iterable[str] = (),
    max_updates: int = DEFAULT_MAX_UPDATES,
) -> list[SourceReport]:
    """Fetch every source into ``seeds_dir``; the state is saved as each source ends.

    The sources of one host are fetched one after another, ``workers`` hosts at a
    time (so no worker sits waiting for a busy host; the client also keeps entry
    pages on a shared host to one request at a time).  The reports come in the
    sources' order, whatever order they finished in."""
    state_path = state_path or seeds_dir / STATE_NAME
    state = FetchState.load(state_path)
    run = _Run(seeds_dir, client, state, tuple(tracking_params), max(0, max_updates))
    by_host: dict[str, list[int]] = {}
    for number, source in enumerate(sources):
        by_host.setdefault(origin_of(source.url)[1], []).append(number)
    reports: dict[int, SourceReport] = {}

    def fetch_host(numbers: list[int]) -> None:
        for number in numbers:
            reports[number] = _fetch_source(sources[number], run)
            state.save(state_path)

    try:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(by_host) or 1))) as pool:
            for done in [pool.submit(fetch_host, numbers) for numbers in by_host.values()]:
                done.result()
    finally:  # an unforeseen error (a full disk) still keeps what the others did
        state.save(state_path)
    return [reports[number] for number in range(len(sources))]


@dataclass(frozen=True)
class _Run:
    """What every source of one run shares."""

    seeds_dir: Path
    client: Client
    state: FetchState
    tracking: tuple[str, ...]  # DIGEST_TRACKING_PARAMS
    max_updates: int = DEFAULT_MAX_UPDATES  # changed entries fetched again per source and run

    def clean(self, url: str) -> str:
        return clean_url(url, self.tracking) if url else url


def _fetch_source(source: Source, run: _Run) -> SourceReport:
    """One source, its failures caught and its health recorded; never raises."""
    report = SourceReport(source.name)
    state = run.state
    when = now_iso()
    health = state.source_health(source.url, source.name)
    try:
        if source.is_feed:
            outcome = _fetch_feed(source, run, report)
        else:
            outcome = _fetch_page_source(source, run, report)
    except FetchError as error:
        status = error.status if isinstance(error, HTTPStatusError) else None
        report.failures.insert(0, str(error))
        with state.lock:
            health.failed(when, str(error), status)
    except UNFORESEEN_INPUT_ERRORS as error:  # a parser bug on hostile input: this source's
        message = f"could not be read ({type(error).__name__}: {error})"[:300]
        report.failures.insert(0, message)
        with state.lock:
            health.failed(when, message, None)
    else:
        with state.lock:
            health.succeeded(when, outcome.status, outcome.items_seen, report.new)
    report.consecutive_failures = health.consecutive_failures
    report.http_status = health.http_status
    return report


def _fetch_feed(source: Source, run: _Run, report: SourceReport) -> _Outcome:
    state, client = run.state, run.client
    with state.lock:
        validators = dict(state.validators.get(source.url, {}))
    conditional = {}
    if "etag" in validators:
        conditional["If-None-Match"] = validators["etag"]
    if "last_modified" in validators:
        conditional["If-Modified-Since"] = validators["last_modified"]
    response = client.get(source.url, conditional, trusted=source.url)
    if response.status == 304:
        report.not_modified = True
        return _Outcome(304)
    try:
        feed = read_feed(response.body, base=response.url)
    except SeedError as error:
        raise FetchError(str(error)) from None
    if feed.malformed:
        raise FetchError(f"feed is not well-formed: {feed.malformed}")
    if not feed.entries and not feed.version:
        raise FetchError("not a feed: no RSS, Atom or JSON Feed found")
    fresh = {
        k: v
        for k, v in (
            ("etag", response.headers.get("etag")),
            ("last_modified", response.headers.get("last-modified")),
        )
        if v
    }
    taken = 0
    left_for_later = False
    updates_left = run.max_updates
    for entry in feed.entries:
        url = run.clean(entry.link)
        entry_id = entry.hints.entry_id or url
        title = entry.hints.title or ""
        keys = (entry_id, url)
        with state.lock:  # older runs stored the link as written, trackers and all
            known = any(k and k in state.seen for k in (*keys, entry.link))
        if not entry_id:
            continue
        look = _Look(updated_date(entry), entry_digest(entry, url))
        if known:
            if source.wants(title, url):
                outcome = _maybe_update(source, run, entry, entry_id, url, look, updates_left)
                if outcome == "later":
                    left_for_later = True  # the next run must see the feed again, not a 304
                elif outcome not in ("same", "capped"):  # fetched again
                    updates_left -= 1
                    report.versions += outcome == "saved"
                    report.new += outcome == "saved"
                    if outcome.startswith("failed: "):
                        report.failures.append(f"{url}: {outcome[8:]} (update not saved)")
            continue
        if not source.wants(title, url):
            continue
        if taken >= source.max_items:
            left_for_later = True  # the next run must get the whole feed again, not a 304
            continue  # (known entries further down are still looked at for updates)
        if not state.claim(keys):
            continue  # another source's thread took it meanwhile
        taken += 1
        seed = _seed_path(source, run, entry_id, entry.hints.date)
        written, failure, body = _save_entry(source, run, entry, entry_id, url, seed)
        with state.lock:
            state.looked.add(entry_id)
            state.entries[entry_id] = EntryRecord(
                look.updated, look.digest, [_relative(run, seed)], _hash(body), source.url
            )
        if failure:
            report.failures.append(failure)
        report.new += written
    in_feed = {e.hints.entry_id or run.clean(e.link) for e in feed.entries}
    with state.lock:
        state.validators[source.url] = {} if left_for_later else fresh
        state.forget_entries(source.url, keep=in_feed)
    return _Outcome(response.status, len(feed.entries))


@dataclass(frozen=True)
class _Look:
    """How a feed entry looks in this run's feed."""

    updated: str | None  # its updated date as written
    digest: str  # entry_digest


def _maybe_update(
    source: Source,
    run: _Run,
    entry: FeedEntry,
    entry_id: str,
    url: str,
    look: _Look,
    updates_left: int,
) -> str:
    """Fetch a known entry again when the feed changed it: "same" (unchanged, or only just
    recorded), "saved" (a new version), "unchanged-page" (the feed changed, the page did
    not), "failed: <why>" (the page could not be had: a broken page is never a version),
    "capped" (MAX_VERSIONS reached) or "later" (no updates left this run)."""
    state = run.state
    with state.lock:
        if entry_id in state.looked:  # once a run, however often a feed or feeds repeat it
            return "same"
        state.looked.add(entry_id)
        record = state.entries.get(entry_id)
        if record is None:  # fetched before versions were recorded: this is its first look
            state.entries[entry_id] = EntryRecord(look.updated, look.digest, source=source.url)
            return "same"
        changed = look.digest != record.digest or (
            look.updated is not None and look.updated != record.updated
        )
        if not record.source:  # recorded by an older fetch
            record.source = source.url
        if not changed:
            return "same"
        if len(record.seeds) >= MAX_VERSIONS:
            record.updated, record.digest = look.updated, look.digest
            return "capped"
    if updates_left <= 0:
        return "later"
    seed = _version_path(source, run, entry_id, entry.hints.date, record)
    if seed is None:
        return "capped"
    page, error = _page(run.client, url, source.url)
    with state.lock:
        record.updated, record.digest = look.updated, look.digest
    if page is None and url:
        return f"failed: {error}"
    body = page.body if page is not None else _entry_html(entry.content, entry.hints.title or "")
    if _hash(body) == record.page_digest:
        return "unchanged-page"
    written, _, body = _save_entry(source, run, entry, entry_id, url, seed, page, error)
    with state.lock:
        record.page_digest = _hash(body)
        if written:
            record.seeds.append(_relative(run, seed))
    return "saved" if written else "unchanged-page"


def _seed_path(source: Source, run: _Run, entry_id: str, published: datetime | None) -> Path:
    """``<seeds>/<source>/<date>--<id hash>.html``: the first version's name."""
    day = (published or datetime.now(UTC)).strftime("%Y-%m-%d")
    short = hashlib.sha256(entry_id.encode()).hexdigest()[:12]
    return run.seeds_dir / source.slug / f"{day}--{short}.html"


def _version_path(
    source: Source, run: _Run, entry_id: str, published: datetime | None, record: EntryRecord
) -> Path | None:
    """The next free ``<first>.v<n>.html`` beside the entry's first seed (n from 2), or None
    when the entry has MAX_VERSIONS seeds already."""
    first = run.seeds_dir / record.seeds[0] if record.seeds else None
    if first is None or not _inside(run.seeds_dir, first):
        first = _seed_path(source, run, entry_id, published)
    stem = first.name.removesuffix(".html")
    for number in range(max(2, len(record.seeds) + 1), MAX_VERSIONS + 1):
        candidate = first.with_name(f"{stem}.v{number}.html")
        if not candidate.exists():
            return candidate
    return None


def _inside(folder: Path, path: Path) -> bool:
    """A path from the state file stays inside the seeds folder (a doctored state cannot
    make fetch write elsewhere)."""
    try:
        return path.resolve().is_relative_to(folder.resolve()) and path.suffix == ".html"
    except (OSError, ValueError):
        return False


def _relative(run: _Run, seed: Path) -> str:
    return seed.relative_to(run.seeds_dir).as_posix()


def _hash(body: bytes) -> str:
    return text_digest(body)


_NOT_FETCHED = object()


def _save_entry(
    source: Source,
    run: _Run,
    entry: FeedEntry,
    entry_id: str,
    url: str,
    seed: Path,
    page: Response | object | None = _NOT_FETCHED,
    error: str | None = None,
) -> tuple[bool, str | None, bytes]:
    """Save one entry's page (or its own content) as ``seed``: (seed written, failure to
    report, the bytes saved).  ``page`` and ``error``: the page when already fetched."""
    now = datetime.now(UTC)
    published = entry.hints.date
    title = entry.hints.title or ""
    if page is _NOT_FETCHED:
        page, error = _page(run.client, url, source.url)
    if isinstance(page, Response):
        body, status, content_source = page.body, page.status, "page"
        url = _canonical(run, page) or url
    else:
        body, status, content_source = _entry_html(entry.content, title), None, "feed-entry"
    sidecar = Sidecar(
        url=url,
        entry_id=entry_id,
        title=title or None,
        published=published.isoformat() if published else None,
        categories=sorted(set(entry.hints.tags)),
        fetched_at=now.replace(microsecond=0).isoformat(),
        http_status=status,
        content_source=content_source,
        source=source.name,
        tags=list(source.tags),
        language=source.language,
        fetch_error=error,
    )
    written = write_new(seed, body)
    if written:
        write_new(sidecar_path(seed), sidecar.to_json().encode("utf-8"))
    failure = f"{url or entry_id}: {error} (saved the feed's own content)" if error else None
    return written, failure, body


def _canonical(run: _Run, page: Response) -> str | None:
    """The page's clean canonical URL (same host only), now seen too; None when it has none."""
    canonical = canonical_url(page.body, page.url)
    if canonical is None:
        return None
    canonical = run.clean(canonical)
    with run.state.lock:
        run.state.seen.add(canonical)
    return canonical


def _page(client: Client, url: str, trusted: str) -> tuple[Response | None, str | None]:
    """The entry's page, or why not: a page that is not whole is never saved as one."""
    if not url:
        return None, "the entry has no link"
    try:
        client.check_robots(url, trusted=trusted)
        page = client.get(url, trusted=trusted)
    except FetchError as error:
        return None, str(error)
    if page.status == 304 or not page.body.strip():
        return None, f"empty page (HTTP {page.status})"
    return page, None


def _fetch_page_source(source: Source, run: _Run, report: SourceReport) -> _Outcome:
    state, client = run.state, run.client
    url = run.clean(source.url)
    with state.lock:
        if source.url in state.seen or url in state.seen:
            return _Outcome(None, 1)
    client.check_robots(source.url, trusted=source.url)
    page = client.get(source.url, trusted=source.url)
    if page.status == 304 or not page.body.strip():
        raise FetchError(f"empty page (HTTP {page.status})")
    now = datetime.now(UTC)
    short = hashlib.sha256(source.url.encode()).hexdigest()[:12]
    seed = run.seeds_dir / source.slug / f"{now:%Y-%m-%d}--{short}.html"
    sidecar = Sidecar(
        url=_canonical(run, page) or url,
        entry_id=url,
        title=None,
        published=None,
        categories=[],
        fetched_at=now.replace(microsecond=0).isoformat(),
        http_status=page.status,
        content_source="page",
        source=source.name,
        tags=list(source.tags),
        language=source.language,
    )
    if write_new(seed, page.body):
        write_new(sidecar_path(seed), sidecar.to_json().encode("utf-8"))
        report.new += 1
    with state.lock:
        state.seen.add(url)
    return _Outcome(page.status, 1)


def _entry_html(content: str, title: str) -> bytes:
    """The entry's own content (already sanitised by the feed reader) as a small HTML page."""
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n"
        f"<body><article><h1>{html.escape(title)}</h1>\n{content}\n</article></body></html>\n"
    )
    return page.encode("utf-8")
