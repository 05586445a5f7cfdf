"""The fetch state file (``<seeds>/.fetch-state.json``): what fetch remembers between runs.

* ``feeds``: each feed's validators (ETag, Last-Modified) for conditional GETs;
* ``seen``: every entry id and URL ever fetched (never fetched twice);
* ``sources``: each source's health, keyed by its URL (see ``SourceHealth``);
* ``entries``: each fetched feed entry's ``updated`` date, content hash and seed
  versions, so a changed entry is fetched again as a new version (never overwriting).

The file is written atomically (a temporary file renamed over it) after every
source.  Reading is tolerant: a missing section (a state file from an older
version) is empty, a malformed record is dropped on its own, and a file that is
not JSON at all is set aside as ``<name>.corrupt`` with a warning, never fatal.
Every method takes the state's lock, so sources fetched in parallel share it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from news_digest.text.files import write_atomically

log = logging.getLogger(__name__)
STATE_NAME = ".fetch-state.json"
STATE_VERSION = 2


def now_iso() -> str:
    """The current UTC time to the second: the only clock values fetch writes (here and in
    sidecars' ``fetched_at``)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class SourceHealth:
    """How one source has been doing, over runs."""

    name: str = ""
    last_attempt: str | None = None  # ISO 8601 UTC
    last_success: str | None = None
    http_status: int | None = None  # of the feed or page request in the last attempt
    items_seen: int = 0  # entries in the feed at the last success (1 for a page)
    new_items: int = 0  # seeds saved by the last attempt (new versions included)
    consecutive_failures: int = 0
    last_error: str | None = None
    total_failures: int = 0

    @classmethod
    def from_json(cls, data: Any) -> SourceHealth | None:
        """A record as stored; any field of the wrong type keeps its default."""
        if not isinstance(data, dict):
            return None
        health = cls()
        for name in ("items_seen", "new_items", "consecutive_failures", "total_failures"):
            value = data.get(name)
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                setattr(health, name, value)
        for name in ("name", "last_attempt", "last_success", "last_error"):
            if isinstance(data.get(name), str):
                setattr(health, name, data[name])
        status = data.get("http_status")
        if isinstance(status, int) and not isinstance(status, bool) and 100 <= status <= 599:
            health.http_status = status
        return health

    def failed(self, when: str, error: str, status: int | None) -> None:
        self.last_attempt = when
        self.http_status = status
        self.new_items = 0
        self.consecutive_failures += 1
        self.total_failures += 1
        self.last_error = error[:300]

    def succeeded(self, when: str, status: int | None, seen: int | None, new: int) -> None:
        self.last_attempt = when
        self.last_success = when
        if status is not None:  # a page source fetched before is not asked again
            self.http_status = status
        if seen is not None:  # a 304 says nothing new about the feed's size
            self.items_seen = seen
        self.new_items = new
        self.consecutive_failures = 0
        self.last_error = None

    def summary(self) -> str:
        """One line for `sources list`."""
        if self.last_attempt is None:
            return "never fetched"
        if self.consecutive_failures:
            since = f", last success {self.last_success}" if self.last_success else ""
            runs = "run" if self.consecutive_failures == 1 else "runs in a row"
            return (
                f"FAILING {self.consecutive_failures} {runs} ({self.last_error}){since}; "
                f"last attempt {self.last_attempt}"
            )
        status = f"HTTP {self.http_status}, " if self.http_status else ""
        return (
            f"ok ({status}{self.items_seen} items, {self.new_items} new), "
            f"last success {self.last_success}"
        )


@dataclass
class EntryRecord:
    """A fetched feed entry: what it looked like, and the seeds saved for it (oldest first)."""

    updated: str | None  # the feed's updated (or published) date as written, when any
    digest: str  # hash of the entry's title, link and content in the feed
    seeds: list[str] = field(default_factory=list)  # relative to the seeds folder
    page_digest: str | None = None  # hash of the last saved seed's text (pages.text_digest)
    source: str = ""  # the URL of the feed it was last seen in

    @classmethod
    def from_json(cls, data: Any) -> EntryRecord | None:
        if not isinstance(data, dict) or not isinstance(data.get("digest"), str):
            return None
        updated = data.get("updated")
        seeds = data.get("seeds")
        page = data.get("page_digest")
        source = data.get("source")
        return cls(
            updated if isinstance(updated, str) else None,
            data["digest"],
            [s for s in seeds if isinstance(s, str)] if isinstance(seeds, list) else [],
            page if isinstance(page, str) else None,
            source if isinstance(source, str) else "",
        )


@dataclass
class FetchState:
    """Per-feed validators, everything ever fetched, source health and entry versions."""

    validators: dict[str, dict[str, str]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    health: dict[str, SourceHealth] = field(default_factory=dict)  # by source URL
    entries: dict[str, EntryRecord] = field(default_factory=dict)  # by entry id
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)
    looked: set[str] = field(default_factory=set, repr=False, compare=False)  # this run's

    def forget_entries(self, source_url: str, keep: set[str]) -> None:
        """Drop the records of ``source_url``'s entries that left its feed: no update can
        be seen for them any more, and the state stays the size of the feeds, not of
        their history (their ids stay in ``seen``)."""
        with self.lock:
            for key in [k for k, e in self.entries.items() if e.source == source_url]:
                if key not in keep:
                    del self.entries[key]

    @classmethod
    def load(cls, path: Path, *, set_aside: bool = True) -> FetchState:
        """The state in ``path``; ``set_aside=False`` (a reader such as `sources list`)
        leaves a corrupt file where it is."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as error:
            aside = path.with_name(path.name + ".corrupt")
            if set_aside:
                with contextlib.suppress(OSError):
                    os.replace(path, aside)
            log.warning("fetch state %s unreadable (%s): set aside, starting afresh", path, error)
            return cls()
        return cls(
            _validators(data.get("feeds")),
            {s for s in _list(data.get("seen")) if isinstance(s, str)},
            {
                url: health
                for url, record in _dict(data.get("sources")).items()
                if (health := SourceHealth.from_json(record)) is not None
            },
            {
                key: entry
                for key, record in _dict(data.get("entries")).items()
                if (entry := EntryRecord.from_json(record)) is not None
            },
        )

    def source_health(self, url: str, name: str) -> SourceHealth:
        with self.lock:
            health = self.health.setdefault(url, SourceHealth(name=name))
            health.name = name
            return health

    def claim(self, keys: tuple[str, ...]) -> bool:
        """Mark an entry's id and URL as fetched; False when one of them already was."""
        wanted = tuple(k for k in keys if k)
        with self.lock:
            if not wanted or any(k in self.seen for k in wanted):
                return False
            self.seen.update(wanted)
            return True

    def to_json(self) -> str:
        with self.lock:
            data = {
                "version": STATE_VERSION,
                "feeds": self.validators,
                "seen": sorted(self.seen),
                "sources": {url: asdict(h) for url, h in sorted(self.health.items())},
                "entries": {key: asdict(e) for key, e in sorted(self.entries.items())},
            }
            return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def save(self, path: Path) -> None:
        text = self.to_json()
        with self.lock:  # one writer at a time: the temporary file's name is per process
            write_atomically(path, text.encode("utf-8"))


def _dict(value: Any) -> dict[str, Any]:
    return {k: v for k, v in value.items() if isinstance(k, str)} if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _validators(value: Any) -> dict[str, dict[str, str]]:
    return {
        url: {k: v for k, v in record.items() if isinstance(v, str)}
        for url, record in _dict(value).items()
        if isinstance(record, dict)
    }
