"""The HTML path: main content as plain-text blocks, metadata from the page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import FIXTURES
from news_digest.core.clean.html import clean_html_page, html_fragment_to_blocks
from news_digest.core.models import Hints

ARTICLE = (FIXTURES / "html" / "article.html").read_text(encoding="utf-8")


def test_article_body_without_navigation_or_footer() -> None:
    result = clean_html_page(ARTICLE)
    texts = [block.text for block in result.body]
    assert texts[0].startswith("For the first time in forty years")
    assert texts[-1].startswith("The trust plans to open the cottages")
    joined = " ".join(texts)
    for junk in ("Home", "Most read", "Harbour fees", "Subscribe", "All rights reserved"):
        assert junk not in joined
    assert ("heading", "A light that never went out") in [(b.kind, b.text) for b in result.body]


def test_metadata_comes_from_the_page() -> None:
    result = clean_html_page(ARTICLE)
    assert result.title == "Lighthouse keepers return to Gull Point"
    assert result.date == datetime(2025, 5, 12, 6, 30, tzinfo=UTC)  # the published time
    assert result.date_source == "metadata"
    assert result.authors == ("Ruth Oakes",)
    assert result.outlet == "Coastline Weekly"
    assert result.language == "en"
    assert result.url == "https://coastline.example/news/lighthouse-keepers"
    assert result.image == "https://coastline.example/img/lighthouse.jpg"
    assert result.method == "html:agreement"


def test_dropped_blocks_are_recorded_for_explain() -> None:
    dropped = [d.text for d in clean_html_page(ARTICLE).decisions if not d.kept]
    assert "Harbour fees to rise next year" in dropped


def test_hints_win_over_the_page() -> None:
    hints = Hints(title="Feed title", url="https://feed.example/x", tags=("Coast",))
    result = clean_html_page(ARTICLE, hints=hints)
    assert (result.title, result.url) == ("Feed title", "https://feed.example/x")
    assert result.tags[0] == "Coast"


def test_hostile_markup_leaves_only_text() -> None:
    page = ARTICLE.replace(
        "<p>The two keepers",
        '<script>alert(1)</script><p onclick="alert(2)">The two keepers',
    ).replace("</article>", '<iframe src="https://evil.example"></iframe></article>')
    joined = " ".join(block.text for block in clean_html_page(page).body)
    assert "alert" not in joined and "evil.example" not in joined


@pytest.mark.parametrize("page", ["", "   ", "<html></html>", "not html at all", "<<<>>>"])
def test_pages_without_an_article_give_an_empty_body(page: str) -> None:
    assert clean_html_page(page).body == ()


def test_feed_fragment_to_blocks() -> None:
    fragment = (
        "<p>First paragraph of the entry.</p><script>alert(1)</script>"
        "<h2>Sub</h2><ul><li>one</li><li>two</li></ul><style>p{}</style>"
        "<blockquote>A quote.</blockquote><iframe src='x'>frame text</iframe>"
    )
    blocks = [(b.kind, b.text) for b in html_fragment_to_blocks(fragment)]
    assert blocks == [
        ("paragraph", "First paragraph of the entry."),
        ("heading", "Sub"),
        ("list-item", "one"),
        ("list-item", "two"),
        ("quote", "A quote."),
    ]


def test_plain_text_fragment_becomes_paragraphs() -> None:
    blocks = html_fragment_to_blocks("First part.\n\nSecond part.")
    assert [b.text for b in blocks] == ["First part.", "Second part."]


# Page kinds seen on sites the extractor had never met (fixtures written for these tests).
_PROSE = (
    "The council voted on Tuesday evening to keep the harbour library open for another"
    " five years, after a campaign by readers who filled the hall for the meeting."
)


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def _paragraphs(count: int, stem: str) -> str:
    return "".join(
        f"<p>{stem} {n}: {_PROSE} Volunteers said paragraph {n} of the story matters.</p>"
        for n in range(count)
    )


def test_a_blog_like_page_keeps_every_paragraph() -> None:
    """Paragraphs in plain <div>s around <p>s: the precision pass alone drops some."""
    chunks = "".join(
        f"<div class='entry-chunk'><p>Section {n}. {_PROSE}</p></div><div>Step {n} of the"
        f" walk takes the path past the old mill and down to the shore, {_PROSE}</div>"
        for n in range(6)
    )
    nav = "<ul>" + "".join(f"<li><a href='/c{n}'>Category {n}</a></li>" for n in range(8)) + "</ul>"
    body = clean_html_page(_page("<title>A walk</title>", nav + f"<article>{chunks}</article>"))
    joined = " ".join(block.text for block in body.body)
    for n in range(6):
        assert f"Section {n}." in joined
    assert "Category 3" not in joined


def test_a_teaser_above_the_article_does_not_stand_in_for_it() -> None:
    teaser = "<div class='teaser'><p>In short: the library stays open.</p></div>"
    article = f"<article><h1>Library saved</h1>{_paragraphs(8, 'Part')}</article>"
    related = "<aside><h3>Related</h3><a href='/x'>Pool closes</a></aside>"
    result = clean_html_page(_page("<title>Library saved</title>", teaser + article + related))
    words = sum(len(block.text.split()) for block in result.body)
    assert words >= 8 * 30
    assert "Pool closes" not in " ".join(block.text for block in result.body)


def test_og_title_loses_the_site_name() -> None:
    for title in (
        "Library saved by readers | Harbour Post",
        "Library saved by readers - Harbour Post",
    ):
        head = (
            f'<meta property="og:title" content="{title}">'
            '<meta property="og:site_name" content="Harbour Post">'
        )
        result = clean_html_page(_page(head, f"<article>{_paragraphs(4, 'Part')}</article>"))
        assert result.title == "Library saved by readers"


def test_a_title_with_a_dash_inside_keeps_it() -> None:
    head = '<meta property="og:title" content="Library saved - for now">'
    result = clean_html_page(_page(head, f"<article>{_paragraphs(4, 'Part')}</article>"))
    assert result.title == "Library saved - for now"


def test_json_ld_placeholder_date_is_not_the_publication_date() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "0001-01-01T00:00:00", "headline": "Library saved"}</script>'
        '<meta property="article:published_time" content="2024-03-09T10:00:00+00:00">'
    )
    result = clean_html_page(_page(head, f"<article>{_paragraphs(4, 'Part')}</article>"))
    assert result.date is not None and result.date.year >= 1990
    assert result.date.date().isoformat() == "2024-03-09"


def test_a_date_near_midnight_keeps_its_local_day_and_offset() -> None:
    head = '<meta property="article:published_time" content="2024-03-10T00:30:00+01:00">'
    result = clean_html_page(_page(head, f"<article>{_paragraphs(4, 'Part')}</article>"))
    assert result.date is not None
    assert result.date.isoformat() == "2024-03-10T00:30:00+01:00"  # not 2024-03-09 UTC
