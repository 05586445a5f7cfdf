"""Per-seed stage on the process pool and on a local Dask cluster, one run, same seeds.

    python bench/bench_executors.py [N]      # N synthetic seeds (default 1000)

Prints one JSON line per executor: wall seconds of the whole briefs stage and of its
per-seed part (no cache: every seed computed), and whether the briefs are identical.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_digest.core.pipeline import build_briefs
from news_digest.settings import build_options, load_settings
from synthetic import write_corpus


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.md")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory(prefix="news-digest-executors-") as tmp:
        root = Path(tmp)
        write_corpus(root / "seeds", count)
        for executor in ("processes", "dask"):
            settings = load_settings(
                {"PATH": str(root / executor), "DIGEST_SEEDS": str(root / "seeds"),
                 "DIGEST_CACHE_DIR": None, "DIGEST_WORKERS": 2, "DIGEST_EXECUTOR": executor},
                root,
            )  # fmt: skip
            start = time.perf_counter()
            report = build_briefs(build_options(settings))
            print(json.dumps({
                "executor": executor, "seeds": count, "briefs": len(report.briefs),
                "wall_s": round(time.perf_counter() - start, 1),
                "per_seed_wall_s": round(report.timings.get("per_seed_wall", 0.0), 1),
                "briefs_hash": tree_hash(root / executor),
            }), flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":  # Dask's worker processes import this module again
    sys.exit(main())
