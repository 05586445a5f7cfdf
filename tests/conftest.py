"""Shared fixtures: small seed trees in tmp_path and a full build helper."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from news_digest import cli

REPO = Path(__file__).resolve().parents[1]
MARKERS = {
    "unit": "no site build, no browser, no external checker (`make test-fast` runs these)",
    "site": "builds a Pelican site or runs the site's checkers (Nu, actionlint)",
    "browser": "drives Debian's chromium through Playwright",
    "cluster": "starts a local Dask cluster (DIGEST_EXECUTOR)",
}


def pytest_configure(config: pytest.Config) -> None:
    for name, doc in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {doc}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that is not a site, browser or cluster test is a unit test."""
    for item in items:
        if not any(True for n in ("site", "browser", "cluster") for _ in item.iter_markers(n)):
            item.add_marker(pytest.mark.unit)


SEEDS = REPO / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ORIGINAL_SEEDS = ("000_03ffcf947b1a81a5.txt", "004_702236540aaa3a9a.txt")


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    """An empty seeds folder to fill per test."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    return folder


@pytest.fixture
def original_seeds(seeds_dir: Path) -> Path:
    """A seeds folder holding the project's two original seeds."""
    for name in ORIGINAL_SEEDS:
        shutil.copy(SEEDS / name, seeds_dir / name)
    return seeds_dir


BuildResult = tuple[int, dict[str, Any], Path, Path]


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under ``folder`` (the build lock aside)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".news-digest.lock"
    }


def write_settings(path: Path, extra: str = "") -> Path:
    """The repo's pelicanconf.py with its own cache folder (tests never share a cache)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
        f"THEME = {str(REPO / 'themes' / 'digest')!r}\n"
        f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n"
        f"DIGEST_CACHE_DIR = {str(path.parent / 'cache')!r}\n"
        f"CACHE_PATH = {str(path.parent / 'pelican-cache')!r}\n"
        f"{extra}\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def build_site(tmp_path: Path) -> Callable[..., BuildResult]:
    """Run `news-digest build` on a seeds folder into tmp_path.

    Returns (exit status, report ({} when none was written), content folder, output folder).
    """

    def run(seeds: Path, *extra: str, name: str = "site", settings: str = "") -> BuildResult:
        root = tmp_path / name
        content, output, report = root / "content", root / "output", root / "report.json"
        conf = write_settings(tmp_path / "conf" / f"{name}.py", settings)
        status = cli.main(
            [
                "build",
                "--settings",
                str(conf),
                "--seeds",
                str(seeds),
                "--content",
                str(content),
                "--output",
                str(output),
                "--report",
                str(report),
                *extra,
            ]
        )
        data = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
        return status, data, content, output

    return run


@pytest.fixture(scope="session")
def showcase_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every page kind (briefs, tags, sources, a story, archives, about), built once."""
    from site_checks import build_showcase

    return build_showcase(tmp_path_factory.mktemp("showcase"))


@pytest.fixture
def mixed_seeds(original_seeds: Path) -> Path:
    """The two original seeds, a feed of two entries and a small HTML page."""
    shutil.copy(FIXTURES / "feeds" / "outlet.rss", original_seeds / "outlet.rss")
    (original_seeds / "library.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><title>Library reopens after repairs</title>"
        "<meta property='og:site_name' content='Town Herald'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
        "<h1>Library reopens after repairs</h1>"
        "<p>The town library reopened on Saturday after two months of repairs to its roof, "
        "which had leaked through the winter and damaged part of the reading room.</p>"
        "<p>Staff moved more than four thousand books back onto the shelves over the past week, "
        "and the children's section now has a larger space near the entrance.</p>"
        "<p>The library will keep its usual opening hours, the head librarian said.</p>"
        "</article><footer>Copyright Town Herald. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    return original_seeds
