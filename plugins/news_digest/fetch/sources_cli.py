"""`news-digest sources import | add | list`: bring sources into sources.toml and watch them.

* ``import FILE.opml``: every feed of an OPML 1.0/2.0 file (nested outlines: the
  folders' titles and the ``category`` attribute become the source's tags);
* ``add URL``: a feed, or a homepage or article whose feed is found by
  autodiscovery (``<link rel="alternate">``) or at a common path (/feed, /rss …),
  through the fetch client (private addresses refused, time and size limited);
* ``list``: each source with its health from the fetch state.

The sources file is never re-serialised: new ``[[source]]`` tables are appended
to its text, so the user's comments and order stay, and the whole new text is
checked with the fetch command's own reader before it is written (atomically).
A URL already in the file, in any spelling of its scheme, host or default port,
is refused with the name it has there.

Exit statuses: 0 done (``import``: duplicates skipped are reported, not errors),
1 refused (``add``: a duplicate, no feed found, the URL failed), 2 a bad file or
option (an OPML file that is not well-formed, unsafe or too large; a broken
sources file).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.etree
import lxml.html

from news_digest.core.errors import ConfigError, DigestError, SeedError
from news_digest.core.parse.feed import read_feed, refuse_declarations
from news_digest.core.per_seed import UNFORESEEN_INPUT_ERRORS
from news_digest.fetch.http import Client, FetchError, origin_of
from news_digest.fetch.sources import Source, load_sources, parse_sources
from news_digest.fetch.state import STATE_NAME, FetchState, SourceHealth
from news_digest.settings import DigestSettings, load_settings
from news_digest.text.files import write_atomically
from news_digest.text.safe import plain_line
from news_digest.text.slug import slugify
from news_digest.text.urls import clean_url

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
MAX_OPML_BYTES = 10 * 1024 * 1024
MAX_OPML_FEEDS = 5000
MAX_NAME_CHARS = 200
MAX_TAGS = 10
MAX_CANDIDATES = 12  # autodiscovery links tried per page, before the common paths
DISCOVERY_SECONDS = 60  # no new candidate is tried after this long
COMMON_PATHS = ("/feed", "/rss", "/atom.xml", "/feed.xml", "/rss.xml", "/index.xml")
FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
}


@dataclass(frozen=True)
class NewSource:
    """A source to append: a feed (or a page) with its name and tags."""

    name: str
    url: str
    tags: tuple[str, ...] = ()
    is_feed: bool = True
    note: str = ""  # where it came from: a comment above its table, for the user to audit


# --- the command line -------------------------------------------------------------


def run_sources(args: argparse.Namespace) -> int:
    """Run one `sources` subcommand; every expected failure is one line on stderr."""
    try:
        settings = _settings(args.settings)
        path = Path(args.sources) if args.sources else settings.sources_path
        if args.sources_command == "import":
            return import_opml(Path(args.opml), path)
        if args.sources_command == "add":
            client = Client(
                timeout=args.timeout,
                allow_private=args.allow_private or settings.fetch_allow_private,
            )
            return add_url(args.url, path, client, name=args.name, tags=args.tag, page=args.page)
        seeds = Path(args.seeds) if args.seeds else settings.seeds_dir
        state = Path(args.state) if args.state else seeds / STATE_NAME
        return list_sources(path, state)
    except ConfigError as error:
        print(f"news-digest sources: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DigestError as error:
        print(f"news-digest sources: {error}", file=sys.stderr)
        return EXIT_REFUSED


def _settings(path: str) -> DigestSettings:
    """The DIGEST_* settings, for DIGEST_SOURCES and DIGEST_SEEDS (as `fetch` reads them)."""
    settings_file = Path(path)
    if not settings_file.is_file():
        if path != "pelicanconf.py":
            raise ConfigError(f"settings file {path} does not exist")
        return load_settings({})
    from pelican.settings import read_settings

    folder = settings_file.resolve().parent
    return load_settings(dict(read_settings(str(settings_file), override={"PATH": str(folder)})))


# --- import ----------------------------------------------------------------------


def import_opml(opml: Path, sources_path: Path) -> int:
    """Append every new feed of ``opml``; report each one skipped and why."""
    found = read_opml(opml)
    added, skipped = append_sources(sources_path, found)
    for line in skipped:
        print(f"skipped: {line}")
    for source in added:
        print(f"added: {source.name} ({source.url})")
    print(
        f"news-digest sources import: {len(added)} added, {len(skipped)} skipped, "
        f"from {opml} into {sources_path}"
    )
    return EXIT_OK


def read_opml(path: Path) -> list[NewSource]:
    """The feeds of an OPML file, in document order; a bad file is one ConfigError naming it.

    Parsed without a DTD, entities or network (lxml: ``resolve_entities=False``,
    ``no_network``, ``load_dtd=False``), and any ``<!ENTITY>`` or DOCTYPE with an
    internal subset refused before parsing: no XXE, no billion laughs.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_OPML_BYTES + 1)
    except OSError as error:
        raise ConfigError(f"OPML file {path}: {error.strerror or error}") from None
    if len(data) > MAX_OPML_BYTES:
        raise ConfigError(f"OPML file {path}: larger than {MAX_OPML_BYTES:,} bytes")
    try:
        refuse_declarations(data)
    except SeedError as error:
        raise ConfigError(f"OPML file {path}: {str(error).replace('feed ', '', 1)}") from None
    parser = lxml.etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as error:
        raise ConfigError(f"OPML file {path} is not well-formed XML: {error}") from None
    if not isinstance(root.tag, str) or lxml.etree.QName(root).localname.lower() != "opml":
        raise ConfigError(f"OPML file {path}: its root element is not <opml>")
    body = next((child for child in root if _local(child) == "body"), None)
    if body is None:
        raise ConfigError(f"OPML file {path}: no <body>")
    feeds: list[NewSource] = []
    for outline in body.iter():
        if _local(outline) != "outline":
            continue
        url = _attribute(outline, "xmlurl")
        if not url:
            continue
        if len(feeds) >= MAX_OPML_FEEDS:
            raise ConfigError(f"OPML file {path}: more than {MAX_OPML_FEEDS} feeds")
        folders = [
            _attribute(a, "title") or _attribute(a, "text")
            for a in reversed(list(outline.iterancestors()))
            if _local(a) == "outline" and not _attribute(a, "xmlurl")
        ]
        categories = [
            part
            for category in _attribute(outline, "category").split(",")
            for part in category.split("/")
        ]
        name = _attribute(outline, "title") or _attribute(outline, "text")
        note = f"imported from {path.name} by news-digest sources import"
        feeds.append(NewSource(_name(name, url), url, _tags([*folders, *categories]), note=note))
    return feeds


