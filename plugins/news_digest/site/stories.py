"""Story pages and entity timelines, made from the briefs Pelican has read.

The link stage writes each brief's story id (``Story:``) and its entities with
mention counts (``Entities:``) into the brief's header.  This generator reads
them back from Pelican's articles, so it needs nothing but what is on disk:
a story page lists its reports earliest first with what each one adds, and has
its own Atom and RSS feeds; every tag page gets the entity's counts (mentions,
briefs, sources, first and last seen) for its timeline.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pelican.generators import Generator

from news_digest.core.dates import is_estimated
from news_digest.site.paths import setting
from news_digest.site.pelican_internals import raw_content
from news_digest.site.state import build_of
from news_digest.text.figures import figures
from news_digest.text.plain import html_to_text
from news_digest.text.sentences import split_sentences


def estimated(article: Any) -> bool:
    """Whether a Pelican article's date is an estimate (its Date_Source says so)."""
    return is_estimated(getattr(article, "date_source", None))


STORY_PREFIX = "story-"
ADDED_NAMES_SHOWN = 4


ADDED_FIGURES_SHOWN = 4
ADDED_QUOTES_SHOWN = 2
# A quotation: words between typographic or straight double quotes, 4 words or more.
_QUOTE = re.compile(r"[“\"]([^”\"]{12,300})[”\"]")


@dataclass
class Report:
    """One brief of a story and what it adds to the reports before it."""

    article: Any
    adds: tuple[str, ...]  # names no earlier report mentioned, most mentioned first
    figures: tuple[str, ...] = ()  # numbers (with units) no earlier report gave
    quotes: tuple[str, ...] = ()  # quotations no earlier report carried
    sentence: str = ""  # its first sentence no earlier report had, when it adds no name

    @property
    def adds_anything(self) -> bool:
        return bool(self.adds or self.figures or self.quotes or self.sentence)


@dataclass
class Story:
    slug: str
    title: str
    url: str
    save_as: str
    reports: list[Report]
    lead: Any = None  # the report whose headline the story takes (``representative``)

    @property
    def feed_title(self) -> str:
        return f"Story: {self.title}"  # the title is HTML-escaped; the feed writer unescapes

    @property
    def articles(self) -> list[Any]:
        return [r.article for r in self.reports]

    @property
    def sources(self) -> list[str]:
        return sorted({str(a.source) for a in self.articles if getattr(a, "source", "")})

    @property
    def first_date(self) -> datetime:
        return self.reports[0].article.date  # type: ignore[no-any-return]

    @property
    def last_date(self) -> datetime:
        return self.reports[-1].article.date  # type: ignore[no-any-return]


@dataclass
class EntityStats:
    """How often and where one tag (entity or topic) was mentioned, for its timeline."""

    kind: str = "tag"
    mentions: int = 0
    briefs: int = 0
    sources: Counter[str] = field(default_factory=Counter)
    first: datetime | None = None
    last: datetime | None = None

    @property
    def top_sources(self) -> list[tuple[str, int]]:
        return sorted(self.sources.items(), key=lambda item: (-item[1], item[0]))


def parse_entities(value: str) -> list[tuple[str, str, int]]:
    """``kind:name:mentions | ...`` (render.render_entities) -> [(kind, name, mentions)]."""
    entities = []
    for item in value.split(" | "):
        kind, _, rest = item.partition(":")
        name, _, mentions = rest.rpartition(":")
        if name and mentions.isdigit():
            entities.append((kind, name, int(mentions)))
    return entities


