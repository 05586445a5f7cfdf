"""The per-seed cache's version covers exactly the code that makes briefs."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from news_digest import cache


def test_site_only_modules_are_never_imported_by_the_brief_makers() -> None:
    """A module left out of the cache version must not be able to change a brief."""
    package = cache.PACKAGE_DIR
    assert {p.name for p in package.glob("*.py")} >= cache.SITE_ONLY
    site_only = {name.removesuffix(".py") for name in cache.SITE_ONLY}
    imports = re.compile(r"^\s*from \.(\w*) import ([\w, ()]+)", re.MULTILINE)
    for path in sorted(package.rglob("*.py")):
        if path.parent == package and (path.name in cache.SITE_ONLY or path.name == "__init__.py"):
            continue  # __init__ only registers the Pelican hooks
        for module, names in imports.findall(path.read_text(encoding="utf-8")):
            used = {module} if module else {n.strip("() ") for n in names.split(",")}
            assert not used & site_only, f"{path.name} imports {used & site_only}"


def test_the_version_follows_the_modules_it_covers(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.code_version()
    cache.code_version.cache_clear()
    monkeypatch.setattr(cache, "SITE_ONLY", cache.SITE_ONLY | {"clean_text.py"})
    try:
        assert cache.code_version() != before
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
