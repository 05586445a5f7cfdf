"""Every place news-digest leans on Pelican's internals, in one module.

Each function or class below says which Pelican function it stands in for and why;
the plugin refuses to register outside the Pelican versions these were checked
against (``TESTED_PELICAN``).  Elsewhere the adapter uses Pelican's public
settings, signals and objects only.

Make Pelican's page writing cheaper at thousands of briefs, without changing a byte.

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
- Pelican's Markdown reader builds a new ``Markdown`` object (every extension
  loaded again) for each file and converts the summary as a second document.
  ``ReusingMarkdownReader`` keeps two instances (documents; metadata fields) and
  resets them between files, and a one-line summary without any Markdown or HTML
  character becomes ``<p>...</p>`` directly, which is what Markdown makes of it.
- A brief was already converted: its body by the per-seed workers, its header by
  the header check.  ``ReusingMarkdownReader`` takes both for a file whose text is
  the one the plugin wrote, so no brief is read twice.
"""

from __future__ import annotations

import gzip
import logging
import os
import pickle
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from markdown import Markdown
from markupsafe import Markup
from pelican import signals
from pelican.cache import FileStampDataCacher
from pelican.contents import Content
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open
from pelican.writers import FileOverwriteFailedError, Writer

from news_digest.site.state import build_of

log = logging.getLogger(__name__)
META_PRIORITY = 27  # where markdown.extensions.meta registers its preprocessor

CARD_MACRO = "brief_card_html"
CARD_TEMPLATE = "_macros.html"


def forget_linked_content() -> None:
    """Empty ``Content.get_content``'s memo (Pelican's ``memoized``: the HTML with its
    links resolved, by content and site URL, for the whole run); asked again, it is
    made again, the same."""
    memo = getattr(Content.__dict__.get("get_content"), "cache", None)
    if isinstance(memo, dict):
        memo.clear()


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

    def __init__(self, env: Any, settings: dict[str, Any] | None = None) -> None:
        self.env = env
        self.settings = settings
        self.macro: Callable[..., str] | None = None  # looked up at the first card

    def __call__(self, article: Any, level: int, siteurl: str) -> Markup:
        cards: dict[tuple[int, str], Markup] | None = getattr(article, "_digest_cards", None)
        if cards is None:
            cards = article._digest_cards = {}
        key = (level, siteurl)
        card = cards.get(key)
        if card is None:
            # The previous build's card, when it showed exactly this (page_reuse.CardStore)
            store = build_of(self.settings).reuse if self.settings is not None else None
            known = store.card(article, level, siteurl) if store is not None else None
            if known is None:
                if self.macro is None:
                    self.macro = getattr(self.env.get_template(CARD_TEMPLATE).module, CARD_MACRO)
                known = str(self.macro(article, level, siteurl))
                if store is not None:
                    store.remember_card(article, level, siteurl, known)
            card = cards[key] = Markup(known)
        return card


def add_card_cache(generator: Any) -> None:
    """Give every generator's template environment the card cache."""
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["digest_card"] = CardCache(env, getattr(generator, "settings", None))


def skip_idle_generator_cache(generator: Any) -> None:
    """``FileStampDataCacher.get_cached_data``/``cache_data`` on the articles and pages
    generators, which hash every file (``CHECK_MODIFIED_METHOD``) before looking at a
    cache that, with Pelican's default reader-level caching, is empty and never
    written: two MD5s of every brief per build, besides the reader cache's own (0.5 +
    0.7 of 23 CPU-s profiled, no-change rebuild at 2,000 briefs).  While the generator
    neither keeps nor loaded anything, both answer at once as they would after hashing."""
    if not isinstance(generator, FileStampDataCacher):
        return
    get_cached_data, cache_data = generator.get_cached_data, generator.cache_data

    def idle() -> bool:  # (the policies are set after generator_init)
        return not getattr(generator, "_cache_data_policy", True) and not getattr(
            generator, "_cache", True
        )

    def getting(filename: str, default: Any = None) -> Any:
        return default if idle() else get_cached_data(filename, default)

    def caching(filename: str, data: Any) -> None:
        if not idle():
            cache_data(filename, data)

    generator.get_cached_data, generator.cache_data = getting, caching


# Characters that make Markdown (or an extension: abbreviations, footnotes, attribute
# lists) do more to a line than wrap it in <p>, wherever they are.  Block syntax
# (lists, headings, quotes, definitions) needs a line that starts with something other
# than a letter, so a plain line must start with one.
MARKDOWN_SYNTAX = frozenset("\\`*_{}[]<>&\n\r\t")


