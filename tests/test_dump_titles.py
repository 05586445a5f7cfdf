"""Which line of a text dump is the article's headline (dump_metadata's headline
score): the classes of wrong picks fixed, each on a hand-written page.

Every page here is invented: menus, the article, a list of other stories, a footer.
"""

from __future__ import annotations

import news_digest.core.clean.dump_metadata as dump_metadata
import pytest
from dump_samples import BRIDGE_BODY, MENU
from news_digest.core.clean.text_dump import clean_text_dump

BODY = BRIDGE_BODY
# The page's title printed over its h1 (a share bar between), then a standfirst that
# shares more words with the lead and has the byline under it.
REPEATED = "\n".join(
    [
        MENU,
        "Bridge over the river: what the council vote means",
        "Share this story",
        "Bridge over the river: what the council vote means",
        "City council approves a bridge after years of debate between residents",
        "Jane Roe",
        BODY,
    ]
)
# A guide's headline names its year; the subhead over the lead does not.
WITH_YEAR = "\n".join(
    [
        MENU,
        "The Best River Crossings of 2025",
        "Updated March 3, 2025",
        "Our Top Picks",
        "Why the council voted for a bridge",
        BODY,
    ]
)


def test_a_headline_printed_twice_close_together_is_the_title() -> None:
    assert clean_text_dump(REPEATED).title == "Bridge over the river: what the council vote means"


def test_a_headline_that_names_its_year_beats_the_subhead_over_the_lead() -> None:
    assert clean_text_dump(WITH_YEAR).title == "The Best River Crossings of 2025"


@pytest.mark.parametrize(
    ("page", "constant"), [(REPEATED, "REPEAT_BONUS"), (WITH_YEAR, "YEAR_BONUS")]
)
def test_each_signal_is_what_decides_its_page(
    page: str, constant: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    right = clean_text_dump(page).title
    monkeypatch.setattr(dump_metadata, constant, 0.0)
    assert clean_text_dump(page).title != right  # without it the other line wins
