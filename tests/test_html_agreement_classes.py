"""Classes of HTML-cleaner error, each with its own synthetic page or voters.

One test per class fixed in core/clean/html.py and core/clean/agreement.py; the text
is made up here, never taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from news_digest.core.clean.agreement import combine
from news_digest.core.clean.html import _page_blocks
from news_digest.core.models import BodyBlock

pytestmark = pytest.mark.unit

ARTICLE = [
    "The orchard cooperative pressed its first cider of the season on a wet Tuesday morning.",
    "Growers brought eleven varieties, from sharp russets to the sweet yellow apples of the vale.",
    "The new press, bought with a rural grant, squeezes a tonne of fruit in under an hour.",
    "Members say the faster press means fewer apples left to rot on the ground each autumn.",
    "A tasting evening is planned for the village hall once the first barrels have settled.",
    "Visitors can book a tour of the pressing shed through the cooperative's weekly newsletter.",
    "The chair thanked the volunteers who rebuilt the old cart track down to the lower field.",
    "Any fruit the cooperative cannot press will go to a farm that feeds its pigs on windfalls.",
]
COMMENTS = [
    "Lovely to see the old orchard busy again, my grandfather planted some of those trees.",
    "Will the tasting evening be open to people from the next village over as well please?",
    "I hope they keep the russets, nobody else round here grows them any more these days.",
    "The cart track was a mess for years, well done to everyone who gave up their weekends.",
    "Is the cider going to be sold in the shop on the square or only at the farm gate itself?",
    "We visited last autumn and the pressing shed tour was the best part of the whole trip.",
]


def _blocks(*texts: str) -> tuple[BodyBlock, ...]:
    return tuple(BodyBlock("paragraph", t) for t in texts)


def _texts(blocks: tuple[BodyBlock, ...]) -> list[str]:
    return [b.text for b in blocks]


# Class: the page's text blocks (the text-dump vote and every block's position) lost
# everything after a script whose code compares with "<".


def test_a_script_with_comparisons_does_not_hide_the_rest_of_the_page() -> None:
    page = (
        "<html><head><script>for (var i = 0; i<items.length; i++) { load(items[i]); }"
        "</script></head><body><nav>Home | Local</nav>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE)
        + "</body></html>"
    )
    blocks = _page_blocks(page)
    assert blocks[0] == "Home | Local"
    assert blocks[1:] == ARTICLE


def test_comments_declarations_and_self_closed_embeds_are_not_text() -> None:
    page = (
        "<!doctype html><p>Pressed<!-- --> today</p><svg/><p>after the icon</p>"
        '<iframe src="x"/><p>after the frame</p><!-- an open comment'
    )
    assert _page_blocks(page) == ["Pressed today", "after the icon", "after the frame"]


# Class: trafilatura (both passes) and readability kept a fragment of a long article
# that jusText and the text dump both read whole (guides, listicles, pages whose
# markup hides sections from trafilatura).


def test_an_article_two_text_methods_read_whole_is_rescued() -> None:
    page = ["Menu", *ARTICLE, "Footer"]
    voters = [
        ("precision", _blocks(ARTICLE[2])),
        ("recall", _blocks(ARTICLE[2])),
        ("readability", _blocks(ARTICLE[5])),  # another fragment: no confirmation
        ("justext", _blocks(*ARTICLE)),
        ("text-dump", _blocks(*ARTICLE)),
    ]
    assert _texts(combine(voters, page)) == ARTICLE


def test_comments_two_text_methods_keep_stay_out_when_readability_confirms() -> None:
    article = ARTICLE[:3]
    page = ["Menu", *article, "Comments", *COMMENTS]
    voters = [
        ("precision", _blocks(*article)),
        ("recall", _blocks(*article)),
        ("readability", _blocks(*article)),
        ("justext", _blocks(*article, *COMMENTS)),
        ("text-dump", _blocks(*article, *COMMENTS)),
    ]
    assert _texts(combine(voters, page)) == article


# Class: the page's date stamp kept as the body's first lines (all extractors agree on
# it: it sits inside the article's container).


def test_a_date_stamp_above_the_text_is_not_body() -> None:
    from news_digest.core.clean.html import _without_headline

    body = (
        BodyBlock("heading", "Cider season opens"),
        BodyBlock("paragraph", "Published 9:15 AM GMT Oct 7, 2024"),
        BodyBlock("paragraph", "Prices effective from 1/11/2024:"),
        *_blocks(*ARTICLE[:2]),
    )
    kept = _without_headline(body, "Cider season opens")
    assert _texts(kept) == ["Prices effective from 1/11/2024:", *ARTICLE[:2]]
