"""The render speed-ups (site/pelican_internals.py) change how fast pages are made, never a byte."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import tree_digest
from news_digest.site import pelican_internals
from site_checks import build_showcase

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers


def test_showcase_is_byte_identical_without_the_speed_ups(
    showcase_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pelican_internals, "speed_up_articles", lambda generator: None)
    monkeypatch.setattr(pelican_internals, "add_card_cache", lambda generator: None)
    monkeypatch.setattr(pelican_internals, "use_reusing_reader", lambda readers: None)
    plain = build_showcase(tmp_path)
    assert tree_digest(plain) == tree_digest(showcase_site)


class Named:
    def __init__(self, name: str) -> None:
        self.name = self.slug = self.page_name = name
        self.save_as = self.url = f"{name}.html"


class Item:
    def __init__(self, day: int) -> None:
        self.day = day


def test_taxonomy_pages_get_each_groups_articles_in_date_order() -> None:
    """The one-pass grouping gives what Pelican's ``[a for a in dates if a in group]`` gives."""
    items = [Item(day) for day in range(6)]
    red, blue, empty = Named("red"), Named("blue"), Named("empty")

    class Generator:
        def __init__(self) -> None:
            self.tags = {red: [items[4], items[1], items[1], items[3]], blue: [items[0]], empty: []}
            self.dates = sorted(items, key=lambda item: -item.day)
            self.articles = items
            self.context: dict[str, Any] = {}

        def get_template(self, kind: str) -> str:
            return f"{kind}.html"

    written: list[tuple[str, list[int]]] = []

    def write(name: str, template: str, context: dict[str, Any], **kwargs: Any) -> None:
        assert kwargs["tag"].save_as == name and template == "tag.html"
        expected = [a for a in sorted(items, key=lambda item: -item.day) if a in kwargs["articles"]]
        assert kwargs["dates"] == expected
        written.append((name, [a.day for a in kwargs["dates"]]))

    pelican_internals.write_taxonomy_pages(Generator(), "tag", write)
    assert written == [("red.html", [4, 3, 1]), ("blue.html", [0]), ("empty.html", [])]


@pytest.mark.parametrize(
    ("summary", "plain"),
    [
        ("Mayor Anna Berg said the bridge would cost forty million euros.", True),
        ('The council\'s "yes" vote (9-2) came at 10.30: a first; 100% sure!', True),
        ("Ünïcödé names, em dashes — and a #hashtag | pipe ~ tilde = equals ^ caret.", True),
        ("Two  inner  spaces and a trailing one ", True),
        ("1. A numbered start", False),
        ("- A dash start", False),
        ("Fish & chips <b>bold</b> *stars* _under_ `code` [link](x) {: #id}", False),
        ("> A quote", False),
        ("# A heading", False),
    ],
)
def test_plain_summaries_come_out_as_markdown_makes_them(summary: str, plain: bool) -> None:
    from markdown import Markdown

    assert pelican_internals._plain(summary) == plain
    if plain:
        md = Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.meta"])
        assert md.convert(summary.strip()) == f"<p>{summary.strip()}</p>"
