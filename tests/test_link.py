"""The link stage: related briefs with reasons, duplicates, stories, dates, stability."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
from news_digest.core import similarity
from news_digest.core.enrich import enrich
from news_digest.core.link import LinkOptions, link_briefs
from news_digest.core.models import BodyBlock, Brief, CleanArticle, Extraction
from news_digest.core.similarity import BACKGROUND_DOCUMENTS, nearest_neighbours, tfidf_matrix
from news_digest.core.terms import term_vector, unpack
from news_digest.settings import entity_options, link_options, load_settings
from pytest import MonkeyPatch
from scipy import sparse

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
FOOTBALL = (
    "Northfield United beat Eastbrook 3-1 on Saturday to move top of the league. Striker "
    "Tom Reyes scored twice in the second half as the home crowd celebrated a fourth win."
)
GARDEN = (
    "Gardeners in Westvale are preparing for the annual flower show, which returns to the "
    "botanical garden in May with more than two hundred exhibitors from across the region."
)

DEFAULT_LINKS = link_options(load_settings({}))  # the schema's defaults


def brief(seed: str, text: str, day: int | None = 1, title: str | None = None) -> Brief:
    extraction = Extraction(
        method="text-dump",
        body=(BodyBlock("paragraph", text),),
        title=title or seed.upper(),
        title_source="header",
        date=datetime(2025, 3, day, tzinfo=UTC) if day else None,
        date_source="header" if day else None,
        language="en",
    )
    article = CleanArticle(seed, "0" * 64, 0, "utf-8", extraction)
    return replace(enrich(article, entity_options(load_settings({}))), slug=seed)


def by_slug(briefs: list[Brief], options: LinkOptions | None = None) -> dict[str, object]:
    return {lb.brief.slug: lb for lb in link_briefs(briefs, options or DEFAULT_LINKS)}


def test_related_briefs_have_reasons_and_unrelated_are_not_linked() -> None:
    linked = by_slug([brief("a", BRIDGE), brief("b", BRIDGE_2, 2), brief("c", FOOTBALL)])
    a = linked["a"]
    assert [r.slug for r in a.related] == ["b"]  # type: ignore[attr-defined]
    assert "Anna Berg" in a.related[0].shared  # type: ignore[attr-defined]
    assert linked["c"].related == ()  # type: ignore[attr-defined]


def test_same_article_twice_becomes_one_brief_with_both_seeds() -> None:
    noisy = BRIDGE + " Read more on our website."
    linked = link_briefs([brief("dump", BRIDGE), brief("page", noisy)], DEFAULT_LINKS)
    assert len(linked) == 1
    assert linked[0].brief.seeds == ("dump", "page")


def test_two_different_articles_are_never_merged() -> None:
    assert len(link_briefs([brief("a", BRIDGE), brief("b", BRIDGE_2)], DEFAULT_LINKS)) == 2


def test_reports_of_one_event_share_a_story_and_others_do_not() -> None:
    linked = by_slug([brief("a", BRIDGE, 1), brief("b", BRIDGE_2, 2), brief("c", GARDEN, 2)])
    assert linked["a"].story == linked["b"].story == "story-a"  # type: ignore[attr-defined]
    assert linked["c"].story is None  # type: ignore[attr-defined]


def test_reports_far_apart_in_time_are_not_one_story() -> None:
    linked = by_slug([brief("a", BRIDGE, 1), brief("b", BRIDGE_2, 20)])
    assert linked["a"].story is None  # type: ignore[attr-defined]


def test_undated_brief_takes_the_date_of_its_closest_relative() -> None:
    linked = by_slug([brief("a", BRIDGE, 5), brief("b", BRIDGE_2, None), brief("c", GARDEN, 9)])
    assert linked["b"].date == datetime(2025, 3, 5, tzinfo=UTC)  # type: ignore[attr-defined]
    assert linked["b"].date_source == "estimated:related"  # type: ignore[attr-defined]


def test_undated_brief_without_relatives_takes_the_newest_date_then_the_fallback() -> None:
    linked = by_slug([brief("a", FOOTBALL, 5), brief("g", GARDEN, None)])
    assert linked["g"].date_source == "estimated:corpus-latest"  # type: ignore[attr-defined]
    (alone,) = link_briefs([brief("g", GARDEN, None)], DEFAULT_LINKS)
    assert (alone.date, alone.date_source) == (DEFAULT_LINKS.fallback_date, "estimated:fallback")


def test_links_are_stable_when_an_unrelated_brief_is_added() -> None:
    base = [brief("a", BRIDGE), brief("b", BRIDGE_2, 2), brief("c", FOOTBALL, 3)]
    before = {
        lb.brief.slug: [r.slug for r in lb.related] for lb in link_briefs(base, DEFAULT_LINKS)
    }
    after = {
        lb.brief.slug: [r.slug for r in lb.related]
        for lb in link_briefs([*base, brief("z", GARDEN, 4)], DEFAULT_LINKS)
    }
    assert {k: after[k] for k in before} == before


def test_output_does_not_depend_on_input_order() -> None:
    briefs = [brief("a", BRIDGE), brief("b", BRIDGE_2, 2), brief("c", FOOTBALL, 3)]
    shuffled = briefs[:]
    random.Random(4).shuffle(shuffled)
    assert link_briefs(briefs, DEFAULT_LINKS) == link_briefs(shuffled, DEFAULT_LINKS)


def test_long_article_as_dump_and_page_is_merged_in_a_larger_corpus() -> None:
    rng = random.Random(7)
    vocabulary = [f"{a}{b}{c}" for a in "bcdfg" for b in "aeiou" for c in "klmnprst"]
    long_text = ". ".join(
        " ".join(rng.choice(vocabulary) for _ in range(12)).capitalize() for _ in range(60)
    )
    page = long_text + ". Subscribe to our newsletter for more."
    others = [
        brief(f"other{k}", " ".join(rng.choice(vocabulary) for _ in range(300)), 3)
        for k in range(20)
    ]
    linked = link_briefs([brief("dump", long_text), brief("page", page), *others], DEFAULT_LINKS)
    merged = [lb for lb in linked if "dump" in lb.brief.seeds]
    assert len(merged) == 1 and merged[0].brief.seeds == ("dump", "page")
    assert len(linked) == 21


def test_an_undated_report_is_related_to_the_report_it_resembles_but_not_in_its_story() -> None:
    """Its day is estimated from that very report, so it is no evidence of time: the
    story would be made by the brief that dated it (two events of one kind, a year
    apart, read alike).  It stays a related brief, dated by day, never by minute."""
    joined = by_slug([brief("a", BRIDGE, 1), brief("b", BRIDGE_2, None)])
    assert joined["b"].date_source == "estimated:related"  # type: ignore[attr-defined]
    assert joined["a"].story is None and joined["b"].story is None  # type: ignore[attr-defined]
    assert [r.slug for r in joined["b"].related] == ["a"]  # type: ignore[attr-defined]
    dated = by_slug([brief("a", BRIDGE, 1), brief("b", BRIDGE_2, 2)])
    assert dated["a"].story == dated["b"].story == "story-a"  # type: ignore[attr-defined]


def test_the_same_headline_within_the_window_is_one_story_even_if_cleaned_apart() -> None:
    title = "Riverton council approves the Alder bridge"
    linked = by_slug(
        [brief("dump", FOOTBALL, 1, title=title), brief("page", GARDEN, 2, title=title)]
    )
    assert linked["dump"].story == linked["page"].story is not None  # type: ignore[attr-defined]
    short = by_slug(
        [brief("x", FOOTBALL, 1, title="Weather"), brief("y", GARDEN, 1, title="Weather")]
    )
    assert short["x"].story is None  # type: ignore[attr-defined]


def test_a_merged_duplicate_keeps_at_most_max_tags() -> None:
    """Before, a merged brief kept up to 8 tags whatever DIGEST_MAX_TAGS said."""
    tags = {"a": ("Riverton", "Alder", "Bridges"), "b": ("Council", "Harbour", "Mayors")}
    copies = [replace(brief(name, BRIDGE), tags=tags[name]) for name in tags]
    (merged,) = link_briefs(copies, replace(DEFAULT_LINKS, max_tags=2))
    assert merged.brief.seeds == ("a", "b")
    assert merged.brief.tags == ("Riverton", "Alder")


def _random_terms(count: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    words = [f"w{chr(97 + k % 26)}{chr(97 + k // 26 % 26)}{chr(97 + k // 676)}" for k in range(400)]
    return [
        term_vector([" ".join(rng.choices(words, k=rng.randint(0, 60)))], "en")
        for _ in range(count)
    ]


def _tfidf_in_one_pass(packed: list[bytes]) -> sparse.csr_matrix:
    """The formula of similarity.tfidf_matrix over the whole corpus at once."""
    unpacked = [unpack(p) for p in packed]
    lengths = np.array([len(ids) for ids, _ in unpacked])
    n = len(packed)
    ids = np.concatenate([ids for ids, _ in unpacked])
    counts = np.concatenate([c for _, c in unpacked]).astype(np.float64)
    vocabulary, columns = np.unique(ids, return_inverse=True)
    idf = np.log((n + BACKGROUND_DOCUMENTS) / (np.bincount(columns) + 0.5))
    weights = (1 + np.log(counts)) * idf[columns]
    rows = np.repeat(np.arange(n), lengths)
    norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
    weights /= np.where(norms > 0, norms, 1.0)[rows]
    indptr = np.concatenate(([0], np.cumsum(lengths)))
    return sparse.csr_matrix((weights, columns, indptr), shape=(n, len(vocabulary)))


def test_matrix_and_neighbours_made_in_blocks_equal_one_pass(monkeypatch: MonkeyPatch) -> None:
    packed = _random_terms(60, seed=3)  # some briefs have no terms at all
    whole = tfidf_matrix(packed)
    found = nearest_neighbours(whole, 8, 30, 5)
    monkeypatch.setattr(similarity, "ROWS_PER_BLOCK", 7)  # blocks end mid-corpus
    blocks = tfidf_matrix(packed)
    reference = _tfidf_in_one_pass(packed)
    assert (blocks != reference).nnz == 0 and np.array_equal(blocks.data, reference.data)
    again = nearest_neighbours(blocks, 8, 30, 5)
    assert list(again) == list(found) and list(again.pairs()) == list(found.pairs())
    assert sum(map(len, found)) > 100


def test_neighbours_are_best_first_without_the_row_itself() -> None:
    matrix = tfidf_matrix(_random_terms(40, seed=5))
    found = nearest_neighbours(matrix, 8, 30, 4)
    pairs = list(found.pairs())
    assert len(found) == 40 and len(pairs) == sum(len(found[i]) for i in range(40))
    for i, j, cosine in pairs:
        assert i != j and (j, cosine) in found[i]
        assert cosine == round(float(matrix[i].multiply(matrix[j]).sum()), 4)
    for i in range(40):
        assert found[i] == sorted(found[i], key=lambda pair: (-pair[1], pair[0]))
