"""No broken internal link or anchor anywhere in the built site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html

SITE_URL = "http://127.0.0.1:8000"  # pelicanconf's SITEURL: links to it are internal


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


def test_every_internal_link_and_anchor_resolves(showcase_site: Path) -> None:
    output = showcase_site.resolve()
    pages = sorted(output.rglob("*.html"))
    ids: dict[Path, set[str]] = {}
    broken: list[str] = []
    checked = 0
    for page in pages:
        tree = html.parse(str(page))
        for element, attribute in (
            ("a", "href"),
            ("link", "href"),
            ("img", "src"),
            ("script", "src"),
        ):
            for node in tree.iter(element):
                link = node.get(attribute)
                if not link:
                    continue
                found = _target(page, output, link)
                if found is None:
                    continue
                checked += 1
                target, fragment = found
                if not target.is_file() or output not in target.parents:
                    broken.append(f"{page.relative_to(output)}: {link}")
                    continue
                if fragment and target.suffix == ".html":
                    if target not in ids:
                        ids[target] = {str(i) for i in html.parse(str(target)).xpath("//@id")}
                    if fragment not in ids[target]:
                        broken.append(f"{page.relative_to(output)}: {link} (no #{fragment})")
    assert checked > 100, f"only {checked} links checked: is the site built?"
    assert broken == []
