"""Builds that fail or collide leave the tree as it was."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, BuildResult, tree_digest

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers


def test_failed_site_build_leaves_briefs_and_site_as_they_were(
    original_seeds: Path, build_site: Callable[..., BuildResult], tmp_path: Path
) -> None:
    _, _, content, output = build_site(original_seeds)
    before = tree_digest(content), tree_digest(output)
    broken = tmp_path / "broken-theme"
    shutil.copytree(REPO / "themes" / "digest", broken)
    (broken / "templates" / "article.html").write_text("{% extends 'base.html' %}{% block x %}")
    (original_seeds / "new.txt").write_text(
        "date 2025-07-01 A new article arrives\n\n"
        "The harbour board said on Tuesday that the new ferry terminal will open in August, "
        "two months later than planned, because of delays in the delivery of steel.\n"
    )
    status, _, _, _ = build_site(original_seeds, settings=f"THEME = {str(broken)!r}")
    assert status == 3
    assert (tree_digest(content), tree_digest(output)) == before


def test_a_second_concurrent_build_stops_with_a_clear_message(
    original_seeds: Path, build_site: Callable[..., BuildResult], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    content = tmp_path / "site" / "content"
    content.mkdir(parents=True)
    holder = subprocess.Popen(
        [
            sys.executable, "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(content / '.news-digest.lock')!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(30)\n",
        ],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        status, report, _, _ = build_site(original_seeds)
        assert (status, report) == (3, {})  # the build did not start
        assert "another news-digest build is running on this tree" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
