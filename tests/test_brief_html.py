"""A brief is converted once: the HTML the workers and the header check make is exactly
what Pelican's Markdown reader makes of the whole brief file."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from news_digest.core.models import BodyBlock, RelatedLink
from news_digest.core.render import (
    _plain_body_html,
    body_html,
    content_html,
    markdown_config,
    markdown_html,
    related_links,
    render,
    render_body,
)
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG
from test_render import HOSTILE, PLAIN, make_brief, make_linked

KINDS = ("paragraph", "heading", "quote", "list-item")
TEXTS = [*HOSTILE, *PLAIN, "Plain words", "Status: draft", "x" * 5, "“Quoted” — it said"]


def pelican_markdown() -> dict[str, Any]:
    """Pelican's default MARKDOWN setting, set up in full as its reader does."""
    pelican_settings = copy.deepcopy(DEFAULT_CONFIG)
    MarkdownReader(pelican_settings)
    return pelican_settings["MARKDOWN"]  # type: ignore[no-any-return]


MARKDOWN = pelican_markdown()
CONFIG = markdown_config(MARKDOWN, markdown.__version__)


def whole_file_html(text: str) -> str:
    """What Pelican's Markdown reader makes of a brief file's text."""
    return str(markdown.Markdown(**MARKDOWN).convert(text))


def prepared_html(body: tuple[BodyBlock, ...], titles: list[str], shared: list[str]) -> None:
    """The brief's HTML made in parts (the workers' body, the related section) equals
    the whole file's conversion."""
    targets = [
        make_linked(make_brief(slug=f"target-{k}", title=title)) for k, title in enumerate(titles)
    ]
    by_slug = {t.brief.slug: t for t in targets}
    related = tuple(
        RelatedLink(t.brief.slug, 0.5, tuple(n for n in (shared[k % len(shared)],) if n))
        for k, t in enumerate(targets)
    )
    linked = make_linked(make_brief(body=body), related)
    by_slug[linked.brief.slug] = linked
    links = related_links(linked, by_slug, "briefs")
    text = render(linked, by_slug, "briefs", links=links)
    assert content_html(body_html(body, CONFIG), links, CONFIG) == whole_file_html(text)


def test_the_default_setup_is_one_the_workers_convert_with() -> None:
    assert CONFIG
    assert markdown_config({**MARKDOWN, "extensions": ["toc"]}, "3") == ""  # ids span blocks
    assert markdown_config({**MARKDOWN, "extensions": [object()]}, "3") == ""


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_and_plain_bodies_titles_and_names(kind: str) -> None:
    body = tuple(BodyBlock(kind, text) for text in TEXTS)  # type: ignore[arg-type]
    prepared_html(body, TEXTS, TEXTS)
    prepared_html(body, ["A plain title", "Another one"], ["Russia, Ukraine"])
    prepared_html((BodyBlock("paragraph", "Alone."),), [], [""])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(KINDS),
            st.text(
                alphabet=st.sampled_from("ab _*`[](){}<>&#;:.!+-=|\\/1 x@notlg~\"'"), min_size=1
            ),
        ),
        min_size=1,
        max_size=5,
    ),
    st.lists(
        st.text(alphabet=st.sampled_from("ab _*`[](){}<>&#;:.!\\1 x\"'"), min_size=1), max_size=4
    ),
    st.lists(st.text(alphabet=st.sampled_from("ab _*`[]<>&#;:.!\\1 x,"), max_size=20), min_size=1),
)
def test_any_brief_converts_in_parts_as_a_whole(
    blocks: list[tuple[str, str]], titles: list[str], shared: list[str]
) -> None:
    body = tuple(BodyBlock(kind, text) for kind, text in blocks)  # type: ignore[arg-type]
    prepared_html(body, titles, shared)


PLAIN_ALPHABET = "ab AZ09.,;:!?'\"()-+/@$%^—“”©é\u00a0ß#~=|&<_"
PLAIN_PIECES = ["Status:", "1.", "- ", "> ", "  ", "http://x.y", "U.S.", "...", "x: ", "## "]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(KINDS),
            st.lists(st.sampled_from([*PLAIN_ALPHABET, *PLAIN_PIECES]), max_size=12).map("".join),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_plain_bodies_are_written_as_markdown_makes_them(blocks: list[tuple[str, str]]) -> None:
    """The body HTML written without Markdown (plain blocks only) is Markdown's."""
    body = tuple(BodyBlock(kind, text) for kind, text in blocks)  # type: ignore[arg-type]
    plain = _plain_body_html(body)
    if plain is not None:
        assert plain == markdown_html(render_body(body), CONFIG)


def test_runs_of_quotes_and_list_items_are_one_element() -> None:
    body = tuple(
        BodyBlock(kind, text)  # type: ignore[arg-type]
        for kind, text in [
            ("paragraph", "Status: it said"),
            ("quote", "One"),
            ("quote", "Two"),
            ("list-item", "a"),
            ("list-item", "b"),
            ("heading", "Then"),
            ("list-item", "c"),
        ]
    )
    assert _plain_body_html(body) is None  # the first line would be a header: Markdown's
    plain = _plain_body_html(body[1:])
    assert plain is not None and plain.count("<blockquote>") == plain.count("<ul>") - 1 == 1
    assert plain == markdown_html(render_body(body[1:]), CONFIG)
    assert _plain_body_html((BodyBlock("paragraph", "A & B"),)) is None


@pytest.mark.site
def test_a_build_converts_no_brief_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pelican's reader converts no brief the plugin wrote (hand-written pages it does);
    the site is byte-identical to one read by Pelican alone
    (tests/test_pelican_internals.py)."""
    from site_checks import build_showcase

    converted: list[str] = []
    convert = markdown.Markdown.convert

    def counting(self: markdown.Markdown, source: str) -> str:
        converted.append(source)
        return str(convert(self, source))

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    build_showcase(tmp_path)
    briefs = [text for text in converted if "\nSeed: seeds/" in text.split("\n\n", 1)[0]]
    assert converted and not briefs
