"""The frozen records passed from one pipeline stage to the next.

Every stage takes and returns these plain values, so each stage can be tested
alone with hand-made data and no Pelican.  Datetimes are tz-aware with the
offset the source stated (the publisher's local time, never converted to UTC, so
no date moves to another day; UTC when none was stated; core/dates.py); sequences
are tuples so records stay hashable and immutable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

SeedKind = Literal["text", "html", "feed"]
BlockKind = Literal["paragraph", "heading", "quote", "list-item"]


@dataclass(frozen=True)
class SeedFile:
    """One file found under the seeds folder (discover stage)."""

    path: Path  # absolute path on disk (read-only input)
    rel: str  # POSIX path relative to the seeds folder: the seed's stable name
    kind: SeedKind
    sha256: str
    size: int
    sidecar_sha256: str = ""  # hash of <seed>.meta.json written by `news-digest fetch`, if any


@dataclass(frozen=True)
class Hints:
    """Metadata a container gives about an article (feed entry, sidecar, page meta).

    The cleaner trusts these more than its own guesses.
    """

    title: str | None = None
    date: datetime | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    outlet: str | None = None
    language: str | None = None
    entry_id: str | None = None
    fetched: datetime | None = None  # when the fetcher saved the seed (its sidecar)


@dataclass(frozen=True)
class RawArticle:
    """One article to clean: a whole page, or one entry of a feed (parse stage)."""

    seed: str  # SeedFile.rel
    seed_sha256: str
    index: int  # entry number inside the seed; 0 for a page
    kind: Literal["text", "html", "feed-entry"]
    content: str  # decoded text dump, or HTML
    encoding: str  # what the bytes were decoded from, e.g. "utf-8", "cp1251"
    hints: Hints = field(default_factory=Hints)


@dataclass(frozen=True)
class BodyBlock:
    """One block of the cleaned article body. ``text`` is plain text, never markup."""

    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Decision:
    """Provenance: one block of the input and what the cleaner did with it, and why."""

    text: str
    kept: bool
    reason: str


@dataclass(frozen=True)
class Extraction:
    """What an extractor (text dump, HTML page, feed entry) recovered from one input."""

    method: str  # "text-dump", "html:agreement" (core/clean/agreement.py), "feed-entry", ...
    body: tuple[BodyBlock, ...]
    title: str | None = None
    title_source: str | None = None  # "header", "headline", "lead", "metadata", "feed", ...
    date: datetime | None = None
    date_source: str | None = None  # "header", "dateline", "metadata", "feed", "sidecar", ...
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    language: str | None = None
    url: str | None = None
    image: str | None = None
    tags: tuple[str, ...] = ()
    decisions: tuple[Decision, ...] = ()


@dataclass(frozen=True)
class CleanArticle:
    """A raw article after cleaning, with every field the later stages need."""

    seed: str
    seed_sha256: str
    index: int
    encoding: str
    extraction: Extraction
    notes: tuple[str, ...] = ()  # what the clean stage cut, for the build report


@dataclass(frozen=True)
class Entity:
    """A named thing mentioned in a brief, normalised to one canonical name."""

    name: str  # canonical, e.g. "Vladimir Putin"
    # other: events, works, nationalities; topic: a lower-case key phrase
    kind: Literal["person", "organisation", "place", "other", "topic"]
    mentions: int


@dataclass(frozen=True)
class Brief:
    """A clean article with the fields a reader sees (enrich stage)."""

    slug: str
    title: str
    title_source: str
    date: datetime | None
    date_source: str | None
    summary: str
    body: tuple[BodyBlock, ...]
    language: str
    authors: tuple[str, ...]
    outlet: str | None
    url: str | None
    image: str | None
    tags: tuple[str, ...]  # display tags, entities first, at most DIGEST_MAX_TAGS
    entities: tuple[Entity, ...]
    method: str
    seeds: tuple[str, ...]  # every seed this brief was made from (several after merging)
    encoding: str
    word_count: int
    removed_blocks: int  # how many input blocks the cleaner dropped (provenance)
    content_hash: str  # hash of the normalised body text, for duplicate detection
    terms: bytes = b""  # packed bag of content words for the link stage (terms.py)
    figures: tuple[str, ...] = ()  # numbers with units, for stories (text/figures.py)
    entry_id: str | None = None  # the feed entry it came from: versions of one are folded
    fetched: datetime | None = None  # when its seed was fetched (sidecar)
    updated: datetime | None = None  # a later version of the entry was folded in then
    changes: tuple[str, ...] = ()  # what that version changed, in words (core/versions.py)


@dataclass(frozen=True)
class RelatedLink:
    """A link from one brief to another, with the reason a reader is shown."""

    slug: str
    score: float
    shared: tuple[str, ...]  # shared entities / key terms, best first


@dataclass(frozen=True)
class LinkedBrief:
    """A brief placed in the corpus: its related briefs, story and merged duplicates."""

    brief: Brief
    related: tuple[RelatedLink, ...]
    story: str | None  # story id shared by the reports of one event, or None
    # Final date.  Where the brief had none (or an implausible one), an estimate: a
    # day at 00:00 in its offset, never another brief's time; date_source "estimated:..."
    date: datetime
    date_source: str


@dataclass(frozen=True)
class Notice:
    """Something a person should know about a seed that still gave briefs (e.g. it was cut)."""

    seed: str
    message: str


@dataclass(frozen=True)
class Rejection:
    """A seed (or one entry of it) that could not become a brief, and why."""

    seed: str
    reason: str
