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


# A section label over the headline, both over the byline: the label is no headline.
KICKER = "\n".join(
    [
        MENU,
        "City Council River Bridge",
        "Ten years of waiting end with a yes for the residents",
        "By Jane Roe",
        "March 3, 2025",
        BODY,
    ]
)
# The dateline over the headline, the lead right under it; a menu item over the date.
UNDER_DATE = "\n".join(
    [
        MENU,
        "Council news and river reports",
        "Share",
        "March 3, 2025",
        "Why the council finally voted for a bridge",
        BODY,
    ]
)
# The headline, then a longer standfirst that shares more words with the lead.
STANDFIRST = "\n".join(
    [
        MENU,
        "A new bridge over the river at last",
        "The city council voted to build a new bridge over the river on Tuesday",
        "Jane Roe",
        "March 3, 2025",
        BODY,
    ]
)
# A breadcrumb trail that ends with the headline, a subhead over the byline.
CRUMB_TAIL = "\n".join(
    [
        MENU,
        "Home / City / Crossing the water at last",
        "Crossing the water at last",
        "Share this story",
        "What the council vote means for the bridge",
        "By Jane Roe",
        BODY,
    ]
)


@pytest.mark.parametrize(
    ("page", "title"),
    [
        (KICKER, "Ten years of waiting end with a yes for the residents"),
        (UNDER_DATE, "Why the council finally voted for a bridge"),
        (STANDFIRST, "A new bridge over the river at last"),
        (CRUMB_TAIL, "Crossing the water at last"),
    ],
)
def test_each_class_of_line_picks_the_headline(page: str, title: str) -> None:
    assert clean_text_dump(page).title == title


@pytest.mark.parametrize(
    ("page", "constant"),
    [
        (KICKER, "KICKER_COST"),
        (UNDER_DATE, "UNDER_DATE_BONUS"),
        (STANDFIRST, "STANDFIRST_COST"),
        (CRUMB_TAIL, "CRUMB_TAIL_BONUS"),
    ],
)
def test_each_new_signal_is_what_decides_its_page(
    page: str, constant: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    right = clean_text_dump(page).title
    monkeypatch.setattr(dump_metadata, constant, 0.0)
    assert clean_text_dump(page).title != right


def test_a_list_of_categories_under_the_dateline_is_no_headline() -> None:
    page = "\n".join(
        [
            MENU,
            "Bridge over the river: what the council vote means",
            "Jane Roe",
            "March 3, 2025",
            "City Council, Rivers, Transport",
            BODY,
        ]
    )
    assert clean_text_dump(page).title == "Bridge over the river: what the council vote means"


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("Published in Transport, City Council", True),
        ("Tags: bridges, rivers", True),
        ("City Council, Rivers, Transport", True),
        ("Bridge, Ferry and Tunnel: Three Ways Across the River", False),  # a colon
        ("Bridges, ferries, tunnels: what the city is weighing", False),
        ("Council approves a bridge, ending a debate of ten years", False),
    ],
)
def test_category_lists(text: str, categories: bool) -> None:
    assert dump_metadata._category_list(text) is categories


def test_a_headline_ending_in_an_abbreviation_is_a_candidate() -> None:
    page = "\n".join(
        [
            MENU,
            "Share",
            "The Longest River Bridges in the U.S.",
            "By Jane Roe",
            "March 3, 2025",
            BODY,
        ]
    )
    assert clean_text_dump(page).title == "The Longest River Bridges in the U.S."


def test_a_trail_written_with_bars_ends_with_the_headline() -> None:
    page = "\n".join(
        [
            MENU,
            "| City | Transport | Bridge over the river",
            "Bridge over the river",
            "By Jane Roe",
            "March 3, 2025",
            BODY,
        ]
    )
    assert clean_text_dump(page).title == "Bridge over the river"


def test_a_trail_glued_to_its_home_link_ends_with_the_headline() -> None:
    page = "\n".join(
        [
            MENU,
            "HomeCrossing the water at last",
            "Crossing the water at last",
            "Share this story",
            "What the council vote means for the bridge",
            "By Jane Roe",
            BODY,
        ]
    )
    assert clean_text_dump(page).title == "Crossing the water at last"