def _local(element: Any) -> str:
    tag = element.tag
    return lxml.etree.QName(element).localname.lower() if isinstance(tag, str) else ""


def _attribute(element: Any, name: str) -> str:
    """An attribute by case-insensitive name (OPML writers spell xmlUrl many ways), one line."""
    for key, value in element.attrib.items():
        if str(key).lower() == name:
            return plain_line(str(value))
    return ""


def _name(name: str, url: str) -> str:
    name = plain_line(name)[:MAX_NAME_CHARS].strip()
    return name or urlsplit(url).hostname or url


def _tags(values: Iterable[str]) -> tuple[str, ...]:
    tags: dict[str, str] = {}
    for value in values:
        tag = plain_line(value)[:100].strip()
        if tag and tag.casefold() not in tags and len(tags) < MAX_TAGS:
            tags[tag.casefold()] = tag
    return tuple(tags.values())


# --- writing sources.toml --------------------------------------------------------


def url_key(url: str) -> str:
    """A URL as duplicates are found: scheme and host lower-cased, the default port and
    the fragment dropped, an empty path as "/"."""
    scheme, host, port = origin_of(url)
    parts = urlsplit(url)
    default = port == (443 if scheme == "https" else 80)
    netloc = host if default else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def append_sources(path: Path, new: Iterable[NewSource]) -> tuple[list[NewSource], list[str]]:
    """Append the sources not already in ``path`` as ``[[source]]`` tables.

    Returns (added, one reason per skipped source).  The file's own text is kept as
    it is; the result is read back with the fetch command's reader before it is
    written, so a file fetch could not read is never written.
    """
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"sources file {path}: {error}") from None
    existing = parse_sources(text, path)
    by_url = {url_key(s.url): s.name for s in existing}
    slugs = {s.slug for s in existing}
    added: list[NewSource] = []
    skipped: list[str] = []
    for source in new:
        if not source.url.lower().startswith(("http://", "https://")):
            skipped.append(f"{source.name} ({source.url}): not an http(s) URL")
            continue
        scheme, rest = source.url.split(":", 1)
        url = clean_url(scheme.lower() + ":" + rest)
        source = NewSource(source.name, url, source.tags, source.is_feed, source.note)
        key = url_key(source.url)
        if key in by_url:
            skipped.append(
                f"{source.name} ({source.url}): already a source, as {by_url[key]!r} in {path}"
            )
            continue
        name = _unique_name(source.name, slugs)
        slugs.add(slugify(name))
        by_url[key] = name
        added.append(NewSource(name, source.url, source.tags, source.is_feed, source.note))
    if not added:
        return added, skipped
    blocks = "".join(toml_block(source) for source in added)
    new_text = text if not text or text.endswith("\n") else text + "\n"
    new_text += blocks
    parse_sources(new_text, path)  # never write what fetch would refuse
    target = path.resolve() if path.is_symlink() else path  # a linked file stays linked
    write_atomically(target, new_text.encode("utf-8"))
    return added, skipped


