"""Stories: one event from many outlets and languages is one story; two events of
the same kind stay two; an unrelated brief changes nothing.  Texts written for
these tests (fictional places and people)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
from news_digest.core import stories as grouping
from news_digest.core.enrich import enrich
from news_digest.core.link import link_briefs
from news_digest.core.models import BodyBlock, Brief, CleanArticle, Extraction
from news_digest.core.similarity import tfidf_matrix
from news_digest.core.stories import story_vectors
from news_digest.settings import entity_options, link_options, load_settings
from news_digest.text.figures import figures
from pytest import MonkeyPatch
from scipy import sparse

SETTINGS = load_settings({})
LINKS = link_options(SETTINGS)

RATE_EN_1 = (
    "The Norland Central Bank raised its main interest rate to 3.25% on Thursday, the "
    "third increase this year, as inflation stayed above 4%. Governor Ingrid Halvorsen "
    'said the bank "will do what it takes to bring prices under control". The decision '
    "was taken by five votes to two, and the bank said further rises were possible."
)
RATE_EN_2 = (
    "Norland's central bank lifted borrowing costs by a quarter point to 3.25%, citing "
    "inflation of 4.3% in February. Ingrid Halvorsen, the governor, told reporters in "
    "Tarnholm that the bank will do what it takes to bring prices under control. Two of "
    "the seven members of the rate committee voted to keep rates unchanged."
)
RATE_ES = (
    "El Banco Central de Norland subió el jueves su tipo de interés principal al 3.25%, "
    "la tercera subida del año, con una inflación del 4.3%. La gobernadora Ingrid "
    "Halvorsen afirmó en Tarnholm que el banco hará lo necesario para controlar los "
    "precios. La decisión se tomó por cinco votos a dos."
)
QUAKE_1 = (
    "A magnitude 6.1 earthquake struck the Valdoria region early on Friday, damaging "
    "hundreds of homes in the town of Brenna and leaving 1,200 people without shelter. "
    "Rescue teams from Ostmark reached the area by noon. The mayor of Brenna, Paolo "
    "Verdi, said two schools would be used as emergency shelters."
)
QUAKE_1B = (
    "Rescuers searched collapsed buildings in Brenna after the magnitude 6.1 earthquake "
    "in Valdoria. Mayor Paolo Verdi said 1,200 people had lost their homes and that the "
    "schools of the town were open as shelters. Teams from Ostmark arrived at midday."
)
QUAKE_2 = (
    "A magnitude 5.4 earthquake shook the Kestrel Islands on Friday, cutting power to "
    "the port of Saltby, where 300 people spent the night outdoors. The island council "
    "leader, Maren Koss, said the ferry to the mainland was suspended while engineers "
    "inspected the pier. No deaths were reported."
)
QUAKE_2B = (
    "Engineers inspected the pier at Saltby after a magnitude 5.4 earthquake hit the "
    "Kestrel Islands. Council leader Maren Koss said about 300 people had slept outdoors "
    "and that ferry services would resume once the pier was declared safe."
)
UNRELATED = (
    "The Westvale flower show opens on Saturday with more than two hundred exhibitors. "
    "Organisers expect twelve thousand visitors over the weekend in the botanical garden."
)


def brief(seed: str, text: str, day: datetime, title: str, outlet: str, language: str) -> Brief:
    extraction = Extraction(
        method="text-dump",
        body=(BodyBlock("paragraph", text),),
        title=title,
        title_source="header",
        date=day,
        date_source="header",
        outlet=outlet,
        language=language,
    )
    article = CleanArticle(seed, "0" * 64, 0, "utf-8", extraction)
    return replace(enrich(article, entity_options(SETTINGS)), slug=seed)


def corpus() -> list[Brief]:
    march = datetime(2025, 3, 6, 12, tzinfo=UTC)
    may = datetime(2025, 5, 2, 8, tzinfo=UTC)
    week_later = datetime(2025, 5, 9, 8, tzinfo=UTC)
    return [
        brief("rate-a", RATE_EN_1, march, "Norland raises rates to 3.25%", "Harbor Times", "en"),
        brief("rate-b", RATE_EN_2, march, "Central bank lifts borrowing costs", "Wire", "en"),
        brief("rate-c", RATE_ES, march, "Norland sube los tipos al 3,25%", "El Puerto", "es"),
        brief("quake-a", QUAKE_1, may, "Earthquake hits Valdoria", "Harbor Times", "en"),
        brief("quake-b", QUAKE_1B, may, "Rescuers search Brenna", "Wire", "en"),
        brief("quake-c", QUAKE_2, week_later, "Quake shakes Kestrel Islands", "Wire", "en"),
        brief("quake-d", QUAKE_2B, week_later, "Saltby pier inspected", "Harbor Times", "en"),
    ]


def stories_of(briefs: list[Brief]) -> dict[str, str | None]:
    return {lb.brief.slug: lb.story for lb in link_briefs(briefs, LINKS)}


def test_three_outlets_two_languages_one_event_make_one_story() -> None:
    stories = stories_of(corpus())
    assert stories["rate-a"] is not None
    assert stories["rate-a"] == stories["rate-b"] == stories["rate-c"]


def test_two_events_of_the_same_kind_a_week_apart_stay_two_stories() -> None:
    stories = stories_of(corpus())
    assert stories["quake-a"] is not None and stories["quake-c"] is not None
    assert stories["quake-a"] == stories["quake-b"]
    assert stories["quake-c"] == stories["quake-d"]
    assert stories["quake-a"] != stories["quake-c"]
    assert stories["rate-a"] not in (stories["quake-a"], stories["quake-c"])


def test_an_unrelated_brief_changes_no_story() -> None:
    before = stories_of(corpus())
    later = datetime(2025, 5, 3, 9, tzinfo=UTC)
    after = stories_of([*corpus(), brief("flowers", UNRELATED, later, "Flower show", "Wire", "en")])
    assert after.pop("flowers") is None
    assert after == before


def test_figures_keep_units_and_drop_years() -> None:
    text = "Rates rose to 1.75% in 2025; 3,000 residents left and $300 million was pledged."
    assert figures(text) == ["1.75 %", "3000", "300 million"]


def test_a_notice_many_pages_share_is_not_an_article() -> None:
    from news_digest.core.pipeline import drop_shared_notices

    notice = "Please enable JavaScript in your browser to read this page."
    day = datetime(2025, 5, 1, tzinfo=UTC)
    pages = [brief(f"site-{k}", notice, day, f"Title {k}", f"Outlet {k}", "en") for k in range(3)]
    same = [replace(p, content_hash="same") for p in pages]
    syndicated = [
        replace(brief(f"wire-{k}", QUAKE_1, day, "Earthquake hits Valdoria", f"Paper {k}", "en"),
                content_hash="wire")
        for k in range(3)
    ]  # fmt: skip
    kept, rejected = drop_shared_notices([*same, *syndicated])
    assert [b.slug for b in kept] == ["wire-0", "wire-1", "wire-2"]
    assert sorted(r.seed for r in rejected) == ["site-0", "site-1", "site-2"]
    assert all("not an article" in r.reason for r in rejected)


def test_a_further_report_joins_its_story_without_splitting_it() -> None:
    before = stories_of(corpus())
    fourth = (
        "Inflation in Norland will fall only slowly, governor Ingrid Halvorsen said after the "
        "central bank raised its rate to 3.25% on Thursday, the third rise this year."
    )
    march = datetime(2025, 3, 7, 9, tzinfo=UTC)
    extra = brief("rate-d", fourth, march, "Halvorsen expects slow fall", "Daily", "en")
    after = stories_of([*corpus(), extra])
    assert after["rate-d"] == after["rate-a"] == after["rate-b"] == after["rate-c"]
    assert {k: v for k, v in after.items() if k != "rate-d"} == before


def _story_rows() -> tuple[list[Brief], sparse.csr_matrix]:
    briefs = sorted(corpus(), key=lambda b: b.slug)
    return briefs, tfidf_matrix([b.terms for b in briefs])


def test_story_vectors_of_chosen_rows_made_in_blocks_equal_one_pass(
    monkeypatch: MonkeyPatch,
) -> None:
    briefs, words = _story_rows()
    rows = [0, 2, 3, 6]
    chosen = [briefs[r] for r in rows]
    options = LINKS.stories
    names = [{e.name.casefold() for e in b.entities if e.kind != "topic"} for b in chosen]
    numbers = [set(b.figures) for b in chosen]
    parts = [words[rows]]
    for features, weight in ((names, options.entity_weight), (numbers, options.figure_weight)):
        parts.append(math.sqrt(weight) * grouping._unit_rows(grouping._idf_rows(features, options)))
    reference = grouping._unit_rows(sparse.hstack(parts, format="csr"))
    monkeypatch.setattr(grouping, "ROWS_PER_BLOCK", 3)  # one block ends mid-way
    made = story_vectors(words, chosen, options, rows)
    assert made.shape == reference.shape and (made != reference).nnz == 0
    assert np.array_equal(made.indptr, reference.indptr)
    assert np.array_equal(made.data, reference.data)  # the very same floats


def test_average_link_of_merged_groups_is_the_mean_pairwise_cosine() -> None:
    briefs, words = _story_rows()
    vectors = story_vectors(words, briefs, LINKS.stories)
    dense = vectors.toarray()
    day = datetime(2025, 3, 6, tzinfo=UTC)
    clusters = grouping._Clusters(vectors, [day] * len(briefs), LINKS.stories)
    clusters._merge(0, 1)
    clusters._merge(2, 3)
    clusters._merge(2, 4)
    pairs = [float(dense[i] @ dense[j]) for i in (0, 1) for j in (2, 3, 4)]
    assert clusters._average(0, 2) == round(sum(pairs) / 6, 6)
    assert clusters._average(2, 0) == clusters._average(0, 2)
    alone = [float(dense[5] @ dense[j]) for j in (2, 3, 4)]
    assert clusters._average(5, 2) == round(sum(alone) / 3, 6)
    columns, weights = clusters.sums[2]
    assert list(columns) == sorted(set(columns)) and np.allclose(
        np.bincount(columns, weights, minlength=dense.shape[1]), dense[[2, 3, 4]].sum(axis=0)
    )
