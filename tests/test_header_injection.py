"""No seed value can add, change or drop a line of a brief's Pelican header.

Every field a seed controls (file name, dump header line, HTML metadata, RSS,
Atom and JSON Feed fields, sidecar values) gets each payload: line breaks of every kind,
control characters, header-like text, list separators, bidi overrides.  The
build must give every seed its brief, with exactly the header keys news-digest
writes, on the brief's own path, and nothing a seed wrote may become markup.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import feedparser
import pytest
from conftest import write_settings
from news_digest import cli
from news_digest.site.header_check import HeaderCheck
from pelican.readers import MarkdownReader
from pelican.settings import read_settings
from site_safety import missing_pages, unexpected_paths

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers

# What a line break or header-like text could smuggle in, each named for the test ids.
PAYLOADS = {
    "lf": "\nSave_as: index.html",
    "crlf": "\r\nStatus: draft",
    "cr": "\rTemplate: page",
    "controls": "\x01\x1b",  # a few: more would make a small dump "binary data"
    "line-separator": "\u2028Summary: <script>alert(1)</script>",
    "next-line": "\x85Url: ../../evil.html",
    "continuation": "\n    continued on a second line",
    "header-like": "Slug: pwned",
    "separators": "; A; B, C",
    "bidi": "\u202eevil\u202c",
}
WRITTEN_KEYS = {
    "title", "date", "date_source", "slug", "category", "tags", "summary", "source",
    "authors", "lang", "seed", "title_source", "extraction", "encoding", "removed_blocks",
    "word_count", "source_url", "image", "story", "entities",
}  # fmt: skip
BODY = (
    "The harbour authority of {place} said on Monday that it would dredge the main channel "
    "this summer, so that larger ferries can dock at the old quay again. Work starts in "
    "June and should take about six weeks, a spokesman told reporters."
)
PLACES = ("Alderney", "Borkum", "Cres", "Dugi", "Elba", "Fano", "Gozo", "Hvar", "Ischia", "Jura")
SUBJECTS = (
    "The council", "A local charity", "The regional museum", "Farmers", "The school",
    "A cycling club", "The fire brigade", "Two bakeries", "The library", "A choir",
)  # fmt: skip
ACTIONS = ("opened a new hall", "raised money for a lifeboat", "restored an old map",
           "sold early cherries", "planted a hedge", "mapped a new trail", "trained volunteers",
           "baked bread for a fair", "lent out telescopes", "sang at the harbour")  # fmt: skip
WHEN = ("on a rainy morning", "after a long winter", "during the spring fair",
        "before the tourist season", "at the weekend")  # fmt: skip


def body_for(number: int, kind: int) -> str:
    """A short article of its own for every seed, so none is a duplicate of another."""
    sentences = []
    for part in range(4):
        i = (number * 7 + kind * 3 + part * 5) % 10
        j = (number * 3 + kind * 7 + part) % 10
        sentences.append(
            f"{SUBJECTS[i]} of {PLACES[(number + kind + part) % 10]} {ACTIONS[j]} "
            f"{WHEN[(number + kind * 2 + part) % 5]}, residents number {number}{kind}{part} said."
        )
    return " ".join(sentences)


def _xml(text: str) -> str:
    """Payload as XML character references: line breaks survive the XML parser."""
    return "".join(c if c.isalnum() or c in " .:;,/<>-" else f"&#{ord(c)};" for c in text)


def _attr(text: str) -> str:
    return _xml(text).replace("<", "&lt;").replace(">", "&gt;")


def make_seeds(folder: Path) -> list[str]:
    """One text dump, HTML page, RSS feed, Atom feed and sidecar'd page per payload."""
    folder.mkdir(parents=True)
    names = []
    for number, (name, payload) in enumerate(PAYLOADS.items()):
        body = body_for(number, 0)
        safe_name = payload.replace("/", " ").replace("\x00", "")
        text_name = f"dump-{name}{safe_name}.txt"
        (folder / text_name).write_text(
            f"date 2025-05-0{number % 9 + 1} Dredging at {PLACES[number]}{payload}\n\n{body}\n",
            encoding="utf-8",
        )
        (folder / f"page-{name}.html").write_text(
            '<!doctype html><html lang="en'
            + _attr(payload)
            + '"><head><meta charset="utf-8"><title>Channel work at '
            + PLACES[number]
            + _xml(payload)
            + '</title><meta property="og:site_name" content="Harbour News'
            + _attr(payload)
            + '"><meta name="author" content="Ann Lee'
            + _attr(payload)
            + '"><meta property="og:image" content="https://img.example/a.jpg'
            + _attr(payload)
            + '"><link rel="canonical" href="https://news.example/a'
            + _attr(payload)
            + '"><meta name="keywords" content="ports'
            + _attr(payload)
            + f'"></head><body><article><h1>Channel work at {PLACES[number]}</h1>'
            f"<p>{body_for(number, 1)}</p><p>{body_for(number, 2)}</p></article></body></html>",
            encoding="utf-8",
        )
        item = (
            f"<title>Quay reopens at {PLACES[number]}{_xml(payload)}</title>"
            f"<link>https://news.example/{name}{_xml(payload)}</link>"
            f"<guid>{name}{_xml(payload)}</guid>"
            f"<author>desk@news.example (Desk{_xml(payload)})</author>"
            f"<category>Ports{_xml(payload)}</category>"
            f"<pubDate>Mon, 05 May 2025 10:00:00 GMT</pubDate>"
            f"<description>{_xml(body_for(number, 3))}</description>"
        )
        (folder / f"feed-{name}.rss").write_text(
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Coast Wire{_xml(payload)}</title><link>https://news.example/</link>"
            f"<language>en{_xml(payload)}</language><item>{item}</item></channel></rss>",
            encoding="utf-8",
        )
        (folder / f"feed-{name}.atom").write_text(
            '<?xml version="1.0" encoding="utf-8"?>'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en{_attr(payload)}">'
            f"<title>Bay Times{_xml(payload)}</title><id>urn:bay</id>"
            "<updated>2025-05-06T09:00:00Z</updated><entry>"
            f"<title>New berth at {PLACES[number]}{_xml(payload)}</title>"
            f'<link href="https://bay.example/{name}{_attr(payload)}"/>'
            f"<id>urn:bay:{name}</id><updated>2025-05-06T09:00:00Z</updated>"
            f"<author><name>Bo Kim{_xml(payload)}</name></author>"
            f'<category term="Harbours{_attr(payload)}"/>'
            f'<content type="text">{_xml(body_for(number, 4))}</content>'
            "</entry></feed>",
            encoding="utf-8",
        )
        json_feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": f"Isle Daily{payload}",
            "language": f"en{payload}",
            "items": [
                {
                    "id": f"isle-{name}{payload}",
                    "url": f"https://isle.example/{name}{payload}",
                    "title": f"Lighthouse repainted at {PLACES[number]}{payload}",
                    "content_text": body_for(number, 7),
                    "date_published": "2025-05-08T07:00:00+00:00",
                    "authors": [{"name": f"Cy Dee{payload}"}],
                    "tags": [f"Lights{payload}"],
                    "language": f"en{payload}",
                }
            ],
        }
        (folder / f"feed-{name}.json").write_text(json.dumps(json_feed), encoding="utf-8")
        names.append(f"feed-{name}.json")
        page = folder / f"fetched-{name}.html"
        page.write_text(
            f"<html><body><article><p>{body_for(number, 5)}</p>"
            f"<p>{body_for(number, 6)}</p></article></body></html>",
            encoding="utf-8",
        )
        sidecar = {
            "url": f"https://side.example/{name}{payload}",
            "entry_id": f"id-{name}{payload}",
            "title": f"Pier plan for {PLACES[number]}{payload}",
            "published": "2025-05-07T08:00:00+00:00",
            "categories": [f"Piers{payload}"],
            "tags": [f"Coast{payload}"],
            "language": f"en{payload}",
            "fetched_at": "2025-05-07T08:00:00+00:00",
            "http_status": 200,
            "content_source": f"page{payload}",
            "source": f"Pier Post{payload}",
        }
        (folder / f"fetched-{name}.html.meta.json").write_text(json.dumps(sidecar), "utf-8")
        names += [text_name, f"page-{name}.html", f"feed-{name}.rss", f"feed-{name}.atom"]
        names.append(f"fetched-{name}.html")
    return names


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("injection")
    names = make_seeds(root / "seeds")
    conf = write_settings(root / "conf" / "injection.py")
    content, output, report_file = root / "content", root / "output", root / "report.json"
    status = cli.main(
        [
            "build", "--settings", str(conf), "--seeds", str(root / "seeds"),
            "--content", str(content), "--output", str(output), "--report", str(report_file),
        ]
    )  # fmt: skip
    report = json.loads(report_file.read_text(encoding="utf-8"))
    return {"status": status, "report": report, "names": names, "root": root, "conf": conf}


