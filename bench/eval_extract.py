"""`make eval`: extraction quality of `news-digest extract` on the benchmark's dev pages.

Runs the real command over both tracks (whole-page text dumps, and HTML pages),
scores the `body` fields with the benchmark's own scorer, and checks titles and
dates.  The benchmark pages are third-party text: they are read from
../shared/eval, written only to a temporary folder, never into the project.

    python bench/eval_extract.py [DEV_DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HEADER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2}) (.+)$")
TITLE_F1_NEEDED = 0.8


def token_f1(a: str, b: str) -> float:
    """Bag-of-words F1 between two titles (case-folded word tokens)."""
    ta, tb = re.findall(r"\w+", a.casefold()), re.findall(r"\w+", b.casefold())
    if not ta or not tb:
        return 0.0
    common = sum(min(ta.count(t), tb.count(t)) for t in set(ta))
    if not common:
        return 0.0
    precision, recall = common / len(ta), common / len(tb)
    return 2 * precision * recall / (precision + recall)


def run_extract(files: list[Path]) -> tuple[list[dict[str, object]], float]:
    """One `news-digest extract --format json` run over all files; its records and CPU time."""
    command = [str(Path(sys.executable).parent / "news-digest"), "extract", "--format", "json"]
    start = time.perf_counter()
    before = _children_cpu()
    result = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, check=False, cwd=REPO
    )
    cpu = _children_cpu() - before
    if result.returncode not in (0, 1):
        sys.exit(f"news-digest extract failed:\n{result.stderr}")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    print(f"  {len(files)} files, {time.perf_counter() - start:.1f} s wall, {cpu:.1f} CPU-s")
    return records, cpu


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def score(dev: Path, predictions: Path) -> dict[str, object]:
    scorer = dev.parent / "score.py"
    result = subprocess.run(
        [sys.executable, str(scorer), str(dev), str(predictions), "--quiet"],
        capture_output=True,
        text=True,
        check=True,
    )
    summary: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return summary


def evaluate_track(track: str, dev: Path, work: Path) -> dict[str, object]:
    cases = sorted(p for p in dev.iterdir() if (p / "truth.json").is_file())
    inputs: list[Path] = []
    for case in cases:
        if track == "text":
            inputs.append(case / "page.txt")
        else:
            page = work / "html-input" / f"{case.name}.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_bytes(gzip.decompress((case / "page.html.gz").read_bytes()))
            inputs.append(page)
    print(f"{track} track:")
    records, cpu = run_extract(inputs)
    predictions = work / f"pred-{track}"
    predictions.mkdir()
    titles_ok = titles_total = dates_ok = dates_total = empty = 0
    for case, source, record in zip(cases, inputs, records, strict=True):
        truth = json.loads((case / "truth.json").read_text(encoding="utf-8"))
        body = str(record.get("body") or "")
        empty += not body.strip()
        (predictions / f"{case.name}.md").write_text(body, encoding="utf-8")
        header = HEADER.match(source.read_text(encoding="utf-8", errors="replace").split("\n")[0])
        if track == "text" and header:
            expected_title, expected_date = header.group(2).strip(), header.group(1)
            titles_ok += record.get("title") == expected_title
        else:
            expected_title, expected_date = truth.get("title") or "", truth.get("date")
            titles_ok += token_f1(str(record.get("title") or ""), expected_title) >= TITLE_F1_NEEDED
        titles_total += 1
        if expected_date:
            dates_total += 1
            dates_ok += str(record.get("date") or "").startswith(expected_date)
    summary = score(dev, predictions)
    sh4 = summary["sh4"]
    assert isinstance(sh4, dict)
    result = {
        "track": track,
        "sh4_f1": sh4["f1"],
        "sh4_precision": sh4["precision"],
        "sh4_recall": sh4["recall"],
        "f1_case_mean": sh4["f1_case_mean"],
        "empty": empty,
        "titles_ok": f"{titles_ok}/{titles_total}",
        "dates_ok": f"{dates_ok}/{dates_total}",
        "pages_per_cpu_second": round(len(cases) / cpu, 1) if cpu else None,
    }
    print("  " + json.dumps(result))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dev", nargs="?", default=str(REPO.parent / "shared" / "eval" / "dev"))
    args = parser.parse_args()
    dev = Path(args.dev).resolve()
    if not dev.is_dir():
        print(f"no benchmark at {dev}: nothing to evaluate")
        return 0
    with tempfile.TemporaryDirectory(prefix="news-digest-eval-") as tmp:
        results = [evaluate_track(track, dev, Path(tmp)) for track in ("text", "html")]
    print(json.dumps({"eval": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
