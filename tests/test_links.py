"""No broken internal link or anchor anywhere in the built site (pure Python, lxml).

Pages: every href/src/action of a, link, img, script, form, iframe, source, and every
#fragment against the ids of its target page.  Machine files: every site URL in the
sitemap, robots.txt, the OPML list, the feeds (entry and feed links) and the JSON Feed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree, html

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers

SITE_URL = "http://127.0.0.1:8000"  # pelicanconf's SITEURL: links to it are internal
ATTRIBUTES = (
    ("a", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("form", "action"),
    ("iframe", "src"),
    ("source", "src"),
)


def _target(page: Path, output: Path, link: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to; None for external links."""
    if link.startswith(SITE_URL):
        link = link[len(SITE_URL) :] or "/"
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None  # external (http, mailto, …): not ours to check offline
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    base = output if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


HREF = re.compile(r"""(?:href|src)=["']([^"']+)["']""")


class Checker:
    """Resolves links against the output folder, caching each page's ids."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.ids: dict[Path, set[str]] = {}
        self.broken: list[str] = []
        self.checked = 0

    def check(self, origin: Path, link: str, base: Path | None = None) -> None:
        """Check ``link`` found in ``origin``, relative to ``base`` (default: origin)."""
        found = _target(base or origin, self.output, link)
        if found is None:
            return
        self.checked += 1
        target, fragment = found
        where = origin.relative_to(self.output)
        if not target.is_file() or self.output not in target.parents:
            self.broken.append(f"{where}: {link}")
            return
        if fragment and target.suffix == ".html":
            if target not in self.ids:
                self.ids[target] = {str(i) for i in html.parse(str(target)).xpath("//@id")}
            if fragment not in self.ids[target]:
                self.broken.append(f"{where}: {link} (no #{fragment})")


def test_every_internal_link_and_anchor_resolves(showcase_site: Path) -> None:
    output = showcase_site.resolve()
    checker = Checker(output)
    pages = sorted(output.rglob("*.html"))
    for page in pages:
        tree = html.parse(str(page))
        for element, attribute in ATTRIBUTES:
            for node in tree.iter(element):
                link = node.get(attribute)
                if link:
                    checker.check(page, link)
    assert checker.checked > 10 * len(pages), f"only {checker.checked} links checked"
    assert checker.broken == []


def site_urls(output: Path) -> dict[Path, list[str]]:
    """Every absolute site URL in the feeds, sitemap, OPML, JSON Feed and robots.txt."""
    urls: dict[Path, list[str]] = {}
    for path in [*sorted((output / "feeds").rglob("*.xml")), output / "sitemap.xml"]:
        root = etree.parse(str(path)).getroot()
        found = [str(v) for v in root.xpath("//@href")]
        found += [
            str(t) for t in root.xpath("//*[local-name()='link' or local-name()='loc']/text()")
        ]
        for text in root.xpath(
            "//*[local-name()='content' or local-name()='summary' or local-name()='description']"
            "/text()"
        ):
            found += HREF.findall(str(text))  # links inside entry content (escaped HTML)
        urls[path] = found
    opml = etree.parse(str(output / "feeds.opml")).getroot()
    urls[output / "feeds.opml"] = [str(v) for v in opml.xpath("//@xmlUrl | //@htmlUrl")]
    feed = json.loads((output / "feeds" / "all.json").read_text(encoding="utf-8"))
    found = [feed["home_page_url"], feed["feed_url"], *(i["url"] for i in feed["items"])]
    for item in feed["items"]:
        found += HREF.findall(item.get("content_html", ""))
    urls[output / "feeds" / "all.json"] = found
    robots = (output / "robots.txt").read_text(encoding="utf-8")
    urls[output / "robots.txt"] = re.findall(r"^Sitemap: (\S+)$", robots, re.MULTILINE)
    return {path: [u.strip() for u in found if u.strip()] for path, found in urls.items()}


def test_every_site_url_in_feeds_sitemap_opml_and_robots_resolves(showcase_site: Path) -> None:
    output = showcase_site.resolve()
    checker = Checker(output)
    for origin, urls in site_urls(output).items():
        assert any(u.startswith(SITE_URL) for u in urls), origin.name
        for url in urls:
            assert url.startswith(SITE_URL) or urlsplit(url).scheme, (origin.name, url)
            checker.check(origin, url, base=output / "index.html")
    assert checker.checked > 100
    assert checker.broken == []
