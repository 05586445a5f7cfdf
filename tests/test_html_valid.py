"""Every page of the showcase site: the Nu HTML checker (vnu-jar from npm, run with the
machine's Java), one structure for all pages (landmarks, skip link, one h1, canonical URL,
description, Open Graph), titles full of markup characters escaped everywhere, and the
search index (small, byte-stable, its size on the about page)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, BuildResult
from lxml import html
from news_digest.site import search_index
from site_checks import SHARD_SIZE, TRICKY_TITLE

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITE_URL = "http://127.0.0.1:8000"
SITENAME = "News Digest"


def _pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


@pytest.mark.skipif(
    not VNU.is_file() or shutil.which("java") is None,
    reason="the Nu checker needs `npm ci` (make test runs it) and Java",
)
def test_every_page_has_no_html_errors(showcase_site: Path) -> None:
    pages = [str(p) for p in _pages(showcase_site)]
    assert len(pages) > 10
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]
    assert errors == [], "\n".join(errors[:40])


def test_every_page_has_landmarks_a_skip_link_and_sharing_metadata(showcase_site: Path) -> None:
    problems = []
    for page in _pages(showcase_site):
        tree = html.parse(str(page))
        name = page.relative_to(showcase_site).as_posix()
        body = tree.find("body")
        checks = {
            "lang": bool(tree.getroot().get("lang")),
            "one <title>": len(tree.findall("head/title")) == 1,
            "description": bool(tree.xpath("string(//head/meta[@name='description']/@content)")),
            "canonical": tree.xpath("//head/link[@rel='canonical']/@href")
            in ([f"{SITE_URL}/{name}"], [f"{SITE_URL}/"] if name == "index.html" else []),
            "og:title": bool(tree.xpath("//head/meta[@property='og:title']/@content")),
            "og:url": bool(tree.xpath("//head/meta[@property='og:url']/@content")),
            "header": len(body.xpath("./header")) == 1,
            "nav": len(body.xpath("./header//nav")) == 1,
            "main": len(body.xpath("./main[@id='main']")) == 1,
            "footer": len(body.xpath("./footer")) == 1,
            "skip link first": body.xpath("string(./*[1][self::a]/@href)") == "#main",
            "one h1": len(tree.xpath("//h1")) == 1,
            "viewport": bool(tree.xpath("//head/meta[@name='viewport']")),
        }
        problems += [f"{name}: {check}" for check, ok in checks.items() if not ok]
    assert problems == []


def test_only_the_search_page_runs_a_script(showcase_site: Path) -> None:
    """Works without JavaScript; Pagefind's UI on search.html is the only script."""
    for page in _pages(showcase_site):
        tree = html.parse(str(page))
        scripts = [s.get("src") or s.get("type") for s in tree.iter("script")]
        code = [s for s in scripts if s != "application/ld+json"]
        name = page.relative_to(showcase_site).as_posix()
        if name == "search.html":
            assert code == ["./pagefind/pagefind-ui.js", "./theme/js/search.js"]
        else:
            assert code == [], name
        assert not tree.xpath("//@*[starts-with(name(), 'on')]"), name  # no inline handlers


def test_brief_page_shows_how_it_was_made(showcase_site: Path) -> None:
    (page,) = (showcase_site / "briefs").rglob("lighthouse-keepers-return-to-gull-point.html")
    tree = html.parse(str(page))
    article = tree.find(".//main/article")
    assert article.get("data-pagefind-body") is not None
    text = " ".join(article.text_content().split())
    assert "date from the page's metadata" in text  # how it was dated, in words
    assert "By Ruth Oakes" in text and "Coastline Weekly" in text
    assert article.xpath(".//a[starts-with(@href, 'https://coastline.example/')]")  # original
    panel = article.find(".//details[@class='provenance']")
    assert panel is not None and panel.get("open") is None  # collapsed
    terms = [dt.text for dt in panel.iter("dt")]
    assert {"Made from", "Text taken from", "Headline", "Date"} <= set(terms)  # reader words
    said = " ".join(panel.text_content().split())
    assert "the article's web page" in said and "text-dump" not in said
    # Page furniture stays out of the search index.
    for part in ("provenance", "related", "tags"):
        for node in article.xpath(f".//*[contains(@class, '{part}')]"):
            assert node.xpath("ancestor-or-self::*[@data-pagefind-ignore]"), part


def test_no_byline_is_made_up(showcase_site: Path) -> None:
    """A brief without a byline shows none (not Pelican's AUTHOR setting)."""
    (page,) = (showcase_site / "briefs").rglob("riverton-gets-*.html")
    tree = html.parse(str(page))
    assert not tree.xpath("//*[@class='byline']")
    ld = json.loads(tree.xpath("string(//script[@type='application/ld+json'])"))
    assert "author" not in ld