def test_the_build_succeeds_and_every_seed_gives_a_brief(injected: dict[str, Any]) -> None:
    assert injected["status"] == 0
    assert injected["report"]["rejected"] == []
    listed = {s.removeprefix("seeds/").split("#")[0] for b in injected["report"]["briefs"]
              for s in b["seeds"]}  # fmt: skip
    assert listed == set(injected["names"])  # the report names the real files


def _settings(injected: dict[str, Any]) -> dict[str, Any]:
    override = {"PATH": str(injected["root"] / "content")}
    return dict(read_settings(str(injected["conf"]), override=override))


def _pelican_metadata(brief_file: Path, settings: dict[str, Any]) -> dict[str, Any]:
    reader = MarkdownReader(settings)
    _content, metadata = reader.read(str(brief_file))
    return metadata


def test_every_brief_has_exactly_the_keys_news_digest_writes(injected: dict[str, Any]) -> None:
    briefs = sorted((injected["root"] / "content" / "briefs").rglob("*.md"))
    assert len(briefs) == len(injected["report"]["briefs"]) == len(injected["names"])
    for brief in briefs:
        metadata = _pelican_metadata(brief, _settings(injected))
        assert set(metadata) <= WRITTEN_KEYS, brief.name
        assert metadata["slug"] == brief.stem
        assert "<" not in str(metadata["summary"]).removeprefix("<p>").removesuffix("</p>")
        assert "\u202e" not in brief.read_text(encoding="utf-8")


