"""The alerts' query syntax (site/alerts.py) on stand-in briefs."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from news_digest.core.errors import ConfigError
from news_digest.site.alerts import QueryError, check_alerts, compile_query, make_alerts


def brief(slug: str, *, tags: tuple[str, ...] = (), entities: str = "", source: str = "",
          lang: str = "en", text: str = "") -> Any:  # fmt: skip
    return SimpleNamespace(
        slug=slug, title=slug.replace("-", " ").title(), summary="", _content=f"<p>{text}</p>",
        tags=[SimpleNamespace(name=t) for t in tags], entities=entities, source=source,
        lang=lang, date=datetime(2025, 9, 11, tzinfo=UTC),
    )  # fmt: skip


ECB = brief("rates", entities="organisation:ECB:3 | place:Frankfurt:1", source="Wire", lang="en",
            text="The ECB kept its interest rates on hold.")  # fmt: skip
SUMY = brief("sumy", tags=("Sumy", "Ukraine"), source="Kyiv Daily", lang="en-gb",
             text="Shelling near Sumy overnight.")  # fmt: skip
GERMAN = brief("zins", entities="organisation:EZB:2", tags=("EZB",), source="Tagesblatt",
               lang="de", text="Die EZB lässt die Zinsen unverändert.")  # fmt: skip
ALL = [ECB, SUMY, GERMAN]


def matches(query: str) -> list[str]:
    test = compile_query(query)
    return [b.slug for b in ALL if test(b)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('entity:"ECB"', ["rates"]),
        ("entity:ecb", ["rates"]),  # names compare without case
        ("entity:Sumy", ["sumy"]),  # a tag is a name too
        ("tag:Sumy", ["sumy"]),
        ("tag:Frankfurt", []),  # an entity that is not a tag
        ('source:"Kyiv Daily"', ["sumy"]),
        ("lang:en", ["rates", "sumy"]),  # en matches en-gb
        ("lang:de", ["zins"]),
        ("interest", ["rates"]),
        ('word:"interest rates"', ["rates"]),
        ("inter", []),  # whole words only
        ('entity:"ECB" OR tag:Sumy AND lang:en', ["rates", "sumy"]),
        ("tag:Sumy OR entity:EZB AND lang:en", ["sumy"]),  # AND binds tighter
        ("(tag:Sumy OR entity:EZB) AND lang:de", ["zins"]),
        ("lang:en -tag:Sumy", ["rates"]),
        ("NOT lang:en", ["zins"]),
        ("lang:en Sumy", ["sumy"]),  # side by side: AND
    ],
)
def test_queries_match_exactly_their_briefs(query: str, expected: list[str]) -> None:
    assert matches(query) == expected


@pytest.mark.parametrize(
    "query", ["", "author:x", "(tag:Sumy", "tag:Sumy)", 'tag:""', "AND", "tag:Sumy OR"]
)
def test_a_bad_query_is_a_config_error_naming_the_alert(query: str) -> None:
    with pytest.raises(QueryError):
        compile_query(query)
    with pytest.raises(ConfigError, match="Broken"):
        check_alerts({"Broken": query})


def test_alerts_have_bounded_slugs_and_two_names_never_share_a_page() -> None:
    (alert,) = make_alerts({"Sumy & Ukraine!": "tag:Sumy"}, ALL, "alert/{slug}.html",
                           "alert/{slug}.html", 40)  # fmt: skip
    assert alert.slug == "sumy-ukraine" and alert.url == "alert/sumy-ukraine.html"
    assert [a.slug for a in alert.articles] == ["sumy"]
    with pytest.raises(ConfigError, match="one page"):
        check_alerts({"Sumy!": "tag:Sumy", "sumy": "tag:Sumy"})
