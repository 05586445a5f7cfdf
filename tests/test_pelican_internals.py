"""The render speed-ups (site/pelican_internals.py) change how fast pages are made, never a byte."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import tree_digest
from news_digest.site import extras, pelican_internals, plugin
from pelican.cache import FileStampDataCacher
from site_checks import build_showcase

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers


def test_showcase_is_byte_identical_without_the_speed_ups(
    showcase_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pelican_internals, "speed_up_articles", lambda generator: None)
    monkeypatch.setattr(pelican_internals, "add_card_cache", lambda generator: None)
    monkeypatch.setattr(pelican_internals, "use_reusing_reader", lambda readers: None)
    monkeypatch.setattr(pelican_internals, "skip_idle_generator_cache", lambda generator: None)
    monkeypatch.setattr(plugin, "use_bytecode_cache", lambda generator, cache_dir: None)
    plain = build_showcase(tmp_path)
    assert tree_digest(plain) == tree_digest(showcase_site)


class Named:
    def __init__(self, name: str) -> None:
        self.name = self.slug = self.page_name = name
        self.save_as = self.url = f"{name}.html"


class Item:
    def __init__(self, day: int) -> None:
        self.day = day


def test_taxonomy_pages_get_each_groups_articles_in_date_order() -> None:
    """The one-pass grouping gives what Pelican's ``[a for a in dates if a in group]`` gives."""
    items = [Item(day) for day in range(6)]
    red, blue, empty = Named("red"), Named("blue"), Named("empty")

    class Generator:
        def __init__(self) -> None:
            self.tags = {red: [items[4], items[1], items[1], items[3]], blue: [items[0]], empty: []}
            self.dates = sorted(items, key=lambda item: -item.day)
            self.articles = items
            self.context: dict[str, Any] = {}

        def get_template(self, kind: str) -> str:
            return f"{kind}.html"

    written: list[tuple[str, list[int]]] = []

    def write(name: str, template: str, context: dict[str, Any], **kwargs: Any) -> None:
        assert kwargs["tag"].save_as == name and template == "tag.html"
        expected = [a for a in sorted(items, key=lambda item: -item.day) if a in kwargs["articles"]]
        assert kwargs["dates"] == expected
        written.append((name, [a.day for a in kwargs["dates"]]))

    pelican_internals.write_taxonomy_pages(Generator(), "tag", write)
    assert written == [("red.html", [4, 3, 1]), ("blue.html", [0]), ("empty.html", [])]


@pytest.mark.parametrize(
    ("summary", "plain"),
    [
        ("Mayor Anna Berg said the bridge would cost forty million euros.", True),
        ('The council\'s "yes" vote (9-2) came at 10.30: a first; 100% sure!', True),
        ("Ünïcödé names, em dashes — and a #hashtag | pipe ~ tilde = equals ^ caret.", True),
        ("Two  inner  spaces and a trailing one ", True),
        ("1. A numbered start", False),
        ("- A dash start", False),
        ("Fish & chips <b>bold</b> *stars* _under_ `code` [link](x) {: #id}", False),
        ("> A quote", False),
        ("# A heading", False),
    ],
)
def test_plain_summaries_come_out_as_markdown_makes_them(summary: str, plain: bool) -> None:
    from markdown import Markdown

    assert pelican_internals._plain(summary) == plain
    if plain:
        md = Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.meta"])
        assert md.convert(summary.strip()) == f"<p>{summary.strip()}</p>"


class Stamped(FileStampDataCacher):  # type: ignore[misc]
    def __init__(self, caching: bool) -> None:
        settings = {"CACHE_PATH": "/nonexistent", "GZIP_CACHE": False}
        super().__init__({**settings, "CHECK_MODIFIED_METHOD": "md5"}, "x", caching, False)
        self.stamped: list[str] = []

    def _get_file_stamp(self, filename: str) -> str:
        self.stamped.append(filename)
        return "stamp"


@pytest.mark.unit
def test_an_idle_generator_cache_hashes_no_file_and_a_working_one_is_as_before() -> None:
    idle, working = Stamped(caching=False), Stamped(caching=True)
    for cacher in (idle, working):
        pelican_internals.skip_idle_generator_cache(cacher)
        cacher.cache_data("a.md", "data")
    assert idle.get_cached_data("a.md", "none") == "none" and idle.stamped == []
    assert working.get_cached_data("a.md", "none") == "data" and working.stamped == ["a.md"] * 2


