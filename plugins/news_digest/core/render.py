"""Render stage: a linked brief -> Markdown text with a Pelican metadata header.

This module and the site adapter (site/) are the only ones that know Pelican's
conventions.  Seed text is untrusted, so everything from a seed is escaped here:
Markdown and HTML in the body are shown, never interpreted, and no seed line can
become a metadata line, a link, a {filename} reference or raw HTML.
"""

from __future__ import annotations

import html
import html.entities
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from news_digest.core.dates import header_value
from news_digest.core.models import BodyBlock, Brief, LinkedBrief
from news_digest.text.safe import language_code, plain_line, token, web_url

UNKNOWN_OUTLET = "Unattributed"
# What Markdown (with Pelican's "extra") reads as markup in one line of text, and only
# that, so a plain line stays as it is in briefs and in `extract`'s JSON.
_BACKSLASH = re.compile(r"\\(?=[\\`*_{}\[\]()>#+\-.!|:])")  # would escape what follows
# An "&" a browser would read as a character reference: "&#1", "&amp;", and the legacy
# names HTML decodes without a semicolon ("&copy", "&not": "Q&notice" would show
# "Q¬ice"); "AT&T" and "R&D" stay as they are.  Checked by prefix, not one regex of
# HTML's 2,231 names (compiling that cost 13 ms of every run).
_AMPERSAND = re.compile(r"&(#|[A-Za-z][A-Za-z0-9]{0,31})")
_TAG_OPEN = re.compile(r"<(?=\S.*>)")  # may open a tag, comment or autolink: <b>, <a@b>
_PAIRED = {"*": re.compile(r"\*"), "`": re.compile(r"`")}  # one alone never pairs
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # between letters (snake_case) never acts
_LINK_LIKE = re.compile(r"\]\s?[\[(:]")  # [text](url), [text][ref], [id]: url
_BRACKET = re.compile(r"[\[\]]")
_ATTRIBUTE_LIST = re.compile(r"\{[^}]*\}")  # extra's attr_list: "{: .class}", "{#id}"
_BRACE = re.compile(r"[{}]")
# Block constructs, only at the start of a line: heading, quote, list items and
# thematic breaks, ordered lists ("1. "), definitions (": ").
_LINE_START = re.compile(r"\A(?:([#>])|([-+*])(?=\s|[-*_ ]*\Z)|(\d+)\.(?=\s|\Z)|(:)(?=\s))")
_METADATA_LIKE = re.compile(r"\A([ ]{0,3}[A-Za-z0-9_-]+):(?=\s)")
_LIST_SEPARATORS = re.compile(r"[,;]")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])")  # a backslash escape Markdown reads


def escape_markdown(text: str, *, link_text: bool = False) -> str:
    """Plain text -> Markdown that renders as exactly that text, escaping only what
    Markdown would read as markup: a plain sentence comes out unchanged.

    ``link_text``: the text goes inside ``[...]``, where any bracket would end it."""
    text = plain_line(text)  # one line: no seed line can start a block of its own
    text = _BACKSLASH.sub(r"\\\\", text)
    text = _AMPERSAND.sub(_escape_reference, text)
    text = _TAG_OPEN.sub("&lt;", text)  # no raw HTML, no autolinks
    for char, pattern in _PAIRED.items():
        if text.count(char) > 1:
            text = pattern.sub("\\" + char, text)
    if text.count("_") > 1:
        text = _UNDERSCORE.sub(r"\\_", text)
    if link_text or _LINK_LIKE.search(text):
        text = _BRACKET.sub(lambda m: "\\" + m.group(), text)
    if _ATTRIBUTE_LIST.search(text):
        text = _BRACE.sub(lambda m: "\\" + m.group(), text)
    return _LINE_START.sub(_escape_line_start, text, count=1)


def _escape_reference(match: re.Match[str]) -> str:
    """ "&" when what follows starts a character reference a browser would decode."""
    name = match.group(1)
    if name == "#" or any(name[:n] in html.entities.html5 for n in range(1, len(name) + 1)):
        return "&amp;" + name
    after = match.string[match.end() : match.end() + 1]
    return ("&amp;" if after == ";" and name + ";" in html.entities.html5 else "&") + name


def _escape_line_start(match: re.Match[str]) -> str:
    mark, bullet, number, colon = match.groups()
    if number is not None:
        return f"{number}\\."
    if colon is not None:
        return "&#58;"  # ":" has no backslash escape in Markdown
    return "\\" + (mark or bullet)


