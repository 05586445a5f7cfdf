"""enrich stage helpers: summaries, headlines and slugs."""

from __future__ import annotations

from news_digest.core.enrich import assign_unique_slugs, summarize
from test_render import make_brief


def test_summary_keeps_whole_sentences_within_the_limit() -> None:
    text = "First sentence is here. " + "Second sentence is rather long indeed. " * 10
    summary = summarize(text)
    assert summary.startswith("First sentence is here. Second sentence")
    assert summary.endswith(".")
    assert len(summary) <= 300


def test_summary_of_one_huge_sentence_is_cut_at_a_word() -> None:
    summary = summarize("word " * 200)
    assert summary.endswith("…") and len(summary) <= 301


def test_colliding_slugs_get_a_stable_suffix() -> None:
    a = make_brief("same", seeds=("a.txt",))
    b = make_brief("same", seeds=("b.txt",))
    first = assign_unique_slugs([b, a])
    second = assign_unique_slugs([a, b])
    assert first == second
    slugs = sorted(x.slug for x in first)
    assert slugs[0] == "same" and slugs[1].startswith("same-") and len(slugs[1]) == 13
    assert next(x for x in first if x.slug == "same").seeds == ("a.txt",)
