"""Each benchmark article as a text dump and as HTML: one story or merged brief per article.

The pairs are written into a temp folder only (the benchmark is third-party text
and never lands in the repo); skipped when ../shared/eval is not beside the repo.
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import REPO
from news_digest.core.pipeline import build_briefs
from news_digest.settings import build_options, load_settings

EVAL = REPO.parent / "shared" / "eval" / "dev"

pytestmark = pytest.mark.skipif(
    not EVAL.is_dir(), reason=f"no extraction benchmark at {EVAL} (it lives beside the repo)"
)


def test_each_article_pairs_its_two_files_and_never_joins_two_articles(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    cases = sorted(p.name for p in EVAL.iterdir() if (p / "truth.json").is_file())
    for case in cases:
        (seeds / f"{case}.txt").write_bytes((EVAL / case / "page.txt").read_bytes())
        html = gzip.decompress((EVAL / case / "page.html.gz").read_bytes())
        (seeds / f"{case}.html").write_bytes(html)
    settings = load_settings(
        {"PATH": str(tmp_path / "content"), "DIGEST_SEEDS": str(seeds), "DIGEST_CACHE_DIR": ""},
        tmp_path,
    )
    report = build_briefs(build_options(settings))

    groups: defaultdict[str, set[str]] = defaultdict(set)  # story or brief -> seed files
    for linked in report.briefs:
        groups[linked.story or linked.brief.slug].update(linked.brief.seeds)
    articles_of = {g: {Path(seed).stem for seed in files} for g, files in groups.items()}
    joined_wrongly = sorted(sorted(a) for a in articles_of.values() if len(a) > 1)
    paired = {
        next(iter(articles_of[g]))
        for g, files in groups.items()
        if len(articles_of[g]) == 1 and len(files) == 2
    }
    unpaired = sorted(set(cases) - paired)

    assert joined_wrongly == []
    assert len(paired) == len(cases), f"{len(unpaired)} of {len(cases)} not paired: {unpaired}"
