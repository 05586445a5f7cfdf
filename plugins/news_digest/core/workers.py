"""Run the per-seed jobs: cached results first, the rest in a process pool.

Results come back in job order whatever order the workers finish in, so the
output never depends on scheduling.  Workers die with the build: each asks the
kernel to kill it when the build process dies (``lock.die_with_parent``), and a
forked worker closes the build's lock descriptors at once (lock.py), so a killed
build leaves neither workers nor a held lock behind.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from news_digest.core import collector
from news_digest.core.cache import ResultCache, pickled
from news_digest.core.executors import PROCESSES, run_on_dask
from news_digest.core.language import release as release_language
from news_digest.core.language import warm_up as warm_up_language
from news_digest.core.lock import die_with_parent, pause_point
from news_digest.core.names.lexicon import warm_up
from news_digest.core.per_seed import SeedJob, SeedResult, brief_seed

# Jobs per task sent to a worker: large enough to amortise pickling, small enough
# to balance 2 cores (measured with `make bench` at 1,000 and 10,000 seeds).
CHUNK_SIZE = 16
# A pool costs about 0.25 CPU-s whatever the batch (fork, workers' start, results sent
# back: `extract` of the 216 NER dev documents, 1x and 4x, pool of 2 against none), so
# with ``adaptive`` a batch is run here unless the rest, timed on its first jobs, would
# take longer than this: at 1 s the pool costs at most a quarter more CPU and saves
# wall time on 2 cores; 216 clean NER documents (~0.35 s) need none.
POOL_MIN_SECONDS = 1.0
PROBE_JOBS = 8  # jobs timed here before deciding; the first, which loads tables, is not
# A worker's first-generation garbage collection every this many new objects, not
# Python's 700: most of a seed's objects die young and uncollected (1,000 synthetic
# seeds, one process: the collector's 0.53 -> 0.15 CPU-ms a seed with gc.freeze()).
WORKER_GC_THRESHOLD = 5000


def worker_count(setting: int) -> int:
    """DIGEST_WORKERS: 0 means one worker per core."""
    return setting if setting > 0 else max(1, os.cpu_count() or 1)


def run_jobs(
    jobs: Sequence[SeedJob],
    cache: ResultCache,
    workers: int,
    executor: str = PROCESSES,
    *,
    adaptive: bool = False,
) -> tuple[list[SeedResult], int]:
    """Each job's result, from the cache when there, else computed (and cached) by
    ``executor`` (DIGEST_EXECUTOR: this machine's pool, or a Dask cluster).

    ``adaptive`` (the worker count was not chosen by the user): no pool for a batch
    too small to pay for one (POOL_MIN_SECONDS).  Also returns how many came from the
    cache.
    """
    keys = [job.key() for job in jobs]
    results: list[SeedResult | None] = [_cached(cache, key) for key in keys]
    missing = [i for i, result in enumerate(results) if result is None]
    from_cache = len(jobs) - len(missing)
    progress = Progress(len(missing))
    tasks = [(jobs[i], keys[i]) for i in missing]
    compute = partial(brief_and_keep, cache)
    if executor != PROCESSES and missing:
        sent = run_on_dask(executor, partial(brief_keep_and_send, cache), tasks, workers)
        for i, data in zip(missing, sent, strict=True):
            results[i] = pickle.loads(data)
        missing, tasks = [], []
    if adaptive and workers > 1 and len(missing) > 1:
        probed = _probe(compute, tasks, len(missing))
        for i, result in zip(missing, probed, strict=False):
            results[i] = result
            progress.step()
        missing, tasks = missing[len(probed) :], tasks[len(probed) :]  # [] or the pool's
    if workers > 1 and len(missing) > 1:
        import multiprocessing  # only a pool needs them (8 ms of imports)
        from concurrent.futures import ProcessPoolExecutor

        warm_up()  # the name tables, loaded once here rather than in every worker
        warm_up_language()
        # What the workers inherit (tables, jobs) is never traversed by their collector,
        # whose traversals would also copy every page they touch (copy-on-write).
        with (
            collector.frozen(),
            ProcessPoolExecutor(
                max_workers=min(workers, len(missing)),
                mp_context=multiprocessing.get_context("fork"),  # lock.py closes the lock fd
                initializer=_start_worker,
                initargs=(os.getpid(),),
            ) as pool,
        ):
            pooled = pool.map(partial(brief_keep_and_send, cache), tasks, chunksize=CHUNK_SIZE)
            for i, data in zip(missing, pooled, strict=True):
                results[i] = pickle.loads(data)
                progress.step()
        release_language()
    else:
        for i, task in zip(missing, tasks, strict=True):
            results[i] = compute(task)
            progress.step()
    progress.done()
    return [result for result in results if result is not None], from_cache


def _probe(
    compute: partial[SeedResult], tasks: Sequence[tuple[SeedJob, str]], total: int
) -> list[SeedResult]:
    """Run the first jobs here, timing all but the first (which pays for loading the
    name tables); when the rest would take, at the probed jobs' median, less than
    POOL_MIN_SECONDS, run them too.  Returns the results it computed, in order: every
    job's, or the first PROBE_JOBS + 1 when the rest deserve the pool."""
    done = [compute(tasks[0])]
    times: list[float] = []
    while len(done) < min(total, PROBE_JOBS + 1):
        started = time.process_time()
        done.append(compute(tasks[len(done)]))
        times.append(time.process_time() - started)
    if len(done) == total:
        return done
    # The median: one job that loads the language model (0.1 s) must not make a batch of
    # 2 ms jobs look like one that needs a pool (NER dev: 265 -> 400 docs per CPU-second).
    per_job = sorted(times)[len(times) // 2]
    if per_job * (total - len(done)) < POOL_MIN_SECONDS:
        done += [compute(task) for task in tasks[len(done) :]]
    return done


def brief_and_keep(cache: ResultCache, task: tuple[SeedJob, str]) -> SeedResult:
    """One job run here (no pool), which also stores the result; in a pool's worker
    ``brief_keep_and_send`` does it (the main process has enough to do receiving
    results; the cache is a folder any process can write)."""
    job, key = task
    pause_point("per_seed")
    result = brief_seed(job)
    cache.put(key, result)
    return result


def _start_worker(parent: int) -> None:
    die_with_parent(parent)
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def brief_keep_and_send(cache: ResultCache, task: tuple[SeedJob, str]) -> bytes:
    """``brief_and_keep`` in a pool's worker: the result's pickle, made once for the
    cache and the trip back (the pool would pickle the result again: ~0.15 CPU-ms a
    synthetic seed)."""
    job, key = task
    pause_point("per_seed")
    data = pickled(brief_seed(job))
    cache.put_pickled(key, data)
    return data


def _cached(cache: ResultCache, key: str) -> SeedResult | None:
    """A cached result costs nothing this run: its stage times are zeroed."""
    result = cache.get(key)
    if not isinstance(result, SeedResult):
        return None
    return replace(result, seconds=(0.0, 0.0, 0.0))


class Progress:
    """A one-line counter on a terminal; silent in CI logs and pipes."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.count = 0
        self.enabled = total >= 50 and sys.stderr.isatty()

    def step(self) -> None:
        self.count += 1
        if self.enabled and (self.count % 25 == 0 or self.count == self.total):
            print(f"\rbriefs: {self.count}/{self.total}", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.enabled:
            print(file=sys.stderr)
