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

EXTRA = (
    "Old gardeners force a crown or two under an upturned bucket in February, which gives "
    "paler, sweeter stalks a month before the rest of the bed is ready."
)
EXTRA2 = (
    "Water the bed well in dry summers, and cut away any flower spike as soon as it shows, "
    "since seed takes the strength the crown needs for next spring."
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


def test_a_thread_of_comments_without_a_header_is_not_the_article() -> None:
    said = (
        "I planted mine the way you describe, in a corner that gets the morning sun, and "
        "the stalks came up red in the first spring and thick and green the year after."
    )
    comments = [
        ("Marta says:", "March 4, 2025 at 9:12 am", f"{said} {said}"),
        ("Tomasz", "March 4, 2025 at 11:40 am", f"I never knew that. {said} {said}"),
        ("Ines K.", "2 days ago", f"Thanks, the clearest guide so far. {said} {said}"),
    ]
    thread = "\n".join(f"{name}\n{stamp}\n{text}" for name, stamp, text in comments)
    body = "\n".join(
        block.text
        for block in clean_text_dump(
            f"{NAV}Growing Rhubarb in a Small Garden\n{LEAD}\n{EXTRA}\n{MORE}\n{EXTRA2}\n"
            f"{LAST}\n{thread}{FOOTER}"
        ).body
    )
    assert body.endswith(LAST)
    assert said not in body and "Tomasz" not in body


def test_one_post_with_its_time_quoted_inside_an_article_is_kept() -> None:
    post = "Marta Nowak\nMarch 4, 2025 at 9:12 am\n" + EXTRA
    dump = (
        f"{NAV}Growing Rhubarb in a Small Garden\n{LEAD}\n{MORE}\n{EXTRA2}\n{post}\n{LAST}{FOOTER}"
    )
    body = "\n".join(block.text for block in clean_text_dump(dump).body)
    assert EXTRA in body and body.endswith(LAST)


def test_signed_reviews_after_the_article_are_not_the_article() -> None:
    reviews = [
        ("The staff were friendly and the advice on planting was spot on, thank you!", "Dawn H."),
        ("We ordered three crowns and every one of them came up strong this spring.", "Lora D."),
        ("Quick delivery and the plants arrived well packed, would order again.", "gardener42"),
    ]
    block = "\n".join(f"“{text}”\n{name}" for text, name in reviews)
    dump = f"{NAV}Growing Rhubarb in a Small Garden\n{LEAD}\n{EXTRA}\n{MORE}\n{EXTRA2}\n{LAST}\n"
    body = "\n".join(block.text for block in clean_text_dump(f"{dump}{block}{FOOTER}").body)
    assert body.endswith(LAST)
    assert "Lora D." not in body and "well packed" not in body


def test_subheads_of_one_word_between_paragraphs_are_no_signatures() -> None:
    dump = (
        f"{NAV}Growing Rhubarb in a Small Garden\n{LEAD}\nPlanting\n{EXTRA}\nFeeding\n{MORE}\n"
        f"Watering\n{EXTRA2}\nPicking\n{LAST}{FOOTER}"
    )
    body = "\n".join(block.text for block in clean_text_dump(dump).body)
    assert LAST in body and EXTRA2 in body


BIO = (
    "Anna Berg is the owner of a small nursery near the coast, where she has grown "
    "rhubarb, currants and gooseberries for twenty years with her two sons."
)


def test_the_authors_bio_under_her_bare_name_ends_the_article() -> None:
    dump = (
        f"{NAV}Growing Rhubarb in a Small Garden\n{LEAD}\n{EXTRA}\n{MORE}\n{EXTRA2}\n{LAST}\n"
        f"Anna Berg\n{BIO}{FOOTER}"
    )
    body = "\n".join(block.text for block in clean_text_dump(dump).body)
    assert body.endswith(LAST) and BIO not in body


def test_a_listicle_item_named_like_a_person_stays_in_the_article() -> None:
    item = "Victoria Red is a variety with deep red stalks that keeps its colour when cooked."
    dump = (
        f"{NAV}Five Rhubarb Varieties Worth Growing\n{LEAD}\nVictoria Red\n{item}\n{EXTRA}\n"
        f"{MORE}\n{EXTRA2}\n{LAST}{FOOTER}"
    )
    body = "\n".join(block.text for block in clean_text_dump(dump).body)
    assert item in body and body.endswith(LAST)


def test_a_listicles_items_under_their_subheads_are_not_story_cards() -> None:
    items = [
        ("The Old Reliable Victoria", "A reliable old variety that crops well in cold soil."),
        ("Best For Forcing Early", "The first to be ready in spring, and the best to force."),
        ("Sweet Glaskins Perpetual Crowns", "Low in acid, so it can be picked late in summer."),
    ]
    listed = "\n".join(
        f"{name}\n{text}\nPrice: 8 euros a crown\nHardiness: very hardy" for name, text in items
    )
    dump = f"{NAV}Five Rhubarb Varieties Worth Growing\n{LEAD}\n{listed}\n{LAST}{FOOTER}"
    body = "\n".join(block.text for block in clean_text_dump(dump).body)
    assert all(text in body for _, text in items)
