"""Hostile and broken seeds: clear reports, nothing lost, nothing unsafe.

One digest is built from the whole hostile corpus (tests/hostile_corpus.py);
each test checks one exact outcome of that build.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import write_settings
from hostile_corpus import make_hostile_seeds
from lxml import etree
from lxml import html as lxml_html
from news_digest import cli
from site_safety import missing_pages, unexpected_paths

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers

BuildOutcome = dict[str, Any]


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.lstat().st_mtime_ns)
        for p in sorted(folder.iterdir())
        if not p.is_symlink()
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> BuildOutcome:
    root = tmp_path_factory.mktemp("hostile")
    seeds = make_hostile_seeds(root / "seeds", root / "outside")
    before = _snapshot(seeds)
    conf = write_settings(root / "conf" / "hostile.py", "DIGEST_MAX_FEED_ENTRIES = 50")
    content, output, report_file = root / "content", root / "output", root / "report.json"
    status = cli.main(
        [
            "build", "--settings", str(conf), "--seeds", str(seeds), "--content", str(content),
            "--output", str(output), "--report", str(report_file), "--strict",
        ]
    )  # fmt: skip
    report = json.loads(report_file.read_text(encoding="utf-8"))
    return {
        "status": status,
        "report": report,
        "content": content,
        "output": output,
        "seeds": seeds,
        "before": before,
        "rejected": {r["seed"].removeprefix("seeds/"): r["reason"] for r in report["rejected"]},
        "notices": _notices(report),
    }


def _notices(report: dict[str, Any]) -> dict[str, list[str]]:
    notices: dict[str, list[str]] = {}
    for notice in report["notices"]:
        notices.setdefault(notice["seed"].removeprefix("seeds/"), []).append(notice["message"])
    return notices


def _briefs_from(outcome: BuildOutcome, seed: str) -> list[dict[str, Any]]:
    return [
        b
        for b in outcome["report"]["briefs"]
        if any(s.removeprefix("seeds/").split("#")[0] == seed for s in b["seeds"])
    ]


def test_strict_build_fails_but_writes_every_good_brief(hostile: BuildOutcome) -> None:
    assert hostile["status"] == 1
    assert (hostile["output"] / "index.html").is_file()
    assert len(hostile["report"]["briefs"]) >= 20


@pytest.mark.parametrize(
    ("seed", "reason"),
    [
        ("empty.txt", "empty file"),
        ("blank.txt", "no text: the file holds only white space"),
        ("menu-only.txt", "no article text found"),
        ("picture.txt", "PNG image, not a text, HTML or feed file"),
        ("archive.txt", "ZIP archive"),
        ("nul.txt", "binary data (NUL bytes)"),
        ("bomb.xml", "feed declares XML entities (<!ENTITY>): refused as unsafe"),
        ("xxe.xml", "feed declares XML entities (<!ENTITY>): refused as unsafe"),
        ("escape.txt", "symbolic link to a file outside the seeds folder"),
    ],
)
def test_bad_seed_is_rejected_with_a_reason(hostile: BuildOutcome, seed: str, reason: str) -> None:
    assert reason in hostile["rejected"][seed]
    assert _briefs_from(hostile, seed) == []


def test_only_bad_seeds_are_rejected(hostile: BuildOutcome) -> None:
    assert set(hostile["rejected"]) == {
        "empty.txt", "blank.txt", "menu-only.txt", "picture.txt", "archive.txt", "nul.txt",
        "bomb.xml", "xxe.xml", "escape.txt",
    }  # fmt: skip


def test_cuts_are_reported_as_notices(hostile: BuildOutcome) -> None:
    body_cut, read_cut = sorted(hostile["notices"]["huge.txt"])
    assert read_cut.startswith("cut: only the first 10.5 MB of 50.0 MB")
    assert body_cut.startswith("body cut at 20,000 words")
    assert hostile["notices"]["many.xml"] == [
        "only the first 50 of 10000 entries were read (DIGEST_MAX_FEED_ENTRIES)"
    ]
    assert len(_briefs_from(hostile, "many.xml")) == 50
    assert len(_briefs_from(hostile, "huge.txt")) == 1
    assert hostile["notices"]["one-line.txt"] == ["body cut at 20,000 words (it had 1,617,647)"]


def test_seeds_are_never_modified(hostile: BuildOutcome) -> None:
    assert _snapshot(hostile["seeds"]) == hostile["before"]


@pytest.mark.parametrize(
    ("seed", "encoding", "words"),
    [
        ("ru-cp1251.txt", "windows-1251", "Городские власти объявили"),
        ("ru-koi8r.txt", "koi8", "Областная больница получила"),
        ("ja-sjis.txt", "shift_jis", "市は木曜日"),
        ("fr-latin1.txt", "1252", "La mairie a annoncé jeudi la réouverture"),
        ("en-cp1252.txt", "", "\u201cthe only sensible way forward\u201d"),
        ("en-utf16.txt", "utf-16", "regional water authority"),
        ("en-bom.txt", "utf-8", "officials said (1-9)"),
        ("en-crlf.txt", "utf-8", "officials said (2-18)"),
        ("en-cr.txt", "utf-8", "officials said (3-27)"),
        ("bad-utf8.txt", "invalid bytes replaced", "officials said (4-37)"),
    ],
)
def test_text_decodes_to_the_right_characters_on_the_page(
    hostile: BuildOutcome, seed: str, encoding: str, words: str
) -> None:
    (brief,) = _briefs_from(hostile, seed)
    assert (
        encoding.replace("-", "").replace("_", "")
        in brief["encoding"].replace("-", "").replace("_", "").replace("cp", "windows")
        or encoding in brief["encoding"]
    )
    page = next(hostile["output"].glob(f"briefs/*/{brief['slug']}.html"))
    assert words in page.read_text(encoding="utf-8")


def test_identical_seeds_become_one_brief_listing_both(hostile: BuildOutcome) -> None:
    (brief,) = _briefs_from(hostile, "dup-a.txt")
    assert sorted(brief["seeds"]) == ["seeds/dup-a.txt", "seeds/dup-b.txt"]


def test_same_title_different_articles_get_different_slugs(hostile: BuildOutcome) -> None:
    (one,) = _briefs_from(hostile, "same-title-1.txt")
    (two,) = _briefs_from(hostile, "same-title-2.txt")
    assert one["slug"] == "same-headline"
    assert re.fullmatch(r"same-headline-[0-9a-f]{8}", two["slug"])


@pytest.mark.parametrize("seed", ["name with spaces.txt", "ünïcödé-名前.txt", "-leading-dash.txt"])
def test_odd_file_names_are_fine(hostile: BuildOutcome, seed: str) -> None:
    (brief,) = _briefs_from(hostile, seed)
    assert brief["seeds"] == [f"seeds/{seed}"]
    assert re.fullmatch(r"[a-z0-9-]+", brief["slug"])


def test_feed_dates_are_sane(hostile: BuildOutcome) -> None:
    briefs = {b["title"]: b for b in _briefs_from(hostile, "odd-dates.xml")}
    future = briefs["Numbered report 30001 about the harbour"]
    epoch = briefs["Numbered report 30002 about the harbour"]
    assert future["date"] == "2025-03-05T12:00:00+00:00"  # clamped to the feed's own date
    assert epoch["date_source"].startswith("estimated")
    assert not epoch["date"].startswith("1970")


def test_feed_entry_without_link_id_or_date_still_becomes_a_brief(hostile: BuildOutcome) -> None:
    (brief,) = _briefs_from(hostile, "bare-entries.xml")
    assert brief["title"] == "Numbered report 20001 about the harbour"
    assert brief["date_source"].startswith("estimated")


def test_bozo_feed_gives_what_it_can(hostile: BuildOutcome) -> None:
    assert len(_briefs_from(hostile, "bozo.xml")) == 1


def test_text_dump_markup_is_shown_not_interpreted(hostile: BuildOutcome) -> None:
    (brief,) = _briefs_from(hostile, "injection.txt")
    assert brief["title"] != "Hacked title"
    source = (hostile["content"] / brief["path"]).read_text(encoding="utf-8")
    header = source.split("\n\n", 1)[0]
    assert "Status:" not in header and "Save_as:" not in header
    page = next(hostile["output"].glob(f"briefs/*/{brief['slug']}.html"))
    assert page.is_file()  # not hidden as a draft, not saved elsewhere


def test_hostile_title_is_escaped_everywhere(hostile: BuildOutcome) -> None:
    (brief,) = _briefs_from(hostile, "title-attack.txt")
    assert brief["title"] == "Mayor says \"enough\" & <b>bold</b> <script>x</script> 'quoted'"
    page = next(hostile["output"].glob(f"briefs/*/{brief['slug']}.html"))
    tree = lxml_html.fromstring(page.read_bytes())
    assert tree.findtext(".//title").startswith(brief["title"])
    assert tree.findtext(".//h1").strip() == brief["title"]
    assert not tree.xpath("//b") and not tree.xpath("//body//script[not(@type) or @type='']")


# --- the scan: nothing executable from a seed anywhere in the site or the feeds ----------

DANGEROUS_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcset", "poster"}
THEME_SCRIPT = re.compile(r"(^|/)(pagefind/|theme/)")


def _scan_html(tree: Any, where: str) -> list[str]:
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in {"iframe", "object", "embed", "frame", "applet"}:
            found.append(f"{where}: <{tag}>")
        if tag == "script":
            kind = (element.get("type") or "").lower()
            src = element.get("src") or ""
            if kind != "application/ld+json" and not THEME_SCRIPT.search(src):
                found.append(f"{where}: <script> {src or (element.text or '')[:40]}")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{where}: {tag} {name}=")
            if name.lower() in URL_ATTRIBUTES and DANGEROUS_URL.match(value):
                found.append(f"{where}: {tag} {name}={value[:30]}")
    return found


def test_no_script_handler_or_dangerous_url_from_a_seed_in_the_site(
    hostile: BuildOutcome,
) -> None:
    problems: list[str] = []
    for page in sorted(hostile["output"].rglob("*.html")):
        problems += _scan_html(lxml_html.fromstring(page.read_bytes()), page.name)
    assert problems == []


def _holds_html(node: Any) -> bool:
    """Feed elements a reader renders as HTML (titles are text unless typed html)."""
    if not isinstance(node.tag, str):
        return False
    name = node.tag.split("}")[-1]
    return name == "description" or (
        name in {"content", "summary", "title"} and node.get("type") in ("html", "xhtml")
    )


def test_no_script_handler_or_dangerous_url_in_the_feeds(hostile: BuildOutcome) -> None:
    problems: list[str] = []
    for feed in sorted(hostile["output"].rglob("*.xml")):
        tree = etree.parse(str(feed), etree.XMLParser(resolve_entities=False, no_network=True))
        for node in tree.iter():
            if _holds_html(node) and node.text and "<" in node.text:
                fragment = lxml_html.fragment_fromstring(node.text, create_parent="div")
                problems += _scan_html(fragment, feed.name)
            for name, value in node.attrib.items():
                if DANGEROUS_URL.match(value):
                    problems.append(f"{feed.name}: {name}={value[:30]}")
        for link in tree.iter("{*}link", "link"):
            if link.text and DANGEROUS_URL.match(link.text):
                problems.append(f"{feed.name}: link {link.text[:30]}")
    json_feed = json.loads((hostile["output"] / "feeds" / "all.json").read_text(encoding="utf-8"))
    for item in json_feed["items"]:
        fragment = lxml_html.fragment_fromstring(item["content_html"], create_parent="div")
        problems += _scan_html(fragment, "all.json")
        for key in ("url", "external_url"):
            if DANGEROUS_URL.match(item.get(key, "")):
                problems.append(f"all.json: {key}")
    assert json_feed["items"]
    assert problems == []


def test_no_page_path_comes_from_a_seed(hostile: BuildOutcome) -> None:
    assert unexpected_paths(hostile["output"]) == []


def test_every_page_and_feed_a_brief_should_produce_exists(hostile: BuildOutcome) -> None:
    assert missing_pages(hostile["output"], hostile["report"]) == []
