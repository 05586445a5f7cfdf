"""`make eval`: entity and tag quality on the news NER benchmark (document-level names).

Runs `news-digest extract --no-clean --format json` over the benchmark's documents
(read from ../shared/eval/ner, never copied into the project), scores the output with
the benchmark's own scorer and prints its figures with the speed in documents per
CPU-second of the extract process.

    python bench/eval_entities.py [NER_DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def child_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold_settings(scratch: Path) -> Path:
    """The project's settings with an empty result cache: every run is a first run
    (a second run over the same files would only read back the cached briefs)."""
    settings = scratch / "settings.py"
    settings.write_text(
        f"exec(compile(open({str(REPO / 'pelicanconf.py')!r}).read(), 'pelicanconf.py', 'exec'))\n"
        f"DIGEST_CACHE_DIR = {str(scratch / 'cache')!r}\n",
        encoding="utf-8",
    )
    return settings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ner_dir", nargs="?", default=str(REPO.parent / "shared/eval/ner"))
    args = parser.parse_args()
    folder = Path(args.ner_dir) / "conll2003_testa"
    scorer = Path(args.ner_dir).parent / "score_ner.py"
    if not folder.is_dir() or not scorer.is_file():
        print(f"no NER benchmark at {folder} (it lives beside the repo, not in it)")
        return 0
    files = sorted(str(p) for p in folder.glob("*.txt"))
    with tempfile.TemporaryDirectory() as scratch:
        settings = cold_settings(Path(scratch))
        command = [sys.executable, "-m", "news_digest.cli", "extract", "--no-clean",
                   "--settings", str(settings), *files]  # fmt: skip
        before = child_cpu_seconds()
        output = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
        cpu = child_cpu_seconds() - before
        predictions = Path(scratch) / "pred.jsonl"
        predictions.write_text(output.stdout, encoding="utf-8")
        scored = subprocess.run(
            [sys.executable, str(scorer), str(folder / "gold.json"), str(predictions)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    figures = json.loads(scored.stdout.strip().splitlines()[-1])
    print(
        f"entities ({len(files)} docs): untyped F1 {figures['untyped_f1']:.3f}  "
        f"typed F1 {figures['typed_f1']:.3f}  tag precision {figures['tag_precision']:.3f}  "
        f"junk tags {figures['junk_share']:.1%}  speed {len(files) / cpu:.0f} docs per "
        "CPU-second (whole command, start-up included)"
    )
    print(json.dumps({"entities": figures}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
