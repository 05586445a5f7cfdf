"""Text dumps and HTML pages: one article each, decoded and passed on as they are.

Finding the article inside the page is the clean stage's job; the kind tells it
which extractor to use.
"""

from __future__ import annotations

from typing import Literal

from news_digest.core.models import Hints, RawArticle, SeedFile


def parse_page(
    seed: SeedFile,
    content: str,
    encoding: str,
    kind: Literal["text", "html"],
    hints: Hints | None = None,
) -> RawArticle:
    """One article; ``hints`` come from the seed's sidecar when it was fetched from a feed."""
    return RawArticle(
        seed=seed.rel,
        seed_sha256=seed.sha256,
        index=0,
        kind=kind,
        content=content,
        encoding=encoding,
        hints=hints or Hints(),
    )
