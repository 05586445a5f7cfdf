"""The text-dump body search, one class of error at a time (issue 17), on small
hand-written dumps."""

from __future__ import annotations

from news_digest.core.clean.text_dump import clean_text_dump

NAV = "Home\nNews\nSport\nWeather\nSubscribe\n\n"
FOOTER = "\n\nAbout us\nContact\nPrivacy policy\n© 2025 River Times. All rights reserved.\n"
P1 = (
    "The city council voted on Tuesday to build a new bridge over the river, ending a "
    "debate that has lasted for more than ten years."
)
P2 = (
    "Construction is expected to begin next spring and to take about two years, the "
    "mayor told reporters after the vote."
)


def body_text(dump: str) -> str:
    return "\n".join(block.text for block in clean_text_dump(dump).body)


def test_a_paragraph_wrapped_at_a_fixed_width_is_one_paragraph_again() -> None:
    wrapped = (
        "Engineers from the regional office will inspect the old ferry landing and\n"
        "the two river banks before the first piles are driven, and their report\n"
        "will decide where the approach roads run."
    )
    body = body_text(f"{NAV}{P1}\n\n{wrapped}\n\n{P2}{FOOTER}")
    assert " ".join(wrapped.split()) in body
    assert "Subscribe" not in body and "Contact" not in body


def test_a_list_only_article_under_its_headline_and_dateline_beats_the_footer() -> None:
    rows = [f"Round {n}: {day} May – {place}" for n, day, place in (
        (1, 4, "Harbour circuit"), (2, 11, "Old airfield"), (3, 18, "Hill track"),
        (4, 25, "Lakeside ring"), (5, 30, "City streets"),
    )]  # fmt: skip
    promos = (
        "Click the picture above to read every column our writers have published about "
        "the championship this season, from the first race to the last one.\n\n"
        "Click here and find the times of every practice session and every race of the "
        "season, with the weather forecast for each circuit and the tyres chosen.\n\n"
        "Our weekly podcast is back for a new season with all the news from the paddock, "
        "interviews with the drivers and the teams, and the listeners' questions.\n"
    )
    dump = (
        "date 2025-01-20 Touring car calendar 2025\n\n" + NAV
        + "Touring car calendar 2025\nMonday, January 20, 2025 at 09:30\nShare this\n"
        + "\n".join(rows) + "\n\nTags\ntouring cars, calendar, 2025\n\n" + promos + FOOTER
    )  # fmt: skip
    body = body_text(dump)
    assert all(row in body for row in rows)
    assert "podcast" not in body and "Click" not in body


def test_the_tags_label_ends_the_article() -> None:
    tail = (
        "Readers who liked this story also read our guide to the best walks along the "
        "river banks and the history of the old ferry that ran here for a century."
    )
    body = body_text(f"{NAV}{P1}\n\n{P2}\n\nTags:\nbridge, river, council\n\n{tail}{FOOTER}")
    assert P1 in body and P2 in body
    assert "ferry that ran" not in body


def test_a_caption_or_card_shown_twice_is_kept_once() -> None:
    caption = "The old ferry landing seen from the east bank on a winter morning last year."
    body = clean_text_dump(f"{NAV}{P1}\n\n{caption}\n{caption}\n\n{P2}{FOOTER}").body
    assert [block.text for block in body].count(caption) == 1


def test_the_same_question_to_each_guest_is_kept_each_time() -> None:
    question = "What would you change first about the way the city plans its new bridges?"
    answers = [
        "I would ask the people who cross the river every day before drawing anything.",
        "I would publish every cost estimate, so that nobody is surprised in ten years.",
    ]
    dump = f"{NAV}{P1}\n\n{question}\n{answers[0]}\n\n{question}\n{answers[1]}\n\n{P2}{FOOTER}"
    body = [block.text for block in clean_text_dump(dump).body]
    assert body.count(question) == 2 and all(answer in body for answer in answers)


