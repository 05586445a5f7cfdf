"""Text-dump cleaning, third round (issue 17): one class of error at a time, on small
hand-written dumps (invented text only)."""

from __future__ import annotations

from news_digest.core.clean.signals import is_bio
from news_digest.core.clean.text_dump import clean_text_dump

NAV = "Home\nWorkshop\nGuides\nTools\nShop\n\n"
FOOTER = "\n\nAbout us\nContact\nPrivacy policy\n© 2025 Bench and Plane. All rights reserved.\n"
HEADLINE = "How to Sharpen a Hand Plane Blade"
PARAGRAPHS = (
    "A sharp blade is the difference between a plane that sings across the board and one "
    "that tears the grain, so it pays to learn the few steps that keep the edge keen.",
    "Start on a coarse stone and hold the bevel flat against it, then push the blade along "
    "the stone in long, even strokes until a small burr forms along the whole back edge.",
    "Move to a finer stone and repeat the strokes with lighter pressure, and finish by "
    "laying the back of the blade flat on the stone to remove the burr in a few passes.",
    "Test the edge on a scrap of pine: a sharp blade lifts a thin, unbroken shaving, while "
    "a dull one skips and leaves a rough surface that needs sanding before it is finished.",
)


def _body(result_text: str) -> str:
    return "\n".join(block.text for block in clean_text_dump(result_text).body)


def _article() -> str:
    return f"{NAV}{HEADLINE}\n" + "\n".join(PARAGRAPHS)


def test_an_authors_prose_bio_after_the_article_is_not_the_article() -> None:
    bio = (
        "Tobias Marlow is a furniture maker and writer who has built chairs for twenty "
        "years; he teaches evening classes in joinery at his workshop by the canal."
    )
    body = _body(f"{_article()}\n{bio}{FOOTER}")
    assert body.endswith(PARAGRAPHS[-1])
    assert "Marlow" not in body


def test_a_first_person_bio_and_the_name_line_over_it_end_the_article() -> None:
    bio = (
        "Hi, I'm Wren! I am a hobby woodworker and a mom of three, and my blog shares the "
        "projects I build on weekends with the tools I can afford."
    )
    body = _body(f"{_article()}\nWren Ashby\n{bio}{FOOTER}")
    assert body.endswith(PARAGRAPHS[-1])
    assert "Wren" not in body


def test_a_bio_under_a_first_name_line_ends_the_article() -> None:
    bio = (
        "Tobias started Bench and Plane in 2012 after a career as a site engineer, and he "
        "still tests every tool he writes about in his own shop."
    )
    body = _body(f"{_article()}\nTobias\n{bio}{FOOTER}")
    assert body.endswith(PARAGRAPHS[-1])
    assert "Tobias" not in body


def test_a_listicle_item_that_opens_like_a_bio_is_kept() -> None:
    # A product's paragraph reads "X is a …", but names no person's career.
    item = (
        "Keen Edge Pro is a honing guide that holds the blade at a fixed angle, and it "
        "clamps chisels as well as plane irons of any common width."
    )
    assert not is_bio(item)
    body = _body(f"{_article()}\n{item}{FOOTER}")
    assert item in body


def test_a_bio_followed_by_more_of_the_article_is_kept() -> None:
    # A paragraph about a person in the middle of the article (much prose follows) is
    # the article's own.
    profile = (
        "Tobias Marlow is a furniture maker who learned the trade from his grandfather, "
        "and he still uses the stones he was given as an apprentice."
    )
    head = "\n".join(PARAGRAPHS[:2])
    body = _body(f"{NAV}{HEADLINE}\n{head}\n{profile}\n" + "\n".join(PARAGRAPHS[2:]))
    assert profile in body


def test_disclaimers_and_affiliate_disclosures_are_not_the_article() -> None:
    disclosure = (
        "This post may contain affiliate links, so we may earn a small commission when you "
        "buy a stone through them, at no extra cost to you."
    )
    legal = (
        "The content of this guide is for general informational purposes only and does not "
        "constitute professional advice about tools, safety or anything else."
    )
    body = _body(f"{NAV}{HEADLINE}\n{disclosure}\n" + "\n".join(PARAGRAPHS) + f"\n{legal}{FOOTER}")
    assert body.startswith(PARAGRAPHS[0]) and body.endswith(PARAGRAPHS[-1])
    assert "commission" not in body and "informational" not in body


