"""Which date of a text dump dates the article (dump_metadata): several dates on one
dateline, a dateline over the headline or at the article's foot, a numeric date that
reads both ways.  Zones are kept as written, never moved across midnight.

Every page here is hand-written: menus, the article, a list of other stories, a footer.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from dump_samples import BRIDGE_BODY, MENU
from news_digest.core import dates
from news_digest.core.clean.dump_lines import Line
from news_digest.core.clean.dump_metadata import _masthead, published_date
from news_digest.core.clean.text_dump import clean_text_dump
from news_digest.core.models import Extraction

EST = timezone(timedelta(hours=-5))
PST = timezone(timedelta(hours=-8))
BODY = BRIDGE_BODY
HEADLINE = "Council approves new bridge over the river after ten years of debate"


def dump(*parts: str) -> Extraction:
    return clean_text_dump("\n".join(parts))


def day(page: Extraction) -> str | None:
    return page.date.date().isoformat() if page.date else None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # labelled: the published one, wherever it stands
        (
            "Updated November 11, 2022 8:23 PM ET Originally published November 9, 2022 "
            "11:01 AM ET",
            datetime(2022, 11, 9, 11, 1, tzinfo=EST),
        ),
        ("Published: 03 Dec 2025 | Updated: 05 Dec 2025", datetime(2025, 12, 3, tzinfo=UTC)),
        ("Last updated Jan 9, 2026 · Mar 2, 2025", datetime(2025, 3, 2, tzinfo=UTC)),
        # unlabelled and glued: modified, then published; the earlier one
        ("May 21, 2025April 24, 2025 by Jane Roe", datetime(2025, 4, 24, tzinfo=UTC)),
        ("Ann2024-04-18T13:00:39+00:00March 22nd, 2024|Tips|", datetime(2024, 3, 22, tzinfo=UTC)),
        # one date: itself; an implausible one is skipped
        ("Dec 15, 2025, 11:30 PM PST", datetime(2025, 12, 15, 23, 30, tzinfo=PST)),
        ("January 1, 1970 · March 3, 2021", datetime(2021, 3, 3, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_the_published_date_of_a_dateline_with_several(line: str, expected: datetime) -> None:
    found = published_date(line, "en")
    assert found is not None
    assert found.moment == expected
    assert found.moment.utcoffset() == expected.utcoffset()


def test_a_dateline_that_names_its_update_first_dates_the_article_by_its_publication() -> None:
    page = dump(
        MENU,
        HEADLINE,
        "By Jane Roe",
        "Updated March 9, 2021 8:23 PM ET Originally published March 3, 2021 9:05 AM ET",
        BODY,
    )
    assert page.date == datetime(2021, 3, 3, 9, 5, tzinfo=EST)
    assert page.date_source == "dateline"


def test_a_section_label_glued_to_the_date_over_the_headline_dates_it() -> None:
    page = dump(MENU, "City HallMARCH 3, 2021Updated: JANUARY 2, 2026", HEADLINE, BODY)
    assert day(page) == "2021-03-03"


def test_a_long_posted_on_line_with_its_categories_is_still_a_dateline() -> None:
    categories = ", ".join(f"Topic number {n}" for n in range(10))
    page = dump(MENU, f"Posted on March 3, 2021 in {categories}", HEADLINE, BODY)
    assert day(page) == "2021-03-03"


def _line(index: int, text: str, role: str) -> Line:
    return Line(index, text, len(text.split()), role, 0.0, "")


def test_when_the_body_starts_at_its_headline_the_masthead_runs_down_to_the_lead() -> None:
    lines = [
        _line(0, "Newsroom", "navigation"),
        _line(1, "Bridge or ferry: which crossing is right for the city?", "prose"),
        _line(2, "Bridge or ferry: which crossing is right for the city?", "prose"),
        _line(3, "March 3, 2021 · 3 min read · By Jane Roe", "headline-like"),
        _line(4, BODY.split("\n")[0], "prose"),
        _line(5, "March 1, 2021", "date"),
    ]
    masthead = _masthead(lines, 1, 1)
    assert [line.index for line in masthead] == [2, 3]  # its second print, the dateline


def test_a_dateline_at_the_article_s_foot_dates_it_when_none_stands_above() -> None:
    page = dump(
        MENU,
        HEADLINE,
        BODY,
        "This post was written by the city desk.",
        "Posted on April 13, 2023",
        "Tags: bridges, council",
        "Subscribe to our newsletter",
    )
    assert day(page) == "2023-04-13"


def test_published_then_its_date_on_the_next_line_at_the_foot() -> None:
    page = dump(MENU, HEADLINE, BODY, "Published", "August 30, 2024", "Author", "Jane Roe")
    assert day(page) == "2024-08-30"


@pytest.mark.parametrize(
    "foot",
    [
        # the comments
        "2 thoughts on “Council approves new bridge”\nSam Poe\nJune 19, 2025 at 1:45 am\nReply",
        "Comments\nSam Poe says\nJune 19, 2025 at 1:45 am\nGreat news!",
        # a list of other stories: a card's date under or over its headline
        "Latest Posts\nJune 19, 2025\nHarbour ferry returns after a winter of repairs",
        "Harbour Ferry Returns After a Winter of Repairs\nJune 19, 2025\nTram Line Opens",
        "Most Read\nHarbour ferry returns after a winter of repairs\nJune 19, 2025",
        # another page's address
        "Sources:\nhttp://example.org/news/2025/06/19/harbour-ferry-returns",
    ],
)
def test_a_date_in_the_comments_or_a_related_list_at_the_foot_is_not_the_article_s(
    foot: str,
) -> None:
    page = dump(MENU, HEADLINE, BODY, foot)
    assert page.date is None


def test_a_numeric_date_that_reads_both_ways_is_read_as_the_page_writes_it_in_words() -> None:
    related = (
        "More from the desk\n"
        "Harbour ferry returns after a winter of repairs - 3 October 2023\n"
        "Tram line to the airport opens to passengers - 3 October 2023\n"
    )
    page = dump(MENU, HEADLINE, "03/10/2023", BODY, related)
    assert day(page) == "2023-10-03"  # an English page would read March 10
    alone = dump(MENU, HEADLINE, "03/10/2023", BODY)
    assert day(alone) == "2023-03-10"


@pytest.mark.parametrize(
    ("line", "other"),
    [
        ("03/10/2023", datetime(2023, 3, 10, tzinfo=UTC)),  # read 3 Oct (de): the other way
        ("09.10.2024", datetime(2024, 9, 10, tzinfo=UTC)),  # read 9 Oct: dotted is day first
        ("2023-10-03", None),  # ISO: one reading
        ("13/10/2023", None),  # a day over 12
        ("October 3, 2023", None),  # in words
        ("05.05.2025", None),  # the same both ways
    ],
)
def test_other_reading(line: str, other: datetime | None) -> None:
    found = dates.find_date(line, "de")
    assert found is not None
    assert dates.other_reading(line, found) == other


def test_written_in_words() -> None:
    moment = datetime(2023, 10, 3, tzinfo=UTC)
    for text in ("on 3 October 2023", "Oct. 3rd, 2023", "3. Oktober 2023", "3 de octubre de 2023"):
        assert dates.written_in_words(text, moment), text
    for text in ("13 October 2023", "October 30, 2023", "3 October 2024", "03/10/2023"):
        assert not dates.written_in_words(text, moment), text


def test_a_list_of_story_cards_just_above_the_body_does_not_date_it() -> None:
    cards = "\n".join(
        f"Harbour Ferry Returns After {n} Winters of Repairs\nSam Poe | June {n}, 2025"
        for n in range(2, 7)
    )
    page = dump(
        "Home > Blog > City",
        "January 16, 2025",
        "11 min read",
        HEADLINE,
        "Written by: Jane Roe, head of the city desk and of its long-running planning column",
        "Table of Contents\nCategories\nCity Politics\nShare it now!\nFacebook\nEmail",
        "Most Popular",
        cards,
        BODY,
    )
    assert day(page) == "2025-01-16"  # the dateline over the headline, not a card's


def test_a_last_updated_line_under_the_article_s_furniture_still_dates_it() -> None:
    furniture = "\n".join(f"View Webcam number {n}\nWebcam" for n in range(6))
    page = dump(MENU, HEADLINE, BODY, furniture, "Last updated: November 13, 2025")
    assert day(page) == "2025-11-13"


ORIGINAL_NOTE = "This story was originally published on 12 March 2019 and has been updated since."


def test_a_note_that_the_article_was_originally_published_dates_it() -> None:
    page = dump(MENU, HEADLINE, "By Jane Roe", "4 May 2024", BODY, ORIGINAL_NOTE)
    assert day(page) == "2019-03-12"


def test_an_original_date_after_the_dateline_is_not_taken() -> None:
    page = dump(MENU, HEADLINE, "By Jane Roe", "4 May 2018", BODY, ORIGINAL_NOTE)
    assert day(page) == "2018-05-04"


def test_an_original_date_without_a_dateline_dates_the_article() -> None:
    page = dump(MENU, HEADLINE, BODY, ORIGINAL_NOTE)
    assert day(page) == "2019-03-12"
