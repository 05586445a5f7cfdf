"""The one schema of the DIGEST_* settings: key, default, check, stage and doc.

From ``SCHEMA`` come the frozen ``DigestSettings`` (``load_settings``), each
stage's options (``item_options``, ``link_options``) and the README's settings
table (``settings_table``; a test fails when the README and this file disagree).
Settings stay flat ``DIGEST_*`` keys so ``pelican -e`` and ``news-digest build``
can override any of them; an unknown ``DIGEST_*`` key is an error (a typo must
not be silently ignored).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from news_digest.core.entities import EntityOptions
from news_digest.core.errors import ConfigError
from news_digest.core.executors import PROCESSES, check_executor
from news_digest.core.link_options import LinkOptions
from news_digest.core.per_seed import ItemOptions
from news_digest.core.pipeline import BuildOptions
from news_digest.text.urls import valid_param_pattern

Check = Callable[[str, Any], Any]  # (key, raw value) -> checked value, or ConfigError


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    check: Check
    stage: str  # who reads it: briefs (per seed), link, site, fetch, build
    doc: str
    shown_default: str = ""  # how the README shows the default, when not repr(default)
    attr: str = ""  # the DigestSettings attribute, when not the key's own name

    @property
    def name(self) -> str:
        """The DigestSettings attribute: ``DIGEST_MAX_TAGS`` -> ``max_tags``."""
        return self.attr or self.key.removeprefix("DIGEST_").lower()


def _flag(key: str, value: Any) -> bool:
    return bool(value)


def _positive(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{key} must be a positive whole number, not {value!r}")
    return value


def _workers(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{key} must be 0 (one per core) or more, not {value!r}")
    return value


def _name_bytes(key: str, value: Any) -> int:
    """Slugs become file names: ext4 and most file systems stop at 255 bytes, and
    ``<slug>.atom.xml`` or ``.<slug>.html.tmp`` add to it, so 200 is the ceiling."""
    if isinstance(value, bool) or not isinstance(value, int) or not 40 <= value <= 200:
        raise ConfigError(f"{key} must be a whole number from 40 to 200, not {value!r}")
    return value


def _path(key: str, value: Any) -> Path:
    if not isinstance(value, str | os.PathLike) or not str(value):
        raise ConfigError(f"{key} must be a path, not {value!r}")
    return Path(value)


def _optional_path(key: str, value: Any) -> Path | None:
    return None if value in (None, "") else _path(key, value)


def _subfolder(key: str, value: Any) -> str:
    subdir = str(value).strip("/")
    if not subdir or ".." in Path(subdir).parts or Path(subdir).is_absolute():
        raise ConfigError(f"{key} must be a folder inside PATH, not {subdir!r}")
    return subdir


def _aliases(key: str, value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ConfigError(f"{key} must map names to names, e.g. {{'Kiev': 'Kyiv'}}")
    return tuple(sorted(value.items()))


def _stoplist(key: str, value: Any) -> frozenset[str]:
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key} must be a list of names")
    return frozenset(v.casefold() for v in value)


def _alerts(key: str, value: Any) -> tuple[tuple[str, str], ...]:
    """Names and queries; the queries are parsed by the site (site/alerts.py)."""
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip()
        for k, v in value.items()
    ):
        raise ConfigError(f"{key} must map alert names to queries, e.g. {{'ECB': 'entity:ECB'}}")
    return tuple(sorted(value.items()))


def _optional_days(key: str, value: Any) -> int | None:
    return None if value is None else _positive(key, value)


def _day(key: str, value: Any) -> datetime:
    try:
        day = date.fromisoformat(str(value))
    except ValueError as error:
        raise ConfigError(f"{key} must be YYYY-MM-DD, not {value!r}") from error
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _tracking_params(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not all(
        isinstance(v, str) and valid_param_pattern(v) for v in value
    ):
        raise ConfigError(f"{key} must be a list of parameter names (`name` or `prefix*`)")
    return tuple(sorted({v.lower() for v in value}))


SCHEMA: tuple[Setting, ...] = (
    Setting("DIGEST_SEEDS", "seeds", _path, "build", "folder of raw seeds",
            "`seeds/` beside pelicanconf.py", "seeds_dir"),
    Setting("DIGEST_BRIEFS_DIR", "briefs", _subfolder, "build",
            "sub-folder of Pelican's `PATH` the briefs are written to (owned by news-digest: "
            "other files there are removed)", attr="briefs_subdir"),
    Setting("DIGEST_ARCHIVE_DIR", "seeds-archive", _path, "build",
            "where `news-digest archive` moves old seeds (`YYYY-MM/` sub-folders); the build "
            "reads it only for the monthly archive pages and their brief pages",
            "`seeds-archive/` beside pelicanconf.py", "archive_dir"),
    Setting("DIGEST_REPORT", None, _optional_path, "build",
            "path of the JSON build report to write on every build", attr="report_path"),
    Setting("DIGEST_STRICT", False, _flag, "build", "like `--strict`"),
    Setting("DIGEST_MAX_SEED_BYTES", 10 * 1024 * 1024, _positive, "briefs",
            "a larger page or dump is read up to this size (cut at a line break) and the cut "
            "is reported under `notices`; a larger feed is rejected", "`10485760` (10 MiB)"),
    Setting("DIGEST_MAX_FEED_ENTRIES", 2000, _positive, "briefs",
            "entries read per feed; the rest is reported under `notices`"),
    Setting("DIGEST_MAX_TAGS", 8, _positive, "briefs",
            "most tags per brief (merged duplicates included)"),
    Setting("DIGEST_TAG_ALIASES", {}, _aliases, "briefs",
            "map of name → canonical name for tags and entities, e.g. `{\"Kiev\": \"Kyiv\"}`"),
    Setting("DIGEST_TAG_STOPLIST", [], _stoplist, "briefs",
            "names never used as tags (case-insensitive)"),
    Setting("DIGEST_MAX_RELATED", 5, _positive, "link",
            "most related briefs linked from a brief"),
    Setting("DIGEST_FALLBACK_DATE", "1970-01-01", _day, "link",
            "date of an undated brief when no other brief gives a better estimate"),
    Setting("DIGEST_WORKERS", 0, _workers, "briefs",
            "processes for the per-seed stages (parse, clean, enrich); 0 = one per core"),
    Setting("DIGEST_EXECUTOR", PROCESSES, check_executor, "briefs",
            "where the per-seed stages run: `\"processes\"` (this machine), `\"dask\"` (a Dask "
            "cluster on this machine) or a Dask scheduler address `\"tcp://host:8786\"` "
            "(workers sharing the seeds and cache paths); Dask is the `dask` extra, "
            "[docs/scaling.md](docs/scaling.md)"),
    Setting("DIGEST_CACHE_DIR", "cache/news-digest", _optional_path, "briefs",
            "cache of per-seed results, keyed by seed name and content, code and settings; "
            "`None` turns it off. Safe to delete; CI can restore it",
            "`cache/news-digest/` beside pelicanconf.py"),
    Setting("DIGEST_SOURCES", "sources.toml", _path, "fetch",
            "the feeds and pages `news-digest fetch` follows",
            "`sources.toml` beside pelicanconf.py", "sources_path"),
    Setting("DIGEST_FETCH_ALLOW_PRIVATE", False, _flag, "fetch",
            "let `news-digest fetch` follow entry links and redirects to loopback, private, "
            "link-local and cloud-metadata addresses (for intranet feeds; same as "
            "`fetch --allow-private`). A URL written in the sources file is always trusted "
            "as written"),
    Setting("DIGEST_SOURCE_MAX_FAILURES", 3, _positive, "fetch",
            "runs in a row a source may fail before `news-digest fetch` warns about it and "
            "`fetch --strict` exits 4 (its health: `news-digest sources list`)"),
    Setting("DIGEST_TRACKING_PARAMS", [], _tracking_params, "fetch",
            "more query parameters `news-digest fetch` removes from every URL it stores, "
            "beside its own list (`utm_*`, `fbclid`, `gclid`, `mc_cid` …, "
            "`news_digest.text.urls.TRACKING_PARAMS`); a name ending in `*` is a prefix"),
    Setting("DIGEST_SEARCH", True, _flag, "site",
            "build the Pagefind search index into `output/pagefind/` (a failure is a "
            "warning, the site stays complete), in shards cached under a hash of their "
            "briefs, so only shards whose briefs changed are indexed again"),
    Setting("DIGEST_SEARCH_SHARD_SIZE", 2500, _positive, "site",
            "most briefs in one search index shard: one Pagefind run per shard (its memory "
            "grows with the shard, not the digest); shards are cut by content, about a "
            "quarter of this on average, so a brief added re-indexes its own shard only; "
            "the search page merges the shards"),
    Setting("DIGEST_MAX_NAME_BYTES", 120, _name_bytes, "site",
            "longest slug the site uses in a file name, in UTF-8 bytes (40–200): a longer "
            "one (a tag, source or author) is cut at a word boundary and given a short "
            "hash, so no seed can make a file name the file system refuses"),
    Setting("DIGEST_ALERTS", {}, _alerts, "site",
            "saved searches: name -> query over entities, tags, sources, languages and words "
            "(`entity:\"ECB\" OR tag:Sumy AND lang:en`; syntax in docs/site.md); each gets a "
            "page (`alert/<name>.html`) and Atom, RSS and JSON feeds of exactly its briefs",
            shown_default="`{}`"),
    Setting("DIGEST_WINDOW_DAYS", None, _optional_days, "site",
            "keep the live site (home, editions, tags, sources, stories, alerts, feeds, "
            "search) to the briefs of the newest brief's day and the N-1 days before it "
            "(the newest real, not estimated, date; never the clock); older briefs keep "
            "their pages and are listed on the monthly archive pages "
            "(`archive/YYYY-MM.html`). `None`: no window", attr="window_days"),
)  # fmt: skip
DEFAULTS: dict[str, Any] = {setting.key: setting.default for setting in SCHEMA}


@dataclass(frozen=True)
class DigestSettings:
    """Everything the pipeline needs to know, resolved and checked (see SCHEMA)."""

    seeds_dir: Path  # absolute, like every path here
    archive_dir: Path  # where `news-digest archive` moves old seeds
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
    executor: str  # "processes", "dask" or a Dask scheduler address
    cache_dir: Path | None  # None: no cache
    sources_path: Path
    fetch_allow_private: bool
    source_max_failures: int
    tracking_params: tuple[str, ...]
    search: bool
    search_shard_size: int
    max_name_bytes: int
    alerts: tuple[tuple[str, str], ...]  # (name, query), by name
    window_days: int | None  # None: every brief is on the live site
    content_dir: Path  # Pelican's PATH

    @property
    def briefs_dir(self) -> Path:
        """Where the briefs are written: <Pelican PATH>/<DIGEST_BRIEFS_DIR>."""
        return self.content_dir / self.briefs_subdir

    @property
    def archive_briefs_subdir(self) -> str:
        """Where the briefs of archived seeds go (beside the live briefs)."""
        return f"{self.briefs_subdir}-archive"

    @property
    def archive_briefs_dir(self) -> Path:
        return self.content_dir / self.archive_briefs_subdir


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
    base = (base_dir or Path.cwd()).resolve()
    values: dict[str, Any] = {}
    for setting in SCHEMA:
        value = setting.check(setting.key, pelican_settings.get(setting.key, setting.default))
        if isinstance(value, Path) and not value.is_absolute():
            value = (base / value).resolve()
        values[setting.name] = value
    content = Path(str(pelican_settings.get("PATH", "content")))
    values["content_dir"] = content if content.is_absolute() else (base / content).resolve()
    return DigestSettings(**values)


def item_options(settings: DigestSettings) -> ItemOptions:
    """What the per-seed stages read (part of every per-seed cache key)."""
    return ItemOptions(
        max_seed_bytes=settings.max_seed_bytes,
        max_feed_entries=settings.max_feed_entries,
        tag_aliases=settings.tag_aliases,
        tag_stoplist=tuple(sorted(settings.tag_stoplist)),
        max_tags=settings.max_tags,
        tracking_params=settings.tracking_params,
    )


def entity_options(settings: DigestSettings) -> EntityOptions:
    return item_options(settings).entity_options()


def link_options(settings: DigestSettings) -> LinkOptions:
    return LinkOptions(
        max_related=settings.max_related,
        max_tags=settings.max_tags,
        fallback_date=settings.fallback_date,
    )


def build_options(settings: DigestSettings) -> BuildOptions:
    """Everything ``core.pipeline.build_briefs`` needs, from the settings."""
    return BuildOptions(
        seeds_dir=settings.seeds_dir,
        briefs_dir=settings.briefs_dir,
        briefs_subdir=settings.briefs_subdir,
        cache_dir=settings.cache_dir,
        workers=settings.workers,
        executor=settings.executor,
        items=item_options(settings),
        links=link_options(settings),
    )


def archive_build_options(settings: DigestSettings) -> BuildOptions:
    """The briefs of archived seeds: their own pipeline run (stories and related links
    among themselves only), into their own folder."""
    return replace(
        build_options(settings),
        seeds_dir=settings.archive_dir,
        briefs_dir=settings.archive_briefs_dir,
        briefs_subdir=settings.archive_briefs_subdir,
    )


def settings_table() -> str:
    """The README's settings table, made from SCHEMA."""
    rows = ["| setting | default | stage | meaning |", "|---|---|---|---|"]
    for s in SCHEMA:
        shown = s.shown_default or f"`{s.default!r}`".replace("'", '"')
        rows.append(f"| `{s.key}` | {shown} | {s.stage} | {s.doc} |")
    return "\n".join(rows)


if __name__ == "__main__":  # python -m news_digest.settings: print the README table
    print(settings_table())
