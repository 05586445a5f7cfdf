"""Make Pelican's page writing cheaper at thousands of briefs, without changing a byte.

Profiled at 10,000 briefs, most of Pelican's time went to three things this module
cuts (see README, "Build speed"):

- ``Article.url`` is a property that formats the URL setting (a ``strftime`` on the
  date, a relative path) on every call, and the templates ask for it about 27 times
  per brief.  Once Pelican has read the articles the URL cannot change, so it is
  pinned (``override_url``, Pelican's own per-article URL override).
- Pelican's tag, source and author pages filter all the date-sorted articles with
  ``article in articles`` on a list, once per tag: tags x articles x briefs per tag
  (30 s at 10,000 briefs and 2,600 tags).  ``generate_tags``/``generate_categories``/
  ``generate_authors`` of the articles generator are replaced (on the instance) by
  ``write_taxonomy_pages``, which finds every group's date-sorted articles in one
  pass and then writes exactly what Pelican 4.11/4.12 writes, with the same
  arguments (pinned in pyproject.toml; the showcase site is compared with plain
  Pelican's in tests/test_render_speed.py).
- A brief's card is the same on every index, tag and source page at one link depth;
  ``CardCache`` renders it once per (brief, depth, heading level) and reuses it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from markupsafe import Markup
from pelican.writers import FileOverwriteFailedError

log = logging.getLogger(__name__)

CARD_MACRO = "brief_card_html"
CARD_TEMPLATE = "_macros.html"


def speed_up_articles(generator: Any) -> None:
    """After Pelican has read the articles: pin their URLs, linear taxonomy pages."""
    for article in (*generator.articles, *generator.translations):
        if not hasattr(article, "override_url"):
            article.override_url = article.url
    for kind in ("tag", "category", "author"):
        method = partial(write_taxonomy_pages, generator, kind)
        setattr(generator, f"generate_{TAXONOMIES[kind]}", method)


TAXONOMIES = {"tag": "tags", "category": "categories", "author": "authors"}


def write_taxonomy_pages(generator: Any, kind: str, write: Callable[..., None]) -> None:
    """Pelican's ``generate_tags`` (or categories, authors), linear in the articles."""
    source = generator.tags.items() if kind == "tag" else getattr(generator, TAXONOMIES[kind])
    groups = list(source)
    dated: list[list[Any]] = [[] for _ in groups]  # each group's articles, date order
    lists_of: defaultdict[int, list[list[Any]]] = defaultdict(list)
    for (_, articles), group_dates in zip(groups, dated, strict=True):
        for article_id in {id(article) for article in articles}:
            lists_of[article_id].append(group_dates)
    for article in generator.dates:
        for group_dates in lists_of.get(id(article), ()):
            group_dates.append(article)
    template = generator.get_template(kind)
    for (name, articles), group_dates in zip(groups, dated, strict=True):
        try:
            write(
                name.save_as,
                template,
                generator.context,
                url=name.url,
                **{kind: name},
                articles=articles,
                dates=group_dates,
                template_name=kind,
                blog=True,
                page_name=name.page_name,
                all_articles=generator.articles,
            )
        except FileOverwriteFailedError:
            if name.slug:
                log.error('Failed to write %s page for "%s".', kind.capitalize(), name)
                raise
            log.info('%s "%s" has an invalid slug; skipping writing its page...', kind, name)


class CardCache:
    """``digest_card(article, level, siteurl)`` for the theme: each card rendered once.

    The rendered cards live on the article object, so a new build (new articles)
    starts empty and an autoreload never shows a stale card.
    """

    def __init__(self, env: Any) -> None:
        self.env = env

    def __call__(self, article: Any, level: int, siteurl: str) -> Markup:
        cards: dict[tuple[int, str], Markup] | None = getattr(article, "_digest_cards", None)
        if cards is None:
            cards = article._digest_cards = {}
        key = (level, siteurl)
        card = cards.get(key)
        if card is None:
            macro = getattr(self.env.get_template(CARD_TEMPLATE).module, CARD_MACRO)
            card = cards[key] = Markup(macro(article, level, siteurl))
        return card


def add_card_cache(generator: Any) -> None:
    """Give every generator's template environment the card cache."""
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["digest_card"] = CardCache(env)
