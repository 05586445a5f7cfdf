"""Acceptance: the front page, editions, feeds and alerts of a multi-outlet site.

The site is built once per module from invented seeds (tests/front_fixture.py: four
outlets report one event, two another, some stories have one report) and checked as
files, then in Debian's chromium through Playwright (served on 127.0.0.1 only).
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import feedparser
import pytest
from front_fixture import OUTLETS, TUNNEL, TUNNEL_TITLES
from lxml import etree, html
from site_checks import build_front_site
from test_feeds_valid import ATOM, ATOM_SCHEMA

pytestmark = pytest.mark.site

ALERTS = {
    "Marlow tunnel": 'entity:Marlow OR word:"Copperfield estuary"',
    "In German": "lang:de",
    "Valley Tribune, not the fair": 'source:"Valley Tribune" -Brenna',
}
# What each alert must hold: exactly these briefs (by title), newest first.
ALERT_BRIEFS = {
    "marlow-tunnel": [TUNNEL_TITLES[k] for k in ("lakeside.rss", "coast.rss", "valley.rss",
                                                 "northshore.rss")],
    "in-german": ["Neue Bergbahn am Hohen Kranz eröffnet"],
    "valley-tribune-not-the-fair": [TUNNEL_TITLES["valley.rss"]],
}  # fmt: skip
SETTINGS = f"DIGEST_ALERTS = {ALERTS!r}"


@pytest.fixture(scope="module")
def front(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_front_site(tmp_path_factory.mktemp("front"), SETTINGS)


def _page(output: Path, path: str) -> Any:
    return html.fromstring((output / path).read_bytes())


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _cards(page: Any, within: str = "main") -> list[Any]:
    return list(page.xpath(f"//{within}//article[{_cls('item')}]"))


def _title(card: Any) -> str:
    return str(card.xpath(".//h3")[0].text_content())


def test_home_leads_with_the_story_most_outlets_reported(front: tuple[Path, Path]) -> None:
    output = front[1]
    home = _page(output, "index.html")
    cards = _cards(home)
    first = cards[0]
    assert "lead" in first.get("class", "")
    assert _title(first) == TUNNEL_TITLES["northshore.rss"]
    also = [a.text_content() for a in first.xpath(f".//p[{_cls('also')}]/a")]
    assert also == ["Valley Tribune", "Coast Radio News", "Lakeside Ledger"]
    coverage = first.xpath(f".//a[{_cls('coverage')}]")[0]
    assert coverage.text_content() == "4 reports from 4 outlets"
    assert coverage.get("href").endswith(".html") and "story/" in coverage.get("href")
    # Each story once; at most three tags a card; the estimated brief after the dated.
    titles = [_title(c) for c in cards]
    assert len(titles) == len(set(titles))
    assert all(len(c.xpath(f".//ul[{_cls('tags')}]/li")) <= 3 for c in cards)
    singles = _cards(home, f"section[{_cls('singles')}]")
    assert _title(singles[-1]) == "Quarry road closed for resurfacing"
    assert "date estimated" in singles[-1].text_content()


def test_every_report_of_the_lead_story_is_linked_from_its_card(front: tuple[Path, Path]) -> None:
    output = front[1]
    first = _cards(_page(output, "index.html"))[0]
    links = [a.get("href") for a in first.xpath(f".//h3/a | .//p[{_cls('also')}]/a")]
    assert len(links) == len(OUTLETS)
    for link in links:
        assert (output / link).is_file(), link  # relative links from the home page


def _valid_feeds(output: Path, stem: str) -> None:
    """Atom valid against RFC 4287's schema, Atom and RSS parse cleanly, JSON Feed 1.1."""
    atom = etree.parse(str(output / f"{stem}.atom.xml"))
    assert ATOM_SCHEMA.validate(atom), ATOM_SCHEMA.error_log.last_error
    for suffix in (".atom.xml", ".rss.xml"):
        parsed = feedparser.parse((output / f"{stem}{suffix}").read_bytes())
        assert parsed.bozo == 0, (stem, suffix, parsed.get("bozo_exception"))
    feed = json.loads((output / f"{stem}.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"]
    assert all(item["id"] and item.get("content_html") for item in feed["items"])


def test_an_edition_a_day_linked_both_ways_and_an_index(front: tuple[Path, Path]) -> None:
    output = front[1]
    days = sorted(p.name for p in (output / "edition").glob("*.html"))
    assert days == ["2025-09-09.html", "2025-09-10.html", "2025-09-11.html"]
    index = _page(output, "editions.html")
    listed = [a.get("href") for a in index.xpath("//main//ul[@class='editions']/li/a")]
    assert listed == [f"./edition/{d}" for d in reversed(days)]
    middle = _page(output, "edition/2025-09-10.html")
    assert set(middle.xpath("//main//a[@rel='prev']/@href")) == {"../edition/2025-09-09.html"}
    assert set(middle.xpath("//main//a[@rel='next']/@href")) == {"../edition/2025-09-11.html"}
    # The tunnel story began on the 10th: it is in that day's edition too, once.
    titles = [_title(c) for c in _cards(middle)]
    assert titles.count(TUNNEL_TITLES["northshore.rss"]) == 1


def test_since_the_last_build_page_and_feeds_exist_and_validate(front: tuple[Path, Path]) -> None:
    output = front[1]
    latest = _page(output, "latest.html")
    assert latest.xpath("//section[@id='build-1']")
    assert "2 new stories" in latest.xpath("//section[@id='build-1']//h2")[0].text_content()
    _valid_feeds(output, "feeds/editions")
    root = etree.parse(str(output / "feeds" / "editions.atom.xml")).getroot()
    (entry,) = root.findall(f"{ATOM}entry")
    assert re.fullmatch(
        r"tag:127\.0\.0\.1,2025:editions/1-[0-9a-f]{8}", entry.findtext(f"{ATOM}id")
    )


def test_the_next_build_reports_what_it_added_and_an_unchanged_one_nothing(
    tmp_path: Path,
) -> None:
    root = tmp_path / "site"
    _, output = build_front_site(root)
    first_id = json.loads((output / "editions.json").read_text(encoding="utf-8"))["builds"][0]["id"]
    # A fifth outlet reports the tunnel.
    text = TUNNEL.format(day="Thursday", extra="Estuary FM heard the first horns at dawn.")
    (root / "seeds" / "estuary.rss").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "<title>Estuary FM</title><link>https://estuary-fm.example/</link>"
        "<description>Radio news</description>"
        "<item><title>Horns greet the Marlow tunnel</title>"
        "<link>https://estuary-fm.example/news/tunnel</link><guid>efm-1</guid>"
        f"<pubDate>Thu, 11 Sep 2025 20:00:00 GMT</pubDate><description>{text}</description>"
        "</item></channel></rss>\n",
        encoding="utf-8",
    )
    build_front_site(root)
    log = json.loads((output / "editions.json").read_text(encoding="utf-8"))
    assert [b["number"] for b in log["builds"]] == [1, 2] and log["builds"][0]["id"] == first_id
    grown = log["builds"][1]["grown"]
    assert list(grown) == ["marlow-tunnel-opens-under-the-copperfield-estuary"]
    latest = _page(output, "latest.html")
    assert (
        "1 story with new reports" in latest.xpath("//section[@id='build-2']//h2")[0].text_content()
    )
    assert "Estuary FM" in latest.xpath("//section[@id='build-2']")[0].text_content()
    feed = etree.parse(str(output / "feeds/editions.atom.xml")).getroot()
    ids = [e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")]
    assert len(ids) == 2 and ids[1].endswith(f"/{first_id}")
    _valid_feeds(output, "feeds/editions")
    # Built again from the same inputs: the same bytes.
    before = {p: p.read_bytes() for p in (output / "latest.html", output / "editions.json",
                                           output / "feeds/editions.atom.xml")}  # fmt: skip
    build_front_site(root)
    assert {p: p.read_bytes() for p in before} == before


def test_an_alert_feed_holds_exactly_its_briefs(front: tuple[Path, Path]) -> None:
    output = front[1]
    assert sorted(p.stem for p in (output / "alert").glob("*.html")) == sorted(ALERT_BRIEFS)
    for slug, titles in ALERT_BRIEFS.items():
        stem = f"feeds/alert/{slug}"
        _valid_feeds(output, stem)
        for suffix in (".atom.xml", ".rss.xml"):
            parsed = feedparser.parse((output / f"{stem}{suffix}").read_bytes())
            assert [e.title for e in parsed.entries] == titles, (slug, suffix)
            assert parsed.feed.link.endswith(f"/alert/{slug}.html")
        feed = json.loads((output / f"{stem}.json").read_text(encoding="utf-8"))
        assert [item["title"] for item in feed["items"]] == titles
        page = _page(output, f"alert/{slug}.html")
        assert [h.text_content() for h in page.xpath("//main//article//h2")] == titles


def test_feed_entries_carry_language_original_author_and_story(front: tuple[Path, Path]) -> None:
    output = front[1]
    root = etree.parse(str(output / "feeds" / "all.atom.xml")).getroot()
    entries = {e.findtext(f"{ATOM}title"): e for e in root.iter(f"{ATOM}entry")}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    german = entries["Neue Bergbahn am Hohen Kranz eröffnet"]
    assert german.get(lang) == "de"
    tunnel = entries[TUNNEL_TITLES["valley.rss"]]
    assert tunnel.get(lang) == "en"
    related = tunnel.find(f"{ATOM}link[@rel='related']")
    assert related.get("href") == "https://valley-tribune.example/news/marlow-tunnel"
    assert tunnel.findtext(f"{ATOM}author/{ATOM}name") == "Desk (Valley Tribune)"
    story = [c for c in tunnel.findall(f"{ATOM}category") if c.get("label")]
    assert story and story[0].get("term").endswith(
        "/story/marlow-tunnel-opens-under-the-copperfield-estuary.html"
    )
    # No entry, in any feed, is by the tool: an unattributed brief has no author.
    for path in sorted((output / "feeds").rglob("*.xml")):
        assert b"<name>news-digest</name>" not in path.read_bytes(), path
        assert b">news-digest</dc:creator>" not in path.read_bytes(), path
    quarry = entries["Quarry road closed for resurfacing"]
    assert quarry.find(f"{ATOM}author") is None
    rss = etree.parse(str(output / "feeds" / "all.rss.xml"))
    item = next(i for i in rss.iter("item") if i.findtext("title") == TUNNEL_TITLES["coast.rss"])
    assert item.find("source").get("url") == "https://coast-radio.example/news/marlow-tunnel"
    assert item.find("source").text == "Coast Radio News" and item.get(lang) == "en"
    assert any(
        (c.text or "").startswith("Story: ") and c.get("domain") for c in item.iter("category")
    )
    feed = json.loads((output / "feeds" / "all.json").read_text(encoding="utf-8"))
    assert all(a["name"] != "news-digest" for i in feed["items"] for a in i.get("authors", []))


# --- in the browser -----------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from test_browser import ARGS, CHROMIUM

    api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip("needs Debian's chromium (make test installs it)")
    with api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """The folder on 127.0.0.1, on a port the system picks (a new one each time)."""
    from test_browser import QuietHandler

    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _walk(browser: Any, start: str) -> tuple[list[str], list[str]]:
    """Open the home page, every link of its main part and nav, and the pages those
    lead to (edition, story, brief, tag, alert); return (pages opened, requests
    that left the start page's origin or failed)."""
    origin = start.rsplit("/", 1)[0]
    context = browser.new_context()
    page = context.new_page()
    bad: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(origin) else bad.append(r.url))
    page.on("requestfailed", lambda r: bad.append(f"failed: {r.url}"))
    page.goto(start)
    links = page.eval_on_selector_all(
        "header.site a, main a, footer.site a", "els => els.map(e => e.href)"
    )
    opened = []
    for link in sorted(set(links)):
        if link.split("#")[0].endswith((".xml", ".json", ".opml")):
            continue  # feeds: not pages (checked in the feed tests)
        response = page.goto(link)
        opened.append(link)
        if response is not None:
            assert response.ok, link
        assert page.locator("main h1").count() == 1, link
    context.close()
    return opened, bad


