"""What makes `extract` cheap must not change what it prints: the batch run without a
pool when the pool would not pay, and settings read without Pelican."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest
from conftest import REPO, write_settings
from news_digest import cli
from news_digest.core import workers
from news_digest.core.cache import ResultCache
from news_digest.core.per_seed import SeedJob, SeedResult


def text_jobs(folder: Path, count: int) -> list[SeedJob]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for number in range(count):
        path = folder / f"note_{number:02}.txt"
        path.write_text(
            f"Harbour note {number}\n\nThe ferry to Lindholm left at {number} o'clock, "
            "said Anna Berg of the Harbour Board.\n",
            encoding="utf-8",
        )
        names.append(str(path))
    settings = cli._extract_settings(argparse.Namespace(settings=str(REPO / "pelicanconf.py")))
    return [job for _, job in cli._seed_jobs(names, settings, True) if isinstance(job, SeedJob)]


@pytest.fixture
def pids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each job writes the process it ran in (forked workers inherit the patch)."""
    record = tmp_path / "pids"
    record.mkdir()
    real = workers.brief_seed

    def recording(job: SeedJob, keep_cleaned: bool = False) -> SeedResult:
        (record / f"{job.seed.path.name}-{os.getpid()}").touch()
        return real(job, keep_cleaned)

    monkeypatch.setattr(workers, "brief_seed", recording)
    return record


def processes(record: Path) -> set[int]:
    return {int(p.name.rsplit("-", 1)[1]) for p in record.iterdir()}


def test_a_small_batch_runs_without_a_pool(tmp_path: Path, pids: Path) -> None:
    jobs = text_jobs(tmp_path / "seeds", 12)
    results, cached = workers.run_jobs(jobs, ResultCache(None), 2, adaptive=True)
    assert processes(pids) == {os.getpid()}
    assert [r.seed for r in results] == [j.seed.rel for j in jobs] and cached == 0
    assert len(list(pids.iterdir())) == 12  # every job ran once


def test_a_batch_worth_a_pool_gets_one_and_the_same_results(
    tmp_path: Path, pids: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = text_jobs(tmp_path / "seeds", 30)
    serial, _ = workers.run_jobs(jobs, ResultCache(None), 1)
    for record in pids.iterdir():
        record.unlink()
    monkeypatch.setattr(workers, "POOL_MIN_SECONDS", 0.0)
    pooled, _ = workers.run_jobs(jobs, ResultCache(None), 2, adaptive=True)
    assert len(processes(pids)) > 1  # the probe here, the rest in workers
    assert len(list(pids.iterdir())) == 30
    assert [r.briefs for r in pooled] == [r.briefs for r in serial]


def test_a_chosen_worker_count_always_gets_its_pool(tmp_path: Path, pids: Path) -> None:
    jobs = text_jobs(tmp_path / "seeds", 4)
    workers.run_jobs(jobs, ResultCache(None), 2)
    assert os.getpid() not in processes(pids)


def test_extract_reads_the_settings_pelican_reads(tmp_path: Path) -> None:
    conf = write_settings(tmp_path / "conf" / "digestconf.py", "DIGEST_MAX_TAGS = 3")
    args = argparse.Namespace(settings=str(conf))
    assert cli._extract_settings(args) == cli._digest_settings(args)
    assert cli._extract_settings(args).max_tags == 3
    missing = argparse.Namespace(settings=str(tmp_path / "nowhere.py"))
    with pytest.raises(cli.ConfigError):
        cli._extract_settings(missing)
