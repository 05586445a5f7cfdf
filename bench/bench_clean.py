"""Cleaning speed: pages per CPU-second of the text-dump cleaner, and the HTML path's
cost against plain `trafilatura.extract` on the same pages.

    python bench/bench_clean.py [DEV_DIR]

Reads the benchmark pages from ../shared/eval/dev (evaluation only; nothing is copied).
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

import trafilatura
from news_digest.core.clean.html import clean_html_page
from news_digest.core.clean.text_dump import clean_text_dump

REPO = Path(__file__).resolve().parents[1]
ROUNDS = 3


def best_cpu(function: object, inputs: list[str]) -> float:
    """Best of ROUNDS CPU times for running ``function`` over all inputs (after a warm-up)."""
    assert callable(function)
    function(inputs[0])
    times = []
    for _ in range(ROUNDS):
        start = time.process_time()
        for item in inputs:
            function(item)
        times.append(time.process_time() - start)
    return min(times)


def main() -> int:
    dev = Path(sys.argv[1] if len(sys.argv) > 1 else REPO.parent / "shared" / "eval" / "dev")
    if not dev.is_dir():
        print(f"no benchmark at {dev}")
        return 0
    cases = sorted(p for p in dev.iterdir() if (p / "page.txt").is_file())
    dumps = [(case / "page.txt").read_text(encoding="utf-8") for case in cases]
    pages = [gzip.decompress((c / "page.html.gz").read_bytes()).decode("utf-8") for c in cases]
    text_cpu = best_cpu(clean_text_dump, dumps)
    ours = best_cpu(clean_html_page, pages)
    plain = best_cpu(trafilatura.extract, pages)
    print(
        json.dumps(
            {
                "pages": len(cases),
                "text_pages_per_cpu_second": round(len(dumps) / text_cpu, 1),
                "html_pages_per_cpu_second": round(len(pages) / ours, 1),
                "trafilatura_extract_pages_per_cpu_second": round(len(pages) / plain, 1),
                "html_cost_vs_trafilatura_extract": round(ours / plain, 2),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
