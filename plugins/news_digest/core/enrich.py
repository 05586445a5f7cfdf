"""Enrich stage: a clean article -> a Brief with slug, summary, entities and tags."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from news_digest.core.entities import EntityOptions, choose_tags, extract_entities
from news_digest.core.models import Brief, CleanArticle
from news_digest.core.terms import term_vector
from news_digest.text.figures import figures
from news_digest.text.headlines import headline_from
from news_digest.text.safe import language_code, plain_line
from news_digest.text.sentences import split_sentences
from news_digest.text.slug import slugify

SUMMARY_MAX_CHARS = 300  # about two sentences: what a feed reader shows in a list
_WORD = re.compile(r"\w+")


def enrich(article: CleanArticle, options: EntityOptions) -> Brief:
    """Fill in the fields a reader sees; nothing here looks at other briefs."""
    ext = article.extraction
    text = " ".join(block.text for block in ext.body)
    title = plain_line(ext.title or "") or headline_from(text) or "Untitled brief"
    language = language_code(ext.language)
    entities = extract_entities(title, ext.body, language, options)
    return Brief(
        slug=slugify(title),
        title=title,
        title_source=ext.title_source or "lead",
        date=ext.date,
        date_source=ext.date_source,
        summary=summarize(text),
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
        word_count=len(_WORD.findall(text)),
        removed_blocks=sum(not d.kept for d in ext.decisions),
        content_hash=hashlib.sha256(" ".join(_WORD.findall(text.casefold())).encode()).hexdigest(),
        terms=term_vector([title, *(block.text for block in ext.body)], language),
        figures=tuple(dict.fromkeys(figures(" ".join([title, text])))),
    )


def summarize(text: str) -> str:
    """The lead: whole sentences up to SUMMARY_MAX_CHARS, never cut mid-word."""
    summary = ""
    for sentence in split_sentences(text.strip()):
        candidate = f"{summary} {sentence}".strip()
        if summary and len(candidate) > SUMMARY_MAX_CHARS:
            break
        summary = candidate
        if len(summary) >= SUMMARY_MAX_CHARS:
            break
    if len(summary) > SUMMARY_MAX_CHARS:
        summary = summary[:SUMMARY_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return summary


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
