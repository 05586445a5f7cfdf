"""The front page and the day editions: stories ranked by coverage, each shown once.

Every brief belongs to one *item*: the story it is a report of (a story page, two
reports or more) or itself alone.  An item is ranked by coverage: distinct outlets,
then reports, then its newest real date (an item whose dates are all estimated comes
after every dated one), then its key, so the order never depends on the clock.  An
item's headline and summary come from its lead report (the story's representative
brief); the other reports are listed by outlet ("also: ..."), each linked; its tags
are at most ``TAGS_SHOWN``, the ones most of its reports carry first.

An *edition* is a day: the items with a report dated that day (the publisher's
local date, estimated dates included and marked).  The home page is the newest
edition.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from itertools import pairwise
from typing import Any

from news_digest.site.stories import Story, estimated, report_order

TAGS_SHOWN = 3  # tags on a front-page card
ALSO_SHOWN = 3  # other reports named on a card before "(+N)"
UNATTRIBUTED = "Unattributed"
NO_OUTLET = "a report with no named outlet"  # what a card calls such a report


def outlet(article: Any) -> str:
    return str(getattr(article, "source", "") or "") or UNATTRIBUTED


@dataclass
class Also:
    """Another report of an item, as the card names it."""

    label: str  # the outlet, or NO_OUTLET
    article: Any


@dataclass
class Item:
    """One story (or one brief alone) as the front page and editions show it; never
    changed once made, so its derived lists are computed once (each card asks often)."""

    key: str  # the story id, else the brief's slug
    articles: list[Any]  # its reports, earliest first (estimated dates after real ones)
    lead: Any  # the report whose headline and summary the card shows
    story: Story | None = None  # its story page, when it has one
    tags: list[Any] = field(default_factory=list)

    @cached_property
    def outlets(self) -> list[str]:
        """Distinct outlets, in the order their first report came (unattributed aside)."""
        named = [outlet(a) for a in self.articles if outlet(a) != UNATTRIBUTED]
        return list(dict.fromkeys(named))

    @cached_property
    def also(self) -> list[Also]:
        return [
            Also(NO_OUTLET if outlet(a) == UNATTRIBUTED else outlet(a), a)
            for a in self.articles
            if a is not self.lead
        ]

    @property
    def also_shown(self) -> list[Also]:
        return self.also[:ALSO_SHOWN]

    @property
    def also_more(self) -> int:
        return max(0, len(self.also) - ALSO_SHOWN)

    @cached_property
    def dated(self) -> list[datetime]:
        """The real (not estimated) dates of its reports, earliest first."""
        return sorted(a.date for a in self.articles if not estimated(a))

    @property
    def all_estimated(self) -> bool:
        return not self.dated

    @property
    def first_date(self) -> datetime:
        return (self.dated or [a.date for a in self.articles])[0]

    @property
    def last_date(self) -> datetime:
        return (self.dated or [a.date for a in self.articles])[-1]

    @property
    def spans_days(self) -> bool:
        return self.first_date.date() != self.last_date.date()

    @property
    def span_label(self) -> str:
        """``11 September 2025``, ``10–11 September 2025``, ``30 August–2 September 2025``."""
        first, last = self.first_date.date(), self.last_date.date()
        if first == last:
            return f"{first.day} {first:%B %Y}"
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{last.day} {last:%B %Y}"
        if first.year == last.year:
            return f"{first.day} {first:%B}–{last.day} {last:%B %Y}"
        return f"{first.day} {first:%B %Y}–{last.day} {last:%B %Y}"

    @property
    def is_story(self) -> bool:
        return self.story is not None

    def rank(self) -> tuple[int, int, bool, float, str]:
        return (
            -len(self.outlets),
            -len(self.articles),
            self.all_estimated,
            -self.last_date.timestamp(),
            self.key,
        )


def salient_tags(articles: list[Any], lead: Any, limit: int = TAGS_SHOWN) -> list[Any]:
    """The tags most of the reports carry; ties by the lead's own order (its tags come
    most salient first), then by the best place any report gives the tag."""
    reports: defaultdict[str, int] = defaultdict(int)
    best: dict[str, int] = {}
    tags: dict[str, Any] = {}
    lead_order = {t.name: k for k, t in enumerate(getattr(lead, "tags", None) or [])}
    for article in articles:
        for position, tag in enumerate(getattr(article, "tags", None) or []):
            reports[tag.name] += 1
            best[tag.name] = min(best.get(tag.name, position), position)
            tags.setdefault(tag.name, tag)
    order = sorted(
        tags,
        key=lambda n: (-reports[n], lead_order.get(n, len(lead_order) + best[n]), n.casefold()),
    )
    return [tags[name] for name in order[:limit]]


def make_items(articles: list[Any], stories: list[Story]) -> list[Item]:
    """Every brief in exactly one item, the items ranked by coverage."""
    items: list[Item] = []
    in_story: set[int] = set()
    for story in stories:
        reports = sorted(story.articles, key=report_order)
        lead = story.lead if story.lead is not None else reports[0]
        if estimated(lead) and not estimated(reports[0]):
            lead = reports[0]  # a dated report leads before one whose date is a guess
        items.append(Item(story.slug, reports, lead, story, salient_tags(reports, lead)))
        in_story.update(id(a) for a in reports)
    for article in articles:
        if id(article) not in in_story:
            items.append(
                Item(str(article.slug), [article], article, None, salient_tags([article], article))
            )
    return sorted(items, key=Item.rank)


@dataclass
class Edition:
    """One day's items, ranked; stories first, then briefs alone."""

    day: date
    items: list[Item]
    url: str
    save_as: str
    newer: Edition | None = None
    older: Edition | None = None

    @cached_property
    def stories(self) -> list[Item]:
        return [item for item in self.items if item.is_story]

    @cached_property
    def singles(self) -> list[Item]:
        return [item for item in self.items if not item.is_story]

    @property
    def briefs(self) -> int:
        return len(
            {id(a) for item in self.items for a in item.articles if a.date.date() == self.day}
        )

    @property
    def label(self) -> str:
        return f"{self.day.day} {self.day:%B %Y}"


def make_editions(items: list[Item], url: str, save_as: str) -> list[Edition]:
    """One edition per day with a report, newest first, linked newer/older."""
    by_day: defaultdict[date, list[Item]] = defaultdict(list)
    for item in items:  # already ranked: each day's list keeps the ranking
        for day in sorted({a.date.date() for a in item.articles}):
            by_day[day].append(item)
    editions = [
        Edition(
            day, by_day[day], url.format(date=day.isoformat()), save_as.format(date=day.isoformat())
        )
        for day in sorted(by_day, reverse=True)
    ]
    for newer, older in pairwise(editions):
        newer.older, older.newer = older, newer
    return editions
