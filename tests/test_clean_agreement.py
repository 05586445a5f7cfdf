"""Paragraph voting between extractors (core/clean/agreement.py)."""

from __future__ import annotations

import pytest
from news_digest.core.clean.agreement import combine
from news_digest.core.models import BodyBlock

pytestmark = pytest.mark.unit

P = [
    "The ferry crew saw the walkers waving from the sandbank just before dusk on Sunday.",
    "Within minutes the skipper had turned the boat and radioed the coastguard station.",
    "Twelve people, two dogs and a pushchair were lifted aboard as the tide came in fast.",
    "Nobody was hurt, although one man lost his shoes in the soft mud near the channel.",
    "The harbour master said the crossing times are posted at both ends of the causeway.",
    "Volunteers will repaint the warning signs next month, paid for by a local appeal.",
]
MENU = "Home News Sport Weather Contact us"
COMMENT = "Great story, I remember that ferry from my childhood summers on the island."


def _blocks(*texts: str) -> tuple[BodyBlock, ...]:
    return tuple(BodyBlock("paragraph", t) for t in texts)


def _texts(blocks: tuple[BodyBlock, ...]) -> list[str]:
    return [b.text for b in blocks]


PAGE = [MENU, *P, "Comments", COMMENT]


def test_agreed_paragraphs_in_page_order() -> None:
    voters = [
        ("precision", _blocks(*P)),
        ("recall", _blocks(*P)),
        ("readability", _blocks(*reversed(P))),
        ("justext", _blocks(*P, COMMENT)),
        ("text-dump", _blocks(*P)),
    ]
    assert _texts(combine(voters, PAGE)) == P


def test_a_teaser_precision_pass_is_completed_by_agreement() -> None:
    voters = [
        ("precision", _blocks(P[0])),
        ("recall", _blocks(*P)),
        ("readability", _blocks(*P)),
        ("justext", _blocks(*P[1:])),
        ("text-dump", _blocks()),
    ]
    assert _texts(combine(voters, PAGE)) == P


def test_dropped_paragraphs_come_back_when_two_independent_voters_have_them() -> None:
    voters = [
        ("precision", _blocks(P[0], P[1], P[4], P[5])),
        ("recall", _blocks(*P)),
        ("readability", _blocks(*P)),
        ("justext", _blocks(*P)),
        ("text-dump", _blocks(P[0], P[5])),
    ]
    assert _texts(combine(voters, PAGE)) == P


def test_one_voters_extras_outside_the_article_are_dropped() -> None:
    voters = [
        ("precision", _blocks(*P)),
        ("recall", _blocks(MENU, *P)),
        ("readability", _blocks(*P)),
        ("justext", _blocks(*P, COMMENT)),
        ("text-dump", _blocks(*P)),
    ]
    assert _texts(combine(voters, PAGE)) == P


def test_a_wrapper_block_holding_the_article_and_more_is_dropped() -> None:
    wrapper = " ".join([*P, MENU, COMMENT, *P])
    voters = [
        ("precision", _blocks(*P)),
        ("recall", _blocks(wrapper)),
        ("readability", _blocks(wrapper)),
        ("justext", _blocks(wrapper)),
        ("text-dump", _blocks(*P)),
    ]
    assert _texts(combine(voters, PAGE)) == P


def test_same_input_same_output() -> None:
    voters = [("precision", _blocks(*P)), ("readability", _blocks(*P[:3]))]
    assert combine(voters, PAGE) == combine(voters, PAGE)
