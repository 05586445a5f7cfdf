"""DIGEST_EXECUTOR: the per-seed stage on a Dask cluster writes the very bytes the
process pool writes (a local cluster on 127.0.0.1, started by the test)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, SEEDS, tree_digest
from news_digest.core.errors import ConfigError
from news_digest.core.executors import check_executor
from news_digest.core.pipeline import build_briefs
from news_digest.settings import build_options, load_settings


def _seeds(root: Path) -> Path:
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    for fixture in ("feeds/outlet.rss", "feeds/observatory.atom", "html/article.html"):
        shutil.copy(FIXTURES / fixture, seeds / Path(fixture).name)
    return seeds


def _briefs(root: Path, seeds: Path, name: str, workers: int, executor: str) -> Path:
    content = root / name
    settings = load_settings(
        {
            "PATH": str(content),
            "DIGEST_SEEDS": str(seeds),
            "DIGEST_CACHE_DIR": None,  # every brief made by the executor under test
            "DIGEST_WORKERS": workers,
            "DIGEST_EXECUTOR": executor,
        },
        root,
    )
    report = build_briefs(build_options(settings))
    assert report.briefs and not report.rejected
    return content


@pytest.mark.cluster
def test_dask_pool_and_one_process_write_the_same_bytes(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra is part of the test extra")
    seeds = _seeds(tmp_path)
    one = _briefs(tmp_path, seeds, "one", 1, "processes")
    pool = _briefs(tmp_path, seeds, "pool", 2, "processes")
    dask = _briefs(tmp_path, seeds, "dask", 2, "dask")
    assert len(list((one / "briefs").rglob("*.md"))) >= 5
    assert tree_digest(one) == tree_digest(pool) == tree_digest(dask)


@pytest.mark.parametrize("value", ["threads", "", 3, "http://host:8786", None])
def test_an_unknown_executor_is_a_settings_error(value: object) -> None:
    with pytest.raises(ConfigError, match="DIGEST_EXECUTOR"):
        check_executor("DIGEST_EXECUTOR", value)


@pytest.mark.parametrize("value", ["processes", "dask", "tcp://10.0.0.5:8786", "tls://h:1"])
def test_known_executors_are_accepted(value: str) -> None:
    assert check_executor("DIGEST_EXECUTOR", value) == value
