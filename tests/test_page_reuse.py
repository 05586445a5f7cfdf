"""Unchanged pages and feeds are taken from the previous site, and the site is the same."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, BuildResult, tree_digest
from news_digest.site import editions, page_reuse

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers


def inodes(output: Path) -> dict[str, int]:
    """A reused file is a link to the previous site's file: it keeps its inode."""
    return {p.relative_to(output).as_posix(): p.stat().st_ino for p in output.rglob("*.*")}


def kept(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name, inode in after.items() if before.get(name) == inode}


def test_a_rebuild_takes_unchanged_pages_and_equals_a_fresh_build(
    mixed_seeds: Path, build_site: Callable[..., BuildResult]
) -> None:
    _, _, _, output = build_site(mixed_seeds)
    first = inodes(output)
    _, _, _, output = build_site(mixed_seeds)
    second = inodes(output)
    unchanged = kept(first, second)
    # (the search index is linked from its cached shards: search_index.link)
    assert {name.split("/")[0] for name in unchanged} == {
        "briefs", "tag", "source", "feeds", "pagefind"
    }  # fmt: skip
    assert "index.html" not in unchanged and "tags.html" not in unchanged  # always rendered

    library = mixed_seeds / "library.html"
    library.write_text(library.read_text().replace("two months", "nine weeks"))
    tag_page = sorted((output / "tag").glob("*.html"))[0]
    tag_page.write_text(tag_page.read_text() + "<!-- edited by hand -->")  # not trusted
    _, _, _, output = build_site(mixed_seeds)
    third = kept(second, inodes(output))
    assert third and third < unchanged
    assert tag_page.relative_to(output).as_posix() not in third
    assert not [name for name in third if "library-reopens" in name]
    _, _, _, fresh = build_site(mixed_seeds, name="fresh")
    # Only the site's history (what each build changed, site/editions.py) differs.
    history = set(editions.HISTORY_FILES)
    assert {k: v for k, v in tree_digest(output).items() if k not in history} == {
        k: v for k, v in tree_digest(fresh).items() if k not in history
    }
    assert "1 updated brief" in (output / "latest.html").read_text(encoding="utf-8")
    assert "nine weeks" in "".join(p.read_text() for p in (output / "briefs").rglob("*.html"))


def test_the_site_fingerprint_follows_the_theme_and_the_settings(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes" / "digest", theme)
    settings = {"THEME": str(theme), "SITENAME": "A", "OUTPUT_PATH": "/tmp/x", "F": print}
    first = page_reuse.site_fingerprint(settings)
    assert page_reuse.site_fingerprint({**settings, "OUTPUT_PATH": "/tmp/y"}) == first
    assert page_reuse.site_fingerprint({**settings, "SITENAME": "B"}) != first
    (theme / "templates" / "tag.html").write_text("changed", encoding="utf-8")
    assert page_reuse.site_fingerprint(settings) != first


def test_no_template_reads_what_the_fingerprints_leave_out() -> None:
    templates = (REPO / "themes" / "digest" / "templates").glob("*.html")
    for template in templates:
        text = template.read_text(encoding="utf-8")
        for argument in page_reuse.IGNORED_ARGUMENTS:
            assert argument not in text, f"{template.name} reads {argument}"


def test_card_pages_read_no_brief_text() -> None:
    """Tag and source pages are fingerprinted without their briefs' text (CARD_PAGES):
    neither they, the base page nor the macros they use may read it."""
    templates = REPO / "themes" / "digest" / "templates"
    names = [*page_reuse.CARD_PAGES, "base.html", "_macros.html"]
    for name in names:
        text = (templates / name).read_text(encoding="utf-8")
        assert not re.search(r"\.\s*(?:content|_content|get_content)\b|\|\s*striptags", text), name


def test_a_site_restored_with_other_times_is_checked_by_hash(
    mixed_seeds: Path, build_site: Callable[..., BuildResult]
) -> None:
    """A CI cache restore keeps the bytes but not the times: pages are still reused."""
    _, _, _, output = build_site(mixed_seeds)
    for path in output.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    (output / "tags.html").touch()
    tag_feed = sorted((output / "feeds" / "tag").glob("*.atom.xml"))[0]
    tag_feed.write_bytes(tag_feed.read_bytes().replace(b"<feed", b"<feed ", 1))
    before = inodes(output)
    _, _, _, output = build_site(mixed_seeds)
    reused = kept(before, inodes(output))
    assert any(name.startswith("briefs/") for name in reused)
    assert tag_feed.relative_to(output).as_posix() not in reused  # its bytes changed
    # The record now holds the restored times, so the next build need not hash again.
    cache = page_reuse.ResultCache(output.parent.parent / "conf" / "cache")
    records = [r for _, files in cache.get(page_reuse.RECORD_KEY)["pages"].values() for r in files]
    assert records and all(
        (output / rel).stat().st_mtime_ns == mtime_ns for rel, _, mtime_ns, _ in records
    )


def test_a_plugin_listening_to_content_written_sees_every_page_on_a_rebuild(
    mixed_seeds: Path, build_site: Callable[..., BuildResult]
) -> None:
    """Reused pages are linked, not rendered, yet fire Pelican's content_written signal
    as a rendered page does (the sitemap plugin, for one, listens to it)."""
    from pelican import signals

    seen: list[str] = []

    def listen(path: str, context: dict[str, object]) -> None:
        seen.append(Path(path).name + ("" if "output_file" in context else " (no context)"))

    signals.content_written.connect(listen)
    try:
        output = build_site(mixed_seeds)[3]
        fresh = sorted(seen)
        seen.clear()
        build_site(mixed_seeds)
    finally:
        signals.content_written.disconnect(listen)
    assert len(fresh) > 10
    assert sorted(seen) == fresh
    assert sorted(seen) == sorted(
        p.name for p in output.rglob("*.html") if p.parent.name != "pagefind"
    )


def test_the_plugin_refuses_a_pelican_outside_the_tested_range() -> None:
    from news_digest.site.pelican_internals import check_pelican_version

    check_pelican_version("4.12.1")
    for untested in ("4.10.2", "4.13.0", "5.0"):
        with pytest.raises(RuntimeError, match=f"this is Pelican {untested}"):
            check_pelican_version(untested)
