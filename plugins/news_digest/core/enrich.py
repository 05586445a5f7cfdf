"""Enrich stage: a clean article -> a Brief with slug, summary, entities and tags."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from news_digest.core.entities import EntityOptions, choose_tags, extract_entities
from news_digest.core.models import BodyBlock, Brief, CleanArticle
from news_digest.core.terms import term_vector
from news_digest.text.figures import figures
from news_digest.text.headlines import headline_from
from news_digest.text.leads import without_dateline
from news_digest.text.safe import language_code, plain_line
from news_digest.text.sentences import split_sentences
from news_digest.text.slug import slugify

SUMMARY_MAX_CHARS = 300  # about two sentences: what a feed reader shows in a list
SUMMARY_HARD_MAX_CHARS = 600  # a first sentence longer than this is a scraping accident
SUMMARY_MIN_CHARS = 40  # a paragraph shorter than this ("Updated.") is no summary
REPEAT_SHARE = 0.2  # a sentence with at most 20% words not in the headline repeats it
_WORD = re.compile(r"\w+")


def enrich(article: CleanArticle, options: EntityOptions) -> Brief:
    """Fill in the fields a reader sees; nothing here looks at other briefs."""
    ext = article.extraction
    text = " ".join(block.text for block in ext.body)
    language = language_code(ext.language)
    title = plain_line(ext.title or "") if ext.title_source != "lead" else ""
    if not title:  # the seed gives none: an editor's headline from the lead, its
        # speaker named as the article's entities name them
        found = extract_entities("", ext.body, language, options)
        people = [entity.name for entity in found if entity.kind == "person"]
        title = headline_from(_lead(ext.body), people) or "Untitled brief"
    entities = extract_entities(title, ext.body, language, options)
    folded_words = _WORD.findall(text.casefold())
    # Folding ASCII text changes no word's edges, so its words are the text's; other
    # text is counted as written ("İ" folds to "i" and a combining dot, no word letter).
    word_count = len(folded_words) if text.isascii() else len(_WORD.findall(text))
    return Brief(
        slug=slugify(title),
        title=title,
        title_source=ext.title_source or "lead",
        date=ext.date,
        date_source=ext.date_source,
        summary=summarize(ext.body, title),
        body=ext.body,
        language=language,
        authors=tuple(filter(None, map(plain_line, ext.authors))),
        outlet=plain_line(ext.outlet or "") or None,
        url=ext.url,
        image=ext.image,
        tags=choose_tags(entities, ext.tags, options),
        entities=entities,
        method=ext.method,
        seeds=(article.seed if article.index == 0 else f"{article.seed}#{article.index + 1}",),
        encoding=article.encoding,
        word_count=word_count,
        removed_blocks=sum(not d.kept for d in ext.decisions),
        content_hash=hashlib.sha256(" ".join(folded_words).encode()).hexdigest(),
        terms=term_vector([title, *(block.text for block in ext.body)], language),
        figures=tuple(dict.fromkeys(figures(" ".join([title, text])))),
    )


def summarize(body: Sequence[BodyBlock], title: str = "") -> str:
    """The lead, as a feed reader shows it: whole sentences up to SUMMARY_MAX_CHARS from
    one paragraph (a standfirst is not run into the lead after it), its dateline
    dropped, and no sentence that only repeats the headline."""
    headline = set(_WORD.findall(title.casefold()))
    for block in body:
        if block.kind not in ("paragraph", "quote"):
            continue
        sentences = [
            sentence
            for sentence in split_sentences(without_dateline(block.text.strip()))
            if not _repeats(sentence, headline)
        ]
        if sum(len(s) for s in sentences) >= SUMMARY_MIN_CHARS:
            return _whole_sentences(sentences)
    return _whole_sentences(split_sentences(" ".join(b.text for b in body)))


def _whole_sentences(sentences: Sequence[str]) -> str:
    summary = ""
    for sentence in sentences:
        candidate = f"{summary} {sentence}".strip()
        if summary and len(candidate) > SUMMARY_MAX_CHARS:
            break
        summary = candidate
    if len(summary) > SUMMARY_HARD_MAX_CHARS:  # one sentence of a page's length
        summary = summary[:SUMMARY_HARD_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return summary


def _repeats(sentence: str, headline: set[str]) -> bool:
    """Whether a sentence says no more than the headline (most of its words are in it)."""
    words = set(_WORD.findall(sentence.casefold()))
    return bool(words) and len(words - headline) <= len(words) * REPEAT_SHARE


def _lead(body: Sequence[BodyBlock]) -> str:
    paragraphs = [b.text for b in body if b.kind in ("paragraph", "quote")]
    return (paragraphs or [b.text for b in body] or [""])[0]


def assign_unique_slugs(briefs: Sequence[Brief]) -> tuple[Brief, ...]:
    """Give colliding slugs a suffix from their seed, so no brief overwrites another.

    The brief that sorts first (by seed path) keeps the plain slug; the others get
    a short hash of their seed name, which is the same in every build.
    """
    by_slug: defaultdict[str, list[Brief]] = defaultdict(list)
    for brief in briefs:
        by_slug[brief.slug].append(brief)
    unique: list[Brief] = []
    for slug, group in by_slug.items():
        group.sort(key=lambda b: b.seeds)
        unique.append(group[0])
        for brief in group[1:]:
            suffix = hashlib.sha256("\n".join(brief.seeds).encode()).hexdigest()[:8]
            unique.append(replace(brief, slug=f"{slug}-{suffix}"))
    return tuple(sorted(unique, key=lambda b: b.slug))
