"""Pages and feeds whose inputs did not change are taken from the previous site.

Pelican renders every page and feed on every build; at 10,000 briefs that is most
of a rebuild.  ``ReusingWriter`` (given to Pelican through its ``get_writer``
signal) fingerprints what a brief page, a tag or source page, or a feed is made
from, and when the fingerprint is the one the previous build recorded for that
output file and the file is still in the previous site as written, it links the
file into the new site instead of rendering it.

- The site-wide part of every fingerprint: Pelican's version, the plugin's code, the
  theme's files, the settings, and the hand-written pages in the navigation.
- A page's own part: the keyword arguments Pelican renders it with.  A brief counts
  by its source path, URL, metadata (tags, date, source, entities...), text and
  story (on tag and source pages, which show it as a card, without its text:
  ``CARD_PAGES``); tags and sources by their name and slug; lists by their items.  Pelican's
  ``all_articles`` argument is left out: no template of this theme reads it (a test
  checks), and it would make every tag page depend on every brief.
- A tag or source page is fingerprinted page by page (``ReusingWriter._write_pages``):
  the cards on that page, its number and the page count, the tag and its entity counts,
  not the tag's whole lists (a test checks the templates read only their page).
- Only the templates listed in ``REUSABLE`` and feeds are reused: their output
  depends on those inputs alone.  Index, archive, story and other pages always
  render (few, and they show site-wide lists).

The record (output file -> fingerprint, size, modification time, SHA-256) is kept
in the cache folder; reused files are hard links, so they keep the size and time
the record expects, and a site restored with other times (a CI cache) is checked
by hash instead.  Only ``news-digest build`` has a previous site to take from (it
builds into a fresh folder beside ``output/``); plain ``pelican`` renders everything.
A reused feed does not pass through Pelican's ``feed_generated``/``feed_written``
signals (it is not generated); a plugin relying on them would see only new feeds.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import shutil
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from importlib.metadata import version
from pathlib import Path, PurePath
from typing import Any

from pelican.paginator import Paginator

from news_digest.core.cache import (
    ResultCache,
    cache_key,
    file_sha256,
    source_digest,
    still_as_recorded,
)
from news_digest.site.pelican_internals import RecordingWriter, raw_content
from news_digest.site.state import STATE_KEY, build_of

log = logging.getLogger(__name__)
REUSABLE = frozenset({"article.html", "tag.html", "category.html"})
# Pages that show briefs as cards only (title, meta line, summary, story coverage, three
# tags: _macros.html's brief_card_html), never their text: a brief whose related links
# changed (adding a seed changes ~70 of 2,000) leaves its tag and source pages as they
# were.  A test checks these templates read no brief text.
CARD_PAGES = frozenset({"tag.html", "category.html"})
RECORD_KEY = cache_key("page-record")
CARDS_KEY = cache_key("brief-cards")
IGNORED_ARGUMENTS = frozenset({"all_articles"})
# A paginated card page (tag, source) is fingerprinted page by page: its own briefs, its
# number and the page count, its group and the group's entity counts (tag.html's header),
# not the group's whole lists (``articles``, ``dates``: a test checks the templates read
# only their pages).  So a brief whose card changed re-renders the pages it is on, not
# all of its tags' (53 pages for one tag of the 2,000-seed bench corpus).
PAGE_LISTS = frozenset({"articles", "dates", *IGNORED_ARGUMENTS})
FEED_ARGUMENTS = ("url", "feed_type", "override_output", "feed_title")  # after ``path``
PLAIN = (str, int, float, bool, type(None))

FileRecord = tuple[str, int, int, str]  # path in the site, size, mtime in ns, SHA-256


def _is_article(value: Any) -> bool:
    """A brief (Pelican content): fingerprinted by ``PageReuse._article``."""
    return hasattr(value, "_content") and hasattr(value, "metadata")


class Unfingerprintable(Exception):
    """A page argument of a kind whose content is not known: render the page."""


class PageReuse:
    """Fingerprints of this build's pages, and what the previous build left."""

    def __init__(self, settings: dict[str, Any], cache_dir: Path, previous: Path | None) -> None:
        self.cache = ResultCache(cache_dir)
        self.previous = previous
        self.site_key = site_fingerprint(settings)
        self.navigation_key: str | None = None
        self.old: dict[str, tuple[str, list[FileRecord]]] = {}
        self.new: dict[str, tuple[str, dict[str, str]]] = {}  # name -> key, {file: SHA-256}
        self.taken: dict[str, list[FileRecord]] = {}  # reused: the records they came with
        self.reused = 0
        self._articles: dict[tuple[int, bool], str] = {}
        self._parts: dict[int, tuple[str, str]] = {}
        self._folders: set[Path] = set()  # folders restore has made in this build's site
        self.cards = CardStore(self)
        stored = self.cache.get(RECORD_KEY)
        site = str(previous.resolve()) if previous is not None else None
        if isinstance(stored, dict) and site is not None and stored.get("site") == site:
            self.old = stored["pages"]

    def key(
        self, kind: str, arguments: dict[str, Any], context: dict[str, Any], cards: bool = False
    ) -> str | None:
        """The fingerprint of one page or feed; None when it cannot be known.  ``cards``:
        the page shows its briefs as cards, so their text is left out."""
        if self.navigation_key is None:  # the hand-written pages every page links to
            pages = [(p.url, str(p.title), p.save_as) for p in context.get("pages", [])]
            self.navigation_key = hashlib.sha256(repr(pages).encode()).hexdigest()
        digest = hashlib.sha256(f"{self.site_key}\0{self.navigation_key}\0{kind}".encode())
        try:
            for name in sorted(arguments):
                if name not in IGNORED_ARGUMENTS:
                    digest.update(f"\0{name}=".encode())
                    self._update(digest, arguments[name], cards)
        except Unfingerprintable:
            return None
        return digest.hexdigest()

    def _update(self, digest: Any, value: Any, cards: bool = False) -> None:
        if isinstance(value, PLAIN):
            digest.update(repr(value).encode())
        elif isinstance(value, list | tuple):
            # A list of briefs (most of what a tag page or feed is made of) in one update:
            # the same bytes as item by item (57,000 calls a no-change rebuild at 2,000)
            if all(_is_article(item) for item in value):
                parts = [self._article(item, cards) for item in value]
                digest.update(f"[{''.join(f'{part},' for part in parts)}]".encode())
                return
            digest.update(b"[")
            for item in value:
                self._update(digest, item, cards)
                digest.update(b",")
            digest.update(b"]")
        elif _is_article(value):
            digest.update(self._article(value, cards).encode())
        elif hasattr(value, "slug") and hasattr(value, "name") and not hasattr(value, "_content"):
            digest.update(f"<{type(value).__name__} {value.name!r} {value.slug!r}>".encode())
        else:
            raise Unfingerprintable(type(value).__name__)

    def _article(self, article: Any, card: bool = False) -> str:
        """A brief's fingerprint: everything its page, card and feed entry show; with
        ``card``, what its card shows (not its text, unless the summary comes from it)."""
        card = card and "summary" in article.metadata
        known = self._articles.get((id(article), card))
        if known is None:
            # What the card and the page both show, worked out once per brief (Pelican
            # formats ``save_as`` from the settings on every use: 0.4 ms a call profiled)
            head, tail = self._parts.get(id(article)) or self._parts.setdefault(
                id(article), self._shown(article)
            )
            text = "" if card else raw_content(article)
            known = hashlib.sha256("\0".join((head, text, tail)).encode()).hexdigest()
            self._articles[(id(article), card)] = known
        return known

    @staticmethod
    def _shown(article: Any) -> tuple[str, str]:
        """A brief's fingerprint parts before and after its text."""
        story = getattr(article, "story_page", None)
        head = "\0".join((str(article.source_path), article.url, article.save_as))
        tail = "\0".join(
            (
                repr(sorted((k, repr(v)) for k, v in article.metadata.items())),
                repr(_story_shown(story)),
            )
        )
        return head, tail

    def card(self, article: Any, level: int, siteurl: str) -> str | None:
        """A brief card's HTML as an earlier build rendered it from the same inputs."""
        return self.cards.get(article, level, siteurl)

    def remember_card(self, article: Any, level: int, siteurl: str, html: str) -> None:
        self.cards.put(article, level, siteurl, html)

    def restore(self, output: Path, name: str, key: str) -> list[Path] | None:
        """Link the previous build's files for ``name`` into ``output``; None if not possible.

        A file counts as the one recorded when its size and modification time are (or,
        after a copy or a CI cache restore changed its time, its SHA-256 is)."""
        old = self.old.get(name)
        if old is None or old[0] != key or self.previous is None:
            return None
        as_written = True  # every file with its recorded size and time (not only bytes)
        try:
            for rel, size, mtime_ns, digest in old[1]:
                stat = os.stat(self.previous / rel)
                if (stat.st_size, stat.st_mtime_ns) != (size, mtime_ns):
                    as_written = False
                    if not still_as_recorded(self.previous / rel, size, mtime_ns, digest):
                        return None
        except OSError:
            return None
        targets = []
        for rel, *_ in old[1]:
            target = output / rel
            if target.parent not in self._folders:  # one mkdir a folder, not one a file
                target.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(target.parent)
            try:
                os.link(self.previous / rel, target)
            except OSError:
                shutil.copy2(self.previous / rel, target)
            targets.append(target)
        self.new[name] = (key, {rel: digest for rel, _, _, digest in old[1]})
        if as_written:  # links (or copies with their times): the records hold as they are
            self.taken[name] = old[1]
        self.reused += 1
        return targets

    def remember(self, name: str, key: str, output: Path, files: Iterable[str]) -> None:
        rels = sorted(Path(f).relative_to(output).as_posix() for f in files)
        self.new[name] = (key, dict.fromkeys(rels, ""))  # hashed when saved

    def save(self, output: Path, site: Path, articles: Iterable[Any] = ()) -> None:
        """Record this build's pages (their files as they are now) for the next build,
        and the cards of ``articles`` (this build's briefs)."""
        pages: dict[str, tuple[str, list[FileRecord]]] = {}
        for name, (key, files) in self.new.items():
            if name in self.taken:  # no stat of ~3,500 reused files a rebuild
                pages[name] = (key, self.taken[name])
                continue
            records = []
            for rel, digest in files.items():
                stat = (output / rel).stat()
                digest = digest or file_sha256(output / rel)
                records.append((rel, stat.st_size, stat.st_mtime_ns, digest))
            pages[name] = (key, records)
        self.cache.put(RECORD_KEY, {"site": str(site.resolve()), "pages": pages})
        self.cards.save(articles)


