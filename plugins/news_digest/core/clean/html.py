"""HTML pages and feed-entry HTML -> plain-text article blocks and metadata.

Five extractors read the page and vote on its paragraphs (`agreement`): trafilatura's
precision pass (fast, `favor_precision`: it also gives the metadata), its full
recall pass (defaults, with its own readability / jusText comparison), readability
and jusText on their own (trafilatura's copies; jusText run by `justext_run`, the
same paragraphs at a third of the cost), and the text-dump cleaner on the
page's text blocks.  Paragraphs two independent extractors agree on are kept; one
extractor's extras need evidence.  No single extractor holds on pages it has never
seen: the precision pass returns teasers and menus on some, the recall pass
standfirsts and "read more" boxes on others.
Output is plain text only: no markup and no URL from the page reaches a brief,
except the page's own address and image, and only when they are http(s).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable, Sequence
from copy import copy
from datetime import UTC, datetime
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from news_digest.core.clean import agreement
from news_digest.core.clean.signals import is_date_line
from news_digest.core.clean.text_dump import find_body
from news_digest.core.dates import parse_iso, plausible
from news_digest.core.language import detect_language
from news_digest.core.models import BlockKind, BodyBlock, Decision, Extraction, Hints

# With nothing agreed and no precision body, a recall body this long is still an article
# (the old precision -> recall retry's bar; below it: menus, cookie notices).
MIN_FALLBACK_WORDS = 40
MAX_SOURCE_TAGS = 6  # page keyword lists can be hundreds of ticker symbols long
MAX_DROPPED_DECISIONS = 400  # provenance for `explain`, bounded on huge pages
DECISIONS_SCAN_CHARS = 300_000  # and the scan for it too
PUBLISHED_SCAN_CHARS = 200_000  # meta tags and JSON-LD sit near the top of a page
_TRAFILATURA_KINDS: dict[str, BlockKind] = {
    "p": "paragraph",
    "head": "heading",
    "quote": "quote",
    "item": "list-item",
    "code": "paragraph",
    "row": "paragraph",
}
_FRAGMENT_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "pre", "td")
_FRAGMENT_KINDS: dict[str, BlockKind] = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "blockquote": "quote",
    "li": "list-item",
}
_NEVER_TEXT = ("script", "style", "iframe", "object", "embed", "svg", "template", "noscript",
               "head", "form", "button", "select", "textarea", "math", "canvas")  # fmt: skip
_TAG_CHAR = re.compile(r"[A-Za-z]")
# Characters lxml refuses in text (C0 controls but tab and line breaks, lone surrogates).
_XML_INCOMPATIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_html_page(html: str, *, hints: Hints | None = None) -> Extraction:
    """Main content and metadata of a page; an empty body when there is no article."""
    hints = hints or Hints()
    html = _XML_INCOMPATIBLE.sub("", html)
    page = _page_blocks(html)
    # Parsed once: every extractor reads this tree (trafilatura copies it, the others
    # get copies); the same results as from the text on all 773 dev and wcxb pages,
    # one parse where there were three (dev pages: about 2 ms CPU each).
    tree = _tree(html)
    document = _extract(tree, favor_precision=True, fast=True, with_metadata=True)
    voters, recall = _voters(tree, document, page, getattr(document, "language", None))
    meta: Any = document if document is not None else recall
    body = agreement.combine(voters, page) or _fallback(voters)
    date = hints.date or _published_date(html) or _date(getattr(meta, "date", None))
    title = hints.title or _title(meta)
    body = _without_headline(body, title)
    text = " ".join(block.text for block in body)
    return Extraction(
        method="html:agreement",
        body=body,
        title=title,
        title_source=("hint" if hints.title else "metadata") if title else None,
        date=date,
        date_source=("hint" if hints.date else "metadata") if date else None,
        authors=hints.authors or _authors(getattr(meta, "author", None)),
        outlet=hints.outlet or _text(getattr(meta, "sitename", None)),
        language=hints.language or _language(getattr(meta, "language", None), text),
        url=hints.url or _http(getattr(meta, "url", None)),
        image=_http(getattr(meta, "image", None)),
        tags=_dedupe([*hints.tags, *_source_tags(meta)]),
        decisions=_decisions(html, body, page),
    )


def _voters(
    tree: Any, precision: Any, page: Sequence[str], language: object
) -> tuple[list[tuple[str, tuple[BodyBlock, ...]]], Any]:
    """Each extractor's body, highest rank (whose wording wins) first; and the recall
    pass's document, which has the metadata when the precision pass found nothing."""
    if tree is None:
        return [], None
    from trafilatura.baseline import basic_cleaning
    from trafilatura.external import try_readability

    from news_digest.core.clean.justext_run import good_paragraphs

    recall = _extract(tree, favor_precision=False, fast=False, with_metadata=precision is None)
    readability: tuple[BodyBlock, ...] = ()
    justext: tuple[BodyBlock, ...] = ()
    try:
        summary = try_readability(copy(tree))
        if len(summary):
            readability = html_fragment_to_blocks(etree.tostring(summary, encoding="unicode"))
    except (ValueError, TypeError, etree.LxmlError, RecursionError):
        pass
    try:
        lang = str(language) if language else None
        paragraphs = good_paragraphs(basic_cleaning(copy(tree)), lang)
        justext = tuple(BodyBlock("paragraph", " ".join(p.split())) for p in paragraphs if p)
    except (ValueError, TypeError, etree.LxmlError, RecursionError):
        pass
    dump = find_body("\n".join(page)).body
    voters = [
        (agreement.PRECISION, _blocks(precision)),
        (agreement.RECALL, _blocks(recall)),
        ("readability", readability),
        ("justext", justext),
        ("text-dump", dump),
    ]
    return voters, recall


