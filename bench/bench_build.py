"""`make bench`: whole-build speed on a synthetic corpus, one JSON line per scenario.

Scenarios per size N: cold build (empty caches, no briefs, no site); rebuild with
nothing changed; rebuild after adding one seed; rebuild after editing one seed;
vanilla Pelican (plugin off) on the same briefs, as the reference; and the
per-seed stages alone with 1 and with 2 workers.  Each line has wall and CPU
seconds (the build process and its workers), peak RSS and the report's stage times.

    python bench/bench_build.py [--sizes 1000 10000] [--keep DIR]

With ``--window DAYS`` it measures the retention window instead: cold, no-change and
add-one builds without a window and with ``DIGEST_WINDOW_DAYS = DAYS`` (the synthetic
seeds are dated over the twelve months of 2025).  ``--no-reference`` skips vanilla
Pelican, the edit-one rebuild and the per-seed-only runs: at 50,000 seeds plain
Pelican's tag pages alone (tags x briefs) would take hours.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import CorpusMaker, text_dump, write_corpus

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run_measured(command: list[str], cwd: Path) -> dict[str, float]:
    """Run a command; its wall time, CPU time (with its children) and peak RSS."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
    }


def write_conf(root: Path, extra: str = "") -> Path:
    conf = root / "benchconf.py"
    root.mkdir(parents=True, exist_ok=True)
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *  # noqa\n"
        f"THEME = {str(REPO / 'themes' / 'digest')!r}\n"
        f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n"
        f"DIGEST_CACHE_DIR = {str(root / 'cache' / 'news-digest')!r}\n"
        f"CACHE_PATH = {str(root / 'cache' / 'pelican')!r}\n{extra}\n",
        encoding="utf-8",
    )
    return conf


def build(root: Path, conf: Path, report: Path) -> dict[str, Any]:
    figures: dict[str, Any] = run_measured(
        [
            str(BIN / "news-digest"), "build", "--settings", str(conf), "--seeds",
            str(root / "seeds"), "--content", str(root / "content"), "--output",
            str(root / "output"), "--report", str(report),
        ],
        root,
    )  # fmt: skip
    data = json.loads(report.read_text(encoding="utf-8"))
    timings = data["timings"]
    figures["stages"] = timings
    figures["briefs_stage_wall_s"] = round(
        sum(v for k, v in timings.items() if k not in ("parse", "clean", "enrich")), 2
    )
    figures["briefs"] = data["counts"]["briefs"]
    figures["cached"] = data["counts"]["cached"]
    return figures


def vanilla_pelican(root: Path) -> dict[str, Any]:
    """Pelican alone on the briefs the digest wrote, plugin off, same theme and settings."""
    content = root / "vanilla-content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(root / "content", content)
    conf = write_conf(root / "vanilla", "PLUGINS = []")
    return run_measured(
        [str(BIN / "pelican"), str(content), "-s", str(conf), "-o", str(root / "vanilla-out"),
         "-q"],
        root,
    )  # fmt: skip


def per_seed_only(root: Path, workers: int) -> dict[str, Any]:
    """The per-seed stages alone (no cache, no Pelican), with a given number of workers."""
    code = (
        "import sys, json, time\n"
        "from pathlib import Path\n"
        "from news_digest.core.discover import find_seeds\n"
        "from news_digest.core.per_seed import SeedJob\n"
        "from news_digest.settings import item_options, load_settings\n"
        "from news_digest.core.cache import ResultCache\n"
        "from news_digest.core.workers import run_jobs\n"
        f"settings = load_settings({{'DIGEST_SEEDS': {str(root / 'seeds')!r}}})\n"
        "seeds, _ = find_seeds(settings.seeds_dir)\n"
        "jobs = [SeedJob(s, item_options(settings)) for s in seeds]\n"
        f"run_jobs(jobs, ResultCache(None), {workers})\n"
    )
    return run_measured([sys.executable, "-c", code], root)


def scenarios(size: int, root: Path, reference: bool = True) -> list[dict[str, Any]]:
    write_corpus(root / "seeds", size)
    conf = write_conf(root)
    report = root / "report.json"
    lines: list[dict[str, Any]] = []

    def emit(name: str, figures: dict[str, Any]) -> None:
        line = {"n": size, "scenario": name, **figures}
        print(json.dumps(line), flush=True)
        lines.append(line)

    emit("cold", build(root, conf, report))
    emit("no-change", build(root, conf, report))
    maker = CorpusMaker(seed=99)
    (root / "seeds" / "added.txt").write_text(text_dump(maker, 1), encoding="utf-8")
    emit("add-one", build(root, conf, report))
    if reference:
        edited = next((root / "seeds").glob("dump-*.txt"))
        text = edited.read_text(encoding="utf-8") + "\nOne more line.\n"
        edited.write_text(text, encoding="utf-8")
        emit("edit-one", build(root, conf, report))
        emit("vanilla-pelican", vanilla_pelican(root))
        for workers in (1, 2):
            emit(f"per-seed-stages-{workers}-worker", per_seed_only(root, workers))
    emit("summary", summary({line["scenario"]: line for line in lines}))
    return lines


