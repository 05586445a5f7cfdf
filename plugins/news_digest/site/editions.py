"""What is new since the last build: the builds log, its page and its feeds.

The log is a file the site keeps, ``editions.json`` at the top of the output
folder.  It holds the last build's *snapshot* (each story or lone brief: its
briefs and a hash of what each says) and one entry per build that changed
something: the stories that are new, the stories that gained reports, the briefs
whose text, title or date changed.  A build reads the log of the site it replaces
(``news-digest build``: the old ``output/``; plain ``pelican``: before Pelican
empties the output folder), compares its own snapshot and, if anything changed,
adds an entry numbered after the last; if nothing changed the log, the page and
the feeds stay byte for byte the same.  Nothing comes from the clock: an entry's
date is the newest brief date it reports.  The log goes into the site with the
rest of it, so it is committed (or not) with the site's swap; ``make clean``
(which removes ``output/``) starts the history again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from news_digest.site.extras import ENTRY_ID_DATE
from news_digest.site.front import Item
from news_digest.site.pelican_internals import raw_content
from news_digest.site.stories import estimated
from news_digest.text.plain import html_to_text

log = logging.getLogger(__name__)
LOG_FILE = "editions.json"
# The files that tell a site's history (a rebuild's differ from a fresh build's by
# design: they say what each build changed); every other file is the same.
HISTORY_FILES = (LOG_FILE, "latest.html", "feeds/editions.atom.xml", "feeds/editions.rss.xml",
                 "feeds/editions.json")  # fmt: skip
LOG_VERSION = 1
BUILDS_KEPT = 50  # entries in the log (and so in the feeds)
FEED_ENTRIES = 20

Snapshot = dict[str, dict[str, str]]  # item key -> {brief slug: hash of what it says}


def brief_hash(article: Any) -> str:
    said = "\x1f".join(
        (str(article.title), str(article.summary), article.date.isoformat(), raw_content(article))
    )
    return hashlib.sha256(said.encode()).hexdigest()[:16]


def snapshot(items: list[Item]) -> Snapshot:
    return {item.key: {str(a.slug): brief_hash(a) for a in item.articles} for item in items}


def read_log(site: Path | None) -> dict[str, Any] | None:
    """The previous site's log, or None (no site, no log, or one this code cannot read)."""
    path = site / LOG_FILE if site is not None else None
    if path is None or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        log.warning("news-digest: %s unreadable (%s); the builds log starts again", path, error)
        return None
    if not _well_formed(data):
        log.warning("news-digest: %s is not a builds log this version reads; it starts again", path)
        return None
    return data  # type: ignore[no-any-return]


def _well_formed(data: Any) -> bool:
    """The shape ``next_log`` writes: anything else (an old version, a hand edit) is
    not trusted, so a bad file never stops a build."""
    if not isinstance(data, dict) or data.get("version") != LOG_VERSION:
        return False
    snap, builds = data.get("snapshot"), data.get("builds")
    if not isinstance(snap, dict) or not isinstance(builds, list):
        return False
    for briefs in snap.values():
        if not isinstance(briefs, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in briefs.items()
        ):
            return False
    for entry in builds:
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("number"), int)
            and isinstance(entry.get("id"), str)
            and isinstance(entry.get("date"), str)
            and isinstance(entry.get("new"), list)
            and isinstance(entry.get("grown"), dict)
            and isinstance(entry.get("updated"), list)
        ):
            return False
        try:
            datetime.fromisoformat(entry["date"])
        except ValueError:
            return False
    return True


def _newest(articles: list[Any]) -> str:
    dated = [a.date for a in articles if not estimated(a)] or [a.date for a in articles]
    return max(dated).isoformat() if dated else "1970-01-01T00:00:00+00:00"


