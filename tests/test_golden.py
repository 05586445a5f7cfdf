"""Golden briefs for the two original seeds: exact bytes, and the facts that matter.

Regenerate on purpose with `UPDATE_GOLDEN=1 make test` and read the diff.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import BuildResult

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers

GOLDEN = Path(__file__).resolve().parent / "golden"
DATED = "seeds/004_702236540aaa3a9a.txt"
UNDATED = "seeds/000_03ffcf947b1a81a5.txt"


@pytest.fixture
def golden_build(
    original_seeds: Path, build_site: Callable[..., BuildResult]
) -> tuple[dict[str, Any], Path]:
    status, report, content, _ = build_site(original_seeds)
    assert status == 0
    return report, content


def _brief(report: dict[str, Any], seed: str) -> dict[str, Any]:
    (brief,) = [b for b in report["briefs"] if seed in b["seeds"]]
    return brief


def _header_and_body(text: str) -> tuple[dict[str, str], str]:
    header, _, body = text.partition("\n\n")
    fields = dict(line.split(": ", 1) for line in header.splitlines())
    return fields, body


@pytest.mark.parametrize("seed", [DATED, UNDATED])
def test_brief_matches_golden_file(golden_build: tuple[dict[str, Any], Path], seed: str) -> None:
    report, content = golden_build
    text = (content / _brief(report, seed)["path"]).read_text(encoding="utf-8")
    golden = GOLDEN / (Path(seed).stem + ".md")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_dated_seed(golden_build: tuple[dict[str, Any], Path]) -> None:
    report, content = golden_build
    brief = _brief(report, DATED)
    fields, body = _header_and_body((content / brief["path"]).read_text(encoding="utf-8"))
    assert fields["Title"] == (
        "Putin says Russia intends to work with friendly nations on weapons development"
    )
    assert fields["Date"] == "2025-06-21 09:01:00+00:00"
    assert "dateline" in fields["Date_Source"]
    article = body.split("## Related briefs")[0].strip()
    paragraphs = article.split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("Russian President Vladimir Putin has expressed")
    assert paragraphs[-1].endswith("beyond eastern and southern Ukraine.")
    assert "9:01" not in article and "Agencies" not in article
    assert "Agencies" in fields["Authors"]
    for junk in ("More on International", "The Latest", "Latest Magazine", "Jun 20, 2025"):
        assert junk not in body


def test_undated_seed(golden_build: tuple[dict[str, Any], Path]) -> None:
    report, content = golden_build
    brief = _brief(report, UNDATED)
    fields, body = _header_and_body((content / brief["path"]).read_text(encoding="utf-8"))
    title = fields["Title"]
    assert "000_03ffcf947b1a81a5" not in title
    assert 3 <= len(title.split()) <= 16 and "…" not in title  # an editor's line, not a cut
    assert title.startswith("Putin: ")  # the speaker by surname, the statement after
    assert fields["Date_Source"].startswith("estimated")
    article = body.split("## Related briefs")[0].strip()
    assert len(article.split("\n\n")) == 3
    assert article.startswith("President Vladimir Putin emphasized")
    assert article.endswith("announced by participating states.")


def test_the_two_seeds_share_tags_and_link_each_other(
    golden_build: tuple[dict[str, Any], Path],
) -> None:
    report, content = golden_build
    dated, undated = _brief(report, DATED), _brief(report, UNDATED)
    shared = set(dated["tags"]) & set(undated["tags"])
    assert {"Vladimir Putin", "Russia"} <= shared
    assert len(shared) >= 3
    assert dated["related"] == [undated["slug"]]
    assert undated["related"] == [dated["slug"]]
    text = (content / dated["path"]).read_text(encoding="utf-8")
    assert re.search(r"\{filename\}/briefs/\d{4}/" + re.escape(undated["slug"]) + r"\.md", text)
    assert "shares: " in text
