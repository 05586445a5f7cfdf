"""Clean links: tracking parameters off every stored URL, canonical URLs on the same host."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st
from local_web import respond, serving
from news_digest.core.errors import ConfigError
from news_digest.fetch import http
from news_digest.fetch.fetcher import fetch_sources
from news_digest.fetch.http import Client
from news_digest.fetch.pages import canonical_url, text_digest
from news_digest.fetch.sources import load_sources
from news_digest.settings import load_settings
from news_digest.text.urls import TRACKING_PARAMS, clean_url, is_tracking


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        ("https://a.example/s?utm_source=rss&utm_medium=feed", "https://a.example/s"),
        ("https://a.example/s?id=7&utm_campaign=x&p=2", "https://a.example/s?id=7&p=2"),
        ("https://a.example/s?fbclid=IwAR0&q=a%20b+c", "https://a.example/s?q=a%20b+c"),
        ("https://a.example/s?UTM_Source=x&GCLID=1", "https://a.example/s"),
        ("https://a.example/s?utm%5Fsource=x&k=v", "https://a.example/s?k=v"),
        ("https://a.example/s?mc_cid=1&mc_eid=2&_hsenc=3&_hsmi=4", "https://a.example/s"),
        ("https://a.example/s?igshid=1&yclid=2&ref_src=twsrc", "https://a.example/s"),
        ("https://a.example/s#xtor=RSS-8", "https://a.example/s"),
        ("https://a.example/s?x=1#section-2", "https://a.example/s?x=1#section-2"),
        ("https://a.example/s#a=1&utm_term=z", "https://a.example/s#a=1"),
        ("https://a.example/s?ref=home&source=rss", "https://a.example/s?ref=home&source=rss"),
        ("https://a.example/s?utm", "https://a.example/s?utm"),  # not utm_*
        ("ftp://a.example/f?utm_source=x", "ftp://a.example/f?utm_source=x"),
        ("mailto:x@a.example?utm_source=x", "mailto:x@a.example?utm_source=x"),
        ("https://a.example/s?a=1&&utm_id=2", "https://a.example/s?a=1"),
        ("not a url", "not a url"),
        ("", ""),
    ],
)
def test_clean_url(url: str, clean: str) -> None:
    assert clean_url(url) == clean


def test_more_parameters_from_the_setting() -> None:
    url = "https://a.example/s?sessionid=9&cmp_x=1&cmp=2&id=3"
    assert clean_url(url) == url
    assert clean_url(url, ("sessionid", "cmp_*")) == "https://a.example/s?cmp=2&id=3"
    settings = load_settings({"DIGEST_TRACKING_PARAMS": ["SessionID", "cmp_*"]})
    assert settings.tracking_params == ("cmp_*", "sessionid")
    for bad in ("utm_source", ["a b"], ["*"], [3], ["x=y"]):
        with pytest.raises(ConfigError, match="DIGEST_TRACKING_PARAMS"):
            load_settings({"DIGEST_TRACKING_PARAMS": bad})


def test_the_documented_list_is_in_the_operations_guide() -> None:
    guide = (Path(__file__).resolve().parents[1] / "docs" / "operations.md").read_text("utf-8")
    assert all(f"`{name}`" in guide for name in TRACKING_PARAMS)


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=12)
values = st.text(alphabet="abcXYZ0189%-._~+", max_size=8)


@given(st.lists(st.tuples(names, values), max_size=8), st.sampled_from(TRACKING_PARAMS))
def test_only_tracking_parameters_go_and_cleaning_twice_changes_nothing(
    pairs: list[tuple[str, str]], tracker: str
) -> None:
    name = tracker.replace("*", "x")
    query = "&".join(f"{k}={v}" for k, v in [*pairs, (name, "1")])
    cleaned = clean_url(f"https://a.example/p?{query}")
    kept = [f"{k}={v}" for k, v in pairs if not is_tracking(k)]
    assert cleaned == "https://a.example/p" + (f"?{'&'.join(kept)}" if kept else "")
    assert clean_url(cleaned) == cleaned


@pytest.mark.parametrize(
    ("head", "found"),
    [
        (
            "<link rel='canonical' href='/story/7?utm_source=x'>",
            "http://h.example/story/7?utm_source=x",
        ),
        ("<link rel='Canonical' href='https://h.example/s'>", "https://h.example/s"),
        ("<base href='/news/'><link rel='canonical' href='s7'>", "http://h.example/news/s7"),
        ("<link rel='canonical' href='https://other.example/s'>", None),
        ("<link rel='canonical' href='http://h.example:8080/s'>", None),
        ("<link rel='canonical' href='javascript:alert(1)'>", None),
        ("<link rel='canonical' href='//evil.example/s'>", None),
        ("<link rel='alternate' href='/other'>", None),
        ("", None),
    ],
)
def test_canonical_url_same_host_only(head: str, found: str | None) -> None:
    body = f"<html><head>{head}</head><body><p>x</p></body></html>".encode()
    assert canonical_url(body, "http://h.example/a?id=1") == found


ARTICLE = "<html><head>{head}</head><body><article><p>News.</p></article></body></html>"


class Handler(BaseHTTPRequestHandler):
    paths: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        Handler.paths.append(self.path)
        host = self.headers.get("Host")
        base = f"http://{host}"
        path = self.path.split("?")[0]
        status, body = 200, b""
        if path == "/robots.txt":
            status = 404
        elif path == "/feed.rss":
            links = [
                f"{base}/a/1?utm_source=rss&amp;id=7&amp;fbclid=IwAR",
                f"{base}/a/2?sessionid=5&amp;utm_medium=feed",
                f"{base}/a/3#xtor=RSS-8",
            ]
            items = "".join(
                f"<item><guid isPermaLink='false'>e{n}</guid><title>Story {n}</title>"
                f"<link>{link}</link><description>Text.</description></item>"
                for n, link in enumerate(links, 1)
            )
            body = (
                f"<rss version='2.0'><channel><title>T</title><link>{base}/</link>"
                f"<description>d</description>{items}</channel></rss>"
            ).encode()
        elif path == "/a/1":
            head = "<link rel='canonical' href='/story/seven?utm_campaign=c'>"
            body = ARTICLE.format(head=head).encode()
        elif path == "/a/2":
            head = "<link rel='canonical' href='https://elsewhere.example/stolen'>"
            body = ARTICLE.format(head=head).encode()
        elif path in ("/a/3", "/page"):
            body = ARTICLE.format(head="").encode()
        else:
            status = 404
        respond(self, status, body)


@pytest.fixture
def base() -> Iterator[str]:
    Handler.paths = []
    with serving(Handler) as port:
        yield f"http://127.0.0.1:{port}"


def test_fetch_stores_clean_and_canonical_urls(
    base: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(http, "DEFAULT_HOST_DELAY", 0.0)
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[[source]]\nname = "T"\nfeed = "{base}/feed.rss"\n\n'
        f'[[source]]\nname = "P"\npage = "{base}/page?utm_source=newsletter&x=1"\n',
        encoding="utf-8",
    )
    seeds, state = tmp_path / "seeds", tmp_path / "state.json"
    reports = fetch_sources(
        load_sources(path), seeds, Client(timeout=2), state, tracking_params=("sessionid",)
    )
    assert [r.new for r in reports] == [3, 1] and not any(r.failures for r in reports)
    urls = {
        m["entry_id"]: m["url"]
        for m in (json.loads(p.read_text("utf-8")) for p in seeds.rglob("*.meta.json"))
    }
    assert urls == {
        "e1": f"{base}/story/seven",  # the canonical, cleaned
        "e2": f"{base}/a/2",  # a canonical on another host is ignored
        "e3": f"{base}/a/3",
        f"{base}/page?x=1": f"{base}/page?x=1",
    }
    pages = [p for p in Handler.paths if p.startswith("/a/")]
    assert sorted(pages) == ["/a/1?id=7", "/a/2", "/a/3"]  # asked for without the trackers
    seen = set(json.loads(state.read_text("utf-8"))["seen"])
    assert {f"{base}/story/seven", f"{base}/a/1?id=7", "e1"} <= seen
    assert not any("utm_" in s or "fbclid" in s or "sessionid" in s for s in seen)


def test_text_digest_sees_what_a_reader_sees() -> None:
    page = "<html><head><script>var n='{n}';</script></head><body><p>Ferry {w}</p>{c}</body></html>"
    same = text_digest(page.format(n="a1", w="late", c="").encode())
    assert text_digest(page.format(n="b2", w="late", c="<!-- x -->").encode()) == same
    assert text_digest(page.format(n="a1", w="back", c="").encode()) != same
    assert text_digest(b"<p>a</p><script>x</script>tail") != text_digest(b"<p>a</p>")
