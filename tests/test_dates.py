"""Publication dates (core/dates.py): read in six languages and the numeric forms, kept
in the publisher's local time with its offset, implausible ones refused, estimates a day."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from news_digest.core import dates
from news_digest.core.clean.html import clean_html_page
from news_digest.core.clean.text_dump import clean_text_dump
from news_digest.core.enrich import enrich
from news_digest.core.link import link_briefs
from news_digest.core.models import BodyBlock, Brief, CleanArticle, Extraction, LinkedBrief
from news_digest.core.parse.feed import read_feed
from news_digest.core.render import header_fields
from news_digest.core.sidecar import read_hints, sidecar_path
from news_digest.settings import entity_options, link_options, load_settings

CET, CEST, EST = (timezone(timedelta(hours=h)) for h in (1, 2, -5))


@pytest.mark.parametrize(
    ("line", "language", "expected"),
    [
        # German
        ("15.12.2025, 06:45 Uhr", "de", "2025-12-15T06:45:00+01:00"),
        ("Veröffentlicht am 3. März 2025 um 14:05 Uhr", "de", "2025-03-03T14:05:00+01:00"),
        ("Stand: 15.07.2025 06:45 Uhr", "de", "2025-07-15T06:45:00+02:00"),  # summer time
        ("3. Dez. 2024", "de", "2024-12-03T00:00:00+00:00"),
        # Spanish
        ("18 dic 2025 - 16:40 CET", "es", "2025-12-18T16:40:00+01:00"),
        ("18 de diciembre de 2025", "es", "2025-12-18T00:00:00+00:00"),
        ("Actualizado el 2 de agosto de 2024 a las 09:15 CEST", "es", "2024-08-02T09:15:00+02:00"),
        # French
        ("Publié le 3 mars 2025 à 14h05", "fr", "2025-03-03T14:05:00+00:00"),
        ("1er janvier 2025", "fr", "2025-01-01T00:00:00+00:00"),
        ("le 12 févr. 2024 à 08h30 GMT+1", "fr", "2024-02-12T08:30:00+01:00"),
        # Italian
        ("18 dicembre 2025", "it", "2025-12-18T00:00:00+00:00"),
        ("Pubblicato il 5 giu 2024 alle 18:20", "it", "2024-06-05T18:20:00+00:00"),
        # Portuguese
        ("18 de dezembro de 2025 às 16h40", "pt", "2025-12-18T16:40:00+00:00"),
        ("quinta-feira, 7 de março de 2024", "pt", "2024-03-07T00:00:00+00:00"),
        # English and numeric forms
        ("Published 9:05 AM EST Mar 3, 2021", "en", "2021-03-03T09:05:00-05:00"),
        ("08:40 03.03.2021", "de", "2021-03-03T08:40:00+00:00"),
        ("3:14 PM GMT+1, 15 December 2025", "en", "2025-12-15T15:14:00+01:00"),
        ("Updated Nov 13, 2019, 10:28am EDT", "en", "2019-11-13T10:28:00-04:00"),
        ("21 June 2025 16:05 BST", "en", "2025-06-21T16:05:00+01:00"),
        ("June 21, 2025 at 7:01 p.m. PST", "en", "2025-06-21T19:01:00-08:00"),
        ("2025-12-15T06:45:00+01:00", None, "2025-12-15T06:45:00+01:00"),
        ("2025-12-15 06:45 -0500", None, "2025-12-15T06:45:00-05:00"),
        ("2025-12-15T23:30:00Z", None, "2025-12-15T23:30:00+00:00"),
        ("Posted 2025/12/15 11:00 UTC", None, "2025-12-15T11:00:00+00:00"),
        # Forms whole-page dumps print: glued fields, other separators, US zones
        ("Updated October 7, 20246:01 PM ET", "en", "2024-10-07T18:01:00-04:00"),  # summer
        ("Dec 2, 2024 9:30 AM ET", "en", "2024-12-02T09:30:00-05:00"),
        ("Jan 5, 2025 3:00 PM PT", "en", "2025-01-05T15:00:00-08:00"),
        ("Nov 4, 20247 min read", "en", "2024-11-04T00:00:00+00:00"),
        ("By Jane RoeMar 5, 2025 | 4 comments", "en", "2025-03-05T00:00:00+00:00"),
        ("Publicado el 04-ago-2021 5:11:10", "es", "2021-08-04T05:11:10+00:00"),
        ("Actualizado 19-Dic-2025", "es", "2025-12-19T00:00:00+00:00"),
        ("Stand: 14.11.24", "de", "2024-11-14T00:00:00+00:00"),
        ("Essay · 2025.12.17 · notes", None, "2025-12-17T00:00:00+00:00"),
        ("2025•01•08", None, "2025-01-08T00:00:00+00:00"),
        ("06.18.2025", "en", "2025-06-18T00:00:00+00:00"),  # a US date written with dots
        ("Jul. 11. 2025", "en", "2025-07-11T00:00:00+00:00"),
        ("Mis à jour le 19 déc. 2025 à 07h12 CET", "fr", "2025-12-19T07:12:00+01:00"),
    ],
)
def test_dates_are_read_with_their_local_time_and_offset(
    line: str, language: str | None, expected: str
) -> None:
    found = dates.find_date(line, language)
    assert found is not None
    assert found.moment.isoformat() == expected  # wall time and offset exactly as written


def test_the_page_language_orders_day_and_month_only_when_ambiguous() -> None:
    def day(line: str, language: str) -> str:
        found = dates.find_date(line, language)
        assert found is not None
        return found.moment.date().isoformat()

    assert day("03/04/2025", "en") == "2025-03-04"  # US: month first
    assert day("03/04/2025", "fr") == "2025-04-03"
    assert day("03/04/2025", "es") == "2025-04-03"
    assert day("25/04/2025", "en") == "2025-04-25"  # 25 cannot be a month
    assert day("04/25/2025", "de") == "2025-04-25"


def test_a_late_evening_time_with_an_offset_stays_on_its_day() -> None:
    found = dates.find_date("15 December 2025, 11:30 PM GMT+1")
    assert found is not None
    assert found.moment == datetime(2025, 12, 15, 23, 30, tzinfo=CET)
    assert (found.moment.day, found.moment.hour) == (15, 23)  # not 22:30 UTC, not the 16th


def test_words_that_look_like_zones_or_months_are_not_taken() -> None:
    assert dates.find_date("Il est 9:05 et il pleut") is None  # no day, "est" is a word
    assert dates.find_date("Version 2.1.12.2025 released") is None  # part of a dotted number
    assert dates.find_date("31.02.2025") is None  # no such day
    assert dates.find_date("Release 2025.1.2 notes") is None  # a version, not a day
    assert dates.find_date("Ruft an: 12.50.20") is None  # no month 50
    assert dates.find_date("Preis 1.234,56 € am 3.") is None


@pytest.mark.parametrize(
    ("dump", "language", "expected"),
    [
        (
            "Bahnstreik legt Verkehr lahm\n15.12.2025, 06:45 Uhr\n",
            "de",
            "2025-12-15T06:45:00+01:00",
        ),
        ("Huelga en el metro\n18 dic 2025 - 16:40 CET\n", "es", "2025-12-18T16:40:00+01:00"),
        ("Grève dans le métro\nle 3 mars 2025 à 14h05\n", "fr", "2025-03-03T14:05:00+00:00"),
        ("Sciopero dei treni\n18 dicembre 2025\n", "it", "2025-12-18T00:00:00+00:00"),
        ("Greve no metrô\n18 de dezembro de 2025 às 16h40\n", "pt", "2025-12-18T16:40:00+00:00"),
    ],
)
def test_text_dumps_in_other_languages_are_dated_by_their_dateline(
    dump: str, language: str, expected: str
) -> None:
    body = {
        "de": "Der Streik der Lokführer hat am Montag den Bahnverkehr in weiten Teilen des "
        "Landes lahmgelegt, und viele Pendler mussten auf das Auto oder den Bus umsteigen.",
        "es": "La huelga de los trabajadores del metro paralizó el lunes el transporte en la "
        "ciudad y miles de personas tuvieron que buscar otra forma de llegar al trabajo.",
        "fr": "La grève des conducteurs a paralysé lundi une grande partie du réseau et des "
        "milliers de voyageurs ont dû trouver un autre moyen pour aller au travail.",
        "it": "Lo sciopero dei macchinisti ha bloccato lunedì gran parte della rete e migliaia "
        "di pendolari hanno dovuto trovare un altro modo per arrivare al lavoro.",
        "pt": "A greve dos maquinistas paralisou na segunda-feira grande parte da rede e "
        "milhares de passageiros tiveram de procurar outra forma de chegar ao trabalho.",
    }[language]
    result = clean_text_dump(f"{dump}\n{body}\n\n{body}\n")
    assert result.date is not None and result.date.isoformat() == expected
    assert result.date_source == "dateline"


# --- implausible dates ---------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00:00", "1970-01-01T00:00:00Z", "1989-12-31", "not a date", ""]
)
def test_placeholder_and_unreadable_dates_are_refused(value: str) -> None:
    assert dates.parse_iso(value) is None


def test_a_json_ld_placeholder_gives_way_to_the_real_published_date() -> None:
    page = _page('{"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00"}')
    page = page.replace(
        "</head>",
        '<meta property="article:published_time" content="2025-12-15T06:45:00+01:00"></head>',
    )
    result = clean_html_page(page)
    assert result.date is not None and result.date.isoformat() == "2025-12-15T06:45:00+01:00"


def test_a_page_with_only_a_placeholder_date_has_no_year_one() -> None:
    result = clean_html_page(_page('{"datePublished": "0001-01-01T00:00:00+00:00"}'))
    assert result.date is None or result.date >= dates.EARLIEST_PLAUSIBLE


def _page(json_ld: str) -> str:
    paragraph = (
        "<p>The harbour authority said on Monday that the ferry between the port and the old "
        "town is running again after three weeks of engine repairs, and that from Tuesday "
        "it will sail every fifteen minutes at rush hour.</p>"
    )
    return (
        '<html lang="en"><head><title>Ferry back</title>'
        f'<script type="application/ld+json">{json_ld}</script></head><body><article>'
        f"<h1>Ferry back in service</h1>{paragraph * 4}</article></body></html>"
    )


def test_a_date_far_after_the_corpus_evidence_is_refused() -> None:
    briefs = [
        _brief("feed-a", "bridge", datetime(2025, 3, 4, 8, 0, tzinfo=UTC), "hint"),
        _brief("page-b", "garden", datetime(2031, 1, 1, 9, 0, tzinfo=UTC), "metadata"),
    ]
    linked = {lb.brief.slug: lb for lb in link_briefs(briefs, LINKS)}
    assert linked["page-b"].date_source.startswith("estimated")
    assert linked["page-b"].date <= datetime(2025, 3, 6, tzinfo=UTC)
    assert linked["feed-a"].date == datetime(2025, 3, 4, 8, 0, tzinfo=UTC)


def test_the_horizon_comes_from_the_corpus_never_the_clock() -> None:
    feed, page = datetime(2020, 5, 1, tzinfo=UTC), datetime(2018, 1, 1, tzinfo=UTC)
    stated = [(feed, "hint"), (page, "dateline"), (datetime(2031, 1, 1, tzinfo=UTC), "metadata")]
    limit = dates.horizon(stated)
    assert limit == feed + dates.UNTRUSTED_MARGIN and limit < datetime(2031, 1, 1, tzinfo=UTC)
    # a feed date is believed even when every other date is years older
    assert dates.horizon([(feed, "hint"), (page, "dateline")]) == feed + dates.TRUSTED_MARGIN
    pages = [(page, "dateline"), (datetime(2019, 3, 1, tzinfo=UTC), None), (feed, "metadata")]
    limit = dates.horizon(pages)
    assert limit == datetime(2019, 3, 1, tzinfo=UTC) + dates.UNTRUSTED_MARGIN
    assert limit is not None and feed > limit  # a lone date a year past all others: refused
    assert dates.horizon(pages[:1]) is None  # one date cannot be checked against itself


def test_a_newer_page_beside_an_older_feed_is_kept() -> None:
    briefs = [
        _brief("feed-a", "bridge", datetime(2025, 3, 4, 8, 0, tzinfo=UTC), "hint"),
        _brief("page-b", "garden", datetime(2025, 6, 1, 9, 0, tzinfo=UTC), "metadata"),
    ]
    linked = {lb.brief.slug: lb for lb in link_briefs(briefs, LINKS)}
    assert linked["page-b"].date == datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
    assert linked["page-b"].date_source == "metadata"


# --- estimated dates ------------------------------------------------------------------

BRIDGE = (
    "The city council of Riverton approved a new bridge over the Alder river on Tuesday. "
    "The bridge will connect the old town with the harbour district. Mayor Anna Berg said "
    "the bridge project would cost forty million euros and take three years to build."
)
BRIDGE_2 = (
    "Riverton will get its long awaited bridge over the Alder river, after councillors voted "
    "in favour on Tuesday evening. Mayor Anna Berg welcomed the decision and said the bridge "
    "would open in three years, linking the harbour district to the old town."
)
GARDEN = (
    "Gardeners in Westvale are preparing for the annual flower show, which returns to the "
    "botanical garden in May with more than two hundred exhibitors from across the region."
)
TEXTS = {"bridge": BRIDGE, "bridge2": BRIDGE_2, "garden": GARDEN}
LINKS = link_options(load_settings({}))


def _brief(slug: str, text: str, date: datetime | None, source: str | None = "dateline") -> Brief:
    extraction = Extraction(
        method="text-dump",
        body=(BodyBlock("paragraph", TEXTS[text]),),
        title=slug.upper(),
        title_source="header",
        date=date,
        date_source=source if date else None,
        language="en",
    )
    article = CleanArticle(slug, "0" * 64, 0, "utf-8", extraction)
    return replace(enrich(article, entity_options(load_settings({}))), slug=slug)


def _linked() -> dict[str, LinkedBrief]:
    briefs = [
        _brief("real", "bridge", datetime(2025, 12, 15, 6, 45, tzinfo=CET)),
        _brief("undated", "bridge2", None),
        _brief("other", "garden", datetime(2025, 12, 14, 22, 0, tzinfo=CET)),
    ]
    return {lb.brief.slug: lb for lb in link_briefs(briefs, LINKS)}


def test_an_estimated_date_is_the_related_day_never_its_time() -> None:
    undated = _linked()["undated"]
    assert undated.date_source == "estimated:related"
    assert undated.date.isoformat() == "2025-12-15T00:00:00+01:00"  # the day, in its offset


def test_an_estimated_date_sorts_after_the_real_dates_of_its_day() -> None:
    order = [lb.brief.slug for lb in link_briefs(list(_briefs_for_sorting()), LINKS)]
    assert order == ["real", "undated", "other"]  # newest first: 06:45, the 15th, the 14th


def _briefs_for_sorting() -> list[Brief]:
    return [
        _brief("other", "garden", datetime(2025, 12, 14, 22, 0, tzinfo=CET)),
        _brief("undated", "bridge2", None),
        _brief("real", "bridge", datetime(2025, 12, 15, 6, 45, tzinfo=CET)),
    ]


def test_an_estimate_and_a_real_date_at_the_same_moment_put_the_real_one_first() -> None:
    midnight = datetime(2025, 12, 15, tzinfo=CET)
    briefs = [_brief("a-real", "garden", midnight), _brief("b-undated", "bridge2", None)]
    briefs.append(_brief("c-related", "bridge", datetime(2025, 12, 15, 9, 0, tzinfo=CET)))
    linked = link_briefs(briefs, LINKS)
    slugs = [lb.brief.slug for lb in linked]
    assert slugs.index("a-real") < slugs.index("b-undated")
    assert linked[slugs.index("b-undated")].date == midnight


def test_the_header_writes_the_local_time_and_offset_and_utc_as_before() -> None:
    linked = _linked()
    fields = {lb.brief.slug: dict(header_fields(lb)) for lb in linked.values()}
    assert fields["real"]["Date"] == "2025-12-15 06:45:00+01:00"
    assert fields["undated"]["Date"] == "2025-12-15 00:00:00+01:00"
    assert fields["undated"]["Date_Source"] == "estimated:related"
    utc = replace(linked["real"], date=datetime(2025, 6, 21, 9, 1, tzinfo=UTC))
    assert dict(header_fields(utc))["Date"] == "2025-06-21 09:01:00+00:00"  # byte-identical


# --- feeds and sidecars keep the offset ------------------------------------------------


def test_rss_atom_and_json_feed_dates_keep_their_offset() -> None:
    rss = (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>O</title>"
        "<item><guid>1</guid><title>T</title><link>https://o.example/1</link>"
        "<pubDate>Mon, 15 Dec 2025 23:30:00 +0100</pubDate><description>Words here."
        "</description></item></channel></rss>"
    )
    (entry,) = read_feed(rss.encode()).entries
    assert entry.hints.date is not None
    assert entry.hints.date.isoformat() == "2025-12-15T23:30:00+01:00"
    atom = (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>O</title><id>urn:o</id><updated>2025-12-16T00:00:00-05:00</updated><entry>"
        "<id>urn:1</id><title>T</title><link href='https://o.example/1'/>"
        "<published>2025-12-15T18:40:00-05:00</published><updated>2025-12-15T19:00:00-05:00"
        "</updated><summary>Words here.</summary></entry></feed>"
    )
    (entry,) = read_feed(atom.encode()).entries
    assert entry.hints.date == datetime(2025, 12, 15, 18, 40, tzinfo=EST)
    assert entry.hints.date is not None and entry.hints.date.utcoffset() == timedelta(hours=-5)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "O",
        "items": [
            {"id": "1", "url": "https://o.example/1", "content_text": "Words here.",
             "date_published": "2025-07-15T06:45:00+02:00"},
            {"id": "2", "url": "https://o.example/2", "content_text": "More words.",
             "date_published": "0001-01-01T00:00:00Z"},
        ],
    }  # fmt: skip
    first, second = read_feed(json.dumps(feed).encode()).entries
    assert first.hints.date is not None and first.hints.date.isoformat().endswith("06:45:00+02:00")
    assert second.hints.date is None


def test_a_sidecar_date_keeps_its_offset(tmp_path: object) -> None:
    from pathlib import Path

    seed = Path(str(tmp_path)) / "a.html"
    seed.write_text("<p>x</p>", encoding="utf-8")
    sidecar_path(seed).write_text(
        json.dumps({"published": "2025-12-15T06:45:00+01:00", "url": "https://o.example/"}),
        encoding="utf-8",
    )
    hints, notice = read_hints(seed)
    assert notice is None and hints is not None and hints.date is not None
    assert hints.date.isoformat() == "2025-12-15T06:45:00+01:00"


def test_central_european_summer_time_follows_the_eu_rule() -> None:
    assert dates.central_european_offset(datetime(2025, 3, 30, 1, 59)) == timedelta(hours=1)
    assert dates.central_european_offset(datetime(2025, 3, 30, 3, 0)) == timedelta(hours=2)
    assert dates.central_european_offset(datetime(2025, 10, 26, 1, 0)) == timedelta(hours=2)
    assert dates.central_european_offset(datetime(2025, 10, 26, 3, 0)) == timedelta(hours=1)
    assert CEST.utcoffset(None) == timedelta(hours=2)