@pytest.mark.browser
def test_home_in_the_browser_leads_with_the_most_covered_story(
    browser: Any, front: tuple[Path, Path]
) -> None:
    with serve(front[1]) as url:
        page = browser.new_page()
        page.goto(f"{url}/index.html")
        lead = page.locator("main article.item").first
        assert lead.locator("h3").inner_text() == TUNNEL_TITLES["northshore.rss"]
        assert lead.locator(".also a").all_inner_texts() == [
            "Valley Tribune", "Coast Radio News", "Lakeside Ledger"
        ]  # fmt: skip
        lead.locator("a.coverage").click()
        assert "/story/" in page.url and page.locator("ol.timeline article").count() == 4
        page.close()


@pytest.mark.browser
def test_the_site_works_on_two_ports_and_from_disk(browser: Any, front: tuple[Path, Path]) -> None:
    output = front[1]
    walked = {}
    for _ in range(2):
        with serve(output) as url:
            opened, bad = _walk(browser, f"{url}/index.html")
            assert bad == [], (url, bad)
            walked[url] = opened
    assert len(walked) == 2 and all(len(v) > 10 for v in walked.values())
    opened, bad = _walk(browser, (output / "index.html").as_uri())
    assert bad == [] and len(opened) > 10
    # From disk, search says it needs `make serve` instead of hanging.
    page = browser.new_page()
    page.goto((output / "search.html").as_uri())
    notice = page.locator("#search-from-disk")
    notice.wait_for(state="visible", timeout=5000)
    assert "make serve" in notice.inner_text()
    assert page.locator("#search-fallback a", has_text="archives").is_visible()
    page.close()


@pytest.mark.browser
def test_new_page_kinds_have_no_axe_violations(browser: Any, front: tuple[Path, Path]) -> None:
    from test_browser import AXE

    if not AXE.is_file():
        pytest.skip("needs npm's axe-core (make test installs it)")
    axe = AXE.read_text(encoding="utf-8")
    found = {}
    with serve(front[1]) as url:
        page = browser.new_page()
        for path in ("index.html", "edition/2025-09-10.html", "editions.html", "latest.html",
                     "alerts.html", "alert/marlow-tunnel.html"):  # fmt: skip
            page.goto(f"{url}/{path}")
            page.add_script_tag(content=axe)
            result = page.evaluate("async () => await axe.run(document)")
            found[path] = [v["id"] for v in result["violations"]]
        page.close()
    assert found == {path: [] for path in found}


def test_a_brief_without_an_outlet_makes_no_source(front: tuple[Path, Path]) -> None:
    """Pelican files it under "Unattributed": no source page, feed, listing or topic."""
    output = front[1]
    assert not list(output.rglob("*unattributed*"))
    for page in ("sources.html", "index.html", "feeds/all.atom.xml", "feeds/all.rss.xml"):
        assert "Unattributed" not in (output / page).read_text("utf-8"), page