def unescape_markdown(text: str) -> str:
    """What Markdown makes of ``escape_markdown``'s backslash escapes: the characters."""
    return _ESCAPED.sub(r"\1", text)


def metadata_value(text: str) -> str:
    """One clean line for a header field: no line breaks or control characters."""
    return plain_line(text)


def list_item(text: str) -> str:
    """One item of a Pelican list field (tags, authors): Pelican splits those on
    semicolons, else commas, so neither may stand inside an item."""
    return " ".join(_LIST_SEPARATORS.sub(" ", plain_line(text)).split())


def brief_path(linked: LinkedBrief) -> str:
    """Where the brief lives under the briefs folder: by year, then slug."""
    return f"{linked.date:%Y}/{linked.brief.slug}.md"


def header_fields(linked: LinkedBrief, seeds_prefix: str = "") -> list[tuple[str, str]]:
    """The brief's Pelican header as (key, value) pairs, empty values left out.

    Each value is one safe line, whatever the seed held; the adapter reads the
    written brief back with Pelican's own reader and compares it with this list.
    """
    brief = linked.brief
    tags = (list_item(t) for t in brief.tags)
    authors = (list_item(a) for a in brief.authors)
    fields = [
        ("Title", html.escape(metadata_value(brief.title))),
        ("Date", header_value(linked.date)),  # local time and its offset: dates.py
        ("Date_Source", token(linked.date_source)),
        # A later version of the article was folded in (core/versions.py): Pelican's
        # "modified", which its feeds publish as the entry's <updated>.
        ("Modified", header_value(brief.updated) if brief.updated else ""),
        ("Changes", " | ".join(metadata_value(c).replace("|", "/") for c in brief.changes)),
        ("Slug", brief.slug),
        ("Category", metadata_value(brief.outlet or "") or UNKNOWN_OUTLET),
        ("Tags", ", ".join(t for t in tags if t)),
        ("Summary", escape_markdown(brief.summary)),
        ("Source", metadata_value(brief.outlet or ", ".join(brief.authors))),
        ("Authors", ", ".join(a for a in authors if a)),
        ("Lang", language_code(brief.language)),
        ("Seed", " | ".join(metadata_value(seeds_prefix + seed) for seed in brief.seeds)),
        ("Title_Source", token(brief.title_source)),
        ("Extraction", token(brief.method)),
        ("Encoding", metadata_value(brief.encoding)),  # "utf-8 (invalid bytes replaced)"
        ("Removed_Blocks", str(brief.removed_blocks)),
        ("Word_Count", str(brief.word_count)),
        ("Source_Url", web_url(brief.url)),
        ("Image", web_url(brief.image)),
        ("Story", token(linked.story or "")),
        ("Entities", render_entities(brief)),
    ]
    return [(key, value) for key, value in fields if value]


def render(
    linked: LinkedBrief,
    by_slug: Mapping[str, LinkedBrief],
    briefs_subdir: str,
    seeds_prefix: str = "",
    fields: Sequence[tuple[str, str]] | None = None,
    links: Sequence[tuple[str, str, tuple[str, ...]]] | None = None,
) -> str:
    """The whole brief file: header, blank line, body, related briefs.

    ``seeds_prefix`` (e.g. "seeds/") is put before each seed's relative path;
    ``fields`` and ``links`` are the brief's ``header_fields`` and ``related_links``
    when the caller has them already.
    """
    if fields is None:
        fields = header_fields(linked, seeds_prefix)
    if links is None:
        links = related_links(linked, by_slug, briefs_subdir)
    lines = [f"{key}: {value}" for key, value in fields]
    parts = ["\n".join(lines), render_body(linked.brief.body)]
    related = related_markdown(links)
    if related:
        parts.append(related)
    return "\n\n".join(parts) + "\n"


def render_entities(brief: Brief) -> str:
    """``kind:name:mentions`` items joined by `` | ``, for entity timelines on the site."""
    return " | ".join(
        f"{entity.kind}:{metadata_value(entity.name).replace('|', '/')}:{entity.mentions}"
        for entity in brief.entities
    )


def render_block(block: BodyBlock, text: str | None = None) -> str:
    """One block as Markdown; ``text``: its ``escape_markdown``, when made already."""
    text = escape_markdown(block.text) if text is None else text
    if block.kind == "heading":
        return f"## {text}"  # the brief's title is the page's h1
    if block.kind == "quote":
        return f"> {text}"
    if block.kind == "list-item":
        return f"- {text}"
    return text