def test_the_standfirst_between_headline_and_byline_is_not_body() -> None:
    dek = "The crossing will cost less than the ferry did over ten years, the council says."
    head = f"Council approves a bridge\n{dek}\nBy Jane Doe\nMarch 4, 2025\n"
    dump = f"{NAV}{head}{P1}\n\n{P2}{FOOTER}"
    body = body_text(dump)
    assert P1 in body and P2 in body
    assert dek not in body


def test_a_list_between_two_paragraphs_is_kept_though_no_colon_introduces_it() -> None:
    rows = ["Steel deck, 240 metres", "Two cycle lanes", "Opening planned for 2028"]
    body = body_text(f"{NAV}{P1}\n\n" + "\n".join(rows) + f"\n\n{P2}{FOOTER}")
    assert all(row in body for row in rows)
    assert "Weather" not in body


def test_the_author_box_ends_the_article() -> None:
    bio = (
        "Jane Doe has covered the city council for the River Times since 2015 and writes "
        "about transport, housing and the budget."
    )
    body = body_text(
        f"{NAV}{P1}\n\n{P2}\n\n{P1.replace('Tuesday', 'Monday')}\n\nAbout Jane Doe\n{bio}{FOOTER}"
    )
    assert P2 in body
    assert "covered the city council" not in body


def test_the_comment_policy_ends_the_article() -> None:
    policy = (
        "Note: comments that insult other readers or are off topic will not be approved "
        "by the moderator."
    )
    promo = (
        "Click the picture above to read every column our writers have published about "
        "the bridge this year, from the first vote to the last one."
    )
    body = body_text(
        f"{NAV}{P1}\n\n{P2}\n\n{P1.replace('Tuesday', 'Monday')}\n\n{policy}\n{promo}{FOOTER}"
    )
    assert P2 in body
    assert "moderator" not in body and "Click the picture" not in body


P3 = (
    "Residents on both banks have asked for a crossing since the old ferry stopped "
    "running, and a petition signed by four thousand people reached the council in May."
)
OTHER_STORY = (
    "The harbour market reopens next week after a year of repairs, with forty stalls and "
    "a new covered hall for the fishermen who sell their catch there every morning."
)


def test_about_the_author_ends_the_article_even_when_every_page_has_it() -> None:
    bio = "Jane Doe has covered the city council for the River Times since the year 2015."
    dump = f"{NAV}{P1}\n\n{P2}\n\n{P3}\n\nAbout the author\n{bio}{FOOTER}"
    found = clean_text_dump(dump, common_lines=frozenset({"About the author"}))
    body = "\n".join(block.text for block in found.body)
    assert P3 in body and "covered the city council" not in body


def test_a_header_of_other_stories_ends_the_article_once_most_of_it_came() -> None:
    p4 = P1.replace("Tuesday", "Monday")
    dump = f"{NAV}{P1}\n\n{P2}\n\n{P3}\n\n{p4}\n\nYou may also like\n{OTHER_STORY}{FOOTER}"
    found = clean_text_dump(dump, common_lines=frozenset({"You may also like"}))
    body = "\n".join(block.text for block in found.body)
    assert P3 in body and "harbour market" not in body


def test_a_long_list_of_short_items_does_not_split_the_article() -> None:
    items = [f"step {n} done" for n in range(1, 11)]
    p4 = P3.replace("May", "June")
    dump = f"{NAV}{P1}\n\n{P2}\n\n" + "\n".join(items) + f"\n\n{P3}\n\n{p4}{FOOTER}"
    body = body_text(dump)
    assert P1 in body and P2 in body and P3 in body and p4 in body
    assert all(item in body for item in items)


def test_a_russian_header_of_other_stories_is_no_subhead() -> None:
    p1 = (
        "Городской совет во вторник решил построить новый мост через реку, и этот спор "
        "длился больше десяти лет."
    )
    p2 = "Строительство начнётся весной и займёт около двух лет, сказал мэр после голосования."
    other = "Где находится самое старое здание нашего города и кто его построил?"
    dump = f"Главная\nНовости\n\n{p1}\n\n{p2}\nВам также может быть интересно\n{other}\n"
    body = body_text(dump)
    assert p1 in body and p2 in body
    assert "интересно" not in body
