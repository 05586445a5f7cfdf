"""Tag and source pages are taken or rendered page by page (page_reuse's _write_pages):
the pages are Pelican's own, and a rebuild still equals a fresh build."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, BuildResult, tree_digest
from news_digest.site import editions, page_reuse

sys.path.insert(0, str(REPO / "bench"))
from synthetic import CorpusMaker, text_dump, write_corpus

SETTINGS = "DEFAULT_PAGINATION = 2\nDIGEST_SEARCH = False\nDIGEST_WORKERS = 1\n"


def _own_cache(tmp_path: Path, name: str) -> str:
    return (
        f"DIGEST_CACHE_DIR = {str(tmp_path / f'{name}-cache')!r}\n"
        f"CACHE_PATH = {str(tmp_path / f'{name}-pelican-cache')!r}\n"
    )


def _inodes(output: Path, folder: str) -> dict[str, int]:
    return {p.relative_to(output).as_posix(): p.stat().st_ino for p in (output / folder).rglob("*")}


def _without_history(output: Path) -> dict[str, str]:
    history = set(editions.HISTORY_FILES)
    return {k: v for k, v in tree_digest(output).items() if k not in history}


@pytest.mark.site
def test_tag_pages_are_pelicans_and_a_rebuild_takes_them_page_by_page(
    tmp_path: Path, build_site: Callable[..., BuildResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    write_corpus(seeds, 24)
    _, _, _, output = build_site(seeds, settings=SETTINGS)
    tags = _inodes(output, "tag")
    assert any(re.search(r"\d\.html$", name) for name in tags)  # tags of several pages

    with monkeypatch.context() as patch:  # Pelican paginating each tag in one call
        patch.setattr(page_reuse.ReusingWriter, "_paginated", lambda self, kwargs: False)
        own = _own_cache(tmp_path, "pelican")
        _, _, _, plain = build_site(seeds, name="plain", settings=SETTINGS + own)
    assert tree_digest(plain) == tree_digest(output)

    _, _, _, output = build_site(seeds, settings=SETTINGS)
    assert _inodes(output, "tag") == tags  # nothing changed: every page taken

    # A brief's summary changes (its card does), not its tags or their counts: each of
    # its tags renders the page the card is on and takes its other pages as they were.
    edited = sorted(seeds.glob("dump-*.txt"))[1]
    head, by, body = edited.read_text(encoding="utf-8").partition("\n\nBy ")
    byline, _, paragraphs = body.partition("\n\n")
    edited.write_text(f"{head}{by}{byline}\n\nQuietly, {paragraphs}", encoding="utf-8")
    _, _, _, output = build_site(seeds, settings=SETTINGS)
    after = _inodes(output, "tag")
    kept = {name for name, inode in after.items() if tags.get(name) == inode}
    groups: dict[str, set[bool]] = {}
    for name in after:
        groups.setdefault(re.sub(r"\d*\.html$", "", name), set()).add(name in kept)
    assert any(seen == {True, False} for seen in groups.values()), groups

    (seeds / "added.txt").write_text(text_dump(CorpusMaker(seed=99), 1), encoding="utf-8")
    _, _, _, output = build_site(seeds, settings=SETTINGS)
    _, _, _, fresh = build_site(seeds, name="fresh", settings=SETTINGS + _own_cache(tmp_path, "f"))
    assert _without_history(output) == _without_history(fresh)


def test_card_page_templates_read_only_their_own_page() -> None:
    """A paginated tag or source page is fingerprinted by its page (PAGE_LISTS are left
    out), so its template must not read the group's whole lists."""
    templates = REPO / "themes" / "digest" / "templates"
    for name in (*page_reuse.CARD_PAGES, "_macros.html", "base.html"):
        text = (templates / name).read_text(encoding="utf-8")
        code = " ".join(re.findall(r"\{[{%](.*?)[}%]\}", text, flags=re.DOTALL))  # not prose
        for listed in page_reuse.PAGE_LISTS:  # a name of its own, not an attribute
            assert not re.search(rf"(?<![\w.]){listed}(?!\w)", code), (name, listed)
