"""news-digest: raw scraped news -> clean, cross-linked Markdown briefs for Pelican."""

from __future__ import annotations


def register() -> None:
    """Pelican's plugin entry point: check Pelican's version, connect the receivers."""
    from importlib.metadata import version

    from news_digest.site.pelican_internals import check_pelican_version
    from news_digest.site.plugin import connect

    check_pelican_version(version("pelican"))
    connect()