class ReusingMarkdownReader(MarkdownReader):  # type: ignore[misc]
    """Pelican's Markdown reader with its Markdown objects made once, not per file, and
    briefs taken as this run made them: a file whose text is exactly a brief the plugin
    just wrote gets that brief's HTML (its body made by the per-seed workers) and the
    metadata the header check read from that very text (``DigestBuild.prepared_brief``),
    so it is not converted again; any other file (hand-written pages, a brief changed
    since, an autoreload's) is converted as Pelican does."""

    _document: Markdown | None = None
    _fields: Markdown | None = None

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        self._source_path = source_path
        with pelican_open(source_path) as text:
            prepared = build_of(self.settings).prepared_brief(text)
            if prepared is not None:
                return prepared
            if self._document is None:
                self._document = Markdown(**self.settings["MARKDOWN"])
            document = self._document
            document.reset()
            content = document.convert(text)
        meta = getattr(document, "Meta", None)
        return content, (self._parse_metadata(meta) if meta is not None else {})

    def _parse_metadata(self, meta: dict[str, list[str]]) -> dict[str, Any]:
        """Pelican's, with plain one-line summaries taken as they are."""
        formatted = self.settings["FORMATTED_FIELDS"]
        plain = {}
        for name, value in meta.items():
            if name.lower() in formatted and len(value) == 1 and _plain(value[0]):
                plain[name.lower()] = f"<p>{value[0].strip()}</p>"
        rest = {name: value for name, value in meta.items() if name.lower() not in plain}
        if self._fields is None:  # Pelican removes the metadata step from its instance
            self._fields = Markdown(**self.settings["MARKDOWN"])
        try:
            meta_step = self._fields.preprocessors["meta"]
        except KeyError:
            meta_step = None
        self._md = self._fields
        try:
            output: dict[str, Any] = super()._parse_metadata(rest)
        finally:
            if meta_step is not None and "meta" not in self._fields.preprocessors:
                self._fields.preprocessors.register(meta_step, "meta", META_PRIORITY)
        output.update({name: self.process_metadata(name, html) for name, html in plain.items()})
        return output


def _plain(text: str) -> bool:
    """Whether Markdown would make exactly ``<p>text</p>`` of this one-line field."""
    text = text.strip()
    return text[:1].isalpha() and not MARKDOWN_SYNTAX.intersection(text)


def use_reusing_reader(readers: Any) -> None:
    """Read Markdown with ``ReusingMarkdownReader`` (readers_init signal), and save
    the reader cache only when it changed."""
    for extension, reader in list(readers.reader_classes.items()):
        if reader is MarkdownReader:
            readers.reader_classes[extension] = ReusingMarkdownReader
    save_cache_when_changed(readers)


def save_cache_when_changed(readers: Any) -> None:
    """Pelican's ``Readers.save_cache`` pickles (and gzips) every file's content and
    metadata at the end of reading (0.8 CPU-s at 2,000 briefs), even when every file
    came from the cache: then the cache file would get the same entries again, so it
    is kept as it is (``FileDataCacher.cache_data`` is the only way an entry changes).
    A cache that changed is saved once the pages are written, beside the build's last
    steps (``DigestBuild.save_caches``): nothing reads it before the next build."""
    cache_data = readers.cache_data
    changed = [False]  # (readers_init comes before the cache is loaded)

    def noting_cache_data(filename: str, data: Any) -> None:
        changed[0] = True
        cache_data(filename, data)

    def saving_if_changed() -> None:
        if changed[0] or not Path(readers._cache_path).is_file():
            build_of(readers.settings).pending_cache_saves.append(partial(save_cache, readers))

    readers.cache_data = noting_cache_data
    readers.save_cache = saving_if_changed
    load_chunks_on_first_use(readers)


# The reader cache on disk (``save_cache``): an empty dict first, all that Pelican's
# own loader reads (a Pelican without this plugin starts with no cache, as on a first
# run), then the entries in chunks of CACHE_CHUNK, each a pickle of its own, each
# article's HTML as UTF-8 bytes.  Pickled whole, the cache's memo held every object of
# every article at once, and pickling a str keeps its UTF-8 form inside the object for
# good (CPython's PyUnicode_AsUTF8AndSize): every article's HTML then carried a second
# copy to the build's end, where its memory peaks (10,000 briefs: 57 MB of such copies
# and the memo of 840,000 objects; tracemalloc).
CACHE_CHUNK = 500


def load_chunks_on_first_use(readers: Any) -> None:
    """Pelican loads its reader cache after ``readers_init``; the entries that follow
    the empty dict it read are loaded when the cache is first asked (a cache Pelican
    wrote itself, non-empty, is kept as it is)."""
    get_cached_data = readers.get_cached_data
    loaded = [False]

    def loading_then_get(filename: str, default: Any = None) -> Any:
        if not loaded[0]:
            loaded[0] = True
            if not readers._cache and readers.settings.get("LOAD_CONTENT_CACHE"):
                readers._cache = load_cache_chunks(Path(readers._cache_path), readers._cache_open)
        return get_cached_data(filename, default)

    readers.get_cached_data = loading_then_get


# gzip's fastest level for the reader cache (GZIP_CACHE): Pelican's gzip.open writes at
# level 9, 1.1 CPU-s for the 15.5 MB pickle of 2,000 briefs, level 1 0.17 s (4.8 MB
# against 3.8 MB; loaded machine, 2026-12-01).  Pelican reads either alike.
CACHE_GZIP_LEVEL = 1


