"""`make bench`: the link stage alone at 100,000 briefs (and any other size), one JSON line each.

The briefs are synthetic (bench/synthetic.py: Zipf-distributed words, a pool of
named entities, dates over a year), made in a process pool and kept in a pickle
under the temp folder so a second run skips making them.  About 2% are exact
copies of another brief (merged) and 3% rewrite half of another (same story).
The linking runs in a fresh process that loads the pickle: its line gives the
link wall and CPU time, the RSS with the briefs loaded, and the peak RSS of that
whole process (interpreter, NumPy and SciPy, the briefs themselves, about 1.2 GB
at 100,000, and everything the link stage makes).  The pickle is read as a stream,
as the build reads its cache one brief at a time: reading the file's 715 MB of
bytes whole first added them to the loading figure (1,960 MB, not 1,280).

    python bench/bench_link.py [--sizes 100000] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))
from news_digest.core.link import link_briefs
from news_digest.core.models import BodyBlock, Brief, Entity
from news_digest.core.terms import term_vector
from news_digest.settings import link_options, load_settings
from synthetic import CorpusMaker

CHUNK = 1000
START = datetime(2025, 1, 1, tzinfo=UTC)


def _entity_pool(rng: random.Random, maker: CorpusMaker, size: int = 3000) -> list[Entity]:
    kinds = ("person", "organisation", "place")
    names = sorted({" ".join(w.title() for w in rng.sample(maker.words, 2)) for _ in range(size)})
    return [Entity(name, kinds[k % 3], 1) for k, name in enumerate(names)]  # type: ignore[arg-type]


def make_chunk(first: int) -> list[Brief]:
    """Briefs first..first+CHUNK-1, the same for the same numbers on any run."""
    rng = random.Random(first)
    maker = CorpusMaker(seed=first)
    pool = _entity_pool(random.Random(0), CorpusMaker(seed=0))
    briefs: list[Brief] = []
    for number in range(first, first + CHUNK):
        title, paragraphs = maker.article(rng.randint(400, 900))
        entities = tuple(rng.sample(pool, rng.randint(2, 5)))
        briefs.append(_brief(number, title, paragraphs, entities, rng))
        roll = rng.random()
        if roll < 0.02:  # the same article again (syndicated copy)
            briefs[-1] = replace(briefs[-1], slug=f"copy-{number}", seeds=(f"copy-{number}.txt",))
            briefs.insert(-1, _brief(number, title, paragraphs, entities, rng))
        elif roll < 0.05:  # another outlet's report of the same event
            rewrite = paragraphs[: len(paragraphs) // 2] + maker.article(300)[1]
            briefs.append(_brief(number, title + " (update)", rewrite, entities, rng, "story"))
    return briefs


def _brief(
    number: int,
    title: str,
    paragraphs: list[str],
    entities: tuple[Entity, ...],
    rng: random.Random,
    prefix: str = "brief",
) -> Brief:
    slug = f"{prefix}-{number:06d}"
    return Brief(
        slug=slug,
        title=title,
        title_source="header",
        date=START + timedelta(days=number % 365, minutes=rng.randrange(1440)),
        date_source="header",
        summary=paragraphs[0][:300],
        body=tuple(BodyBlock("paragraph", p) for p in paragraphs),
        language="en",
        authors=(),
        outlet=f"Outlet {number % 40}",
        url=None,
        image=None,
        tags=tuple(e.name for e in entities),
        entities=entities,
        method="text-dump",
        seeds=(f"{slug}.txt",),
        encoding="utf-8",
        word_count=sum(len(p.split()) for p in paragraphs),
        removed_blocks=0,
        content_hash=f"{zlib.crc32((title + paragraphs[0]).encode()):08x}",
        terms=term_vector([title, *paragraphs], "en"),
    )


def corpus(size: int, workers: int, folder: Path) -> Path:
    path = folder / f"briefs-{size}.pickle"
    if not path.exists():
        with ProcessPoolExecutor(workers) as pool:
            chunks = list(pool.map(make_chunk, range(0, size, CHUNK)))
        briefs = [b for chunk in chunks for b in chunk][:size]
        path.write_bytes(pickle.dumps(briefs, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def link_once(path: Path) -> dict[str, object]:
    """In this process: load the briefs, link them, measure."""
    with path.open("rb") as file:
        briefs = pickle.load(file)
    loaded_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall, cpu = time.perf_counter(), time.process_time()
    linked = link_briefs(briefs, link_options(load_settings({})))
    return {
        "scenario": "link-only",
        "briefs": len(briefs),
        "linked_briefs": len(linked),
        "stories": len({lb.story for lb in linked if lb.story}),
        "with_related": sum(bool(lb.related) for lb in linked),
        "wall_s": round(time.perf_counter() - wall, 2),
        "cpu_s": round(time.process_time() - cpu, 2),
        "rss_with_briefs_mb": round(loaded_mb, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--link", type=Path, help=argparse.SUPPRESS)  # the measured child
    args = parser.parse_args()
    if args.link:
        print(json.dumps(link_once(args.link)))
        return 0
    folder = Path(tempfile.gettempdir()) / "news-digest-bench-link"
    folder.mkdir(exist_ok=True)
    for size in args.sizes:
        path = corpus(size, args.workers, folder)
        subprocess.run([sys.executable, __file__, "--link", str(path)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
