"""`news-digest fetch`: new feed entries and pages -> raw seeds with sidecars.

For each source: the feed is read with a conditional GET (its ETag and
Last-Modified remembered in a small state file), each new entry's page is
fetched (robots.txt kept) and saved as ``<seeds>/<source>/<date>--<id>.html``
with ``<seed>.meta.json`` beside it.  When the page cannot be had, the entry's
own content is saved instead and the sidecar says so.  Entries already fetched
(by id or URL) are skipped; an existing seed is never overwritten.  A failing
source is reported and the others go on.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser

from .http_client import Client, FetchError, Response
from .sidecar import Sidecar, sidecar_path, write_new
from .sources import Source

log = logging.getLogger(__name__)
STATE_NAME = ".fetch-state.json"


@dataclass
class SourceReport:
    """What one source gave in this run."""

    name: str
    new: int = 0
    not_modified: bool = False
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        status = "not modified" if self.not_modified else f"{self.new} new"
        if self.failures:
            status += f", {len(self.failures)} failed: " + "; ".join(self.failures)
        return f"{self.name}: {status}"


@dataclass
class FetchState:
    """Per-feed validators and everything ever fetched, kept between runs."""

    validators: dict[str, dict[str, str]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> FetchState:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(dict(data.get("feeds", {})), set(data.get("seen", [])))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, AttributeError, TypeError) as error:
            log.warning("fetch state %s unreadable (%s): starting afresh", path, error)
            return cls()

    def save(self, path: Path) -> None:
        data = {"feeds": self.validators, "seen": sorted(self.seen)}
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        temporary = path.with_name(path.name + ".part")
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)


def fetch_sources(
    sources: tuple[Source, ...], seeds_dir: Path, client: Client, state_path: Path | None = None
) -> list[SourceReport]:
    """Fetch every source into ``seeds_dir``; the state is saved after each source."""
    state_path = state_path or seeds_dir / STATE_NAME
    state = FetchState.load(state_path)
    reports = []
    for source in sources:
        report = SourceReport(source.name)
        try:
            if source.is_feed:
                _fetch_feed(source, seeds_dir, client, state, report)
            else:
                _fetch_page_source(source, seeds_dir, client, state, report)
        except FetchError as error:
            report.failures.append(str(error))
        state.save(state_path)
        reports.append(report)
    return reports


def _fetch_feed(
    source: Source, seeds_dir: Path, client: Client, state: FetchState, report: SourceReport
) -> None:
    validators = state.validators.get(source.url, {})
    conditional = {}
    if "etag" in validators:
        conditional["If-None-Match"] = validators["etag"]
    if "last_modified" in validators:
        conditional["If-Modified-Since"] = validators["last_modified"]
    response = client.get(source.url, conditional)
    if response.status == 304:
        report.not_modified = True
        return
    if b"<!ENTITY" in response.body[:65536]:
        raise FetchError("feed declares XML entities (refused: expansion bomb risk)")
    feed = feedparser.parse(response.body, sanitize_html=True, resolve_relative_uris=True)
    if feed.bozo:
        raise FetchError(f"feed is not well-formed: {feed.get('bozo_exception', 'unknown error')}")
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
    for entry in feed.entries:
        url = str(entry.get("link") or "")
        entry_id = str(entry.get("id") or url)
        title = " ".join(str(entry.get("title") or "").split())
        if not entry_id or entry_id in state.seen or (url and url in state.seen):
            continue
        if not source.wants(title, url):
            continue
        if taken >= source.max_items:
            left_for_later = True  # the next run must get the whole feed again, not a 304
            break
        taken += 1
        written, failure = _save_entry(source, seeds_dir, client, entry, entry_id, url, title)
        state.seen.update(x for x in (entry_id, url) if x)
        if failure:
            report.failures.append(failure)
        report.new += written
    state.validators[source.url] = {} if left_for_later else fresh


def _save_entry(
    source: Source,
    seeds_dir: Path,
    client: Client,
    entry: Any,
    entry_id: str,
    url: str,
    title: str,
) -> tuple[bool, str | None]:
    """Save one entry's page (or its own content): (seed written, failure to report)."""
    now = datetime.now(UTC)
    published = _entry_date(entry)
    page, error = _page(client, url)
    if page is not None:
        body, status, content_source = page.body, page.status, "page"
    else:
        body, status, content_source = _entry_html(entry, title), None, "feed-entry"
    sidecar = Sidecar(
        url=url,
        entry_id=entry_id,
        title=title or None,
        published=published.isoformat() if published else None,
        categories=_categories(entry),
        fetched_at=now.replace(microsecond=0).isoformat(),
        http_status=status,
        content_source=content_source,
        source=source.name,
        tags=list(source.tags),
        language=source.language,
        fetch_error=error,
    )
    day = (published or now).strftime("%Y-%m-%d")
    short = hashlib.sha256(entry_id.encode()).hexdigest()[:12]
    seed = seeds_dir / source.slug / f"{day}--{short}.html"
    written = write_new(seed, body)
    if written:
        write_new(sidecar_path(seed), sidecar.to_json().encode("utf-8"))
    failure = f"{url or entry_id}: {error} (saved the feed's own content)" if error else None
    return written, failure


def _page(client: Client, url: str) -> tuple[Response | None, str | None]:
    if not url:
        return None, "the entry has no link"
    try:
        client.check_robots(url)
        return client.get(url), None
    except FetchError as error:
        return None, str(error)


def _fetch_page_source(
    source: Source, seeds_dir: Path, client: Client, state: FetchState, report: SourceReport
) -> None:
    if source.url in state.seen:
        return
    client.check_robots(source.url)
    page = client.get(source.url)
    now = datetime.now(UTC)
    short = hashlib.sha256(source.url.encode()).hexdigest()[:12]
    seed = seeds_dir / source.slug / f"{now:%Y-%m-%d}--{short}.html"
    sidecar = Sidecar(
        url=source.url,
        entry_id=source.url,
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
    state.seen.add(source.url)


def _categories(entry: Any) -> list[str]:
    return sorted({str(t.get("term")).strip() for t in entry.get("tags") or [] if t.get("term")})


def _entry_date(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return datetime(*tuple(parsed)[:6]).replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _entry_html(entry: Any, title: str) -> bytes:
    """The entry's own content (feedparser has sanitised it) as a small HTML page."""
    contents = entry.get("content") or []
    body = contents[0].get("value", "") if contents else entry.get("summary", "")
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n"
        f"<body><article><h1>{html.escape(title)}</h1>\n{body}\n</article></body></html>\n"
    )
    return page.encode("utf-8")
