"""A Pelican ERROR during the site build fails `news-digest build` and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BuildResult, tree_digest

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers


def test_a_page_pelican_refuses_fails_the_build_and_leaves_the_tree(
    original_seeds: Path,
    build_site: Callable[..., BuildResult],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _, content, output = build_site(original_seeds)
    assert status == 0
    report = tmp_path / "site" / "report.json"
    before = tree_digest(content / "briefs"), tree_digest(output), report.read_bytes()
    capsys.readouterr()
    pages = content / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    (pages / "escape.md").write_text(
        "Title: Escape\nSave_as: ../../escaped.html\n\nThis page would land outside the site.\n",
        encoding="utf-8",
    )
    (original_seeds / "new.txt").write_text(
        "date 2025-07-01 A new article arrives\n\n"
        "The harbour board said on Tuesday that the new ferry terminal will open in August, "
        "two months later than planned, because of delays in the delivery of steel.\n",
        encoding="utf-8",
    )
    status, _, _, _ = build_site(original_seeds)
    err = capsys.readouterr().err
    assert status == 3
    assert "news-digest: the site build logged 1 error(s): Skipping" in err
    assert "would be written outside output path" in err
    assert (tree_digest(content / "briefs"), tree_digest(output), report.read_bytes()) == before
    assert not list(tmp_path.rglob("escaped.html"))
    assert not list((tmp_path / "site").glob(".output.building*"))
    assert not (content / ".briefs.journal").exists()

    (pages / "escape.md").unlink()
    status, data, _, _ = build_site(original_seeds)
    assert status == 0
    assert len(data["briefs"]) == 3