class CardStore:
    """Brief cards (``_macros.html``'s ``brief_card_html``) kept from build to build.

    A card shows what the card fingerprint holds (``PageReuse._article`` with ``card``:
    title, URL, metadata, summary, story; a test checks the macro reads nothing else)
    plus its story's count of outlets, at one heading level and site URL; with the
    site-wide fingerprint (theme, settings, code) that is everything its HTML depends
    on.  So an index, edition, story, tag or source page that renders again takes the
    cards of unchanged briefs as they were.  Kept: the cards of this build's briefs.
    """

    def __init__(self, reuse: PageReuse) -> None:
        self.reuse = reuse
        self.old: dict[tuple[str, int, str, int], str] | None = None  # loaded when asked
        self.used: dict[tuple[str, int, str, int], str] = {}
        self.new = 0

    def _key(self, article: Any, level: int, siteurl: str) -> tuple[str, int, str, int]:
        story = getattr(article, "story_page", None)
        outlets = len(story.sources) if story is not None else -1
        return (self.reuse._article(article, True), level, siteurl, outlets)

    def get(self, article: Any, level: int, siteurl: str) -> str | None:
        if self.old is None:
            stored = self.reuse.cache.get(CARDS_KEY)
            valid = isinstance(stored, dict) and stored.get("site") == self.reuse.site_key
            self.old = stored["cards"] if isinstance(stored, dict) and valid else {}
        key = self._key(article, level, siteurl)
        html = self.old.get(key)
        if html is not None:
            self.used[key] = html
        return html

    def put(self, article: Any, level: int, siteurl: str, html: str) -> None:
        self.used[self._key(article, level, siteurl)] = html
        self.new += 1

    def save(self, articles: Iterable[Any]) -> None:
        """Keep the cards of ``articles`` (saved only when one was new): those this
        build showed, and those an earlier build showed that still hold."""
        if not self.new:
            return
        current = {self.reuse._article(article, True) for article in articles}
        cards = {k: v for k, v in (self.old or {}).items() if k[0] in current}
        cards.update(self.used)
        self.reuse.cache.put(CARDS_KEY, {"site": self.reuse.site_key, "cards": cards})


