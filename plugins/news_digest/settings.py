"""DIGEST_* keys from pelicanconf.py -> one frozen, validated DigestSettings.

Settings stay flat ``DIGEST_*`` keys so ``pelican -e`` and ``news-digest build``
can override any of them; they are converted once, here, and an unknown
``DIGEST_*`` key is an error (a typo must not be silently ignored).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULTS: dict[str, Any] = {
    "DIGEST_SEEDS": "seeds",
    "DIGEST_BRIEFS_DIR": "briefs",
    "DIGEST_REPORT": None,
    "DIGEST_STRICT": False,
    "DIGEST_MAX_SEED_BYTES": 10 * 1024 * 1024,
    "DIGEST_MAX_FEED_ENTRIES": 2000,
    "DIGEST_MAX_TAGS": 8,
    "DIGEST_TAG_ALIASES": {},
    "DIGEST_TAG_STOPLIST": [],
    "DIGEST_MAX_RELATED": 5,
    "DIGEST_FALLBACK_DATE": "1970-01-01",
    "DIGEST_WORKERS": 0,
    "DIGEST_CACHE_DIR": "cache/news-digest",
    "DIGEST_SOURCES": "sources.toml",
    "DIGEST_SEARCH": True,
    "DIGEST_SEARCH_SHARD_SIZE": 2500,
    "DIGEST_FETCH_ALLOW_PRIVATE": False,
    "DIGEST_MAX_NAME_BYTES": 120,
}


@dataclass(frozen=True)
class DigestSettings:
    """Everything the pipeline needs to know, resolved and checked."""

    seeds_dir: Path
    briefs_dir: Path  # absolute: <Pelican PATH>/<DIGEST_BRIEFS_DIR>
    briefs_subdir: str  # relative to Pelican's PATH, for {filename} links
    report_path: Path | None
    strict: bool
    max_seed_bytes: int
    max_feed_entries: int
    max_tags: int
    tag_aliases: tuple[tuple[str, str], ...]
    tag_stoplist: frozenset[str]
    max_related: int
    fallback_date: datetime
    workers: int  # 0 = one per core
    cache_dir: Path | None  # None: no cache
    sources_path: Path  # feeds and pages `news-digest fetch` reads
    search: bool  # build the Pagefind index while Pelican writes the pages
    search_shard_size: int  # briefs per Pagefind index shard
    fetch_allow_private: bool  # fetch may follow links to private/loopback addresses
    max_name_bytes: int  # longest slug (file name stem) the site writes, in UTF-8 bytes


def _positive_int(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{key} must be a positive whole number, not {value!r}")
    return value


def _resolve(base: Path, value: Any, key: str) -> Path:
    if not isinstance(value, str | os.PathLike) or not str(value):
        raise ConfigError(f"{key} must be a path, not {value!r}")
    path = Path(value)
    return path if path.is_absolute() else (base / path).resolve()


def _aliases(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ConfigError("DIGEST_TAG_ALIASES must map names to names, e.g. {'Kiev': 'Kyiv'}")
    return tuple(sorted(value.items()))


def _stoplist(value: Any) -> frozenset[str]:
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise ConfigError("DIGEST_TAG_STOPLIST must be a list of names")
    return frozenset(v.casefold() for v in value)


def _fallback_date(value: Any) -> datetime:
    try:
        day = date.fromisoformat(str(value))
    except ValueError as error:
        raise ConfigError(f"DIGEST_FALLBACK_DATE must be YYYY-MM-DD, not {value!r}") from error
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def load_settings(
    pelican_settings: Mapping[str, Any], base_dir: Path | None = None
) -> DigestSettings:
    """Validate the DIGEST_* keys of a Pelican settings mapping.

    Relative paths are taken from ``base_dir`` (the folder of pelicanconf.py,
    else the current folder), like Pelican does for PATH and OUTPUT_PATH.
    """
    unknown = sorted(k for k in pelican_settings if k.startswith("DIGEST_") and k not in DEFAULTS)
    if unknown:
        raise ConfigError(
            f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(DEFAULTS))}"
        )
    raw = {key: pelican_settings.get(key, default) for key, default in DEFAULTS.items()}
    base = (base_dir or Path.cwd()).resolve()
    content = Path(str(pelican_settings.get("PATH", "content")))
    content = content if content.is_absolute() else (base / content).resolve()
    subdir = str(raw["DIGEST_BRIEFS_DIR"]).strip("/")
    if not subdir or ".." in Path(subdir).parts or Path(subdir).is_absolute():
        raise ConfigError(f"DIGEST_BRIEFS_DIR must be a folder inside PATH, not {subdir!r}")
    report = raw["DIGEST_REPORT"]
    return DigestSettings(
        seeds_dir=_resolve(base, raw["DIGEST_SEEDS"], "DIGEST_SEEDS"),
        briefs_dir=content / subdir,
        briefs_subdir=subdir,
        report_path=None if report in (None, "") else _resolve(base, report, "DIGEST_REPORT"),
        strict=bool(raw["DIGEST_STRICT"]),
        max_seed_bytes=_positive_int("DIGEST_MAX_SEED_BYTES", raw["DIGEST_MAX_SEED_BYTES"]),
        max_feed_entries=_positive_int("DIGEST_MAX_FEED_ENTRIES", raw["DIGEST_MAX_FEED_ENTRIES"]),
        max_tags=_positive_int("DIGEST_MAX_TAGS", raw["DIGEST_MAX_TAGS"]),
        tag_aliases=_aliases(raw["DIGEST_TAG_ALIASES"]),
        tag_stoplist=_stoplist(raw["DIGEST_TAG_STOPLIST"]),
        max_related=_positive_int("DIGEST_MAX_RELATED", raw["DIGEST_MAX_RELATED"]),
        fallback_date=_fallback_date(raw["DIGEST_FALLBACK_DATE"]),
        workers=_workers(raw["DIGEST_WORKERS"]),
        cache_dir=None
        if raw["DIGEST_CACHE_DIR"] in (None, "")
        else _resolve(base, raw["DIGEST_CACHE_DIR"], "DIGEST_CACHE_DIR"),
        sources_path=_resolve(base, raw["DIGEST_SOURCES"], "DIGEST_SOURCES"),
        search=bool(raw["DIGEST_SEARCH"]),
        search_shard_size=_positive_int(
            "DIGEST_SEARCH_SHARD_SIZE", raw["DIGEST_SEARCH_SHARD_SIZE"]
        ),
        fetch_allow_private=bool(raw["DIGEST_FETCH_ALLOW_PRIVATE"]),
        max_name_bytes=_name_bytes(raw["DIGEST_MAX_NAME_BYTES"]),
    )


def _workers(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"DIGEST_WORKERS must be 0 (one per core) or more, not {value!r}")
    return value


def _name_bytes(value: Any) -> int:
    """Slugs become file names: ext4 and most file systems stop at 255 bytes, and
    ``<slug>.atom.xml`` or ``<slug>.html.tmp`` add to it, so 200 is the ceiling."""
    if isinstance(value, bool) or not isinstance(value, int) or not 40 <= value <= 200:
        raise ConfigError(
            f"DIGEST_MAX_NAME_BYTES must be a whole number from 40 to 200, not {value!r}"
        )
    return value
