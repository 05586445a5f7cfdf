"""Same seeds, same bytes: across processes, hash seeds, time zones and file times."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, SEEDS, tree_digest, write_settings

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers


def _build_in_fresh_tree(root: Path, hash_seed: str, timezone: str, mtime: int) -> Path:
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    shutil.copy(FIXTURES / "feeds" / "outlet.rss", seeds / "outlet.rss")
    for path in seeds.iterdir():
        os.utime(path, (mtime, mtime))
    conf = write_settings(root / "conf" / "digestconf.py")
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "TZ": timezone}
    subprocess.run(
        [
            sys.executable, "-m", "news_digest.cli", "build", "--settings", str(conf),
            "--seeds", str(seeds), "--content", str(root / "content"),
            "--output", str(root / "output"),
        ],
        check=True, env=env, cwd=root, capture_output=True,
    )  # fmt: skip
    return root


def test_two_fresh_trees_build_byte_identical_sites(tmp_path: Path) -> None:
    a = _build_in_fresh_tree(tmp_path / "a", "1", "UTC", 1_000_000_000)
    b = _build_in_fresh_tree(tmp_path / "b", "4242", "Asia/Tokyo", 1_700_000_000)
    assert tree_digest(a / "content") == tree_digest(b / "content")
    assert tree_digest(a / "output") == tree_digest(b / "output")