def paginated_lists(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The lists Pelican's ``Writer.write_file`` paginates for these arguments: those it
    is given as ``paginated``, else its ``articles`` and ``dates`` (Pelican 4.12)."""
    lists = kwargs.get("paginated")
    if lists is not None:
        return dict(lists)
    return {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}


def _story_shown(story: Any) -> tuple[Any, ...] | None:
    """What a brief's page and card show of its story: its link, title, reports, outlets."""
    return (story.url, story.title, len(story.reports), story.sources) if story else None


def stats_fingerprint(stats: Any) -> str:
    """A tag's entity counts (``stories.EntityStats``) as stable text; "" for none."""
    if stats is None:
        return ""
    if dataclasses.is_dataclass(stats) and not isinstance(stats, type):
        return f"{type(stats).__name__}{_stable_repr(dataclasses.asdict(stats))}"
    raise Unfingerprintable(type(stats).__name__)


def site_fingerprint(settings: dict[str, Any]) -> str:
    """What every page depends on: Pelican, this plugin, the theme and the settings."""
    digest = hashlib.sha256(f"pelican {version('pelican')} {source_digest()}".encode())
    theme = Path(str(settings.get("THEME", "")))
    for path in sorted(p for p in theme.rglob("*") if p.is_file()):
        digest.update(path.relative_to(theme).as_posix().encode() + b"\0" + path.read_bytes())
    for name, value in sorted(settings.items()):
        if name not in {"OUTPUT_PATH", "PATH", STATE_KEY}:
            digest.update(f"{name}={_stable_repr(value)}\n".encode())
    return digest.hexdigest()


def _stable_repr(value: Any) -> str:
    """repr() for plain data; the type name for objects whose repr has an address."""
    if isinstance(value, PLAIN):
        return repr(value)
    if isinstance(value, PurePath | date | timedelta):
        return f"{type(value).__name__}({value})"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"<{getattr(value, '__module__', '')}.{value.__qualname__}>"
    if isinstance(value, list | tuple | set | frozenset):
        items = [_stable_repr(v) for v in value]
        return f"[{', '.join(sorted(items) if isinstance(value, set | frozenset) else items)}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_stable_repr(k)}: {_stable_repr(v)}" for k, v in sorted(
            value.items(), key=lambda item: repr(item[0])
        )) + "}"  # fmt: skip
    return f"<{type(value).__module__}.{type(value).__qualname__}>"