def render_body(body: Sequence[BodyBlock]) -> str:
    """The article body alone as Markdown (what `news-digest extract` prints).

    If the body is saved as a Markdown file of its own, a first line like
    "Status: draft" would be read as metadata by Markdown's meta extension (and so by
    Pelican); its colon is written as an entity, which renders the same.
    """
    return _joined_body(body, [escape_markdown(block.text) for block in body])


def _joined_body(body: Sequence[BodyBlock], texts: Sequence[str]) -> str:
    """``render_body`` from the blocks' escaped texts."""
    text = "\n\n".join(render_block(block, t) for block, t in zip(body, texts, strict=True))
    return _METADATA_LIKE.sub(r"\1&#58;", text, count=1)


def related_links(
    linked: LinkedBrief, by_slug: Mapping[str, LinkedBrief], briefs_subdir: str
) -> list[tuple[str, str, tuple[str, ...]]]:
    """(title, {filename} link, shared names) of each related brief this build has."""
    links = []
    for link in linked.related:
        target = by_slug.get(link.slug)
        if target is not None:
            path = f"{{filename}}/{briefs_subdir}/{brief_path(target)}"
            links.append((target.brief.title, path, link.shared))
    return links


def render_related(
    linked: LinkedBrief, by_slug: Mapping[str, LinkedBrief], briefs_subdir: str
) -> str:
    """A list of {filename} links, so Pelican checks every cross-link at build time."""
    return related_markdown(related_links(linked, by_slug, briefs_subdir))


def related_markdown(links: Sequence[tuple[str, str, tuple[str, ...]]]) -> str:
    items = []
    for title, path, shared in links:
        reason = f" — shares: {escape_markdown(', '.join(shared))}" if shared else ""
        items.append(f"- [{escape_markdown(title, link_text=True)}]({path}){reason}")
    if not items:
        return ""
    return f"{RELATED_HEADING}\n\n" + "\n".join(items)


RELATED_HEADING = "## Related briefs"
# Python-Markdown extensions whose work stays inside a block, or needs definitions
# (footnotes, abbreviations, link references) that escape_markdown never lets a seed
# write: with only these, a brief's body converts alone to exactly the HTML it has
# inside the whole brief (tests/test_brief_html.py), so the per-seed workers make it.
BLOCK_LOCAL_EXTENSIONS = frozenset(
    {
        "markdown.extensions.extra",
        "markdown.extensions.codehilite",
        "markdown.extensions.meta",
        "extra",
        "codehilite",
        "meta",
    }
)
# Characters that make Markdown do more to a phrase inside a line than copy it (inline
# patterns: escapes, code, emphasis, links, raw HTML, entities, attribute lists), and
# that HTML escapes; a phrase with none of them comes out as it is.
_INLINE_SYNTAX = frozenset("\\`*_{}[]<>&\n\r\t")
_PLAIN_PATH = re.compile(r"\{filename\}/[A-Za-z0-9/._-]+")
HEADER_DONE = "Title: -\n\n"  # what a converted fragment follows: a header, read
_CONVERTERS: dict[str, Any] = {}


def markdown_config(settings: Mapping[str, Any], version: str) -> str:
    """The Markdown setup (Pelican's MARKDOWN setting and Markdown's version) the workers
    convert brief bodies with, as text for the job options; "" when it uses an
    extension outside BLOCK_LOCAL_EXTENSIONS or cannot be written as JSON (then the
    site's reader converts every brief whole, as before)."""
    extensions = [*settings.get("extensions", ()), *settings.get("extension_configs", {})]
    if not all(isinstance(e, str) and e in BLOCK_LOCAL_EXTENSIONS for e in extensions):
        return ""
    try:
        return json.dumps({"markdown": version, "settings": settings}, sort_keys=True)
    except (TypeError, ValueError):
        return ""


def markdown_html(text: str, config: str) -> str:
    """The HTML Markdown, set up as ``config`` says, makes of ``text`` standing after a
    brief's header (one Markdown object per process and setup, reset per text)."""
    converter = _CONVERTERS.get(config)
    if converter is None:
        from markdown import Markdown  # only a build that makes HTML needs it

        converter = _CONVERTERS[config] = Markdown(**json.loads(config)["settings"])
    converter.reset()
    return str(converter.convert(HEADER_DONE + text))


def body_html(body: Sequence[BodyBlock], config: str) -> str:
    """The HTML Markdown makes of the body (``render_body``), written directly when
    every block is plain text (``_plain_body_html``), else made by Markdown.  Each
    block is escaped once, for either way (this runs for every seed)."""
    texts = [escape_markdown(block.text) for block in body]
    plain = _plain_body_html(body, texts)
    return markdown_html(_joined_body(body, texts), config) if plain is None else plain


