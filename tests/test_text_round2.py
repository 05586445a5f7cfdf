"""Text-dump cleaning, second round (issue 17): one class of error at a time, on small
hand-written dumps."""

from __future__ import annotations

from news_digest.core.clean.text_dump import clean_text_dump

NAV = "Home\nNews\nGardening\nRecipes\nSubscribe\n\n"
FOOTER = "\n\nAbout us\nContact\nPrivacy policy\n© 2025 Green Lane Journal. All rights reserved.\n"
LEAD = (
    "Rhubarb crowns planted in late autumn settle into cold soil and send up their first "
    "pink stalks as soon as the days lengthen in early spring."
)
MORE = (
    "Give each crown a square metre of room, a barrow of compost and a thick mulch of "
    "straw, and leave the stalks alone for the whole of the first year."
)
LAST = (
    "From the third year on, pull no more than half of the stalks at a time, and stop "
    "picking altogether by midsummer so the plant can build up its strength again."
)


def test_a_stray_paragraph_over_the_headline_is_not_the_article() -> None:
    notice = (
        "Our shop sells seeds, tools and gifts for every gardener, and ships them "
        "anywhere in the country within two days."
    )
    headline = "When should you plant rhubarb crowns?"
    label = "Spring offers"  # a section label over the sidebar
    result = clean_text_dump(
        f"{NAV}{label}\nShop\nEvents\nCourses\n\n{notice}\n{headline}\n{LEAD}\n{MORE}\n{LAST}{FOOTER}"
    )
    body = "\n".join(block.text for block in result.body)
    assert result.title == headline
    assert body.startswith(LEAD)
    assert "shop" not in body and not body.startswith(headline)


def test_a_lead_paragraph_under_its_headline_stays_over_the_first_subhead() -> None:
    headline = "Growing Rhubarb in a Small Garden"
    subhead = "Why grow rhubarb at all?"
    result = clean_text_dump(f"{NAV}{headline}\n{LEAD}\n{subhead}\n{MORE}\n{LAST}{FOOTER}")
    body = "\n".join(block.text for block in result.body)
    assert result.title == headline
    assert body.startswith(LEAD)
