"""The digest's own pages: the home page (the newest edition), a page per day and
the editions index (a Pelican generator, run after the story generator).

Pelican's paginated ``index`` template is not used: the home page is one edition,
written here (``index`` is left out of DIRECT_TEMPLATES).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from news_digest.site import editions as builds_log
from news_digest.site.alerts import make_alerts
from news_digest.site.extras import feed_url, json_feed
from news_digest.site.front import make_editions, make_items
from news_digest.site.paths import setting
from news_digest.site.state import build_of


class FrontGenerator(Generator):  # type: ignore[misc]
    """Home, editions and the editions index, from the briefs and stories."""

    def generate_context(self) -> None:
        articles = list(self.context.get("articles", []))
        items = make_items(articles, list(self.context.get("stories", [])))
        editions = make_editions(
            items, setting(self.settings, "EDITION_URL"), setting(self.settings, "EDITION_SAVE_AS")
        )
        self.context["front_items"] = items
        self.context["editions"] = editions
        self.context["EDITIONS_URL"] = setting(self.settings, "EDITIONS_URL")
        for key in ("LATEST_URL", "EDITIONS_FEED_ATOM", "EDITIONS_FEED_RSS", "EDITIONS_FEED_JSON"):
            self.context[key] = setting(self.settings, key)
        state = build_of(self.settings)
        digest = state.digest_settings(self.settings)
        self.context["alerts"] = make_alerts(
            dict(digest.alerts),
            articles,
            setting(self.settings, "ALERT_URL"),
            setting(self.settings, "ALERT_SAVE_AS"),
            digest.max_name_bytes,
        )
        for key in ("ALERTS_URL", "ALERT_FEED_ATOM", "ALERT_FEED_RSS", "ALERT_FEED_JSON"):
            self.context[key] = setting(self.settings, key)
        self.builds_log = builds_log.next_log(state.previous_builds_log, items)
        changes = builds_log.resolve(self.builds_log, items)
        self.context["builds"] = changes[: builds_log.FEED_ENTRIES]

    def _write(self, writer: Any, save_as: str, template: str, **kwargs: Any) -> None:
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
            url=save_as,
            **kwargs,
        )

    def generate_output(self, writer: Any) -> None:
        editions = self.context["editions"]
        latest = editions[0] if editions else None
        self._write(writer, setting(self.settings, "INDEX_SAVE_AS"), "index", edition=latest)
        for edition in editions:
            self._write(writer, edition.save_as, "edition", edition=edition)
        self._write(writer, setting(self.settings, "EDITIONS_SAVE_AS"), "editions")
        self._write(writer, setting(self.settings, "LATEST_SAVE_AS"), "latest")
        self.write_builds_log()
        self.write_alerts(writer)

    def write_alerts(self, writer: Any) -> None:
        """Each alert's page and its Atom, RSS and JSON feeds; the alerts index."""
        alerts = self.context["alerts"]
        if not alerts:
            return
        base = feed_url(self.settings)
        for alert in alerts:
            self._write(writer, alert.save_as, "alert", alert=alert)
            for key, kind in (("ALERT_FEED_ATOM", "atom"), ("ALERT_FEED_RSS", "rss")):
                path = setting(self.settings, key).format(slug=alert.slug)
                writer.write_feed(
                    alert.articles, self.context, path, feed_type=kind, feed_title=alert.feed_title
                )
            path = setting(self.settings, "ALERT_FEED_JSON").format(slug=alert.slug)
            text = json_feed(
                alert.articles,
                self.settings,
                base,
                title=f"{self.settings.get('SITENAME', '')}: {alert.feed_title}",
                home_page=f"{base}/{alert.url}",
                path=path,
            )
            target = Path(self.output_path) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        self._write(writer, setting(self.settings, "ALERTS_SAVE_AS"), "alerts")

    def write_builds_log(self) -> None:
        """The builds log and its Atom, RSS and JSON feeds, one entry per build."""
        output = Path(self.output_path)
        base, page = feed_url(self.settings), setting(self.settings, "LATEST_URL")
        files = {builds_log.LOG_FILE: builds_log.log_text(self.builds_log)}
        for key, make in (
            ("EDITIONS_FEED_ATOM", builds_log.atom_feed),
            ("EDITIONS_FEED_RSS", builds_log.rss_feed),
            ("EDITIONS_FEED_JSON", builds_log.json_feed),
        ):
            path = setting(self.settings, key)
            files[path] = make(self.context["builds"], self.settings, base, path, page)
        for path, text in files.items():
            target = output / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