def test_languages_are_language_codes(injected: dict[str, Any]) -> None:
    assert {b["language"] for b in injected["report"]["briefs"]} == {"en"}


def test_home_page_is_the_digest_and_no_brief_is_hidden(injected: dict[str, Any]) -> None:
    output = injected["root"] / "output"
    home = (output / "index.html").read_text(encoding="utf-8")
    assert '<body class="home' in home or "News Digest" in home.split("</title>")[0]
    shown = re.findall(r'href="[^"]*briefs/\d{4}/([a-z0-9-]+)\.html"', home)
    assert shown, "the home page lists briefs"


def test_no_page_path_comes_from_a_seed(injected: dict[str, Any]) -> None:
    assert unexpected_paths(injected["root"] / "output") == []


def test_every_page_and_feed_a_brief_should_produce_exists(injected: dict[str, Any]) -> None:
    assert missing_pages(injected["root"] / "output", injected["report"]) == []


def test_no_control_character_or_live_markup_in_any_feed(injected: dict[str, Any]) -> None:
    feeds = sorted((injected["root"] / "output" / "feeds").rglob("*.xml"))
    assert feeds
    for feed in feeds:
        data = feed.read_text(encoding="utf-8")
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]", data), feed
        assert feedparser.parse(data).bozo == 0, feed
        assert "<script" not in data and "&lt;script" not in data.replace(
            "&lt;script&gt;alert(1)&lt;/script&gt;", ""
        ), feed


def test_no_seed_script_reaches_a_page(injected: dict[str, Any]) -> None:
    for page in (injected["root"] / "output").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page.name
        scripts = re.findall(r"<script\b[^>]*>", text)
        assert all("src=" in s or "application/ld+json" in s for s in scripts), page.name


def test_a_brief_that_does_not_read_back_is_rejected_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If rendering ever let a line break through, the check catches it."""
    from news_digest.core import render as render_module

    real = render_module.metadata_value
    monkeypatch.setattr(
        render_module, "metadata_value", lambda text: real(text).replace(" Status:", "\nStatus:")
    )
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(f"date 2025-05-01 Plain title\n\n{BODY.format(place='Ely')}\n")
    (seeds / "bad.txt").write_text(
        f"date 2025-05-02 Odd Status: draft\n\n{BODY.format(place='Rye')}\n"
    )
    conf = write_settings(tmp_path / "conf.py")
    report_file = tmp_path / "report.json"
    status = cli.main(
        [
            "build", "--settings", str(conf), "--seeds", str(seeds), "--content",
            str(tmp_path / "content"), "--output", str(tmp_path / "out"),
            "--report", str(report_file),
        ]
    )  # fmt: skip
    monkeypatch.setattr(render_module, "metadata_value", real)
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert status == 0
    assert [r["seed"] for r in report["rejected"]] == ["seeds/bad.txt"]
    assert "did not read back as written" in report["rejected"][0]["reason"]
    assert [b["seeds"] for b in report["briefs"]] == [["seeds/good.txt"]]


def test_header_check_sees_an_added_line(injected: dict[str, Any]) -> None:
    check = HeaderCheck(_settings(injected))
    brief = next((injected["root"] / "content" / "briefs").rglob("*.md"))
    text = brief.read_text(encoding="utf-8")
    fields = [tuple(line.split(": ", 1)) for line in text.split("\n\n", 1)[0].split("\n")]
    assert check(text, fields) is None  # type: ignore[arg-type]
    forged = text.replace("\nSlug: ", "\nSave_as: index.html\nSlug: ", 1)
    assert "save_as" in (check(forged, fields) or "")  # type: ignore[arg-type]
