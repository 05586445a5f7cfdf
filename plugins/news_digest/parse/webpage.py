"""Saved HTML pages: one article each; trafilatura reads the markup in the clean stage."""

from __future__ import annotations

from ..models import RawArticle, SeedFile


def parse_webpage(seed: SeedFile, html: str, encoding: str) -> RawArticle:
    """An HTML page is one article; metadata comes from the page itself when cleaned."""
    return RawArticle(
        seed=seed.rel,
        seed_sha256=seed.sha256,
        index=0,
        kind="html",
        content=html,
        encoding=encoding,
    )