def test_titles_with_markup_characters_stay_text_everywhere(showcase_site: Path) -> None:
    (page,) = (showcase_site / "briefs").rglob("q-a-budget-*.html")
    source = page.read_text(encoding="utf-8")
    tree = html.fromstring(source)
    assert tree.findtext(".//title") == f"{TRICKY_TITLE} · {SITENAME}"
    assert tree.xpath("string(//meta[@property='og:title']/@content)") == TRICKY_TITLE
    assert tree.xpath("string(//h1)") == TRICKY_TITLE
    assert len(tree.xpath("//title")) == 1
    scripts = tree.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    ld = json.loads(scripts[0].text)
    assert ld["@type"] == "NewsArticle" and ld["headline"] == TRICKY_TITLE
    assert "</script" not in scripts[0].text.lower()
    assert source.count("<script") == 1 and source.count("</title>") == 1
    # The same title in lists, feeds' page and the archives stays text.
    months = sorted(
        p.relative_to(showcase_site).as_posix() for p in (showcase_site / "archive").glob("*.html")
    )

    def links(page: str) -> list[str]:
        return [a.text_content() for a in html.parse(str(showcase_site / page)).iter("a")]

    month = next(m for m in months if TRICKY_TITLE in links(m))
    for other in ("index.html", month):
        other_tree = html.parse(str(showcase_site / other))
        assert TRICKY_TITLE in [a.text_content() for a in other_tree.iter("a")], other
        assert len(other_tree.xpath("//script")) == 0, other


def test_about_page_reports_the_build_and_the_search_index(showcase_site: Path) -> None:
    about = html.parse(str(showcase_site / "pages" / "about.html"))
    text = " ".join(about.getroot().text_content().split())
    files = [p for p in (showcase_site / "pagefind").rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    assert f"{len(files)} files, {size / 1000:.1f} kB" in text
    assert re.search(r"\d+ seed files → \d+ briefs", text)
    assert "not-a-text.txt" in text


def test_search_index_is_small_sharded_and_byte_stable(showcase_site: Path) -> None:
    index = showcase_site / "pagefind"
    shards = sorted(index.glob("shard-*"), key=lambda p: int(p.name.split("-")[1]))
    briefs = len(list((showcase_site / "briefs").rglob("*.html")))
    assert len(shards) >= 2  # the search page merges several
    search = html.parse(str(showcase_site / "search.html")).find(".//*[@id='search']")
    assert search is not None
    assert search.get("data-merge", "").split() == [
        f"./{p.relative_to(showcase_site).as_posix()}/" for p in shards
    ]
    pages = 0
    counts = []
    for bundle in (index, *shards):
        names = {p.name for p in bundle.iterdir()}
        assert {"pagefind.js", "pagefind-entry.json"} <= names
        ui = {"pagefind-ui.js", "pagefind-ui.css"}
        assert ui <= names if bundle == index else not ui & names  # one UI, on the first
        assert not names & {
            "pagefind-component-ui.js",
            "pagefind-modular-ui.js",
            "pagefind-highlight.js",
        }
        entry_text = (bundle / "pagefind-entry.json").read_text(encoding="utf-8")
        entry = json.loads(entry_text)
        assert list(entry["languages"]) == ["en"]  # one index: every language is searchable
        assert entry_text == json.dumps(
            entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True
        )
        assert {p.name for p in bundle.glob("wasm.*")} == {"wasm.en.pagefind"}
        pages += entry["languages"]["en"]["page_count"]
        counts.append(entry["languages"]["en"]["page_count"])
    size = sum(p.stat().st_size for p in index.rglob("*") if p.is_file())
    assert size < 250_000 + 200_000 * len(shards), size  # UI; per shard: its WebAssembly, JS
    assert pages == briefs  # every brief once, nothing else
    # search_index.shard_bounds: at least SHARD_SIZE // 8 briefs a shard (the last may
    # have fewer), at most SHARD_SIZE
    assert all(SHARD_SIZE // 8 <= count <= SHARD_SIZE for count in counts[:-1]), counts
    assert 1 <= counts[-1] <= SHARD_SIZE, counts


def test_pagefind_entry_is_rewritten_in_a_stable_order(tmp_path: Path) -> None:
    """Pagefind lists index languages in hash-map order; the build sorts them."""
    index = tmp_path / "pagefind"
    index.mkdir()
    languages = {"sn": {"hash": "sn_1", "wasm": None}, "de": {"hash": "de_1", "wasm": "de"}}
    entry = {"version": "1.5.2", "languages": languages}
    (index / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    for name in (
        "wasm.de.pagefind",
        "wasm.en.pagefind",
        "wasm.unknown.pagefind",
        "pagefind-highlight.js",
    ):
        (index / name).write_bytes(b"x")
    search_index.tidy(index, keep_ui=True)
    text = (index / "pagefind-entry.json").read_text(encoding="utf-8")
    assert text.index('"de"') < text.index('"sn"') and text.index('"languages"') < text.index(
        '"version"'
    )
    assert {p.name for p in index.iterdir()} == {
        "pagefind-entry.json",
        "wasm.de.pagefind",
        "wasm.unknown.pagefind",
    }


def test_the_site_builds_without_search_when_pagefind_fails(
    original_seeds: Path,
    build_site: Callable[..., BuildResult],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    shutil.copytree(REPO / "content" / "pages", tmp_path / "site" / "content" / "pages")
    monkeypatch.setattr(search_index.sys, "executable", "/nonexistent/python")
    status, report, _, output = build_site(original_seeds)
    assert status == 0 and report["briefs"]
    assert "search index not built" in capfd.readouterr().err
    assert (output / "index.html").is_file() and (output / "search.html").is_file()
    assert not (output / "pagefind").exists()
    about = html.parse(str(output / "pages" / "about.html")).getroot().text_content()
    assert "search index (Pagefind, with its interface): not built." in " ".join(about.split())
    # The search page then keeps its fallback: search.js stops when there is no UI.
    fallback = html.parse(str(output / "search.html")).find(".//*[@id='search-fallback']")
    assert fallback is not None and fallback.get("hidden") is None
