"""A rebuild renders only the briefs whose inputs changed, and writes what a fresh
build writes (core/pipeline.py's RenderedBriefs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, tree_digest
from news_digest.core import pipeline
from news_digest.core.pipeline import build_briefs
from news_digest.settings import build_options, load_settings


def _seeds(root: Path) -> Path:
    seeds = root / "seeds"
    seeds.mkdir()
    for fixture in ("feeds/outlet.rss", "feeds/observatory.atom", "html/article.html"):
        shutil.copy(FIXTURES / fixture, seeds / Path(fixture).name)
    return seeds


def _build(root: Path, seeds: Path, name: str, cache: Path | None) -> tuple[Path, int]:
    content = root / name
    settings = load_settings(
        {
            "PATH": str(content),
            "DIGEST_SEEDS": str(seeds),
            "DIGEST_CACHE_DIR": str(cache) if cache else None,
            "DIGEST_WORKERS": 1,
        },
        root,
    )
    report = build_briefs(build_options(settings))
    assert report.briefs and not report.rejected
    return content, len(report.briefs)


def test_a_rebuild_renders_only_changed_briefs_and_equals_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = _seeds(tmp_path)
    cache = tmp_path / "cache"
    rendered: list[str] = []
    render = pipeline.render

    def counting(linked, *args, **kwargs):  # type: ignore[no-untyped-def]
        rendered.append(linked.brief.slug)
        return render(linked, *args, **kwargs)

    monkeypatch.setattr(pipeline, "render", counting)
    _, count = _build(tmp_path, seeds, "site", cache)
    assert len(rendered) == count
    rendered.clear()
    page = seeds / "article.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</body>", "<p>Late addition to the story, with details.</p></body>"
        ),
        encoding="utf-8",
    )
    (seeds / "second.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><title>Bridge closes for repairs</title></head>"
        "<body><article><h1>Bridge closes for repairs</h1><p>The old river bridge closed on "
        "Monday for three weeks of repairs to its deck, the town council said.</p>"
        "<p>Traffic will be sent through the northern ring road until the work is done, "
        "and buses will stop at temporary shelters.</p></article></body></html>",
        encoding="utf-8",
    )
    content, count = _build(tmp_path, seeds, "site", cache)
    assert 0 < len(rendered) < count  # the new and the changed brief, not the others
    fresh, _ = _build(tmp_path, seeds, "fresh", None)
    assert tree_digest(content / "briefs") == tree_digest(fresh / "briefs")
