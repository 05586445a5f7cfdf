"""Metadata of whole-page text dumps without a header line (dump_metadata, bylines):
the headline where the article starts (its byline or dateline under it), the dateline
with its zone kept, bylines in four languages, the outlet from a copyright line.

Every page here is hand-written: menus, the article, a list of other stories, a footer.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from dump_samples import BRIDGE_BODY, MENU
from news_digest.core.clean.bylines import (
    bare_name,
    byline_names,
    given_name_first,
    name_after_date,
    name_before_date,
)
from news_digest.core.clean.dump_metadata import copyright_owner
from news_digest.core.clean.text_dump import clean_text_dump
from news_digest.core.models import Extraction

CET = timezone(timedelta(hours=1))

EN_BODY = BRIDGE_BODY
DE_BODY = (
    "Der Stadtrat hat am Dienstag beschlossen, eine neue Brücke über den Fluss zu bauen, "
    "und damit eine Debatte beendet, die seit mehr als zehn Jahren geführt wird.\n\n"
    "Der Bau der Brücke soll im nächsten Frühjahr beginnen und etwa zwei Jahre dauern, "
    "sagte die Bürgermeisterin nach der Abstimmung im Rat.\n\n"
    "Die Anwohner auf beiden Seiten des Flusses wünschen sich seit Jahren eine Brücke, "
    "seit die alte Fähre nicht mehr fährt, und viele kamen zur Abstimmung.\n"
)
ES_BODY = (
    "El ayuntamiento aprobó el martes la construcción de un nuevo puente sobre el río, "
    "y puso fin a un debate que duraba más de diez años entre los vecinos.\n\n"
    "Las obras del puente empezarán la próxima primavera y durarán unos dos años, según "
    "dijo la alcaldesa a los periodistas después de la votación.\n\n"
    "Los vecinos de las dos orillas del río piden un puente desde que el viejo ferry dejó "
    "de funcionar, y muchos de ellos vinieron a ver la votación.\n"
)
FR_BODY = (
    "Le conseil municipal a voté mardi la construction d'un nouveau pont sur le fleuve, "
    "mettant fin à un débat qui durait depuis plus de dix ans entre les habitants.\n\n"
    "Les travaux du pont doivent commencer au printemps prochain et durer environ deux "
    "ans, a déclaré la maire aux journalistes après le vote du conseil.\n\n"
    "Les habitants des deux rives du fleuve réclament un pont depuis que le vieux bac a "
    "cessé de fonctionner, et beaucoup sont venus assister au vote.\n"
)
RELATED = (
    "Related stories\n"
    "Harbour ferry returns after a winter of repairs\nDec 1, 2025\n"
    "Tram line to the airport opens to passengers\nNov 28, 2025\n"
)


def dump(*parts: str) -> Extraction:
    return clean_text_dump("\n".join(parts))


def test_the_headline_is_the_line_above_its_byline_not_a_section_label() -> None:
    page = dump(
        MENU,
        "Local News",  # a section label above the headline
        "Council approves new bridge over the river after ten years of debate",
        "By Jane Roe, City Editor",
        "Published 9:05 AM EST Mar 3, 2021",
        "Share\nTweet\nEmail\n",
        EN_BODY,
        RELATED,
    )
    assert page.title == "Council approves new bridge over the river after ten years of debate"
    assert page.title_source == "headline"
    assert page.authors == ("Jane Roe",)
    assert page.date == datetime(2021, 3, 3, 9, 5, tzinfo=timezone(timedelta(hours=-5)))
    assert page.date_source == "dateline"


def test_a_standfirst_between_headline_and_byline_is_not_the_title() -> None:
    page = dump(
        MENU,
        "Council approves new bridge",
        "The vote ends a debate among residents and planners that has lasted ten years.",
        "Jane Roe",
        "March 3, 2021",
        EN_BODY,
    )
    assert page.title == "Council approves new bridge"
    assert page.authors == ("Jane Roe",)  # a bare name beside the dateline
    assert page.date is not None and page.date.date().isoformat() == "2021-03-03"


def test_another_story_s_headline_after_the_body_is_never_the_title() -> None:
    page = dump(
        MENU,
        "Council approves new bridge over the river",
        "By Jane Roe | Riverside | March 3, 2021",
        EN_BODY,
        "Most read",
        "Council approves new budget for the river parks",
        "By John Doe | Riverside | March 1, 2021",
    )
    assert page.title == "Council approves new bridge over the river"
    assert page.authors == ("Jane Roe",)
    assert page.date is not None and page.date.day == 3


def test_a_german_page_keeps_its_uhr_time_and_its_von_byline() -> None:
    page = dump(
        "Startseite\nPolitik\nWirtschaft\nKultur\n",
        "Stadtrat beschließt neue Brücke über den Fluss",
        "Von Anna Schmidt",
        "15.12.2025, 06:45 Uhr",
        DE_BODY,
        "© Rheinische Rundschau 2025",
    )
    assert page.title == "Stadtrat beschließt neue Brücke über den Fluss"
    assert page.authors == ("Anna Schmidt",)
    assert page.date == datetime(2025, 12, 15, 6, 45, tzinfo=CET)
    assert page.outlet == "Rheinische Rundschau"


def test_a_spanish_page_keeps_its_zone_and_its_por_byline() -> None:
    page = dump(
        "Portada\nNacional\nInternacional\nDeportes\n",
        "El ayuntamiento aprueba un nuevo puente sobre el río",
        "Por María López",
        "18 dic 2025 - 16:40 CET",
        ES_BODY,
        "© 2025 Ediciones Prensa Libre S.L. Todos los derechos reservados",
    )
    assert page.title == "El ayuntamiento aprueba un nuevo puente sobre el río"
    assert page.authors == ("María López",)
    assert page.date == datetime(2025, 12, 18, 16, 40, tzinfo=CET)
    assert page.outlet == "Ediciones Prensa Libre S.L."


def test_a_french_page_reads_par_and_a_date_above_the_headline() -> None:
    page = dump(
        "Accueil\nPolitique\nSociété\nCulture\n",
        "Publié le 3 mars 2025 à 14h05",
        "Le conseil municipal vote la construction d'un nouveau pont",
        "Par Jean Dupont et Marie Curie",
        FR_BODY,
    )
    assert page.title == "Le conseil municipal vote la construction d'un nouveau pont"
    assert page.authors == ("Jean Dupont", "Marie Curie")
    assert page.date is not None and page.date.isoformat() == "2025-03-03T14:05:00+00:00"


def test_a_late_evening_dateline_stays_on_its_day() -> None:
    page = dump(MENU, "Council approves new bridge", "Dec 15, 2025, 11:30 PM PST", EN_BODY)
    assert page.date is not None
    assert page.date.isoformat() == "2025-12-15T23:30:00-08:00"  # not the 16th in UTC


def test_an_implausible_date_is_refused() -> None:
    page = dump(MENU, "Council approves new bridge", "January 1, 1970", EN_BODY)
    assert page.date is None


def test_a_date_in_a_comment_or_a_related_list_does_not_date_the_article() -> None:
    page = dump(MENU, "Council approves new bridge", EN_BODY, RELATED, "Comments")
    assert page.date is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Roe, Senior Editor", ("Jane Roe",)),
        ("By Jane Roe | Berlin | Dec 3, 2025", ("Jane Roe",)),
        (
            "Written by Dr Marna van der Merwe, Erik van Vulpen",
            ("Dr Marna van der Merwe", "Erik van Vulpen"),
        ),
        ("Written by: John Doe John Doe", ("John Doe",)),  # a link and its text
        ("Posted on July 1, 2024 by Jane Roe", ("Jane Roe",)),
        ("ByJane Roe", ("Jane Roe",)),
        ("Autor: Hans Müller", ("Hans Müller",)),
        ("Von Anna Schmidt, dpa", ("Anna Schmidt",)),
        ("Por María López y Juan Pérez", ("María López", "Juan Pérez")),
        ("Par Jean Dupont • 3 mars 2025", ("Jean Dupont",)),
        ("Photo by John Smith", ()),  # a credit, not the byline
        ("Sponsored by Acme", ()),
        ("Stand by me", ()),
        ("Diet & Fitness", ()),  # "Di…" is no lead
        ("Written By Feb 11, 2019", ()),  # a month is no name
        ("Written By: Jane Roe Executive Digital Editor", ("Jane Roe",)),
    ],
)
def test_byline_forms(line: str, names: tuple[str, ...]) -> None:
    assert byline_names(line) == names


def test_a_name_before_the_date_and_a_name_alone() -> None:
    assert name_before_date("Jane Roe Published 10:19am 19 December 2025") == "Jane Roe"
    assert name_before_date("Jane Roe | May 22, 2025") == "Jane Roe"
    assert bare_name("Jane Roe, Print Managing Editor") == "Jane Roe"
    assert bare_name("JANE ROE") == "Jane Roe"
    assert bare_name("Share this article") is None
    assert bare_name("Book a demo") is None
    assert name_after_date("Dec 17, 2025Jane K. Roe") == "Jane K. Roe"
    assert name_after_date("January 16, 2026 Jane Roe | 0 Comments") == "Jane Roe"


def test_a_phrase_the_page_writes_in_lower_case_is_no_name() -> None:
    assert given_name_first("Jane Roe")
    assert not given_name_first("Key Features", frozenset({"key", "features"}))
    assert not given_name_first("Council Vote")  # no first name


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("© Rheinische Rundschau 2025", "Rheinische Rundschau"),
        (
            "© 2025 Ediciones Prensa Libre S.L. Todos los derechos reservados",
            "Ediciones Prensa Libre S.L.",
        ),
        (
            "Copyright © 2025 Müller Medien GmbH & Co. KG. Alle Rechte vorbehalten.",
            "Müller Medien GmbH & Co. KG",
        ),
        ("© 2025 Le Journal du Soir SA - Tous droits réservés", "Le Journal du Soir SA"),
        ("© Copyright 2015 - 2025 Example Media LLC.", "Example Media LLC"),
        ("Copyright © 2025 Example Inc. All rights reserved.", "Example Inc."),
        ("Copyright Jane Roe 2012-2025. CC BY-NC 4.0.", "Jane Roe"),
        ("©2024 Le Quotidien, S.A.", "Le Quotidien, S.A."),
        ("© 2025 Periódico Sur S.L. Aviso legal", "Periódico Sur S.L."),
        ("Copyright of logos belongs to their owners", None),
    ],
)
def test_the_outlet_from_a_copyright_line(line: str, owner: str | None) -> None:
    assert copyright_owner(line) == owner


def test_a_dateline_announced_by_its_verb_dates_the_page_whatever_its_role() -> None:
    page = dump(
        MENU,
        "Council approves new bridge",
        "Posted on December 20, 2025 by Jane Roe - 5 Comments on Council approves new bridge",
        EN_BODY,
    )
    assert page.date is not None and page.date.date().isoformat() == "2025-12-20"
    assert page.authors == ("Jane Roe",)


def test_a_byline_under_the_lead_paragraph_names_the_author() -> None:
    first, rest = EN_BODY.split("\n\n", 1)
    page = dump(MENU, "Council approves new bridge", first, "By Jane Roe", rest)
    assert page.authors == ("Jane Roe",)


def test_a_bare_name_above_the_body_needs_a_first_name() -> None:
    named = dump(MENU, "Council approves new bridge", "Jane Roe", EN_BODY)
    assert named.authors == ("Jane Roe",)
    label = dump(MENU, "Council approves new bridge", "Riverside Planning", EN_BODY)
    assert label.authors == ()


def test_a_field_line_or_a_file_name_is_no_headline() -> None:
    page = dump(
        MENU,
        "Council approves new bridge over the river",
        "Status: draft",
        "Bridge plans river.pdf (619 KB)",
        EN_BODY,
    )
    assert page.title == "Council approves new bridge over the river"