def save_cache(readers: Any) -> None:
    """``FileDataCacher.save_cache``, through a temporary file renamed into place: the
    save runs beside the build's last steps, and a build killed meanwhile must not
    leave half a cache (Pelican's loader fails on a cut gzip file)."""
    if not readers._cache_data_policy:
        return
    final = Path(readers._cache_path)
    temporary = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    opener = readers._cache_open
    if opener is gzip.open:
        opener = partial(gzip.open, compresslevel=CACHE_GZIP_LEVEL)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        with opener(str(temporary), "wb") as handle:
            pickle.dump({}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            entries = list(readers._cache.items())
            for start in range(0, len(entries), CACHE_CHUNK):
                chunk = entries[start : start + CACHE_CHUNK]
                pickle.dump([_stored(*entry) for entry in chunk], handle, pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, final)
    except (OSError, pickle.PicklingError, TypeError) as error:
        temporary.unlink(missing_ok=True)
        log.warning("Could not save cache %s\n ... %s", final, error)


def _stored(path: str, value: Any) -> tuple[Any, ...]:
    """A reader cache entry as a chunk holds it: (stamp, (html, metadata)) with the
    HTML in UTF-8 (a copy that dies with the chunk); any other shape as it is."""
    match value:
        case (stamp, (str() as html, dict() as metadata)):
            return (path, stamp, html.encode("utf-8", "surrogatepass"), metadata)
    return (path, value)


def load_cache_chunks(path: Path, opener: Callable[..., Any]) -> dict[str, Any]:
    """The entries ``save_cache`` wrote after the empty dict; none from a file that is
    missing, cut or foreign (those files are read again, as on a first run)."""
    cache: dict[str, Any] = {}
    try:
        with opener(str(path), "rb") as handle:
            pickle.load(handle)  # the empty dict Pelican read
            while True:
                try:
                    chunk = pickle.load(handle)
                except EOFError:
                    return cache
                for entry in chunk:
                    if len(entry) == 4:
                        name, stamp, html, metadata = entry
                        cache[name] = (stamp, (html.decode("utf-8", "surrogatepass"), metadata))
                    else:
                        name, value = entry
                        cache[name] = value
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError) as error:
        log.debug("reader cache %s not loaded (%s): every file is read again", path, error)
    return {}


# Pelican versions whose internals below were read and tested (pyproject.toml pins
# the same range): generate_tags & co., Writer._open_w/_written_files,
# MarkdownReader._parse_metadata/_md/_source_path, Content._content,
# Readers.cache_data/save_cache/_cache_path/_cache/_cache_open/_cache_data_policy,
# Content.get_content's memo (pelican.utils.memoized: a ``cache`` dict).
TESTED_PELICAN = ((4, 11), (4, 13))  # from 4.11 up to, not including, 4.13


def check_pelican_version(installed: str) -> None:
    """Refuse to run on a Pelican whose internals may differ: a clear message, not
    wrong pages."""
    parts = tuple(int(p) for p in installed.split(".")[:2] if p.isdigit())
    low, high = TESTED_PELICAN
    if not low <= parts < high:
        raise RuntimeError(
            f"news-digest works with Pelican {low[0]}.{low[1]} up to (not including) "
            f"{high[0]}.{high[1]}; this is Pelican {installed}: install a version in that "
            "range (pyproject.toml pins it)"
        )


def raw_content(article: Any) -> str:
    """The article's HTML as the reader made it (``Content._content``): Pelican's
    ``content`` property would rewrite its links for a site URL on every call."""
    return str(article._content)


class RecordingWriter(Writer):  # type: ignore[misc]
    """Pelican's writer that notes the files each page or feed writes, and can count
    a file it did not write (taken from the previous site) as written."""

    _opened: list[str] | None = None  # while a page or feed is written: its files

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        """Pelican's ``Writer._open_w`` (every page and feed file is opened through it),
        noting which files the current page or feed wrote."""
        if self._opened is not None:
            self._opened.append(filename)
        return super()._open_w(filename, encoding, override)

    def recording(self, write: Callable[[], Any]) -> tuple[Any, list[str]]:
        """Run ``write`` (a page or feed of Pelican's); what it returned and its files."""
        opened: list[str] = []
        self._opened = opened
        try:
            return write(), opened
        finally:
            self._opened = None

    def taken(self, files: list[Path], context: dict[str, Any], kwargs: dict[str, Any]) -> None:
        """Files placed by hand count as written (``Writer._written_files``: Pelican's
        overwrite check), and each page fires ``content_written`` as Pelican's
        ``write_file`` does, so plugins listening to it (a sitemap) see every page."""
        self._written_files.update(str(f) for f in files)
        for path in files:
            if path.suffix == ".html":
                name = path.relative_to(self.output_path).as_posix()
                local = {**context, "output_file": name, **kwargs}
                signals.content_written.send(str(path), context=local)
