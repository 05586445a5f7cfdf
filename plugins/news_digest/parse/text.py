"""Plain-text page dumps: decoded text as it is; the cleaner reads the header line."""

from __future__ import annotations

from ..models import RawArticle, SeedFile


def parse_text(seed: SeedFile, text: str, encoding: str) -> RawArticle:
    """A text dump is one article; finding it inside the page is the cleaner's job."""
    return RawArticle(
        seed=seed.rel,
        seed_sha256=seed.sha256,
        index=0,
        kind="text",
        content=text,
        encoding=encoding,
    )
