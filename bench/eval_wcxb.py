"""`make eval`: extraction on the WCXB article pages, against trafilatura on the same pages.

Runs `news-digest extract --format json` over both tracks (the HTML page, and its
whole-page text dump without a header line), scores bodies with the benchmark's
`score.py` and title / date / author with its `score_meta.py`, and scores
trafilatura's own modes on the same HTML as the bar to clear.  The pages are
third-party text: read from ../shared/eval/wcxb, written only to a temporary folder.

    python bench/eval_wcxb.py [WCXB_DIR] [--track text|html] [--limit N] [--no-baseline]
        [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCORERS = REPO.parent / "shared" / "eval"  # score.py and score_meta.py: the set's parent
# trafilatura's modes, as the benchmark's README measures them (its best HTML mode on
# this set was include_comments=False: sh4 F1 0.931).
BASELINE_MODES: dict[str, dict[str, bool]] = {
    "defaults": {},
    "no-comments": {"include_comments": False},
    "precision": {"favor_precision": True},
}


def run(command: list[str]) -> tuple[str, float, float]:
    """Output, wall seconds and CPU seconds (the child's) of one command."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=REPO)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed:\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return result.stdout, time.perf_counter() - start, cpu


def last_json(text: str) -> dict[str, object]:
    summary: dict[str, object] = json.loads(text.strip().splitlines()[-1])
    return summary


def score_bodies(wcxb: Path, predictions: Path) -> dict[str, object]:
    out, _, _ = run([sys.executable, str(SCORERS / "score.py"), str(wcxb), str(predictions),
                     "--quiet"])  # fmt: skip
    sh4 = last_json(out)["sh4"]
    assert isinstance(sh4, dict)
    return {k: sh4[k] for k in ("f1", "precision", "recall", "f1_case_mean")}


def score_metadata(wcxb: Path, records: Path) -> dict[str, object]:
    """The acceptance figures of score_meta.py: title token F1 >= 0.8, same-day dates,
    author overlap (each a share of the pages whose truth has the field), dates < 1990."""
    out, _, _ = run([sys.executable, str(SCORERS / "score_meta.py"), str(wcxb), str(records)])
    figures = last_json(out)
    title, date, author = (figures[k] for k in ("title", "date", "author"))
    assert isinstance(title, dict) and isinstance(date, dict) and isinstance(author, dict)
    return {
        "title_f1_ge_0.8": f"{title['f1_ge_0.8']}/{title['n']}",
        "date_same_day": f"{date['same_day']}/{date['n']}",
        "author_overlap": f"{author['overlap']}/{author['n']}",
        "before_1990": date["before_1990"],
    }


def inputs(cases: list[Path], track: str, work: Path) -> list[Path]:
    """Each case's input as `<id>/page.txt` or `<id>/page.html` (how score_meta names them)."""
    files = []
    for case in cases:
        target = work / "input" / case.name / f"page.{'txt' if track == 'text' else 'html'}"
        target.parent.mkdir(parents=True, exist_ok=True)
        if track == "text":
            shutil.copyfile(case / "page.txt", target)
        else:
            target.write_bytes(gzip.decompress((case / "page.html.gz").read_bytes()))
        files.append(target)
    return files


def evaluate_track(track: str, wcxb: Path, cases: list[Path], work: Path) -> dict[str, object]:
    files = inputs(cases, track, work)
    settings = work / "settings.py"
    settings.write_text(f'PATH = "{work}"\nDIGEST_CACHE_DIR = ""\n', encoding="utf-8")
    command = [str(Path(sys.executable).parent / "news-digest"), "extract", "--format", "json",
               "--settings", str(settings), *map(str, files)]  # fmt: skip
    out, wall, cpu = run(command)
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    predictions = work / f"pred-{track}"
    predictions.mkdir()
    empty_50 = []
    by_case = {Path(str(r.get("path"))).parent.name: r for r in records}
    for case in cases:
        body = str(by_case.get(case.name, {}).get("body") or "")
        (predictions / f"{case.name}.md").write_text(body, encoding="utf-8")
        truth = json.loads((case / "truth.json").read_text(encoding="utf-8"))
        if not body.strip() and len(str(truth.get("body") or "").split()) >= 50:
            empty_50.append(case.name)
    jsonl = work / f"records-{track}.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = {
        "set": "wcxb",
        "track": track,
        "pages": len(cases),
        **{f"sh4_{k}": v for k, v in score_bodies(wcxb, predictions).items()},
        "empty_with_50_words": empty_50,
        "metadata": score_metadata(wcxb, jsonl),
        "wall_s": round(wall, 1),
        "pages_per_cpu_second": round(len(cases) / cpu, 1) if cpu else None,
    }
    print(json.dumps(result), flush=True)
    return result


def evaluate_baseline(wcxb: Path, cases: list[Path], work: Path) -> dict[str, object]:
    """trafilatura's modes on the same HTML pages: the bar our HTML track must clear."""
    import trafilatura

    figures: dict[str, object] = {}
    pages = {  # decompressed once for every mode
        case.name: gzip.decompress((case / "page.html.gz").read_bytes()).decode("utf-8", "replace")
        for case in cases
    }
    for name, mode in BASELINE_MODES.items():
        predictions = work / f"baseline-{name}"
        predictions.mkdir(parents=True)
        for case in cases:
            body = trafilatura.extract(pages[case.name], **mode) or ""
            (predictions / f"{case.name}.md").write_text(body, encoding="utf-8")
        figures[name] = score_bodies(wcxb, predictions)["f1"]
    result = {"set": "wcxb", "baseline": "trafilatura", "sh4_f1": figures}
    print(json.dumps(result), flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("wcxb", nargs="?", default=str(REPO.parent / "shared" / "eval" / "wcxb"))
    parser.add_argument("--track", choices=("text", "html"), action="append")
    parser.add_argument("--limit", type=int, help="only the first N pages (a quick look)")
    parser.add_argument("--no-baseline", action="store_true", help="skip trafilatura's modes")
    parser.add_argument(
        "--keep", type=Path, help="copy each track's records-TRACK.jsonl into this folder"
    )
    args = parser.parse_args()
    wcxb = Path(args.wcxb).resolve()
    if not wcxb.is_dir():
        print(f"no benchmark at {wcxb}: nothing to evaluate")
        return 0
    global SCORERS
    SCORERS = wcxb.parent
    cases = sorted(p for p in wcxb.iterdir() if (p / "truth.json").is_file())[: args.limit]
    with tempfile.TemporaryDirectory(prefix="news-digest-wcxb-") as tmp:
        if args.limit:  # the scorers score every case of a folder: give them just these
            subset = Path(tmp) / "subset"
            subset.mkdir()
            for case in cases:
                (subset / case.name).symlink_to(case)
            wcxb = subset
        for track in args.track or ("text", "html"):
            evaluate_track(track, wcxb, cases, Path(tmp) / track)
            if args.keep:  # for score_meta.py --details (records only: no page text)
                args.keep.mkdir(parents=True, exist_ok=True)
                records = f"records-{track}.jsonl"
                shutil.copyfile(Path(tmp) / track / records, args.keep / records)
        if not args.no_baseline and (args.track is None or "html" in args.track):
            evaluate_baseline(wcxb, cases, Path(tmp) / "baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