def _fallback(voters: Sequence[tuple[str, tuple[BodyBlock, ...]]]) -> tuple[BodyBlock, ...]:
    """No agreement at all: the precision pass, else the longer of the recall pass and
    the text dump if long enough to be prose (wcxb: 2 of 711 pages only the dump reads)."""
    bodies = dict(voters)
    if bodies.get(agreement.PRECISION):
        return bodies[agreement.PRECISION]
    recall, dump = bodies.get(agreement.RECALL, ()), bodies.get("text-dump", ())
    best = max((recall, dump), key=_words)
    return best if _words(best) >= MIN_FALLBACK_WORDS else ()


def _words(blocks: Sequence[BodyBlock]) -> int:
    return sum(len(block.text.split()) for block in blocks)


def _tree(html: str) -> Any:
    if not _TAG_CHAR.search(html[:100_000]):
        return None
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except (ValueError, TypeError, etree.LxmlError, RecursionError):
        return None


def _extract(tree: Any, *, favor_precision: bool, fast: bool, with_metadata: bool) -> Any:
    """trafilatura on the page's tree (which `bare_extraction` copies before it reads)."""
    if tree is None:
        return None
    try:
        import trafilatura  # here: a text-only digest never pays for importing it

        return trafilatura.bare_extraction(
            tree,
            favor_precision=favor_precision,
            fast=fast,
            with_metadata=with_metadata,
            include_comments=False,
            include_tables=True,
        )
    except (ValueError, TypeError, etree.LxmlError, RecursionError):
        return None


def _without_headline(body: tuple[BodyBlock, ...], title: str | None) -> tuple[BodyBlock, ...]:
    """The page's own headline, byline and date stamp above the text are metadata, not body."""
    blocks = list(body)
    wanted = " ".join((title or "").split()).casefold()
    while blocks and (
        (blocks[0].kind == "heading" and blocks[0].text.casefold() == wanted)
        or _BYLINE.match(blocks[0].text)
    ):
        blocks.pop(0)
    head = [b for b in blocks[:DATE_LINE_BLOCKS] if not _date_stamp(b.text)]
    return (*head, *blocks[DATE_LINE_BLOCKS:])


# A date stamp ("Published 10:02 AM Nov 19, 2019", "segunda-feira, 22 de janeiro de
# 2018") among the body's first blocks is the page's dateline.  Dropped from the first
# three blocks: sh4 F1 dev 0.9749 -> 0.9759 (3 pages), wcxb 0.9426 -> 0.9426 (16 such
# lines, 14 not in the truth); anywhere in the body: wcxb -0.0002 (date-led table rows).
DATE_LINE_BLOCKS = 3
DATE_LINE_MAX_WORDS = 12


def _date_stamp(text: str) -> bool:
    """A short line that is only a date (a list's "Effective 6/2/2025:" lead-in is not)."""
    return (
        len(text.split()) <= DATE_LINE_MAX_WORDS
        and not text.rstrip().endswith(":")
        and is_date_line(text)
    )


_BYLINE = re.compile(r"^(?:by|von|par|por)\s+[^\d.,;:!?]{2,60}$", re.IGNORECASE)


