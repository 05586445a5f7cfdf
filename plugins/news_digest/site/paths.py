"""Where the site's own pages and feeds go: their Pelican-style settings, one table.

A setting left out of pelicanconf.py (or set empty) takes the default here, as
Pelican's own page settings do.
"""

from __future__ import annotations

from typing import Any

DEFAULTS = {
    "STORY_URL": "story/{slug}.html",
    "STORY_SAVE_AS": "story/{slug}.html",
    "STORIES_URL": "stories.html",
    "STORIES_SAVE_AS": "stories.html",
    "STORY_FEED_ATOM": "feeds/story/{slug}.atom.xml",
    "STORY_FEED_RSS": "feeds/story/{slug}.rss.xml",
    "EDITION_URL": "edition/{date}.html",
    "EDITION_SAVE_AS": "edition/{date}.html",
    "EDITIONS_URL": "editions.html",
    "EDITIONS_SAVE_AS": "editions.html",
    "INDEX_SAVE_AS": "index.html",
    "LATEST_URL": "latest.html",
    "LATEST_SAVE_AS": "latest.html",
    "EDITIONS_FEED_ATOM": "feeds/editions.atom.xml",
    "EDITIONS_FEED_RSS": "feeds/editions.rss.xml",
    "EDITIONS_FEED_JSON": "feeds/editions.json",
    "ALERT_URL": "alert/{slug}.html",
    "ALERT_SAVE_AS": "alert/{slug}.html",
    "ALERTS_URL": "alerts.html",
    "ALERTS_SAVE_AS": "alerts.html",
    "ALERT_FEED_ATOM": "feeds/alert/{slug}.atom.xml",
    "ALERT_FEED_RSS": "feeds/alert/{slug}.rss.xml",
    "ALERT_FEED_JSON": "feeds/alert/{slug}.json",
    "MONTH_ARCHIVE_URL": "archive/{month}.html",
    "MONTH_ARCHIVE_SAVE_AS": "archive/{month}.html",
}


def setting(settings: dict[str, Any], key: str) -> str:
    return str(settings.get(key) or DEFAULTS[key])
