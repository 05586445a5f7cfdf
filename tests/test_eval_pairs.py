"""Each benchmark article as a text dump and as HTML: both files end up together.

The 62 articles come from 62 sites, but a few report the same event (two outlets on
one NASA finding): those may share a story.  What must never happen is one brief
made of two articles, or a story joining many.  The pairs are written into a temp
folder only (the benchmark is third-party text and never lands in the repo);
skipped when ../shared/eval is not beside the repo.
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


def test_each_article_pairs_its_two_files_and_no_brief_joins_two_articles(
    tmp_path: Path,
) -> None:
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

    merged_wrongly = sorted(
        sorted({Path(seed).stem for seed in lb.brief.seeds})
        for lb in report.briefs
        if len({Path(seed).stem for seed in lb.brief.seeds}) > 1
    )
    groups: defaultdict[str, set[str]] = defaultdict(set)  # story or brief -> seed files
    for linked in report.briefs:
        groups[linked.story or linked.brief.slug].update(linked.brief.seeds)
    articles_of = {g: {Path(seed).stem for seed in files} for g, files in groups.items()}
    unpaired = sorted(
        case
        for case in cases
        if not any(
            case in articles and {f"{case}.txt", f"{case}.html"} <= {Path(f).name for f in files}
            for articles, files in ((articles_of[g], groups[g]) for g in groups)
        )
    )
    crowded = sorted(sorted(a) for a in articles_of.values() if len(a) > 2)

    assert merged_wrongly == []  # never one brief of two articles
    assert crowded == []  # a story of one event: at most a couple of these 62 articles
    assert unpaired == [], f"{len(unpaired)} of {len(cases)} not paired: {unpaired}"
