"""Story pages with their feeds, and tag pages as entity timelines, in a built site."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from conftest import BuildResult
from news_digest.site.stories import parse_entities, what_each_adds

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers

FIRST = (
    "date 2025-03-01 Riverton council approves the Alder bridge\n\n"
    "The city council of Riverton approved a new bridge over the Alder river on Tuesday. "
    "The bridge will connect the old town with the harbour district. Mayor Anna Berg said "
    "the bridge project would cost forty million euros and take three years to build.\n"
)
SECOND = (
    "date 2025-03-02 Riverton gets its Alder bridge after council vote\n\n"
    "Riverton will get its long awaited bridge over the Alder river, after councillors voted "
    "in favour on Tuesday. Mayor Anna Berg welcomed the decision and said the bridge "
    "would open in three years, linking the harbour district to the old town. "
    "Engineer Piet Smit of Delta Works will lead the construction of the Alder bridge.\n"
)
OTHER = (
    "date 2025-03-02 Westvale flower show returns in May\n\n"
    "Gardeners in Westvale are preparing for the annual flower show, which returns to the "
    "botanical garden in May with more than two hundred exhibitors from across the region.\n"
)


@pytest.fixture
def story_site(seeds_dir: Path, build_site: Callable[..., BuildResult]) -> BuildResult:
    for name, text in (("first.txt", FIRST), ("second.txt", SECOND), ("other.txt", OTHER)):
        (seeds_dir / name).write_text(text, encoding="utf-8")
    return build_site(seeds_dir)


def test_reports_of_one_event_get_a_story_page_earliest_first(story_site: BuildResult) -> None:
    _, report, _, output = story_site
    stories = {b["story"] for b in report["briefs"] if b["story"]}
    assert len(stories) == 1
    (page,) = (output / "story").glob("*.html")
    html = page.read_text(encoding="utf-8")
    first, second = html.index("Riverton council approves"), html.index("Riverton gets its")
    assert first < second  # earliest first
    assert "First report." in html
    assert re.search(r"Adds: [^<]*Piet Smit", html)
    assert "Westvale" not in html
    stories_index = (output / "stories.html").read_text(encoding="utf-8")
    assert page.name in stories_index


def test_story_feeds_carry_each_report_once_and_pages_link_the_story(
    story_site: BuildResult,
) -> None:
    _, report, _, output = story_site
    (page,) = (output / "story").glob("*.html")
    for suffix in ("atom", "rss"):
        feed = feedparser.parse(
            (output / "feeds" / "story" / f"{page.stem}.{suffix}.xml").read_bytes()
        )
        assert feed.bozo == 0
        assert sorted(e.title for e in feed.entries) == [
            "Riverton council approves the Alder bridge",
            "Riverton gets its Alder bridge after council vote",
        ]
    member = next(b for b in report["briefs"] if b["story"])
    brief_html = (output / member["path"].replace(".md", ".html")).read_text(encoding="utf-8")
    assert f"story/{page.name}" in brief_html
    assert f"feeds/story/{page.stem}.atom.xml" in page.read_text(encoding="utf-8")


def test_tag_pages_are_entity_timelines_with_counts_and_sources(story_site: BuildResult) -> None:
    _, _, _, output = story_site
    html = (output / "tag" / "anna-berg.html").read_text(encoding="utf-8")
    assert re.search(r"Mentioned \d+ times in 2 briefs", html)
    assert "Where:" in html
    assert "feeds/tag/anna-berg.atom.xml" in html
    timeline = html[html.index("Timeline, newest first") :]
    assert timeline.index("2 March 2025") < timeline.index("1 March 2025")  # newest day first


def test_entities_header_round_trips_and_additions_are_new_names_only() -> None:
    assert parse_entities("person:Anna Berg:3 | place:Riverton:2 | bad") == [
        ("person", "Anna Berg", 3),
        ("place", "Riverton", 2),
    ]

    class Article:
        def __init__(self, entities: str, text: str) -> None:
            self.entities = entities
            self._content = f"<p>{text}</p>"

    reports = what_each_adds(
        [
            Article("person:Anna Berg:3", 'The bridge costs 40 million euros, "a fair price".'),
            Article(
                "person:Anna Berg:1 | person:Piet Smit:2",
                'It costs 40 million; 3,000 residents will use it, "a fair price", and '
                "Piet Smit said: “We start in spring next year.”",
            ),
        ]
    )
    assert [r.adds for r in reports] == [(), ("Piet Smit",)]
    assert reports[1].figures == ("3000",)  # 40 million was in the first report
    assert reports[1].quotes == ("We start in spring next year.",)


def test_the_tags_index_groups_tags_by_kind_most_used_first(story_site: BuildResult) -> None:
    page = (story_site[3] / "tags.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="kind-(\w+)">', page)
    order = ["person", "organisation", "place", "other", "topic", "tag"]
    assert headings and headings == [k for k in order if k in headings]
    sections = dict(re.findall(r'<h2 id="kind-(\w+)">(.*?)</section>', page, re.DOTALL))
    anna = next(kind for kind, html in sections.items() if "Anna Berg" in html)
    assert anna == "person"
    used = re.findall(r">([^<]+)</a> <span class=\"count\">\((\d+)\)", sections[anna])
    counts = [int(n) for _, n in used]
    assert counts == sorted(counts, reverse=True)
    # a tag on one brief only sits in the folded list of its kind
    once = [html.split("<details", 1)[1] for html in sections.values() if "<details" in html]
    assert once and all("named in one brief only" in part for part in once)


def test_a_story_takes_a_publishers_headline_over_one_made_from_a_lead() -> None:
    from news_digest.site.stories import representative

    class Article:
        def __init__(self, title: str, source: str, entities: str) -> None:
            self.title, self.title_source, self.entities = title, source, entities

    made = Article(
        "Mayor Anna Berg said the bridge…", "lead", "person:Anna Berg:2 | place:Riverton:1"
    )
    own = Article("Riverton approves bridge", "header", "person:Anna Berg:1")
    other = Article("Bridge vote", "header", "place:Riverton:1")
    assert representative([made, own, other]) is own


def test_tag_page_span_of_one_day_is_said_once(story_site: BuildResult) -> None:
    _, _, _, output = story_site
    ledes = [
        re.search(r'<p class="lede">Mentioned.*?</p>', page.read_text(encoding="utf-8"), re.S)
        for page in sorted((output / "tag").glob("*.html"))
    ]
    spans = [lede.group(0) for lede in ledes if lede]
    assert any(re.search(r"\son <time", span) for span in spans)  # a name seen on one day only
    for span in spans:
        days = re.findall(r"<time datetime=\"([0-9-]{10})", span)
        assert len(days) == 1 or days[0] != days[1], span  # never "from 1 May to 1 May"