def _blocks(document: Any) -> tuple[BodyBlock, ...]:
    """trafilatura's body -> blocks, text between elements (tails) included."""
    body = getattr(document, "body", None)
    if body is None:
        return ()
    blocks: list[BodyBlock] = []

    def add(kind: BlockKind, text: str | None) -> None:
        clean = " ".join((text or "").split())
        if clean:
            blocks.append(BodyBlock(kind, clean))

    add("paragraph", body.text)
    for child in body:
        if child.tag == "list":
            for item in child.iter("item"):
                add("list-item", " ".join(item.itertext()))
        elif child.tag == "table":
            for row in child.iter("row"):
                add("paragraph", " ".join(" ".join(cell.itertext()) for cell in row))
        else:
            add(_TRAFILATURA_KINDS.get(child.tag, "paragraph"), " ".join(child.itertext()))
        add("paragraph", child.tail)
    return tuple(blocks)


def html_fragment_to_blocks(html: str) -> tuple[BodyBlock, ...]:
    """Feed-entry HTML (already the article) -> text blocks; active content is dropped."""
    html = _XML_INCOMPATIBLE.sub("", html)
    if not html.strip():
        return ()
    if not _TAG_CHAR.search(html) or "<" not in html:
        return tuple(BodyBlock("paragraph", p) for p in _paragraphs(html))
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.LxmlError, ValueError):
        return tuple(BodyBlock("paragraph", p) for p in _paragraphs(re.sub(r"<[^>]*>", " ", html)))
    _drop_active(root)
    blocks: list[BodyBlock] = []
    loose: list[str] = [root.text or ""]
    for element in root.iter(*_FRAGMENT_BLOCKS):
        if any(parent.tag in _FRAGMENT_BLOCKS for parent in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(BodyBlock(_FRAGMENT_KINDS.get(element.tag, "paragraph"), text))
    if not blocks:
        loose.append(root.text_content())
        return tuple(BodyBlock("paragraph", p) for p in _paragraphs("\n\n".join(loose)))
    return tuple(blocks)


def _drop_active(root: Any) -> None:
    """Remove elements whose text is never article text (scripts, styles, embeds)."""
    for element in list(root.iter(*_NEVER_TEXT)):
        element.drop_tree()


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


# A tag, a declaration (<!doctype html>), or the start of a comment (skipped to its
# "-->": React pages put "<!-- -->" between words, which the text blocks must not hold).
_TAG = re.compile(r"<(?:(/?)([A-Za-z][A-Za-z0-9]*)[^>]{0,2000}>|!--|![^>]{0,2000}>)")
_BLOCK_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "dd", "dt",
                         "blockquote", "div", "section", "article", "ul", "ol", "table", "tr",
                         "br", "header", "footer", "nav", "aside", "main", "form"})  # fmt: skip
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
# A skipped element ends at its own closing tag, found by itself: matching tags inside a
# script ran "i<links.length ... </script>" into one "tag" and lost the rest of the page
# (dev: one page's article gone from the text blocks, so from the text-dump vote too).
_SKIPPED_END = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _SKIPPED_TAGS}


def _page_blocks(html: str) -> list[str]:
    """The text blocks of a page, by one linear pass over its tags (no parse, no backtracking)."""
    blocks: list[str] = []
    buffer: list[str] = []
    position = 0
    while (tag := _TAG.search(html, position)) is not None:
        buffer.append(html[position : tag.start()])
        position = tag.end()
        closing, name = tag.group(1), (tag.group(2) or "").lower()
        if tag.group(0) == "<!--":
            end = html.find("-->", position)
            position = len(html) if end < 0 else end + 3
        elif name in _SKIPPED_TAGS and not closing and not tag.group(0).endswith("/>"):
            end_tag = _SKIPPED_END[name].search(html, position)
            position = len(html) if end_tag is None else end_tag.end()
        elif name in _BLOCK_TAGS:
            blocks.append(" ".join(html_lib.unescape("".join(buffer)).split()))
            buffer = []
    buffer.append(html[position:])
    blocks.append(" ".join(html_lib.unescape("".join(buffer)).split()))
    return [block for block in blocks if block]


