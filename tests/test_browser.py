"""The site in a real browser: Playwright driving Debian's chromium, served on 127.0.0.1.

Navigation, search (from the header form and on the search page), both colour
schemes at phone and desktop widths (screenshots land in tests/artifacts/screenshots/
for a person to look at), the site without JavaScript, no request leaving
127.0.0.1, and axe-core on every page kind.  Skipped with the reason when chromium,
Playwright or axe-core is missing; `make test` installs all three.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "tests" / "artifacts" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
DARK_BACKGROUND = "rgb(18, 20, 23)"  # --bg of digest.css in the dark scheme

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = [
    pytest.mark.site,
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() or not AXE.is_file(),
        reason="needs Debian's chromium and npm's axe-core (make test installs both)",
    ),
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(showcase_site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(showcase_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def page_kinds(output: Path) -> dict[str, str]:
    """One page of each kind the acceptance names, as site paths.

    The story page is whatever story/*.html the build made (the showcase has one).
    """
    brief = sorted((output / "briefs").rglob("*.html"))[0]
    stories = sorted((output / "story").glob("*.html"))
    assert stories, "no story page (story/*.html) in the built site"
    editions = sorted((output / "edition").glob("*.html"))
    assert editions, "no edition page (edition/*.html) in the built site"
    return {
        "home": "index.html",
        "brief": brief.relative_to(output).as_posix(),
        "tag": "tag/vladimir-putin.html",
        "story": stories[0].relative_to(output).as_posix(),
        "edition": editions[-1].relative_to(output).as_posix(),
        "alert": "alert/riverton-bridge.html",
    }


def more_kinds(output: Path) -> dict[str, str]:
    """Every other page kind: sources, a source, archives, tags, stories, about, search."""
    return {
        "sources": "sources.html",
        "source": "source/harbour-gazette.html",
        "archives": "archives.html",
        "month": sorted((output / "archive").glob("*.html"))[0].relative_to(output).as_posix(),
        "tags": "tags.html",
        "stories": "stories.html",
        "editions": "editions.html",
        "latest": "latest.html",
        "alerts": "alerts.html",
        "about": "pages/about.html",
        "search": "search.html?q=lighthouse",
    }


def wait_for_results(page: Any) -> Any:
    link = page.locator(".pagefind-ui__result-link").first
    link.wait_for(timeout=15_000)
    return link


def test_home_to_a_brief_to_a_tag_and_back(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{site_url}/index.html")
    assert page.locator("main h1, main h2").count() > 0
    page.locator("main article.card h3 a").first.click()
    brief_url = page.url
    assert "/briefs/" in brief_url
    headline = page.locator("main h1").inner_text()
    assert headline
    page.locator("main ul.tags a").first.click()
    assert "/tag/" in page.url
    assert page.locator("main h1").inner_text()
    page.go_back()
    assert page.url == brief_url
    assert page.locator("main h1").inner_text() == headline
    page.go_back()
    assert page.url.endswith("/index.html")
    page.close()


def test_a_brief_leads_to_its_story_and_related_briefs(
    browser: Any, site_url: str, showcase_site: Path
) -> None:
    (brief,) = sorted((showcase_site / "briefs").rglob("riverton-gets-*.html"))
    page = browser.new_page()
    page.goto(f"{site_url}/{brief.relative_to(showcase_site).as_posix()}")
    related = page.locator("main section.related a")
    assert related.count() >= 1 and "shares:" in page.locator("main section.related").inner_text()
    page.locator("main .story-link a").click()
    assert "/story/" in page.url
    assert page.locator("main ol.timeline article").count() >= 2
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_and_no_sideways_scrolling(
    browser: Any, site_url: str, showcase_site: Path, scheme: str, width: int
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    kinds = page_kinds(showcase_site)
    for kind in ("home", "edition", "story", "brief", "tag", "alert"):
        page.goto(f"{site_url}/{kinds[kind]}")
        if scheme == "light" or kind in ("home", "brief"):
            path = SCREENSHOTS / f"{kind}-{width}-{scheme}.png"
            page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 5_000
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px at {width}px"
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == DARK_BACKGROUND) == (scheme == "dark"), background
    context.close()


def test_every_page_kind_fits_a_360_px_phone(
    browser: Any, site_url: str, showcase_site: Path
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    wide = {}
    for kind, path in {**page_kinds(showcase_site), **more_kinds(showcase_site)}.items():
        page.goto(f"{site_url}/{path}")
        if kind == "search":
            wait_for_results(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide[kind] = overflow
        # Body text stays readable: at least 16 px, lines at most about 80 characters.
        size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert size >= 16, (kind, size)
    context.close()
    assert wide == {}


def test_lines_stay_readable_on_a_wide_screen(
    browser: Any, site_url: str, showcase_site: Path
) -> None:
    context = browser.new_context(viewport={"width": 1920, "height": 1000})
    page = context.new_page()
    page.goto(f"{site_url}/{page_kinds(showcase_site)['brief']}")
    chars_per_line = page.evaluate(
        """() => {
            const p = document.querySelector('main .body p');
            const style = getComputedStyle(p);
            const text = p.textContent;  // the text's own mix of letters and spaces
            const probe = document.createElement('span');
            probe.style.font = style.font;
            probe.style.whiteSpace = 'nowrap';
            probe.textContent = text;
            p.appendChild(probe);
            const perChar = probe.getBoundingClientRect().width / text.length;
            probe.remove();
            return p.getBoundingClientRect().width / perChar;
        }"""
    )
    context.close()
    assert 45 <= chars_per_line <= 85, chars_per_line


def test_no_request_leaves_the_site(browser: Any, site_url: str, showcase_site: Path) -> None:
    """No CDN, no remote font, no tracker: every request goes to the local server."""
    context = browser.new_context()
    page = context.new_page()
    elsewhere: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(site_url) else elsewhere.append(r.url))
    for kind, path in {**page_kinds(showcase_site), **more_kinds(showcase_site)}.items():
        page.goto(f"{site_url}/{path}")
        if kind == "search":
            wait_for_results(page)
    context.close()
    assert elsewhere == []


def test_pages_work_without_javascript(browser: Any, site_url: str, showcase_site: Path) -> None:
    """Reading needs no script; the header's search form still leads somewhere useful."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/index.html")
    page.locator("main article.card h3 a").first.click()
    assert "/briefs/" in page.url and page.locator("main h1").inner_text()
    page.locator("details.provenance summary").click()  # <details> opens without script
    assert page.locator("details.provenance dd").first.is_visible()
    page.locator("header form[role=search] input[name=q]").fill("lighthouse")
    page.locator("header form[role=search] button").click()
    assert "/search.html?q=lighthouse" in page.url
    fallback = page.get_by_text("needs JavaScript")
    assert fallback.is_visible()
    page.locator("main a", has_text="archives").click()
    assert page.url.endswith("/archives.html")
    context.close()


def test_keyboard_focus_is_visible_and_skip_link_works(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{site_url}/index.html")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const el = document.activeElement, style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {cls: el.className, outline: style.outlineStyle, width: style.outlineWidth,
                    onscreen: box.left >= 0 && box.top >= 0 && box.width > 0};
        }"""
    )
    assert focused["cls"] == "skip" and focused["onscreen"], focused
    assert focused["outline"] != "none" and focused["width"] != "0px", focused
    page.keyboard.press("Enter")
    # Following the link moves focus a moment later: wait for it (bounded), then check.
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'",
                           timeout=5000)  # fmt: skip
    assert page.url.endswith("#main")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_page_kind(
    browser: Any, site_url: str, showcase_site: Path, scheme: str
) -> None:
    axe = AXE.read_text(encoding="utf-8")
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    for kind, path in {**page_kinds(showcase_site), **more_kinds(showcase_site)}.items():
        page.goto(f"{site_url}/{path}")
        if kind == "search":
            wait_for_results(page)
        page.add_script_tag(content=axe)
        result = page.evaluate("async () => await axe.run(document)")
        found[kind] = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]
        ]
    context.close()
    assert set(found) >= {"home", "brief", "tag", "story", "edition", "alert", "latest"}
    assert found == {kind: [] for kind in found}


def test_search_finds_a_word_from_a_brief_and_links_to_it(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{site_url}/search.html")
    page.locator(".pagefind-ui__search-input").fill("lighthouse")
    link = wait_for_results(page)
    assert "Gull Point" in link.inner_text()
    link.click()
    assert "/briefs/" in page.url
    assert "Gull Point" in page.locator("main h1").inner_text()
    page.close()


def test_header_search_form_runs_the_search(browser: Any, site_url: str) -> None:
    """The plain form on every page sends ?q= to search.html, which searches at once;
    briefs in other languages are in the same index."""
    page = browser.new_page()
    page.goto(f"{site_url}/tags.html")
    page.locator("header form[role=search] input[name=q]").fill("Wangerooge")
    page.keyboard.press("Enter")
    link = wait_for_results(page)
    assert "search.html?q=Wangerooge" in page.url
    assert "Fähre" in link.inner_text()
    assert page.locator(".pagefind-ui__search-input").input_value() == "Wangerooge"
    page.close()


def test_search_ignores_page_furniture(browser: Any, site_url: str) -> None:
    """Only brief text is indexed: words found only in the provenance panel, related
    links or tag lists find nothing."""
    page = browser.new_page()
    page.goto(f"{site_url}/search.html?q=Extraction")
    page.locator(".pagefind-ui__message").first.wait_for(timeout=15_000)
    page.wait_for_function(
        "document.querySelector('.pagefind-ui__message')?.textContent.includes('No results')",
        timeout=15_000,
    )
    page.close()
