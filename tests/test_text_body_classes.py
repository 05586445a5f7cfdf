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