def next_log(previous: dict[str, Any] | None, items: list[Item]) -> dict[str, Any]:
    """The log after this build: the previous one, plus an entry if anything changed."""
    current = snapshot(items)
    builds: list[dict[str, Any]] = list(previous["builds"]) if previous else []
    before: Snapshot = previous["snapshot"] if previous else {}
    if current == before and previous is not None:
        return previous
    seen = {slug: digest for briefs in before.values() for slug, digest in briefs.items()}
    new, grown, updated = [], {}, []
    for key, briefs in sorted(current.items()):
        added = sorted(slug for slug in briefs if slug not in seen)
        if added and len(added) == len(briefs):
            new.append(key)
        elif added:
            grown[key] = added
        updated += sorted(s for s, d in briefs.items() if s in seen and seen[s] != d)
    if new or grown or updated:
        by_slug = {str(a.slug): a for item in items for a in item.articles}
        reported = [by_slug[s] for k in new for s in current[k]]
        reported += [by_slug[s] for slugs in grown.values() for s in slugs]
        reported += [by_slug[s] for s in updated]
        number = (builds[-1]["number"] + 1) if builds else 1
        digest = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()[:8]
        builds.append(
            {
                "number": number,
                "id": f"{number}-{digest}",
                "date": _newest(reported),
                "new": new,
                "grown": grown,
                "updated": sorted(updated),
            }
        )
    return {"version": LOG_VERSION, "snapshot": current, "builds": builds[-BUILDS_KEPT:]}


def log_text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@dataclass
class Grown:
    item: Item
    added: list[Any]  # the reports this build added, earliest first


@dataclass
class BuildChanges:
    """One build's entry, resolved to this build's items and briefs."""

    number: int
    id: str
    date: str
    new: list[Item]
    grown: list[Grown]
    updated: list[Any]

    @property
    def date_label(self) -> str:
        day = datetime.fromisoformat(self.date).date()
        return f"{day.day} {day:%B %Y}"

    @property
    def empty(self) -> bool:
        return not (self.new or self.grown or self.updated)

    @property
    def title(self) -> str:
        parts = []
        stories = [i for i in self.new if i.is_story]
        if stories:
            parts.append(f"{len(stories)} new stor{'ies' if len(stories) != 1 else 'y'}")
        alone = len(self.new) - len(stories)
        if alone:
            parts.append(f"{alone} new single report{'s' if alone != 1 else ''}")
        if self.grown:
            n = len(self.grown)
            parts.append(f"{n} stor{'ies' if n != 1 else 'y'} with new reports")
        if self.updated:
            n = len(self.updated)
            parts.append(f"{n} updated brief{'s' if n != 1 else ''}")
        return f"Build {self.number}: " + (", ".join(parts) or "no change")


def resolve(data: dict[str, Any], items: list[Item]) -> list[BuildChanges]:
    """Every build of the log, newest first, with what still exists in this build."""
    by_key = {item.key: item for item in items}
    by_slug = {str(a.slug): a for item in items for a in item.articles}
    changes = []
    for entry in reversed(data.get("builds", [])):
        grown = [
            Grown(by_key[k], sorted((by_slug[s] for s in slugs if s in by_slug), key=_order))
            for k, slugs in sorted(entry["grown"].items())
            if k in by_key
        ]
        changes.append(
            BuildChanges(
                number=entry["number"],
                id=entry["id"],
                date=entry["date"],
                new=sorted((by_key[k] for k in entry["new"] if k in by_key), key=Item.rank),
                grown=sorted(grown, key=lambda g: g.item.rank()),
                updated=[by_slug[s] for s in entry["updated"] if s in by_slug],
            )
        )
    return changes


def _order(article: Any) -> tuple[bool, Any, str]:
    return estimated(article), article.date, str(article.slug)


# --- the feeds: one entry per build ------------------------------------------------