@pytest.mark.unit
def test_the_feed_list_reads_known_feeds_by_hash_and_says_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    for name in ("a", "b"):
        (feeds / f"{name}.atom.xml").write_text(
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>Feed {name}</title><link href="https://example.org/{name}.html" '
            'rel="alternate"/></feed>',
            encoding="utf-8",
        )
    known: dict[str, tuple[str, str]] = {}
    first = extras.opml(tmp_path, {"SITENAME": "Site"}, "https://example.org", known)
    assert len(known) == 2 and "Feed a (Atom)" in first
    (feeds / "b.atom.xml").write_text(
        (feeds / "b.atom.xml").read_text(encoding="utf-8").replace("Feed b", "Feed c"),
        encoding="utf-8",
    )
    parsed: list[str] = []
    parse = extras._feed_title_and_page

    def counting(data: bytes, name: str) -> tuple[str, str]:
        parsed.append(name)
        return parse(data, name)

    monkeypatch.setattr(extras, "_feed_title_and_page", counting)
    second = extras.opml(tmp_path, {"SITENAME": "Site"}, "https://example.org", known)
    assert parsed == ["feeds/b.atom.xml"] and len(known) == 2  # the old b is forgotten
    assert second == extras.opml(tmp_path, {"SITENAME": "Site"}, "https://example.org")
    assert "Feed c (Atom)" in second and "Feed b" not in second


@pytest.mark.unit
def test_the_reader_cache_is_saved_in_chunks_that_read_back(tmp_path: Path) -> None:
    import gzip
    import pickle

    path = tmp_path / "cache" / "ArticlesGenerator-Readers"

    class Readers:
        _cache_data_policy = True
        _cache_path = str(path)
        _cache_open = staticmethod(gzip.open)

        def __init__(self) -> None:
            self._cache = {
                f"{i}.md": (b"stamp", (f"<p>Text {i} \u2014</p>", {"title": f"A{i}"}))
                for i in range(pelican_internals.CACHE_CHUNK + 3)
            }
            self._cache["odd.md"] = ("another shape",)
            self._cache["lone-surrogate.md"] = (b"stamp", ("<p>\ud800</p>", {}))

    readers = Readers()
    pelican_internals.save_cache(readers)
    assert not list((tmp_path / "cache").glob(".*.tmp"))
    with gzip.open(path, "rb") as handle:  # what Pelican's own loader reads: nothing
        assert pickle.load(handle) == {}
    assert pelican_internals.load_cache_chunks(path, gzip.open) == readers._cache
    # The HTML Pelican keeps carries no UTF-8 copy for having been pickled (a str
    # pickled keeps one inside it): its size is still that of an equal fresh string.
    html = readers._cache["1.md"][1][0]
    assert sys.getsizeof(html) == sys.getsizeof(html[:-1] + html[-1])


@pytest.mark.unit
def test_a_cut_or_foreign_reader_cache_loads_nothing(tmp_path: Path) -> None:
    import gzip
    import pickle

    whole = tmp_path / "whole"
    with gzip.open(whole, "wb") as handle:
        pickle.dump({}, handle)
        pickle.dump([("a.md", b"s", b"<p>A</p>", {})], handle)
    expected = {"a.md": (b"s", ("<p>A</p>", {}))}
    assert pelican_internals.load_cache_chunks(whole, gzip.open) == expected
    cut = tmp_path / "cut"
    cut.write_bytes(gzip.compress(gzip.decompress(whole.read_bytes())[:-5]))
    assert pelican_internals.load_cache_chunks(cut, gzip.open) == {}
    assert pelican_internals.load_cache_chunks(tmp_path / "missing", gzip.open) == {}


@pytest.mark.unit
def test_the_chunks_are_loaded_when_the_cache_is_first_asked(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "ArticlesGenerator-Readers"

    class Readers:
        _cache_data_policy = True
        _cache_path = str(path)
        _cache_open = staticmethod(gzip.open)

        def __init__(self, cache: dict[str, Any]) -> None:
            self._cache = cache
            self.settings = {"LOAD_CONTENT_CACHE": True}

        def get_cached_data(self, filename: str, default: Any = None) -> Any:
            return self._cache.get(filename, default)

    pelican_internals.save_cache(Readers({"a.md": (b"s", ("<p>A</p>", {"title": "A"}))}))
    fresh = Readers({})  # what Pelican's loader made of the file: the empty dict
    pelican_internals.load_chunks_on_first_use(fresh)
    assert fresh.get_cached_data("a.md") == (b"s", ("<p>A</p>", {"title": "A"}))
    own = Readers({"b.md": "Pelican's own cache"})  # a file Pelican wrote: kept as it is
    pelican_internals.load_chunks_on_first_use(own)
    assert own.get_cached_data("a.md") is None and own.get_cached_data("b.md")
