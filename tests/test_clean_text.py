"""The text-dump cleaner, one signal at a time, on small hand-written dumps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from news_digest.core.clean.signals import (
    byline_name,
    ends_section,
    find_date,
    has_listing_stamp,
    is_credit,
    is_date_line,
    is_teaser,
)
from news_digest.core.clean.text_dump import clean_text_dump
from news_digest.core.models import Hints

P1 = (
    "The city council voted on Tuesday to build a new bridge over the river, ending a "
    "debate that has lasted for more than ten years."
)
P2 = (
    "Construction is expected to begin next spring and to take about two years, the "
    "mayor told reporters after the vote."
)
P3 = "Residents on both banks have asked for a crossing since the old ferry stopped running."


def body_of(text: str, **kwargs: object) -> list[str]:
    return [block.text for block in clean_text_dump(text, **kwargs).body]  # type: ignore[arg-type]


def test_header_line_gives_title_and_date_and_is_not_body() -> None:
    result = clean_text_dump(f" date 2025-03-04 Council approves bridge\n\n{P1}\n\n{P2}\n")
    assert result.title == "Council approves bridge"
    assert result.title_source == "header"
    assert result.date == datetime(2025, 3, 4, tzinfo=UTC)
    assert [b.text for b in result.body] == [P1, P2]


def test_dateline_gives_the_time_and_leaves_the_body() -> None:
    dump = f"date 2025-03-04 Bridge\n\nBridge\n\nMarch 4, 2025, 3:15 p.m.\n\n{P1}\n\n{P2}\n"
    result = clean_text_dump(dump)
    assert result.date == datetime(2025, 3, 4, 15, 15, tzinfo=UTC)
    assert result.date_source == "dateline"
    assert "3:15" not in " ".join(b.text for b in result.body)


def test_navigation_and_footer_are_dropped() -> None:
    dump = (
        "Home\nNews\nSport\nWeather\nSubscribe\n\n"
        f"{P1}\n\n{P2}\n\n{P3}\n\n"
        "About us\nContact\nPrivacy policy\n© 2025 River Times. All rights reserved.\n"
    )
    assert body_of(dump) == [P1, P2, P3]


def test_credit_line_becomes_an_author() -> None:
    result = clean_text_dump(
        f"{P1}\n\n{P2}\n\nReuters\n\nMore on Europe\n\nOther story\nJun 3, 2025\n"
    )
    assert result.authors == ("Reuters",)
    assert [b.text for b in result.body] == [P1, P2]


def test_byline_becomes_an_author() -> None:
    result = clean_text_dump(f"Council backs new bridge\n\nBy Jane Doe\n\n{P1}\n\n{P2}\n")
    assert result.authors == ("Jane Doe",)
    assert result.title == "Council backs new bridge"


def test_headline_list_after_the_article_is_dropped() -> None:
    dump = (
        f"{P1}\n\n{P2}\n\nThe Latest\n\n"
        "Storm closes mountain pass for the second time By DAILY RIVER TIMES Jun 21, 2025\n"
        "Library extends opening hours for students By DAILY RIVER TIMES Jun 20, 2025\n"
        "Ferry operator announces new summer timetable By DAILY RIVER TIMES Jun 20, 2025\n"
    )
    result = clean_text_dump(dump)
    assert [b.text for b in result.body] == [P1, P2]
    assert result.outlet == "Daily River Times"


def test_short_subhead_between_paragraphs_is_kept_as_a_heading() -> None:
    result = clean_text_dump(f"{P1}\n\nWhat happens next\n\n{P2}\n\n{P3}\n")
    assert [(b.kind, b.text) for b in result.body][1] == ("heading", "What happens next")


def test_comments_after_the_article_are_dropped() -> None:
    comment = "I really think this bridge is a waste of money and the ferry was perfectly fine."
    dump = f"{P1}\n\n{P2}\n\n{P3}\n\n[ 42 comments ]\n\nuser1\n2 days ago\n{comment}\n" * 1
    assert comment not in body_of(dump)


def test_lines_repeated_across_the_corpus_are_boilerplate() -> None:
    dump = f"Local edition\n\n{P1}\n\nSponsored by the harbour\n\n{P2}\n"
    result = clean_text_dump(dump, common_lines=frozenset({"Sponsored by the harbour"}))
    assert "Sponsored by the harbour" not in [b.text for b in result.body]


def test_bare_article_comes_back_whole() -> None:
    assert body_of(f"{P1}\n{P2}\n{P3}") == [P1, P2, P3]


def test_hints_win_over_guesses() -> None:
    hints = Hints(title="From the feed", date=datetime(2024, 1, 2, tzinfo=UTC), authors=("X",))
    result = clean_text_dump(f"date 2025-03-04 Header title\n\n{P1}\n", hints=hints)
    assert (result.title, result.date, result.authors) == (hints.title, hints.date, ("X",))


def test_language_is_detected_and_used() -> None:
    german = (
        "Der Stadtrat hat am Dienstag beschlossen, eine neue Brücke über den Fluss zu bauen, "
        "nachdem die Debatte mehr als zehn Jahre gedauert hatte."
    )
    assert clean_text_dump(f"{german}\n\n{german}\n").language == "de"


@pytest.mark.parametrize("text", ["", "   \n\n", "Home\nNews\n", "\x00\x01" * 100, "a" * 100_000])
def test_no_article_gives_an_empty_body_not_an_error(text: str) -> None:
    result = clean_text_dump(text)
    assert all(block.text for block in result.body)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("June 21, 2025, 9:01 a.m.", datetime(2025, 6, 21, 9, 1, tzinfo=UTC)),
        ("21 June 2025", datetime(2025, 6, 21, tzinfo=UTC)),
        ("Published 2025-06-21 14:30", datetime(2025, 6, 21, 14, 30, tzinfo=UTC)),
        ("Sept. 3, 2024 at 11:05 pm", datetime(2024, 9, 3, 23, 5, tzinfo=UTC)),
    ],
)
def test_dates_are_found(line: str, expected: datetime) -> None:
    found = find_date(line)
    assert found is not None and found[0] == expected


def test_line_signals() -> None:
    assert is_date_line("Jun 20, 2025") and not is_date_line(P1)
    assert has_listing_stamp("Storm closes pass By Agencies 1 hour, 18 minutes ago")
    assert byline_name("By Jane Doe") == "Jane Doe" and byline_name(P1) is None
    assert is_credit("Agencies") and is_credit("AP and Reuters") and not is_credit("Apple")
    assert ends_section("More on International") and ends_section("Related articles")
    assert not ends_section("More than 300 people attended the meeting on Friday")
    assert is_teaser("Council approves bridge NEW YORK: The council ..")


def test_a_table_the_article_introduces_is_kept() -> None:
    rows = "Pos Team Points\n1 Riverton 40\n2 Eastbrook 37\n3 Northfield 31\n"
    dump = f"Home\nNews\n\n{P1}\n\nThe table after ten rounds:\n\n{rows}\nAbout us\nContact\n"
    body = clean_text_dump(dump).body
    assert [b.text for b in body][-3:] == ["1 Riverton 40", "2 Eastbrook 37", "3 Northfield 31"]
    assert body[-1].kind == "list-item"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("sexta-feira, 22 de outubro de 2010", datetime(2010, 10, 22, tzinfo=UTC)),
        ("3. März 2024", datetime(2024, 3, 3, tzinfo=UTC)),
        ("12 juillet 2023", datetime(2023, 7, 12, tzinfo=UTC)),
    ],
)
def test_datelines_in_other_languages(line: str, expected: datetime) -> None:
    found = find_date(line)
    assert found is not None and found[0] == expected


def test_a_byline_with_its_date_further_up_dates_the_article() -> None:
    share = "\n".join(["Share", "Facebook", "Twitter", "Email", "Print"] * 3)
    byline = "By Jane Doe Updated Nov 13, 2019, 10:28am EST"
    dump = f"Some headline here\n{byline}\n{share}\n\n{P1}\n\n{P2}\n"
    result = clean_text_dump(dump)
    # the local time with its offset, never moved to UTC
    assert result.date == datetime(2019, 11, 13, 10, 28, tzinfo=timezone(timedelta(hours=-5)))
    assert result.date.utcoffset() == timedelta(hours=-5)
    assert result.date_source == "dateline:updated"


# Invented text in four languages, for the article-anchor and boilerplate classes.
MENU = "Home\nNews\nSport\nCulture\nWeather\nPodcasts\nShop\nJobs\n"
ABOUT = (
    "The River Times is an independent regional newspaper founded by a group of local "
    "printers, and today it reaches readers in every town of the valley through its daily "
    "print edition, its website and its weekly radio programme, which together form one of "
    "the most trusted sources of information about the region, its economy, its culture and "
    "its people, according to the readers who answer our yearly survey in large numbers."
)
DE_P1 = (
    "Der Stadtrat hat am Dienstag beschlossen, eine neue Brücke über den Fluss zu bauen, "
    "und damit eine Debatte beendet, die mehr als zehn Jahre gedauert hat."
)
DE_P2 = "Die Bauarbeiten sollen im nächsten Frühjahr beginnen und etwa zwei Jahre dauern."
ES_P1 = (
    "El ayuntamiento aprobó el martes la construcción de un nuevo puente sobre el río, lo "
    "que pone fin a un debate que ha durado más de diez años."
)
ES_P2 = "Las obras comenzarán la próxima primavera y durarán unos dos años, según el alcalde."
FR_P1 = (
    "Le conseil municipal a voté mardi la construction d'un nouveau pont sur la rivière, ce "
    "qui met fin à un débat qui durait depuis plus de dix ans."
)
FR_P2 = "Les travaux devraient commencer au printemps prochain et durer environ deux ans."


def test_a_short_article_under_its_headline_beats_a_longer_about_us_paragraph() -> None:
    dump = (
        f"{MENU}\nAbout this newspaper\n{ABOUT}\n{MENU}\n"
        f"Council backs new bridge\nBy Jane Doe\nMarch 4, 2025\n\n{P1}\n\n{P2}\n\n"
        "Related stories\nContact\nTerms\n"
    )
    assert body_of(dump) == [P1, P2]


@pytest.mark.parametrize(
    ("lead", "rest", "dateline", "section"),
    [
        (DE_P1, DE_P2, "4. März 2025", "Ähnliche Artikel"),
        (ES_P1, ES_P2, "4 de marzo de 2025", "Artículos relacionados"),
        (FR_P1, FR_P2, "4 mars 2025", "Articles similaires"),
    ],
)
def test_the_lead_after_a_dateline_is_never_a_story_card(
    lead: str, rest: str, dateline: str, section: str
) -> None:
    cards = "".join(
        f"Other headline number {n} about the town\n{dateline}\n"
        f"A short excerpt of another story number {n}, told in one sentence.\n"
        for n in range(1, 5)
    )
    dump = f"{MENU}\nBrücke / Puente / Pont\n{dateline}\n\n{lead}\n\n{rest}\n\n{section}\n{cards}"
    assert body_of(dump) == [lead, rest]


@pytest.mark.parametrize(
    "header",
    ["Kommentare", "Deja una respuesta", "Laisser un commentaire", "Lascia un commento",
     "Deixe uma resposta", "Artigos relacionados", "Über den Autor"],
)  # fmt: skip
def test_section_ends_in_other_languages(header: str) -> None:
    assert ends_section(header)


def test_label_words_in_a_headline_are_not_boilerplate() -> None:
    headline = "Questions related to the council's bridge vote"
    dump = f"{MENU}\n{headline}\nBy Jane Doe\n\n{P1}\n\n{P2}\n"
    result = clean_text_dump(dump)
    assert result.title == headline
    assert [b.text for b in result.body] == [P1, P2]


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Council delays vote on the new ferry timetable",
        "Mehr: Stadtrat vertagt die Abstimmung über den Fahrplan",
        "Lire aussi : le conseil reporte le vote sur les horaires",
        "Lee también: el ayuntamiento aplaza la votación",
        "Ferry stops after storm damages the pier [VIDEO]",
        "Ferry stops after storm damages the pier [INSIGHT]|",
        "See more: Ferry stops after storm damages the pier",
        "Share All sharing options for: Council backs new bridge",
        "Lesezeit: 3 Minuten",
        "Tiempo de lectura: 3 minutos",
        "Temps de lecture : 3 minutes",
        "The post Council backs new bridge appeared first on River Times.",
        "Write to Jane Doe at jane.doe@example.com",
        "Facebook / 0",
        "1 / 8",
        "Follow us on social media for the latest updates",
        "Folgen Sie uns auf allen Kanälen",
        "Suivez-nous sur les réseaux sociaux",
        "Síguenos en las redes sociales",
        "The old ferry leaves the harbour for the last time.Reuters",
        "Crowds on the bank (Photo by Jane Doe/River Agency)",
        "Jane Doe is a freelance writer living in Riverton.",
        "Anna Berg ist freie Journalistin in Riverton.",
    ],
)
def test_furniture_that_reads_like_text_is_dropped(line: str) -> None:
    dump = f"{MENU}\nCouncil backs new bridge\nBy Jane Doe\n\n{P1}\n\n{line}\n\n{P2}\n\n{P3}\n"
    result = clean_text_dump(dump)
    assert [b.text for b in result.body] == [P1, P2, P3]
    assert any(not d.kept and d.text == line for d in result.decisions)


def test_an_embedded_post_keeps_its_signature() -> None:
    post = "The new bridge will change how we cross the river every single day."
    signature = "— Jane Doe (@janedoe) March 4, 2025"
    dump = f"Council backs new bridge\nBy Jane Doe\n\n{P1}\n\n{post}\n{signature}\n\n{P2}\n"
    assert body_of(dump) == [P1, post, signature, P2]


def test_a_page_without_prose_falls_back_to_its_densest_wordy_block() -> None:
    rows = [
        "Fresh bread from the village bakery every single morning",
        "Cheese from the farms of the upper valley and its pastures",
        "Apples pears and plums picked by hand in the orchards nearby",
        "Honey from the hives on the hill above the old mill",
    ]
    dump = f"{MENU}\n" + "\n".join(rows) + "\n\nPrivacy policy\nContact us\n"
    result = clean_text_dump(dump)
    assert [b.text for b in result.body] == rows
    kept = [d.reason for d in result.decisions if d.kept]
    assert kept and all(reason.startswith("fallback") for reason in kept)


def test_a_dateline_over_the_headline_anchors_the_article() -> None:
    lead = (
        "Der Stadtrat hat am Dienstag beschlossen, eine neue Brücke zu bauen, und die "
        "Bauarbeiten sollen schon im nächsten Frühjahr beginnen, wie der Bürgermeister sagte."
    )
    about = (
        "Die Riverton Zeitung ist eine unabhängige Regionalzeitung, die von einer Gruppe "
        "von Druckern gegründet wurde und heute mit ihrer Ausgabe, ihrer Website und ihrem "
        "Radioprogramm die Leser in jeder Stadt des Tals erreicht, die uns jedes Jahr in "
        "großer Zahl in unserer Umfrage sagen, dass sie uns als Quelle für das Tal vertrauen."
    )
    dump = (
        f"{MENU}\n{about}\n{MENU}\n4. März 2025\nStadtrat beschließt neue Brücke\n{lead}\n"
        "Kosten\n12 Millionen Euro\nBauzeit\nzwei Jahre\nBauherr\nStadt Riverton\n"
        f"{DE_P2}\n\nKommentare\n"
    )
    body = body_of(dump)
    assert body[0] == lead and body[-1] == DE_P2
    assert about not in body


def test_a_table_of_title_case_rows_inside_the_article_is_no_wall() -> None:
    rows = "\n".join(
        ["Battery Life Ten Hours", "Weight Two Hundred Grams", "Screen Size Six Inches",
         "Storage Space Sixty Four", "Charging Port On Bottom", "Colours Black And White"]
    )  # fmt: skip
    dump = f"{MENU}\n{P1}\n{rows}\n{P2}\n\n{P3}\n\nAbout us\nContact us\n"
    body = body_of(dump)
    assert body[0] == P1 and body[-1] == P3


def test_a_related_link_inside_the_article_is_no_section_end() -> None:
    dump = f"{MENU}\n{P1}\n>> Related: Ferry timetable changes next week\n{P2}\n\n{P3}\n"
    result = clean_text_dump(dump)
    assert [b.text for b in result.body] == [P1, P2, P3]


def test_a_table_of_label_value_rows_in_the_article_is_kept() -> None:
    rows = ["Lieu: Riverton", "Date: du 4 au 6 mars", "Prix: 12 euros", "Public: tous"]
    dump = (
        f"{MENU}\nLe festival du pont\nPar Jeanne Dupont\n4 mars 2025\n\n{FR_P1}\n\n"
        + "\n".join(rows)
        + f"\n\n{FR_P2}\n\nCommentaires\nNom: Jean\nCourriel: jean@example.com\n"
    )
    body = body_of(dump)
    assert body == [FR_P1, *rows, FR_P2]


def test_the_anchor_headline_says_why_in_explain() -> None:
    dump = f"{MENU}\nCouncil backs new bridge\nBy Jane Doe\nMarch 4, 2025\n\n{P1}\n\n{P2}\n"
    decisions = {d.text: d.reason for d in clean_text_dump(dump).decisions}
    assert "the article's headline" in decisions["Council backs new bridge"]
