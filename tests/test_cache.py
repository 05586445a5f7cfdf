"""The per-seed cache's version covers exactly the code that makes briefs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from news_digest.core import cache


def test_the_version_covers_the_core_and_text_and_nothing_else(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Copies of the package that differ in one file: only core/ and text/ count."""
    before = cache.code_version()
    for folder, changed in (("site", False), ("fetch", False), ("core", True), ("text", True)):
        copy = tmp_path / folder
        shutil.copytree(cache.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
        (copy / folder / "__init__.py").write_text("# changed\n", encoding="utf-8")
        monkeypatch.setattr(cache, "PACKAGE_DIR", copy)
        cache.code_version.cache_clear()
        try:
            assert (cache.code_version() != before) is changed, folder
        finally:
            cache.code_version.cache_clear()


def test_old_code_versions_are_forgotten_but_the_last_one(tmp_path: Path) -> None:
    for age, name in enumerate(["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc"]):
        (tmp_path / name).mkdir()
        os.utime(tmp_path / name, ns=(0, (age + 1) * 1_000_000_000))
    (tmp_path / "pagefind").mkdir()
    results = cache.ResultCache(tmp_path)
    results.put("key", 1)
    results.forget_other_versions(keep=1)
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {cache.code_version(), "cccccccccccccccc", "pagefind"}
    assert results.get("key") == 1