def test_an_article_about_affiliate_links_keeps_its_sentences() -> None:
    topical = (
        "Many woodworking bloggers pay for their stones with affiliate links, and readers "
        "rarely mind as long as the reviews stay honest about every tool."
    )
    body = _body(f"{_article()}\n{topical}\n{PARAGRAPHS[0]} Again.{FOOTER}")
    assert topical in body


def test_newsletter_and_support_prompts_after_the_article_are_dropped() -> None:
    prompts = (
        "Enjoyed this piece? We need your help to keep the workshop notes coming.",
        "Get our weekly plans and tool reviews delivered straight to your inbox.",
        "Bench and Plane is a reader-supported publication: consider becoming a member.",
    )
    body = _body(f"{_article()}\n" + "\n".join(prompts) + FOOTER)
    assert body.endswith(PARAGRAPHS[-1])
    assert not any(prompt in body for prompt in prompts)


def _review(items: list[tuple[str, str]]) -> str:
    """A review page: each item a name, a widget of labels the page repeats, a paragraph."""
    parts = [NAV, "The Best Block Planes of the Year\n"]
    parts.append(
        "We tested a dozen block planes on end grain, on oak and on soft pine over a whole "
        "winter in the workshop, and these are the ones we would buy again ourselves.\n"
    )
    for name, text in items:
        parts.append(f"{name}\nPros\nLight\nCons\nPricey\nRetailer\nPrice\n")
        parts.append(f"Check\nView deal\nAdvertisement\n{text}\n")
    return "".join(parts) + FOOTER


def test_a_review_runs_across_the_labels_each_of_its_items_repeats() -> None:
    items = [
        (
            "Acorn No. 1",
            "The Acorn is the lightest plane we tried, and its blade came sharp "
            "enough to take fine shavings of end grain straight out of the box.\nWe used it "
            "for a month on pine and oak, and it needed a touch on the stone only twice.",
        ),
        (
            "Birch Low Angle",
            "The Birch has a low bed that handles figured maple without "
            "tear-out, though its adjuster needs a firm hand to move at all.\nIts sole came "
            "flat to within a hair, so it also trued the edges of our widest walnut panels.",
        ),
        (
            "Cedar Compact",
            "The Cedar fits in an apron pocket, and for trimming edges and "
            "chamfers on small boxes we reached for it more often than any other.\nIts cap "
            "iron is plain steel, but after a season of daily use it shows no rust at all.",
        ),
    ]
    body = _body(_review(items))
    for _, text in items:
        assert all(sentence in body for sentence in text.split("\n"))
    assert "Retailer" not in body


def test_an_items_pros_and_cons_under_its_repeated_labels_are_kept() -> None:
    lead = (
        "We tested three spokeshaves on chair legs and paddles this spring, and each one "
        "earned its place in the till for a different kind of curve."
    )
    items = [
        (
            "Aspen Flat",
            "Takes whisper-thin shavings",
            "Blade needs honing first",
            "The Aspen has a flat sole that follows gentle curves, and its blade holds an edge "
            "through a whole afternoon of shaping ash.",
        ),
        (
            "Beech Round",
            "Reaches into tight hollows",
            "Mouth clogs on wet wood",
            "The Beech has a rounded sole for the inside of a curve, and it shaped the seat of "
            "a stool faster than any gouge we own.",
        ),
        (
            "Chestnut Pro",
            "Fine screw adjusters on both sides",
            "Heavy for long sessions",
            "The Chestnut is the most precise of the three, and it is the one we would keep "
            "if we could have only a single spokeshave.",
        ),
    ]
    page = [NAV, "Three Spokeshaves Worth Owning\n", f"{lead}\n"]
    for name, pro, con, text in items:
        page.append(f"{name}\n{text}\nPros\n{pro}\nCons\n{con}\n")
    page.append(f"{PARAGRAPHS[-1]}{FOOTER}")
    # "Pros" and "Cons" head lists on other pages of the corpus too.
    found = clean_text_dump("".join(page), common_lines=frozenset({"Pros", "Cons"}))
    body = "\n".join(block.text for block in found.body)
    for _, pro, con, text in items:
        assert text in body and pro in body and con in body