def _entry_html(change: BuildChanges, base: str) -> str:
    def link(article: Any, text: str | None = None) -> str:
        label = escape(html_to_text(text if text is not None else article.title))
        return f"<a href={quoteattr(f'{base}/{article.url}')}>{label}</a>"

    parts = []
    if change.new:
        rows = []
        for item in change.new:
            where = ", ".join(escape(o) for o in item.outlets) or "no named outlet"
            rows.append(f"<li>{link(item.lead)} ({len(item.articles)} · {where})</li>")
        parts.append("<h2>New</h2><ul>" + "".join(rows) + "</ul>")
    if change.grown:
        rows = [
            f"<li>{link(g.item.lead)}: "
            + ", ".join(link(a, str(getattr(a, "source", "") or a.title)) for a in g.added)
            + "</li>"
            for g in change.grown
        ]
        parts.append("<h2>New reports</h2><ul>" + "".join(rows) + "</ul>")
    if change.updated:
        rows = [f"<li>{link(a)}</li>" for a in change.updated]
        parts.append("<h2>Updated</h2><ul>" + "".join(rows) + "</ul>")
    return "".join(parts) or "<p>No change.</p>"


def entry_id(base: str, change: BuildChanges) -> str:
    host = urlsplit(base).hostname or "localhost"
    return f"tag:{host},{ENTRY_ID_DATE}:editions/{change.id}"


def atom_feed(changes: list[BuildChanges], settings: dict[str, Any], base: str, path: str,
              page: str) -> str:  # fmt: skip
    site = escape(str(settings.get("SITENAME", "")))
    shown = changes[:FEED_ENTRIES]
    updated = max((c.date for c in shown), default="1970-01-01T00:00:00+00:00")
    entries = "".join(
        "<entry>"
        f"<title>{escape(c.title)}</title>"
        f'<link href={quoteattr(f"{base}/{page}#build-{c.number}")} rel="alternate"/>'
        f"<id>{escape(entry_id(base, c))}</id><updated>{c.date}</updated>"
        f'<content type="html">{escape(_entry_html(c, base))}</content>'
        "</entry>"
        for c in shown
    )
    lang = quoteattr(str(settings.get("DEFAULT_LANG", "en")))
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={lang}>'
        f"<title>{site}: new since the last build</title>"
        f'<link href={quoteattr(f"{base}/{page}")} rel="alternate"/>'
        f'<link href={quoteattr(f"{base}/{path}")} rel="self"/>'
        f"<id>{escape(f'{base}/{path}')}</id><updated>{updated}</updated>"
        f"<author><name>{site}</name></author>{entries}</feed>\n"
    )


def rss_feed(changes: list[BuildChanges], settings: dict[str, Any], base: str, path: str,
             page: str) -> str:  # fmt: skip
    def date(value: str) -> str:
        return format_datetime(datetime.fromisoformat(value))

    site = escape(str(settings.get("SITENAME", "")))
    shown = changes[:FEED_ENTRIES]
    items = "".join(
        "<item>"
        f"<title>{escape(c.title)}</title><link>{escape(f'{base}/{page}#build-{c.number}')}</link>"
        f"<description>{escape(_entry_html(c, base))}</description>"
        f"<pubDate>{date(c.date)}</pubDate>"
        f'<guid isPermaLink="false">{escape(entry_id(base, c))}</guid>'
        "</item>"
        for c in shown
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        f"<title>{site}: new since the last build</title>"
        f"<link>{escape(f'{base}/{page}')}</link>"
        f"<description>What each build of {site} added: new stories, new reports, "
        "updated briefs</description>"
        f'<atom:link href={quoteattr(f"{base}/{path}")} rel="self" type="application/rss+xml"/>'
        f"<language>{escape(str(settings.get('DEFAULT_LANG', 'en')))}</language>"
        f"{items}</channel></rss>\n"
    )


def json_feed(changes: list[BuildChanges], settings: dict[str, Any], base: str, path: str,
              page: str) -> str:  # fmt: skip
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{settings.get('SITENAME', '')}: new since the last build",
        "home_page_url": f"{base}/{page}",
        "feed_url": f"{base}/{path}",
        "language": str(settings.get("DEFAULT_LANG", "en")),
        "items": [
            {
                "id": entry_id(base, c),
                "url": f"{base}/{page}#build-{c.number}",
                "title": c.title,
                "content_html": _entry_html(c, base),
                "date_published": c.date,
            }
            for c in changes[:FEED_ENTRIES]
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
