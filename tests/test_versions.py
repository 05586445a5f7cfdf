"""A changed feed entry is kept as a new seed beside the old; the digest shows one brief,
the newest version at the first version's address, with what changed."""

from __future__ import annotations

from datetime import UTC, datetime

from news_digest.core.models import BodyBlock, Brief
from news_digest.core.versions import fold_versions
from test_render import make_brief

FETCHED = datetime(2025, 6, 22, 8, 30, tzinfo=UTC)


def version(seed: str, paragraphs: list[str], **changes: object) -> Brief:
    fields: dict[str, object] = {"entry_id": "https://o.example/ferry", **changes}
    return make_brief(
        seeds=(seed,), body=tuple(BodyBlock("paragraph", p) for p in paragraphs), **fields
    )


def test_versions_of_one_entry_fold_into_the_newest_at_the_first_address() -> None:
    first = version("outlet/ferry.html", ["The ferry is late.", "Repairs cost 2,000 euros."],
                    slug="ferry-late", figures=("2,000 euros",))  # fmt: skip
    second = version(
        "outlet/ferry.v2.html",
        ["The ferry is late.", "Repairs cost 3,000 euros.", "It sails on Friday."],
        slug="ferry-sails-friday", title="Ferry sails on Friday", figures=("3,000 euros",),
        fetched=FETCHED,
    )  # fmt: skip
    other = version("outlet/bridge.html", ["The bridge opens."], entry_id="bridge", slug="b")
    (brief, alone) = sorted(fold_versions([second, other, first]), key=lambda b: b.slug)[::-1]
    assert alone.slug == "b" and alone.updated is None and alone.changes == ()
    assert brief.slug == "ferry-late" and brief.title == "Ferry sails on Friday"
    assert brief.seeds == ("outlet/ferry.html", "outlet/ferry.v2.html")
    assert brief.updated == FETCHED
    assert brief.changes == (
        "headline was: A brief",
        "2 paragraphs added or rewritten",
        "1 paragraph removed or rewritten",
        "new figures: 3,000 euros",
        "figures no longer given: 2,000 euros",
    )


def test_the_same_entry_id_in_two_sources_is_two_briefs() -> None:
    a = version("one/x.html", ["Text."], slug="a")
    b = version("two/x.v2.html", ["Text."], slug="b")
    assert sorted(x.slug for x in fold_versions([a, b])) == ["a", "b"]