def _unique_name(name: str, slugs: set[str]) -> str:
    """``name``, or ``name 2``, ``name 3`` … when its folder name is taken."""
    candidate, number = name, 1
    while slugify(candidate) in slugs:
        number += 1
        candidate = f"{name} {number}"
    return candidate


def toml_block(source: NewSource) -> str:
    """One ``[[source]]`` table, every value a TOML basic string whatever it holds."""
    lines = [""]
    if source.note:
        lines.append(f"# {plain_line(source.note)}")
    lines += ["[[source]]", f"name = {toml_string(source.name)}"]
    lines.append(f"{'feed' if source.is_feed else 'page'} = {toml_string(source.url)}")
    if source.tags:
        lines.append(f"tags = [{', '.join(toml_string(t) for t in source.tags)}]")
    return "\n".join(lines) + "\n"


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and every control character escaped
    (TOML, unlike JSON, has no surrogate escapes, so other characters stay as they are)."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        elif 0xD800 <= ord(char) <= 0xDFFF:
            out.append("\\uFFFD")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


# --- add -------------------------------------------------------------------------


def add_url(
    url: str,
    sources_path: Path,
    client: Client,
    *,
    name: str | None = None,
    tags: Iterable[str] = (),
    page: bool = False,
) -> int:
    """Find the feed for ``url`` (or take the page itself) and append it as a source."""
    url = plain_line(url)
    if not url.lower().startswith(("http://", "https://")):
        raise ConfigError(f"{url!r} is not an http(s) URL")
    existing = {url_key(s.url): s.name for s in load_sources_if_any(sources_path)}
    if url_key(url) in existing:
        return _duplicate(url, existing[url_key(url)], sources_path)
    if page:
        response = client.get(url, trusted=url)
        title = name or _page_title(response.body)
        found = NewSource(
            _name(title, url), url, _tags(tags), False, "added by news-digest sources add"
        )
    else:
        feed_url, title = discover_feed(client, url)
        if url_key(feed_url) in existing:
            return _duplicate(feed_url, existing[url_key(feed_url)], sources_path)
        note = f"found for {url} by news-digest sources add"
        found = NewSource(_name(name or title, feed_url), feed_url, _tags(tags), note=note)
    added, skipped = append_sources(sources_path, [found])
    if skipped:
        print(f"news-digest sources add: refused: {skipped[0]}", file=sys.stderr)
        return EXIT_REFUSED
    kind = "feed" if found.is_feed else "page"
    print(f"added: {added[0].name} ({kind} {added[0].url}) to {sources_path}")
    return EXIT_OK


def load_sources_if_any(path: Path) -> tuple[Source, ...]:
    return load_sources(path) if path.exists() else ()


