"""`make eval`: story grouping on the multi-report benchmark (ECB+ dev: 86 events).

Builds a digest of the benchmark's seeds (read from ../shared/eval/stories, never
copied into the project) into a temporary folder with `news-digest build`, and
scores its report with the benchmark's own scorer.

    python bench/eval_stories.py [STORIES_DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories_dir", nargs="?", default=str(REPO.parent / "shared/eval/stories"))
    args = parser.parse_args()
    root = Path(args.stories_dir) / "ecbplus"
    scorer = Path(args.stories_dir).parent / "score_stories.py"
    if not (root / "seeds").is_dir() or not scorer.is_file():
        print(f"no story benchmark at {root} (it lives beside the repo, not in it)")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        settings = work / "settings.py"
        settings.write_text(
            f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *  # noqa\n"
            "DIGEST_CACHE_DIR = ''\nDIGEST_SEARCH = False\n",
            encoding="utf-8",
        )
        report = work / "report.json"
        subprocess.run(
            [sys.executable, "-m", "news_digest.cli", "build", "--settings", str(settings),
             "--seeds", str(root / "seeds"), "--content", str(work / "content"),
             "--output", str(work / "output"), "--report", str(report)],
            cwd=REPO, check=False, capture_output=True,
        )  # fmt: skip
        scored = subprocess.run(
            [sys.executable, str(scorer), str(root / "gold.json"), str(report)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    figures = json.loads(scored.stdout.strip().splitlines()[-1])
    print(
        f"stories ({figures['seeds']} seeds, {figures['gold_events']} events): pairwise F1 "
        f"{figures['pairwise_f1']:.3f} (P {figures['pairwise_p']:.3f} R "
        f"{figures['pairwise_r']:.3f})  B-cubed F1 {figures['bcubed_f1']:.3f}  "
        f"groups {figures['groups']}  false merges {figures['false_merges']}"
    )
    print(json.dumps({"stories": figures}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
