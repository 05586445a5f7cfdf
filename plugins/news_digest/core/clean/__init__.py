"""Clean stage: a raw article -> its article body and metadata, by the right extractor."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from news_digest.core.errors import SeedError
from news_digest.core.language import detect_language
from news_digest.core.models import BodyBlock, CleanArticle, Decision, Extraction, RawArticle

# A line shared by this many text seeds is site furniture (menus, footers), not news;
# syndicated article paragraphs are long, so only short lines are counted.
COMMON_LINE_MIN_SEEDS = 3
COMMON_LINE_MAX_CHARS = 160
# The longest real news articles run to about 10,000 words; past twice that, a "body"
# is a scraping accident and would make pages and feeds unusable.
MAX_BODY_WORDS = 20_000


def short_lines(text: str) -> frozenset[str]:
    """The distinct short lines of a text dump: candidates for site furniture."""
    return frozenset(
        line
        for line in (raw.strip() for raw in text.splitlines())
        if 0 < len(line) <= COMMON_LINE_MAX_CHARS
    )


def find_common_lines(line_sets: Iterable[frozenset[str]]) -> frozenset[str]:
    """Short lines repeated across several text dumps: boilerplate of one outlet.

    A line that holds a date is never furniture: an outlet's articles of one day share
    it ("November 14, 2025"), and it is the best evidence of their date (wcxb: 25 text
    dumps of same-day articles had lost their date to this rule)."""
    from news_digest.core.clean.signals import find_date

    counts: Counter[str] = Counter()
    for lines in line_sets:
        counts.update(lines)
    return frozenset(
        line for line, n in counts.items() if n >= COMMON_LINE_MIN_SEEDS and find_date(line) is None
    )


def clean(
    raw: RawArticle, common_lines: frozenset[str] = frozenset(), already_clean: bool = False
) -> CleanArticle:
    """Extract one article; raise SeedError when no article text is left.

    ``already_clean`` (`extract --no-clean`): a text file is an article body as it is,
    first line the title, paragraphs between blank lines; nothing is removed."""
    if raw.kind == "text" and already_clean:
        extraction = _as_clean_body(raw)
    elif raw.kind == "text":
        # the dump cleaner's patterns compile in ~30 ms: `extract --no-clean` needs none
        from news_digest.core.clean.text_dump import clean_text_dump

        extraction = clean_text_dump(raw.content, hints=raw.hints, common_lines=common_lines)
    elif raw.kind == "html":
        # lxml and trafilatura load in 0.1 CPU-s; a batch of text seeds never needs them
        from news_digest.core.clean.html import clean_html_page

        extraction = clean_html_page(raw.content, hints=raw.hints)
    else:
        extraction = _extract_feed_entry(raw)
    if not extraction.body:
        dropped = sum(not d.kept for d in extraction.decisions)
        where = f"entry {raw.index + 1}: " if raw.kind == "feed-entry" else ""
        raise SeedError(
            f"{where}no article text found"
            + (f" (all {dropped} blocks looked like boilerplate)" if dropped else "")
        )
    extraction, notes = _cap_body(extraction)
    return CleanArticle(
        seed=raw.seed,
        seed_sha256=raw.seed_sha256,
        index=raw.index,
        encoding=raw.encoding,
        extraction=extraction,
        notes=notes,
    )


def _cap_body(extraction: Extraction) -> tuple[Extraction, tuple[str, ...]]:
    """A brief is a brief: bodies beyond MAX_BODY_WORDS are cut at a block boundary."""
    kept: list[BodyBlock] = []
    words = 0
    for block in extraction.body:
        size = len(block.text.split())
        if words + size > MAX_BODY_WORDS:
            if not kept:  # one giant block: keep its first words
                text = " ".join(block.text.split()[:MAX_BODY_WORDS]) + " …"
                kept.append(replace(block, text=text))
            total = sum(len(b.text.split()) for b in extraction.body)
            note = f"body cut at {MAX_BODY_WORDS:,} words (it had {total:,})"
            return replace(extraction, body=tuple(kept)), (note,)
        words += size
        kept.append(block)
    return extraction, ()


def _as_clean_body(raw: RawArticle) -> Extraction:
    """A text that is already an article: title line, then paragraphs, all kept."""
    paragraphs = [" ".join(p.split()) for p in raw.content.replace("\r\n", "\n").split("\n\n")]
    paragraphs = [p for p in paragraphs if p]
    title, body = (paragraphs[0], paragraphs[1:]) if len(paragraphs) > 1 else (None, paragraphs)
    blocks = tuple(BodyBlock("paragraph", p) for p in body)
    return _kept_whole(raw, "as-given", "sidecar", blocks, "given as clean", title, "first-line")


def _extract_feed_entry(raw: RawArticle) -> Extraction:
    """A feed entry's content is already the article; its metadata comes with the entry."""
    from news_digest.core.clean.html import html_fragment_to_blocks

    body = html_fragment_to_blocks(raw.content)
    return _kept_whole(raw, "feed-entry", "feed", body, "feed entry content")


def _kept_whole(
    raw: RawArticle,
    method: str,
    given: str,  # where the hints came from: "feed" (the entry), "sidecar"
    body: tuple[BodyBlock, ...],
    reason: str,
    title: str | None = None,
    title_source: str = "",
) -> Extraction:
    """An article taken as it is: every block kept, metadata from the container's hints
    (feed entry or sidecar) first."""
    hints = raw.hints
    return Extraction(
        method=method,
        body=body,
        title=hints.title or title,
        title_source=given if hints.title else (title_source if title else None),
        date=hints.date,
        date_source=given if hints.date else None,
        authors=hints.authors,
        outlet=hints.outlet,
        language=hints.language or detect_language(" ".join(b.text for b in body)),
        url=hints.url,
        tags=hints.tags,
        decisions=tuple(Decision(b.text, True, reason) for b in body),
    )