def window_scenarios(size: int, root: Path, days: int) -> list[dict[str, Any]]:
    """Cold, no-change and add-one builds, without a window and with one."""
    write_corpus(root / "seeds", size)
    lines: list[dict[str, Any]] = []
    for window in (None, days):
        site = root / f"window-{window}"
        shutil.copytree(root / "seeds", site / "seeds")
        conf = write_conf(site, f"DIGEST_WINDOW_DAYS = {window!r}")
        report = site / "report.json"
        for name in ("cold", "no-change", "add-one"):
            if name == "add-one":
                text = text_dump(CorpusMaker(seed=99), 1)
                (site / "seeds" / "added.txt").write_text(text, encoding="utf-8")
            figures = build(site, conf, report)
            figures["pages"] = sum(1 for p in (site / "output").rglob("*.html"))
            line = {"n": size, "window_days": window, "scenario": name, **figures}
            print(json.dumps(line), flush=True)
            lines.append(line)
    return lines


def summary(by: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The ratios issue 8's acceptance is stated in, from this size's scenarios."""
    cold = by["cold"]

    def share(scenario: str) -> float:
        return round(by[scenario]["wall_s"] / cold["wall_s"], 3)

    figures: dict[str, Any] = {
        "no_change_of_cold": share("no-change"),
        "no_change_cpu_of_cold": round(by["no-change"]["cpu_s"] / cold["cpu_s"], 3),
        "no_change_briefs_stage_of_cold": round(
            by["no-change"]["briefs_stage_wall_s"] / cold["briefs_stage_wall_s"], 3
        ),
        "add_one_of_cold": share("add-one"),
        "add_one_cpu_of_cold": round(by["add-one"]["cpu_s"] / cold["cpu_s"], 3),
        "peak_rss_mb": max(line.get("peak_rss_mb", 0) for line in by.values()),
        "cold_ms_per_seed": round(1000 * cold["wall_s"] / cold["briefs"], 2),
        "cold_cpu_ms_per_seed": round(1000 * cold["cpu_s"] / cold["briefs"], 2),
    }
    if "vanilla-pelican" not in by:  # --no-reference
        return figures
    vanilla = by["vanilla-pelican"]
    return {
        "digest_over_vanilla": round(cold["wall_s"] / vanilla["wall_s"] - 1, 3),
        "digest_cpu_over_vanilla": round(cold["cpu_s"] / vanilla["cpu_s"] - 1, 3),
        "two_worker_speedup": round(
            by["per-seed-stages-1-worker"]["wall_s"] / by["per-seed-stages-2-worker"]["wall_s"], 2
        ),
        "edit_one_of_cold": share("edit-one"),
        **figures,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--keep", help="build in this folder and keep it")
    parser.add_argument("--window", type=int, metavar="DAYS", help="measure the window")
    parser.add_argument(
        "--no-reference",
        action="store_true",
        help="skip vanilla Pelican and the per-seed-only runs (a 50,000-seed run: plain "
        "Pelican's tag pages grow with tags x briefs)",
    )
    args = parser.parse_args()
    if args.window:
        for size in args.sizes:
            with tempfile.TemporaryDirectory(prefix=f"news-digest-bench-{size}-") as tmp:
                window_scenarios(size, Path(tmp), args.window)
        return 0
    per_seed: dict[int, float] = {}
    for size in args.sizes:
        if args.keep:
            root = Path(args.keep) / str(size)
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir(parents=True)
            lines = scenarios(size, root, not args.no_reference)
        else:
            with tempfile.TemporaryDirectory(prefix=f"news-digest-bench-{size}-") as tmp:
                lines = scenarios(size, Path(tmp), not args.no_reference)
        per_seed[size] = lines[-1]["cold_ms_per_seed"]
    if len(per_seed) > 1:  # linear growth: cost per seed of the largest size / the smallest
        small, large = min(per_seed), max(per_seed)
        growth = round(per_seed[large] / per_seed[small], 2)
        print(json.dumps({"scenario": "growth", "sizes": [small, large], "per_seed_ratio": growth}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
