"""Where the per-seed jobs run: this machine's process pool, or a Dask cluster.

At archive scale (10^6 seeds, hours of per-seed CPU) the per-seed stage belongs on an
existing distributed engine, not a home-made one.  `DIGEST_EXECUTOR` names it:

- ``"processes"`` (default): a process pool on this machine (core/workers.py);
- ``"dask"``: a Dask cluster started on this machine for the build (to try it out);
- a Dask scheduler address (``tcp://host:8786``, ``tls://…``): that cluster.  Its
  workers must see the seeds and the cache folder at the same paths (a shared file
  system), and run the same news-digest version (the cache key includes the code).

Dask runs the very function the pool runs, and results come back in job order, so
the briefs are byte-identical whichever executor made them (tests/test_executors.py).
Dask is an optional extra: ``pip install 'news-digest[dask]'``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from news_digest.core.errors import ConfigError

PROCESSES = "processes"
LOCAL_DASK = "dask"
_ADDRESS_SCHEMES = ("tcp://", "tls://", "ws://", "wss://", "inproc://", "ucx://")
# Jobs per Dask task: a task costs the scheduler about 1 ms, a seed about 10 ms of CPU,
# so batches of 16 keep the scheduler's share near 1% (the process pool's chunk size).
DASK_BATCH = 16

Task = TypeVar("Task")
Result = TypeVar("Result")


def check_executor(key: str, value: object) -> str:
    """The DIGEST_EXECUTOR setting, or a ConfigError saying what is allowed."""
    if value in (PROCESSES, LOCAL_DASK) or (
        isinstance(value, str) and value.startswith(_ADDRESS_SCHEMES)
    ):
        return str(value)
    raise ConfigError(
        f'{key} must be "processes", "dask" or a Dask scheduler address '
        f'such as "tcp://10.0.0.5:8786", not {value!r}'
    )


def run_on_dask(
    executor: str,
    compute: Callable[[Task], Result],
    tasks: Sequence[Task],
    workers: int,
) -> list[Result]:
    """``compute`` over ``tasks`` on a Dask cluster, results in task order."""
    client, cluster = _connect(executor, workers)
    try:
        batches = [list(tasks[i : i + DASK_BATCH]) for i in range(0, len(tasks), DASK_BATCH)]
        futures = client.map(_run_batch, batches, compute=compute, pure=False)
        results: list[Result] = []
        for batch in client.gather(futures):
            results.extend(batch)
        return results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run_batch(batch: list[Task], compute: Callable[[Task], Result]) -> list[Result]:
    return [compute(task) for task in batch]


def _connect(executor: str, workers: int) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError(
            f"DIGEST_EXECUTOR = {executor!r} needs Dask: pip install 'news-digest[dask]'"
        ) from None
    if executor == LOCAL_DASK:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,  # the per-seed stage is CPU-bound Python: processes
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        )
        return Client(cluster), cluster  # type: ignore[no-untyped-call]
    try:
        return Client(executor, timeout=30), None  # type: ignore[no-untyped-call]
    except OSError as error:
        raise ConfigError(f"cannot reach the Dask scheduler at {executor}: {error}") from None
