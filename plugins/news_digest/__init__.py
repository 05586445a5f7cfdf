"""news-digest: raw scraped news -> clean, cross-linked Markdown briefs for Pelican."""

from __future__ import annotations


def register() -> None:
    """Pelican's plugin entry point: connect the signal receivers."""
    from news_digest.site.plugin import connect

    connect()
