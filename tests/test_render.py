"""render stage: seed text is shown, never interpreted; the header is Pelican's."""

from __future__ import annotations

from datetime import UTC, datetime

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from news_digest.core.models import BodyBlock, Brief, LinkedBrief, RelatedLink
from news_digest.core.render import brief_path, escape_markdown, render


def make_brief(slug: str = "a-brief", title: str = "A brief", **changes: object) -> Brief:
    fields: dict[str, object] = dict(
        slug=slug,
        title=title,
        title_source="header",
        date=datetime(2025, 6, 21, 9, 1, tzinfo=UTC),
        date_source="dateline",
        summary="The lead sentence.",
        body=(BodyBlock("paragraph", "The lead sentence."),),
        language="en",
        authors=("Agencies",),
        outlet=None,
        url=None,
        image=None,
        tags=("Vladimir Putin", "Russia"),
        entities=(),
        method="text-dump",
        seeds=("x.txt",),
        encoding="utf-8",
        word_count=3,
        removed_blocks=2,
        content_hash="0" * 64,
    )
    fields.update(changes)
    return Brief(**fields)  # type: ignore[arg-type]


def make_linked(brief: Brief, related: tuple[RelatedLink, ...] = ()) -> LinkedBrief:
    assert brief.date is not None
    return LinkedBrief(brief, related, None, brief.date, brief.date_source or "")


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](data:text/html;base64,AAAA)",
    "<https://example.org>",
    "{filename}/other.md and {{ config }} and {% raw %}",
    "# not a heading",
    "> not a quote",
    "- not a list",
    "1. not a list",
    "*not emphasis* _nor this_ `nor code`",
    "Title: not metadata",
    ":   not a definition",
    "&amp; stays &amp; and & stays &",
    "__init__ and *a*b* and **strong** and `a` b `c`",
    "C:\\Users\\x and \\* and a\\_b",
    "[id]: http://evil.example/ and [x] [y] and [a](b)",
    "text {: .class #id onclick=alert(1)}",
    "---",
    "+ plus",
    "2025. A year",
    "<!-- hidden --> <http://x.example> <a@b.example>",
    "<<@1> and <<b>>",
    "&#1 and &#x41 and Barnes&noble and Q&notice and &copy 2025 and &alpha; and AT&T",
]
PLAIN = [
    "The U.S. economy grew 2.5% in Q3 (est.), AT&T said: prices rose 3-4 percent!",
    "A snake_case_name, a lone * star, x < y and y > z, C:/path, 50% off, [sic] and (1)",
    "-5 degrees at 1) the summit; #1 seed; 12.5 km",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_exactly_the_text(text: str) -> None:
    html = markdown.markdown(escape_markdown(text), extensions=["extra"])
    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html.removeprefix("<p>").removesuffix("</p>")
    import html as html_lib

    assert html_lib.unescape(inner) == " ".join(text.split())
    assert "<script" not in inner and "<a " not in inner and "<img" not in inner


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab _*`[](){}<>&#;:.!+-=|\\/1 x@notlg"), max_size=40))
def test_any_line_renders_as_exactly_itself(text: str) -> None:
    html = markdown.markdown(escape_markdown(text), extensions=["extra"])
    expected = " ".join(text.split())
    if not expected:
        return
    assert html.startswith("<p>") and html.endswith("</p>"), html
    import html as html_lib

    assert html_lib.unescape(html.removeprefix("<p>").removesuffix("</p>")) == expected


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_needs_no_escapes(text: str) -> None:
    """The JSON body and the briefs carry no escapes a reader would have to undo."""
    assert escape_markdown(text) == text


def test_header_then_body_then_related_links() -> None:
    other = make_linked(make_brief("other", "Other & <b>bold</b>"))
    linked = make_linked(make_brief(), (RelatedLink("other", 0.5, ("Russia",)),))
    text = render(linked, {"other": other}, "briefs", "seeds/")
    header, _, rest = text.partition("\n\n")
    assert "Title: A brief" in header
    assert "Date: 2025-06-21 09:01:00+00:00" in header
    assert "Seed: seeds/x.txt" in header
    assert "Tags: Vladimir Putin, Russia" in header
    assert rest.startswith("The lead sentence.")
    assert "- [Other & &lt;b>bold&lt;/b>]({filename}/briefs/2025/other.md)" in rest
    assert "shares: Russia" in rest


def test_a_title_with_brackets_stays_inside_its_link() -> None:
    other = make_linked(make_brief("other", "Ends ] early [or] not"))
    linked = make_linked(make_brief(), (RelatedLink("other", 0.5, ()),))
    html = markdown.markdown(render(linked, {"other": other}, "briefs").split("\n\n", 1)[1])
    assert '<a href="{filename}/briefs/2025/other.md">Ends ] early [or] not</a>' in html


def test_title_is_html_escaped_and_on_one_line() -> None:
    text = render(make_linked(make_brief(title='Bad "title"\n<script>')), {}, "briefs")
    assert "Title: Bad &quot;title&quot; &lt;script&gt;\n" in text


def test_empty_fields_are_left_out() -> None:
    text = render(make_linked(make_brief()), {}, "briefs")
    assert "Source_Url:" not in text and "Image:" not in text and "Story:" not in text


def test_brief_path_is_year_and_slug() -> None:
    assert brief_path(make_linked(make_brief())) == "2025/a-brief.md"


def test_a_body_starting_like_metadata_is_not_metadata() -> None:
    from news_digest.core.render import render_body

    body = render_body((BodyBlock("paragraph", "Status: draft and more"),))
    assert body == "Status&#58; draft and more"
    meta = markdown.Markdown(extensions=["meta"])
    assert meta.convert(body) == "<p>Status&#58; draft and more</p>"  # the browser shows ":"
    assert meta.Meta == {}  # type: ignore[attr-defined]
