"""Property tests: the cleaners never raise on any input, and never hang.

The cleaners' contract is to return an Extraction (possibly with an empty body)
for any string; "never hang" is checked by hypothesis' per-example deadline.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from news_digest.core.clean.html import clean_html_page, html_fragment_to_blocks
from news_digest.core.clean.text_dump import clean_text_dump
from news_digest.core.models import Extraction

FUZZ = settings(
    max_examples=150,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
LINES = st.sampled_from(
    [
        "date 2025-06-21 A headline",
        " date 2025-13-45 Broken date",
        "June 21, 2025, 9:01 a.m.",
        "By Jane Doe",
        "Agencies",
        "Home",
        "More on World",
        "Subscribe to our newsletter",
        "© 2025 Example",
        "",
        "The minister said on Monday that talks would resume next week in the capital.",
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "Title: injected",
        "\u202e\u200b\ufeff",
        "a" * 5000,
    ]
)
DUMPS = st.one_of(
    st.text(max_size=3000),
    st.lists(st.one_of(LINES, st.text(max_size=200)), max_size=60).map("\n".join),
)
TAGS = st.sampled_from(["p", "div", "h1", "h2", "li", "ul", "script", "style", "article", "nav"])
HTML = st.one_of(
    st.text(max_size=3000),
    st.recursive(
        st.text(max_size=80),
        lambda inner: st.tuples(TAGS, st.lists(inner, max_size=4)).map(
            lambda t: f"<{t[0]} onclick='x'>{''.join(t[1])}</{t[0]}>"
        ),
        max_leaves=40,
    ).map(lambda body: f"<html><head><title>T</title></head><body>{body}</body></html>"),
)


@FUZZ
@given(DUMPS)
def test_text_cleaner_never_raises(text: str) -> None:
    result = clean_text_dump(text)
    assert isinstance(result, Extraction)
    assert all(block.text.strip() for block in result.body)


@settings(FUZZ, max_examples=60)
@given(HTML)
def test_html_cleaner_never_raises(page: str) -> None:
    result = clean_html_page(page)
    assert isinstance(result, Extraction)
    assert all(block.text.strip() for block in result.body)


@FUZZ
@given(HTML)
def test_fragment_cleaner_never_raises(fragment: str) -> None:
    for block in html_fragment_to_blocks(fragment):
        assert block.text.strip()
