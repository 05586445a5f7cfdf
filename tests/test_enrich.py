"""enrich stage helpers: summaries, headlines and slugs."""

from __future__ import annotations

from news_digest.core.enrich import assign_unique_slugs, summarize
from news_digest.core.models import BodyBlock
from test_render import make_brief


def para(text: str) -> BodyBlock:
    return BodyBlock("paragraph", text)


def test_summary_keeps_whole_sentences_within_the_limit() -> None:
    text = "First sentence is here. " + "Second sentence is rather long indeed. " * 10
    summary = summarize([para(text)])
    assert summary.startswith("First sentence is here. Second sentence")
    assert summary.endswith(".")
    assert len(summary) <= 300


def test_summary_of_one_huge_sentence_is_cut_at_a_word() -> None:
    summary = summarize([para("word " * 200)])  # one "sentence" of 999 characters
    assert summary.endswith("word…") and len(summary) <= 601


def test_summary_starts_after_the_dateline_and_skips_the_headline() -> None:
    body = [
        para("Bank cuts rates to 1.75%"),
        para(
            "FRANKFURT, Dec 18 (Wire) - The bank cut its rate to 1.75% on Thursday. It was the "
            "third cut."
        ),
    ]
    assert summarize(body, "Bank cuts rates to 1.75%") == (
        "The bank cut its rate to 1.75% on Thursday. It was the third cut."
    )


def test_a_standfirst_is_the_summary_and_is_not_run_into_the_lead() -> None:
    body = [
        para("The harbour bridge will close to cars in May after engineers found cracks."),
        para("The city council voted on Tuesday to close the bridge. Work starts in June."),
    ]
    summary = summarize(body, "Harbour bridge to close")
    assert summary == "The harbour bridge will close to cars in May after engineers found cracks."


def test_colliding_slugs_get_a_stable_suffix() -> None:
    a = make_brief("same", seeds=("a.txt",))
    b = make_brief("same", seeds=("b.txt",))
    first = assign_unique_slugs([b, a])
    second = assign_unique_slugs([a, b])
    assert first == second
    slugs = sorted(x.slug for x in first)
    assert slugs[0] == "same" and slugs[1].startswith("same-") and len(slugs[1]) == 13
    assert next(x for x in first if x.slug == "same").seeds == ("a.txt",)
