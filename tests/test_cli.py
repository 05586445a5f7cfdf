"""The `news-digest` command: build --report/--strict, extract, explain."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES, ORIGINAL_SEEDS, SEEDS, BuildResult, write_settings
from news_digest import cli

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers

EXTRACT_KEYS = {
    "path",
    "title",
    "date",
    "authors",
    "source",
    "language",
    "summary",
    "tags",
    "entities",
    "body",
}


def test_extract_json_prints_one_object_per_input(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(SEEDS / "004_702236540aaa3a9a.txt"), str(SEEDS / "000_03ffcf947b1a81a5.txt")]
    assert cli.main(["extract", "--format", "json", *files]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert [r["path"] for r in records] == files
    for record in records:
        assert set(record) == EXTRACT_KEYS
        assert record["body"] and not record["body"].startswith(("Title:", "#"))
        assert "Related briefs" not in record["body"]
    assert records[0]["date"].startswith("2025-06-21")
    assert records[1]["date"] is None


def test_extract_markdown_prints_a_brief(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        cli.main(["extract", "--format", "markdown", str(SEEDS / "004_702236540aaa3a9a.txt")]) == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("Title: Putin says Russia intends to work with friendly nations")


def test_extract_reports_a_bad_file_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    status = cli.main(["extract", str(empty), str(SEEDS / "004_702236540aaa3a9a.txt")])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 1
    assert lines[0] == {"path": str(empty), "error": "empty file"}
    assert lines[1]["title"].startswith("Putin says")


def test_explain_lists_kept_and_dropped_blocks(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain", str(SEEDS / "004_702236540aaa3a9a.txt")]) == 0
    out = capsys.readouterr().out
    assert "extraction: text-dump" in out
    assert "KEEP" in out and "drop" in out


def test_build_strict_fails_on_a_rejected_seed_but_builds_the_rest(
    original_seeds: Path, build_site: Callable[..., BuildResult]
) -> None:
    (original_seeds / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    status, report, _, output = build_site(original_seeds, "--strict")
    assert status == 1
    assert report["rejected"] == [
        {
            "seed": "seeds/broken.txt",
            "reason": "file: PNG image, not a text, HTML or feed file",
        }
    ]
    assert len(report["briefs"]) == 2
    assert (output / "index.html").is_file()
    status, _, _, _ = build_site(original_seeds)
    assert status == 0


def test_unknown_setting_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conf = tmp_path / "conf.py"
    conf.write_text("DIGEST_SEEDZ = 'x'\nPATH = '.'\n")
    assert cli.main(["build", "--settings", str(conf), "--output", str(tmp_path / "o")]) == 2
    assert "unknown setting(s) DIGEST_SEEDZ" in capsys.readouterr().err


def test_missing_seeds_folder_is_a_clear_error(
    tmp_path: Path, build_site: Callable[..., BuildResult], capsys: pytest.CaptureFixture[str]
) -> None:
    status, report, _, _ = build_site(tmp_path / "no-such-folder")
    assert (status, report) == (2, {})
    assert "the seeds folder" in capsys.readouterr().err


def test_extract_and_build_agree_on_every_fixture_seed(
    tmp_path: Path, build_site: Callable[..., BuildResult], capsys: pytest.CaptureFixture[str]
) -> None:
    """One way through the stages: `extract` of a seed gives the title, date, tags and
    body its brief has in a build of the same seeds folder."""
    from hostile_corpus import make_hostile_seeds

    seeds = make_hostile_seeds(tmp_path / "seeds", tmp_path / "outside")
    for fixture in [*sorted((FIXTURES / "feeds").iterdir()), FIXTURES / "html" / "article.html"]:
        (seeds / fixture.name).write_bytes(fixture.read_bytes())
    for name in ORIGINAL_SEEDS:
        (seeds / name).write_bytes((SEEDS / name).read_bytes())
    conf = write_settings(tmp_path / "conf.py", f"DIGEST_SEEDS = {str(seeds)!r}")
    report = build_site(seeds, "--settings", str(conf))[1]
    capsys.readouterr()
    files = sorted(str(p) for p in seeds.iterdir() if p.is_file() and not p.name.startswith("."))
    cli.main(["extract", "--settings", str(conf), *files])
    extracted = {}
    for line in capsys.readouterr().out.splitlines():
        record = json.loads(line)
        if "error" not in record:
            name = Path(record["path"]).name + (f"#{record['entry']}" if "entry" in record else "")
            extracted[name] = record
    compared = 0
    for brief in report["briefs"]:
        if len(brief["seeds"]) != 1:
            continue  # a merged duplicate takes the richest copy's fields
        record = extracted[brief["seeds"][0].removeprefix("seeds/")]
        page = (tmp_path / "site" / "content" / brief["path"]).read_text(encoding="utf-8")
        body = page.split("\n\n", 1)[1].split("\n\n## Related briefs", 1)[0].rstrip("\n")
        assert (record["title"], record["tags"]) == (brief["title"], brief["tags"])
        if record["date"] is not None:
            assert record["date"] == brief["date"]
        assert record["body"] == body
        compared += 1
    assert compared >= 20


def test_a_settings_file_named_like_a_standard_module_does_not_replace_it(
    tmp_path: Path,
) -> None:
    """Pelican loads a settings file as a module named after the file: site.py must
    not stand in for the standard `site` afterwards (Dask's import of it broke)."""
    import json as json_module
    import site as site_module
    import sys

    from news_digest import cli as cli_module

    for name in ("site", "json"):
        conf = tmp_path / f"{name}.py"
        conf.write_text('SITENAME = "x"\nDIGEST_MAX_TAGS = 3\n', encoding="utf-8")
        assert cli_module.read_pelican_settings(str(conf), {})["DIGEST_MAX_TAGS"] == 3
        assert cli_module.settings_file_names(str(conf))["DIGEST_MAX_TAGS"] == 3
    assert sys.modules["site"] is site_module and sys.modules["json"] is json_module