class ReusingWriter(RecordingWriter):
    """Pelican's writer, taking unchanged brief, tag and source pages and feeds as they were."""

    @property
    def reuse(self) -> PageReuse | None:
        """This run's PageReuse (site.state), made when Pelican asked for the writer."""
        return build_of(self.settings).reuse

    def write_file(self, name: Any, template: Any, context: Any, *args: Any, **kwargs: Any) -> None:
        reuse = self.reuse
        template_name = getattr(template, "name", "")
        if reuse is None or not name or template_name not in REUSABLE or args:
            super().write_file(name, template, context, *args, **kwargs)
            return
        if template_name in CARD_PAGES and self._paginated(kwargs):
            self._write_pages(reuse, name, template, context, kwargs)
            return
        key = reuse.key(
            f"page {template_name} {name}", kwargs, context, template_name in CARD_PAGES
        )
        if key is None or not self._take(reuse, name, key, context, kwargs):
            self._render(reuse, name, key, lambda: super(ReusingWriter, self).write_file(
                name, template, context, **kwargs
            ))  # fmt: skip

    def _paginated(self, kwargs: dict[str, Any]) -> bool:
        """Whether Pelican's ``write_file`` would paginate a page with these arguments."""
        lists = paginated_lists(kwargs)
        return bool(lists) and kwargs.get("template_name") in self.settings["PAGINATED_TEMPLATES"]

    def _write_pages(
        self, reuse: PageReuse, name: str, template: Any, context: Any, kwargs: dict[str, Any]
    ) -> None:
        """A paginated card page, each page taken or rendered by its own fingerprint.

        The pages, their paginators and their arguments are made as Pelican's
        ``Writer.write_file`` makes them (Pelican 4.12), and each is rendered by
        ``write_file`` as a page of its own (no ``template_name``: no pagination), which
        writes what the paginated call writes for it.
        """
        paginated = paginated_lists(kwargs)
        options = dict(kwargs)
        relative_urls = options.pop("relative_urls", False)
        options.pop("paginated", None)
        template_name = options.pop("template_name")
        override_output = options.pop("override_output", False)
        url = options.pop("url", None)
        per_page = (
            self.settings["PAGINATED_TEMPLATES"][template_name]
            or self.settings["DEFAULT_PAGINATION"]
        )
        paginators = {
            key: Paginator(name, url, val, self.settings, per_page)
            for key, val in paginated.items()
        }
        kind = getattr(template, "name", "")
        group = options.get(str(template_name))  # the tag or category
        try:  # the group's counts, once for all its pages
            stats: str | None = stats_fingerprint(
                (context.get("entity_stats") or {}).get(getattr(group, "name", None))
            )
        except Unfingerprintable:
            stats = None  # rendered, every page
        shown = {k: v for k, v in options.items() if k not in PAGE_LISTS}
        first = next(iter(paginators.values()))
        for page_num in range(first.num_pages):
            page_kwargs = options.copy()
            for key, paginator in paginators.items():
                previous_page = paginator.page(page_num) if page_num > 0 else None
                page = paginator.page(page_num + 1)
                next_page = (
                    paginator.page(page_num + 2) if page_num + 1 < paginator.num_pages else None
                )
                page_kwargs.update(
                    {
                        f"{key}_paginator": paginator,
                        f"{key}_page": page,
                        f"{key}_previous_page": previous_page,
                        f"{key}_next_page": next_page,
                    }
                )
            save_as = page.save_as  # as Pelican names the file: the last list's page
            own = page_kwargs.get("articles_page", page)
            arguments = {
                **shown,
                "page_briefs": list(own.object_list),
                "page_number": own.number,
                "page_count": first.num_pages,
                "page_url_of_group": (url, name),
                "entity_stats": stats,
            }
            page_key = None
            if stats is not None:
                page_key = reuse.key(f"page {kind} {save_as} of {name}", arguments, context, True)

            def write(save_as: str = save_as, page_kwargs: dict[str, Any] = page_kwargs) -> None:
                super(ReusingWriter, self).write_file(
                    save_as, template, context, relative_urls=relative_urls,
                    override_output=override_output, **page_kwargs,
                )  # fmt: skip

            if page_key is None or not self._take(reuse, save_as, page_key, context, page_kwargs):
                self._render(reuse, save_as, page_key, write)

    def write_feed(
        self, elements: Any, context: Any, path: Any = None, *args: Any, **kwargs: Any
    ) -> Any:
        reuse = self.reuse
        if reuse is None or not path:
            return super().write_feed(elements, context, path, *args, **kwargs)
        kwargs.update(zip(FEED_ARGUMENTS, args, strict=False))  # Pelican passes url by position
        limit = self.settings.get("FEED_MAX_ITEMS")
        arguments = {"elements": list(elements[:limit]), **kwargs}
        key = reuse.key(f"feed {path}", arguments, context)
        if key is not None and self._take(reuse, path, key, context, kwargs):
            return None
        return self._render(reuse, path, key, lambda: super(ReusingWriter, self).write_feed(
            elements, context, path, **kwargs
        ))  # fmt: skip

    def _render(
        self, reuse: PageReuse, name: str, key: str | None, write: Callable[[], Any]
    ) -> Any:
        """Write a page or feed as Pelican does, and remember its files under ``key``."""
        result, opened = self.recording(write)
        if key is not None:
            reuse.remember(name, key, Path(self.output_path), opened)
        return result

    def _take(
        self, reuse: PageReuse, name: str, key: str, context: Any, kwargs: dict[str, Any]
    ) -> bool:
        files = reuse.restore(Path(self.output_path), name, key)
        if files is None:
            return False
        self.taken(files, context, kwargs)
        return True