def _duplicate(url: str, name: str, path: Path) -> int:
    print(
        f"news-digest sources add: refused: {url} is already a source, as {name!r} in {path}",
        file=sys.stderr,
    )
    return EXIT_REFUSED


def discover_feed(client: Client, url: str) -> tuple[str, str]:
    """(feed URL, its title) for ``url``: the URL itself when it is a feed, else the
    page's ``<link rel="alternate">`` feeds in document order, else the common paths
    at its origin; the first that is a readable feed wins.  FetchError when none is."""
    response = client.get(url, trusted=url)
    title = _feed_title(response.body, response.url)
    if title is not None:
        return response.url, title or _host(response.url)
    links = autodiscovery_links(response.body, response.url)[:MAX_CANDIDATES]
    scheme, host, port = origin_of(response.url)
    netloc = f"[{host}]" if ":" in host else host
    root = f"{scheme}://{netloc}:{port}" if port != (443 if scheme == "https" else 80) else ""
    root = root or f"{scheme}://{netloc}"
    candidates = list(dict.fromkeys([*links, *(root + path for path in COMMON_PATHS)]))
    tried = []
    give_up = time.monotonic() + DISCOVERY_SECONDS
    for candidate in candidates:
        if time.monotonic() > give_up:  # a site that drips every answer cannot hold us
            tried.append(f"gave up after {DISCOVERY_SECONDS} s")
            break
        try:
            answer = client.get(candidate, trusted=url)
        except FetchError as error:
            tried.append(f"{candidate} ({error})")
            continue
        title = _feed_title(answer.body, answer.url)
        if title is not None:
            return answer.url, title or _page_title(response.body) or _host(answer.url)
        tried.append(f"{candidate} (not a feed)")
    raise FetchError(
        f"no feed found for {url}: no autodiscovery link or common path gave one "
        f"(tried {len(tried)}: {'; '.join(tried[:8])}); add it with --page to fetch it as a page"
    )


def autodiscovery_links(body: bytes, base: str) -> list[str]:
    """The feeds a page names with ``<link rel="alternate" type="…feed type…" href>``."""
    try:
        document = lxml.html.document_fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return []
    base_href = next((b.get("href") for b in document.iter("base") if b.get("href")), None)
    if base_href:
        base = urljoin(base, plain_line(base_href))
    links = []
    for link in document.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = plain_line(link.get("href") or "")
        if "alternate" in rel and kind in FEED_TYPES and href:
            absolute = urljoin(base, href)
            if absolute.lower().startswith(("http://", "https://")):
                links.append(absolute)
    return list(dict.fromkeys(links))


def _feed_title(body: bytes, url: str) -> str | None:
    """The feed's title ("" when it has none) when ``body`` is a readable feed, else None."""
    try:
        feed = read_feed(body, base=url)
    except (SeedError, *UNFORESEEN_INPUT_ERRORS):
        return None
    if feed.malformed or not (feed.version or feed.entries):
        return None
    return next((e.hints.outlet for e in feed.entries if e.hints.outlet), "") or ""


def _page_title(body: bytes) -> str:
    try:
        document = lxml.html.document_fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return ""
    title = document.find(".//title")
    return plain_line("".join(str(t) for t in title.itertext())) if title is not None else ""


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


# --- list ------------------------------------------------------------------------


def list_sources(sources_path: Path, state_path: Path) -> int:
    """Each source, in the file's order, with its health from the fetch state."""
    sources = load_sources(sources_path)
    state = FetchState.load(state_path, set_aside=False)
    for source in sources:
        health = state.health.get(source.url) or SourceHealth(name=source.name)
        kind = "feed" if source.is_feed else "page"
        tags = f" [{', '.join(source.tags)}]" if source.tags else ""
        print(f"{source.name}: {kind} {source.url}{tags} - {health.summary()}")
    failing = sum(1 for s in sources if (h := state.health.get(s.url)) and h.consecutive_failures)
    count = f"{len(sources)} source{'s' * (len(sources) != 1)}"
    print(f"news-digest sources: {count}, {failing} failing ({sources_path})")
    return EXIT_OK
