"""sources.toml: the feeds and single pages `news-digest fetch` follows.

[[source]]
name = "Example News"                 # required, unique; its slug names the seeds folder
feed = "https://example.com/rss.xml"  # or: page = "https://example.com/one-article.html"
tags = ["Example"]                    # added to every brief from this source
language = "en"                       # when the pages do not say
include = ["(?i)climate"]             # keep entries whose title or URL matches one of these
exclude = ["/video/"]                 # drop entries whose title or URL matches one of these
max_items = 20                        # new entries fetched per run (default 50)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from news_digest.core.errors import ConfigError
from news_digest.text.slug import slugify

DEFAULT_MAX_ITEMS = 50
KNOWN_KEYS = {"name", "feed", "page", "tags", "language", "include", "exclude", "max_items"}


@dataclass(frozen=True)
class Source:
    name: str
    slug: str
    url: str
    is_feed: bool
    tags: tuple[str, ...] = ()
    language: str | None = None
    include: tuple[re.Pattern[str], ...] = ()
    exclude: tuple[re.Pattern[str], ...] = ()
    max_items: int = DEFAULT_MAX_ITEMS

    def wants(self, title: str, url: str) -> bool:
        """The include/exclude patterns, applied to the entry's title and URL."""
        text = f"{title}\n{url}"
        if self.include and not any(p.search(text) for p in self.include):
            return False
        return not any(p.search(text) for p in self.exclude)


def load_sources(path: Path) -> tuple[Source, ...]:
    """Read and check the sources file; any mistake is a ConfigError naming the source."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"sources file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"sources file {path}: {error}") from None
    return parse_sources(text, path)


def parse_sources(text: str, path: Path) -> tuple[Source, ...]:
    """The sources in ``text`` (the contents of ``path``), checked as load_sources does."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"sources file {path}: {error}") from None
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: 'source' must be an array of tables ([[source]])")
    sources = [_source(entry, number) for number, entry in enumerate(entries, 1)]
    slugs = [s.slug for s in sources]
    duplicates = sorted({s for s in slugs if slugs.count(s) > 1})
    if duplicates:
        raise ConfigError(f"{path}: two sources share the folder name {', '.join(duplicates)}")
    return tuple(sources)


def _source(entry: Any, number: int) -> Source:
    where = f"source #{number}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: must be a table")
    unknown = sorted(set(entry) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: needs a name")
    where = f"source {name!r}"
    if ("feed" in entry) == ("page" in entry):
        raise ConfigError(f"{where}: give exactly one of 'feed' or 'page'")
    url = entry.get("feed") or entry.get("page")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise ConfigError(f"{where}: the URL must start with http:// or https://")
    max_items = entry.get("max_items", DEFAULT_MAX_ITEMS)
    if not isinstance(max_items, int) or isinstance(max_items, bool) or max_items < 1:
        raise ConfigError(f"{where}: max_items must be a positive integer")
    return Source(
        name=name.strip(),
        slug=slugify(name) or f"source-{number}",
        url=url,
        is_feed="feed" in entry,
        tags=_strings(entry.get("tags", []), where, "tags"),
        language=entry.get("language") if isinstance(entry.get("language"), str) else None,
        include=_patterns(entry.get("include", []), where, "include"),
        exclude=_patterns(entry.get("exclude", []), where, "exclude"),
        max_items=max_items,
    )


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _patterns(value: Any, where: str, key: str) -> tuple[re.Pattern[str], ...]:
    patterns = []
    for text in _strings(value, where, key):
        try:
            patterns.append(re.compile(text))
        except re.error as error:
            raise ConfigError(f"{where}: {key} pattern {text!r}: {error}") from None
    return tuple(patterns)