# Characters that may make Markdown do more to a one-line block than wrap it, beyond
# _INLINE_SYNTAX: "#" (a heading's closing hashes), "~" (a fence, with another block's),
# "=" and "|" (setext headings, tables: never in one line, kept out to be sure).
_NOT_PLAIN_IN_BODY = _INLINE_SYNTAX | frozenset("#~=|")
_BLOCK_TAGS = {"paragraph": "p", "heading": "h2"}


def _plain_body_html(body: Sequence[BodyBlock], escaped: Sequence[str] = ()) -> str | None:
    """What Markdown (with the block-local extensions) makes of ``render_body(body)``
    when no block's escaped text holds a character of _NOT_PLAIN_IN_BODY: each block
    its element, runs of quotes one blockquote, runs of list items one list (loose, its
    items' text in paragraphs, when it has more than one: the blocks are separated by
    blank lines).  None when a block is not plain: Markdown makes that body.  Saves
    Markdown's ~1.5 ms a brief; tests/test_brief_html.py checks it against Markdown.
    ``escaped``: the blocks' ``escape_markdown``, when made already."""
    escaped = escaped or [escape_markdown(block.text) for block in body]
    parts: list[str] = []
    index = 0
    while index < len(body):
        kind = body[index].kind
        run = index + 1
        if kind in ("quote", "list-item"):
            while run < len(body) and body[run].kind == kind:
                run += 1
        texts = escaped[index:run]
        if not all(texts) or _NOT_PLAIN_IN_BODY.intersection("".join(texts)):
            return None
        first_line = texts[0] + ("\n" if len(body) > 1 else "")  # as render_body joins them
        if index == 0 and kind == "paragraph" and _METADATA_LIKE.match(first_line):
            return None  # render_body writes its colon as an entity
        if kind == "quote":
            parts += ["<blockquote>", *(f"<p>{text}</p>" for text in texts), "</blockquote>"]
        elif kind == "list-item" and len(texts) == 1:
            parts += ["<ul>", f"<li>{texts[0]}</li>", "</ul>"]
        elif kind == "list-item":
            parts += ["<ul>", *(f"<li>\n<p>{text}</p>\n</li>" for text in texts), "</ul>"]
        elif kind in _BLOCK_TAGS:
            tag = _BLOCK_TAGS[kind]
            parts.append(f"<{tag}>{texts[0]}</{tag}>")
        else:
            return None
        index = run
    return "\n".join(parts) if parts else None


@dataclass(frozen=True)
class BriefHtml:
    """A brief's HTML below its header, made when the site's reader asks for it: a
    rebuild renders every brief's text to compare it, but the site reads only the files
    that changed (Pelican's reader cache has the others): adding one seed to 2,000
    joined 2,001 of them for the ~70 read (0.22 CPU-s)."""

    body: str  # the body's HTML, as the per-seed workers made it
    links: Sequence[tuple[str, str, tuple[str, ...]]]
    config: str

    def text(self) -> str:
        return content_html(self.body, self.links, self.config)


def content_html(body: str, links: Sequence[tuple[str, str, tuple[str, ...]]], config: str) -> str:
    """The HTML of a whole brief below its header, as Markdown makes it of the brief's
    text: the body's HTML (made by the per-seed workers), then the related briefs."""
    related = _plain_related_html(links)
    if related is None:
        related = markdown_html(related_markdown(links), config)
    return "\n".join(part for part in (body, related) if part)


def _plain_related_html(links: Sequence[tuple[str, str, tuple[str, ...]]]) -> str | None:
    """The related section's HTML when every title and name is plain text (what Markdown
    makes of it, written directly: tests/test_brief_html.py); None otherwise."""
    if not links:
        return ""
    items = []
    for title, path, shared in links:
        text = escape_markdown(title, link_text=True)
        names = escape_markdown(", ".join(shared)) if shared else ""
        if _INLINE_SYNTAX.intersection(text + names) or not _PLAIN_PATH.fullmatch(path):
            return None
        if not text or (shared and not names):
            return None
        if text != text.strip() or names != names.strip() or "  " in text + names:
            return None
        reason = f" — shares: {names}" if shared else ""
        items.append(f'<li><a href="{path}">{text}</a>{reason}</li>')
    return "<h2>Related briefs</h2>\n<ul>\n" + "\n".join(items) + "\n</ul>"