def _decisions(html: str, body: tuple[BodyBlock, ...], page: Sequence[str]) -> tuple[Decision, ...]:
    """Kept blocks, then the page's other text blocks (what trafilatura dropped).

    One linear scan over the tags, not a second parse: provenance must not add much
    to the cost of the HTML path, and an approximate list of dropped blocks is
    enough to explain a brief.  ``page`` is the whole page's blocks: the same scan
    when the page is no longer than `DECISIONS_SCAN_CHARS`.
    """
    kept_text = "\n".join(block.text for block in body)
    decisions = [Decision(b.text, True, "article body (trafilatura)") for b in body]
    scanned = (
        page if len(html) <= DECISIONS_SCAN_CHARS else _page_blocks(html[:DECISIONS_SCAN_CHARS])
    )
    for text in scanned:
        if text not in kept_text:
            decisions.append(Decision(text, False, "boilerplate (outside the main content)"))
            if len(decisions) - len(body) >= MAX_DROPPED_DECISIONS:
                break
    return tuple(decisions)


_PUBLISHED = re.compile(
    r"""<meta\b[^>]{0,300}?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|"""
    r"""article:published|datePublished|publish[_-]?date|pubdate)["'][^>]{0,300}?"""
    r"""content\s*=\s*["']([^"']{8,40})["']""",
    re.IGNORECASE,
)
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')


def _published_date(html: str) -> datetime | None:
    """The date the publisher marks as "published" (meta tags, JSON-LD), offset kept.

    Preferred to trafilatura's guess, which may take the last-updated date.
    Placeholders (``0001-01-01``, the 1970 epoch) are skipped for the next candidate.
    """
    head = html[:PUBLISHED_SCAN_CHARS]
    for pattern in (_PUBLISHED, _JSON_LD_PUBLISHED):
        for match in pattern.finditer(head):
            moment = parse_iso(match.group(1))
            if moment is not None:
                return moment
    return None


# "Headline | Brand", "Headline - Brand": og:title and <title> end with the site's name.
_TITLE_TAIL = re.compile(r"\s+([|\-\u2013\u2014\u00b7:\u2022])\s+([^|\u2013\u2014]{1,60})$")
BRAND_MAX_WORDS = 4  # an unnamed " | tail" this short after a 3+ word headline is a brand
_NOT_ALNUM = re.compile(r"[\W_]+")


def _title(meta: Any) -> str | None:
    """The page's title without the site's name its metadata appends."""
    title = _text(getattr(meta, "title", None))
    if not title:
        return None
    host = re.sub(r"^https?://(?:www\.)?", "", str(getattr(meta, "url", None) or "")).split("/")[0]
    brands = {_squeeze(getattr(meta, "sitename", None)), _squeeze(host.rsplit(".", 2)[0])} - {""}
    for _ in range(2):  # "Headline | Section | Brand"
        match = _TITLE_TAIL.search(title)
        if match is None:
            break
        head, separator, tail = title[: match.start()].strip(), match[1], match[2].strip()
        named = _squeeze(tail) in brands or any(_squeeze(tail).startswith(b) for b in brands)
        brand_like = separator == "|" and len(tail.split()) <= BRAND_MAX_WORDS
        if len(head.split()) < 3 or not (named or brand_like):
            break
        title = head
    return title


def _squeeze(value: object) -> str:
    return _NOT_ALNUM.sub("", str(value or "")).casefold()


def _text(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _date(value: object) -> datetime | None:
    """trafilatura's date (a day): 00:00 UTC, if it is a plausible news date."""
    if not value:
        return None
    try:
        day = datetime.strptime(str(value)[:10], "%Y-%m-%d")
    except ValueError:
        return None
    return plausible(day.replace(tzinfo=UTC))


def _authors(value: object) -> tuple[str, ...]:
    if not value:
        return ()
    return _dedupe(name.strip() for name in re.split(r";|\band\b", str(value)) if name.strip())


def _language(value: object, text: str) -> str:
    code = str(value or "").split("-")[0].lower()
    return code if len(code) == 2 and code.isalpha() else detect_language(text)


def _http(value: object) -> str | None:
    url = str(value or "").strip()
    return url if url.startswith(("https://", "http://")) and " " not in url else None


def _source_tags(meta: Any) -> list[str]:
    tags: list[str] = []
    for field in ("categories", "tags"):
        for value in getattr(meta, field, None) or []:
            tags.extend(part.strip() for part in str(value).split(","))
    good = [
        t for t in tags if 2 <= len(t) <= 40 and len(t.split()) <= 4 and not re.search(r"\d", t)
    ]
    return good[:MAX_SOURCE_TAGS]


def _dedupe(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return tuple(seen.values())
