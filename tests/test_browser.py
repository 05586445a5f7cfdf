"""The site in a real browser: Playwright driving Debian's chromium, served on 127.0.0.1.

Navigation, both colour schemes at phone and desktop widths (screenshots land in
tests/artifacts/screenshots/ for a person to look at), and axe-core on every page
kind.  Skipped with the reason when chromium, Playwright or axe-core is missing;
`make test` installs all three.
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

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() or not AXE.is_file(),
    reason="needs Debian's chromium and npm's axe-core (make test installs both)",
)


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
    """One page of each kind, as site paths."""
    brief = sorted((output / "briefs").rglob("*.html"))[0]
    story = sorted((output / "story").glob("*.html"))[0]
    return {
        "home": "index.html",
        "brief": brief.relative_to(output).as_posix(),
        "tag": "tag/vladimir-putin.html",
        "story": story.relative_to(output).as_posix(),
    }


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
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_and_no_sideways_scrolling(
    browser: Any, site_url: str, showcase_site: Path, scheme: str, width: int
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    kinds = page_kinds(showcase_site)
    for kind in ("home", "brief"):
        page.goto(f"{site_url}/{kinds[kind]}")
        path = SCREENSHOTS / f"{kind}-{width}-{scheme}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 5_000
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px at {width}px"
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == "rgb(18, 20, 23)") == (scheme == "dark"), background
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_page_kind(
    browser: Any, site_url: str, showcase_site: Path, scheme: str
) -> None:
    axe = AXE.read_text(encoding="utf-8")
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    for kind, path in page_kinds(showcase_site).items():
        page.goto(f"{site_url}/{path}")
        page.add_script_tag(content=axe)
        result = page.evaluate("async () => await axe.run(document)")
        found[kind] = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]
        ]
    context.close()
    assert found == {kind: [] for kind in found}


def test_search_finds_a_word_from_a_brief_and_links_to_it(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{site_url}/search.html")
    page.locator(".pagefind-ui__search-input").fill("lighthouse")
    link = page.locator(".pagefind-ui__result-link").first
    link.wait_for(timeout=15_000)
    assert "Gull Point" in link.inner_text()
    link.click()
    assert "/briefs/" in page.url
    assert "Gull Point" in page.locator("main h1").inner_text()
    page.close()
