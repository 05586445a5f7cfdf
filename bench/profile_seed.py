"""Where a seed's CPU goes in the per-seed stage, item by item (issue 19).

    python bench/profile_seed.py [N] [--cprofile K]     # N synthetic seeds (default 1000)

Runs what a worker runs for each seed (workers.brief_and_keep: brief_seed, then the
result cache's put) in this process, one seed after another, with the site's default
Markdown setup (so each brief's body HTML is made too), after one seed that loads the
tables as a warmed-up worker has them.  Prints CPU milliseconds a seed (process_time:
user + system) by item, timed by wrappers around the stage functions, not by a
profiler (cProfile inflates the many small calls of the cleaners and of enrich several
times over); ``--cprofile K`` also prints cProfile's top K functions by own time.
"""

from __future__ import annotations

import copy
import cProfile
import importlib
import pickle
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_digest.core.cache import ResultCache
from news_digest.core.per_seed import SeedJob
from news_digest.core.pipeline import discover, seed_jobs
from news_digest.core.render import markdown_config
from news_digest.core.workers import brief_and_keep
from news_digest.settings import build_options, load_settings
from synthetic import write_corpus

# (label, module, attribute): wrapped where the caller looks the function up.
WRAPPED = [
    ("parse (read, decode, parse)", "news_digest.core.per_seed", "parse_seed"),
    ("clean (with language)", "news_digest.core.per_seed", "clean"),
    ("  language: text dumps", "news_digest.core.clean.text_dump", "detect_language"),
    ("  language: HTML pages", "news_digest.core.clean.html", "detect_language"),
    ("  language: clean()", "news_digest.core.clean", "detect_language"),
    ("enrich", "news_digest.core.per_seed", "enrich"),
    ("  extract_entities", "news_digest.core.enrich", "extract_entities"),
    ("  choose_tags", "news_digest.core.enrich", "choose_tags"),
    ("  summarize", "news_digest.core.enrich", "summarize"),
    ("  term_vector", "news_digest.core.enrich", "term_vector"),
    ("  headline_from", "news_digest.core.enrich", "headline_from"),
    ("clean_url", "news_digest.core.per_seed", "clean_url"),
    ("body_html", "news_digest.core.per_seed", "body_html"),
    ("cache.put", "news_digest.core.cache", "ResultCache.put"),
    ("  pickle.dumps", "pickle", "dumps"),
    ("  write_atomically", "news_digest.core.cache", "write_atomically"),
    ("job.key() (main process)", "news_digest.core.per_seed", "SeedJob.key"),
]


def pelican_markdown() -> dict[str, Any]:
    """Pelican's default MARKDOWN setting, set up in full as its reader does."""
    from pelican.readers import MarkdownReader
    from pelican.settings import DEFAULT_CONFIG

    pelican_settings = copy.deepcopy(DEFAULT_CONFIG)
    MarkdownReader(pelican_settings)
    return pelican_settings["MARKDOWN"]  # type: ignore[no-any-return]


def make_jobs(root: Path, count: int) -> list[SeedJob]:
    """The build's jobs for ``count`` synthetic seeds, with the site's Markdown setup."""
    write_corpus(root / "seeds", count)
    settings = load_settings(
        {"PATH": str(root / "content"), "DIGEST_SEEDS": str(root / "seeds"),
         "DIGEST_CACHE_DIR": None},
        root,
    )  # fmt: skip
    options = build_options(settings)
    config = markdown_config(pelican_markdown(), version("markdown"))
    items = replace(options.items, markdown=config)
    seeds, _ = discover(options.seeds_dir, ResultCache(None))
    return seed_jobs(seeds, items, ResultCache(None))


def run_all(jobs: list[SeedJob], cache: ResultCache) -> None:
    for job in jobs:
        brief_and_keep(cache, (job, job.key()))


def timed_run(jobs: list[SeedJob], cache: ResultCache) -> dict[str, float]:
    """CPU seconds by item, from wrappers around the stage functions."""
    spent: dict[str, float] = {}
    undo = []

    def wrap(label: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - start

        return timed

    for label, module_name, attr in WRAPPED:
        owner: Any = pickle if module_name == "pickle" else importlib.import_module(module_name)
        if "." in attr:
            cls, attr = attr.split(".")
            owner = getattr(owner, cls)
        original = getattr(owner, attr)
        setattr(owner, attr, wrap(label, original))
        undo.append((owner, attr, original))
    start = time.process_time()
    try:
        run_all(jobs, cache)
    finally:
        for owner, attr, original in reversed(undo):
            setattr(owner, attr, original)
    spent["total"] = time.process_time() - start
    return spent


def main() -> int:
    args = sys.argv[1:]
    top = int(args[args.index("--cprofile") + 1]) if "--cprofile" in args else 0
    numbers = [a for a in args if a.isdigit() and (not top or a != str(top))]
    count = int(numbers[0]) if numbers else 1000
    with tempfile.TemporaryDirectory(prefix="news-digest-profile-") as tmp:
        root = Path(tmp)
        jobs = make_jobs(root, count)
        brief_and_keep(ResultCache(None), (jobs[0], jobs[0].key()))  # tables loaded
        start = time.process_time()
        run_all(jobs, ResultCache(root / "cache-plain"))
        plain = time.process_time() - start
        spent = timed_run(jobs, ResultCache(root / "cache-timed"))
        if top:
            profile = cProfile.Profile(time.process_time)
            profile.runcall(run_all, jobs, ResultCache(root / "cache-profiled"))
    print(f"{count} seeds; CPU, no wrappers: {1000 * plain / count:.2f} ms a seed")
    for label, _, _ in [*WRAPPED, ("total", "", "")]:
        print(f"{label:30s} {1000 * spent.get(label, 0.0) / count:7.3f} ms")
    if top:
        pstats.Stats(profile).sort_stats("tottime").print_stats(top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