def group_stories(articles: list[Any], settings: dict[str, Any]) -> list[Story]:
    """Stories with two reports or more, newest story first; reports earliest first."""
    members: defaultdict[str, list[Any]] = defaultdict(list)
    for article in articles:
        story_id = getattr(article, "story", "")
        if story_id:
            members[story_id].append(article)
    stories = []
    for story_id, group in members.items():
        if len(group) < 2:
            continue
        group.sort(key=report_order)
        slug = story_id.removeprefix(STORY_PREFIX)
        lead = representative(group)
        stories.append(
            Story(
                slug=slug,
                title=lead.title,
                url=setting(settings, "STORY_URL").format(slug=slug),
                save_as=setting(settings, "STORY_SAVE_AS").format(slug=slug),
                reports=what_each_adds(group),
                lead=lead,
            )
        )
    return sorted(stories, key=lambda s: (-s.last_date.timestamp(), s.slug))


def report_order(article: Any) -> tuple[date, bool, datetime, str]:
    """Earliest first; an estimated date (a day, no time) after the real ones of its day."""
    guessed = estimated(article)
    return article.date.date(), guessed, article.date, str(article.slug)


# Headlines news-digest made from a lead sentence: a story takes a publisher's first.
MADE_UP_TITLES = frozenset({"lead", "first-line"})


def representative(group: list[Any]) -> Any:
    """The report whose headline tells the story best: a publisher's headline before one
    made from a lead, then the report sharing most names with the others, then the
    earliest."""
    names = [{n for _, n, _ in parse_entities(getattr(a, "entities", ""))} for a in group]

    def rank(k: int) -> tuple[bool, int, int]:
        own = getattr(group[k], "title_source", "") not in MADE_UP_TITLES
        shared = sum(len(names[k] & other) for j, other in enumerate(names) if j != k)
        return own, shared, -k

    return group[max(range(len(group)), key=rank)]


def what_each_adds(group: list[Any]) -> list[Report]:
    """Each report with the names, figures and quotations it is first to give (the
    first report adds none: it is where the story starts)."""
    seen_names: set[str] = set()
    seen_figures: set[str] = set()
    seen_quotes: set[str] = set()
    seen_sentences: set[str] = set()
    reports = []
    for position, article in enumerate(group):
        named = parse_entities(getattr(article, "entities", ""))
        ranked = sorted(named, key=lambda e: (-e[2], e[1]))
        text = html_to_text(raw_content(article))
        numbers = list(dict.fromkeys(figures(text)))
        quoted = list(dict.fromkeys(" ".join(q.split()) for q in _QUOTE.findall(text)))
        said = [" ".join(x.split()) for x in split_sentences(text)]
        if position:
            new_names = [n for kind, n, _ in ranked if kind != "topic" and n not in seen_names]
            new_figures = [f for f in numbers if f not in seen_figures]
            new_quotes = [q for q in quoted if q.casefold() not in seen_quotes]
            fresh = [x for x in said if _said(x) not in seen_sentences and len(x) <= 300]
            reports.append(
                Report(
                    article,
                    tuple(new_names[:ADDED_NAMES_SHOWN]),
                    tuple(new_figures[:ADDED_FIGURES_SHOWN]),
                    tuple(new_quotes[:ADDED_QUOTES_SHOWN]),
                    fresh[0] if fresh and not (new_names or new_quotes) else "",
                )
            )
        else:
            reports.append(Report(article, ()))
        seen_names.update(n for _, n, _ in named)
        seen_figures.update(numbers)
        seen_quotes.update(q.casefold() for q in quoted)
        seen_sentences.update(_said(x) for x in said)
    return reports


def _said(sentence: str) -> str:
    """A sentence as compared across reports: its words, case and punctuation aside."""
    return " ".join(re.findall(r"\w+", sentence.casefold()))


def entity_timelines(articles: list[Any]) -> dict[str, EntityStats]:
    """Tag name -> its counts over every brief that carries the tag."""
    stats: defaultdict[str, EntityStats] = defaultdict(EntityStats)
    for article in articles:
        named = {
            name: (kind, n) for kind, name, n in parse_entities(getattr(article, "entities", ""))
        }
        for tag in getattr(article, "tags", []):
            entry = stats[tag.name]
            kind, mentions = named.get(tag.name, ("tag", 1))
            entry.kind = kind if entry.kind == "tag" else entry.kind
            entry.mentions += mentions
            entry.briefs += 1
            entry.sources[str(getattr(article, "source", "") or "no named outlet")] += 1
            entry.first = min(filter(None, (entry.first, article.date)))
            entry.last = max(filter(None, (entry.last, article.date)))
    return dict(stats)


# The tags index groups tags by kind, in this order, each ranked by use.
TAG_KINDS = (
    ("person", "People"),
    ("organisation", "Organisations"),
    ("place", "Places"),
    ("other", "Events, works and nationalities"),
    ("topic", "Topics"),
    ("tag", "Publishers' tags"),
)


@dataclass
class TagGroup:
    """One kind's tags for the tags index: used more than once, and the one-offs."""

    key: str
    label: str
    common: list[tuple[Any, int]]  # (Tag, briefs), most used first
    once: list[tuple[Any, int]]  # tags on a single brief, folded away on the page

    @property
    def count(self) -> int:
        return len(self.common) + len(self.once)


def tag_groups(tags: Any, stats: dict[str, EntityStats]) -> list[TagGroup]:
    """Tags by kind (person, organisation, place, other, topic, publisher tag), each
    kind's most used first, ties by name; kinds without tags are left out."""
    by_kind: defaultdict[str, list[tuple[Any, int]]] = defaultdict(list)
    for tag, tagged in tags:
        kind = stats[tag.name].kind if tag.name in stats else "tag"
        by_kind[kind if kind in dict(TAG_KINDS) else "tag"].append((tag, len(tagged)))
    groups = []
    for key, label in TAG_KINDS:
        ranked = sorted(by_kind.get(key, []), key=lambda item: (-item[1], item[0].name.casefold()))
        if ranked:
            common = [item for item in ranked if item[1] > 1]
            once = [item for item in ranked if item[1] == 1]
            groups.append(TagGroup(key, label, common, once))
    return groups


def report_summary(settings: dict[str, Any]) -> dict[str, Any] | None:
    """What the about page shows of this build's report (no timings: pages stay stable)."""
    report = build_of(settings).report  # made by the briefs stage, which ran before us
    if report is None:
        return None
    return {
        "seeds": report.seeds_found,
        "briefs": len(report.briefs),
        "stories": len({lb.story for lb in report.briefs if lb.story}),
        "rejected": [(r.seed, r.reason) for r in report.rejected],
        "notices": [(n.seed, n.message) for n in report.notices],
    }


class StoryGenerator(Generator):  # type: ignore[misc]
    """Adds story pages, their feeds and the stories index; tag pages get entity counts."""

    def generate_context(self) -> None:
        articles = list(self.context.get("articles", []))
        stories = group_stories(articles, self.settings)
        for story in stories:
            for article in story.articles:
                article.story_page = story
        self.context["stories"] = stories
        self.context["entity_stats"] = stats = entity_timelines(articles)
        self.context["tag_groups"] = tag_groups(self.context.get("tags", []), stats)
        self.context["STORIES_URL"] = setting(self.settings, "STORIES_URL")
        self.context["digest_report"] = report_summary(self.settings)

    def generate_output(self, writer: Any) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        template = self.get_template("story")
        for story in self.context["stories"]:
            writer.write_file(
                story.save_as,
                template,
                self.context,
                relative_urls=relative,
                url=story.url,
                story=story,
            )
            newest_first = sorted(story.articles, key=lambda a: (a.date, a.slug), reverse=True)
            for key, kind in (("STORY_FEED_ATOM", "atom"), ("STORY_FEED_RSS", "rss")):
                path = setting(self.settings, key).format(slug=story.slug)
                writer.write_feed(
                    newest_first, self.context, path, feed_type=kind, feed_title=story.feed_title
                )
        writer.write_file(
            setting(self.settings, "STORIES_SAVE_AS"),
            self.get_template("stories"),
            self.context,
            relative_urls=relative,
            url=setting(self.settings, "STORIES_URL"),
        )
