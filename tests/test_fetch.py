"""`news-digest fetch` against a local HTTP server on 127.0.0.1 serving good and bad sources."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import BuildResult, tree_digest
from news_digest import cli
from news_digest.core.errors import ConfigError
from news_digest.fetch import http
from news_digest.fetch.sources import load_sources

pytestmark = pytest.mark.site  # builds a site or runs the site's checkers


@pytest.fixture(autouse=True)
def no_host_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fixture source is on 127.0.0.1: without this each request would wait 1 s."""
    monkeypatch.setattr(http, "DEFAULT_HOST_DELAY", 0.0)


ARTICLE = (
    "<!DOCTYPE html><html lang='en'><head><title>Harbour ferry returns</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Harbour ferry returns after repairs</h1>"
    "<p>The harbour ferry between Lindholm and the old town returned to service on Monday "
    "after three weeks of engine repairs, the port authority said.</p>"
    "<p>Commuters had used a replacement bus that added twenty minutes to the trip, and the "
    "authority thanked them for their patience during the works.</p>"
    "<p>The ferry will run every fifteen minutes at peak hours from Tuesday.</p>"
    "</article><footer>Port News</footer></body></html>"
)


def feed(base: str) -> str:
    items = [
        ("ferry", f"{base}/ferry.html", "Harbour ferry returns after repairs", "Transport"),
        ("missing", f"{base}/missing.html", "Council meets on budget", "Politics"),
        ("private", f"{base}/private/p.html", "Private page story", "Politics"),
        ("ad", f"{base}/ad.html", "Sponsored: buy a boat", "Ads"),
    ]
    body = "".join(
        f"<item><guid isPermaLink='false'>id-{key}</guid><title>{title}</title>"
        f"<link>{link}</link><category>{category}</category>"
        "<pubDate>Mon, 03 Mar 2025 08:30:00 GMT</pubDate>"
        f"<description>&lt;p&gt;The entry's own text about {title.lower()}, long enough "
        "to read as a paragraph of news in a feed reader.&lt;/p&gt;</description></item>"
        for key, link, title, category in items
    )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Port News</title>"
        f"<link>{base}/</link><description>d</description>{body}</channel></rss>"
    )


class Handler(BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, dict[str, str]]]] = []

    def log_message(self, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes = b"", **headers: str) -> None:
        try:
            self.send_response(status)
        except (BrokenPipeError, ConnectionResetError):
            return
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if "Content_Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)  # the slow source's client may have given up first

    def do_GET(self) -> None:
        Handler.requests.append((self.path, dict(self.headers.items())))
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path
        if path == "/robots.txt":
            self.send(200, b"User-agent: *\nDisallow: /private/\n")
        elif path == "/good.rss":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send(304)
            else:
                self.send(
                    200,
                    feed(base).encode(),
                    ETag='"v1"',
                    Last_Modified="Mon, 03 Mar 2025 09:00:00 GMT",
                )
        elif path in ("/ferry.html", "/page.html"):
            self.send(200, ARTICLE.encode(), Content_Type="text/html; charset=utf-8")
        elif path == "/broken.rss":
            self.send(500)
        elif path == "/slow.rss":
            time.sleep(3)
            self.send(200, feed(base).encode())
        elif path in ("/loop-a.rss", "/loop-b.rss"):
            other = "/loop-b.rss" if path == "/loop-a.rss" else "/loop-a.rss"
            self.send(302, Location=other)
        elif path == "/huge.rss":
            self.send_response(200)
            self.end_headers()  # no Content-Length: the client must stop reading by itself
            chunk = b"<!-- " + b"x" * 65_000 + b" -->\n"
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                for _ in range(20 * 1024 * 1024 // len(chunk)):
                    self.wfile.write(chunk)
        elif path == "/bozo.rss":
            self.send(200, b"<rss><channel><title>Broken</title><item><title>x</item></rss>")
        else:
            self.send(404)


@pytest.fixture
def server() -> Iterator[str]:
    Handler.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def sources_file(folder: Path, base: str) -> Path:
    path = folder / "sources.toml"
    path.write_text(
        f"""
[[source]]
name = "Port News"
feed = "{base}/good.rss"
tags = ["Harbour"]
exclude = ["(?i)sponsored"]

[[source]]
name = "Gone"
feed = "{base}/gone.rss"

[[source]]
name = "Broken"
feed = "{base}/broken.rss"

[[source]]
name = "Slow"
feed = "{base}/slow.rss"

[[source]]
name = "Loop"
feed = "{base}/loop-a.rss"

[[source]]
name = "Huge"
feed = "{base}/huge.rss"

[[source]]
name = "Bozo"
feed = "{base}/bozo.rss"

[[source]]
name = "One Page"
page = "{base}/page.html"
""",
        encoding="utf-8",
    )
    return path


def run_fetch(sources: Path, seeds: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    args = ["fetch", "--sources", str(sources), "--seeds", str(seeds), "--timeout", "1"]
    status = cli.main(args)
    return status, capsys.readouterr().out


@pytest.fixture
def fetched(
    tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, Path, int, str]:
    seeds = tmp_path / "seeds"
    sources = sources_file(tmp_path, server)
    status, out = run_fetch(sources, seeds, capsys)
    return seeds, sources, status, out


def sidecars(seeds: Path) -> dict[str, dict[str, object]]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in seeds.rglob("*.meta.json")}


def test_each_new_entry_becomes_a_seed_with_its_sidecar(
    fetched: tuple[Path, Path, int, str],
) -> None:
    seeds, _, _, _ = fetched
    port = sorted(p.name for p in (seeds / "port-news").iterdir())
    assert len(port) == 6  # ferry, missing, private: page + sidecar each; the ad is excluded
    meta = {m["entry_id"]: m for m in sidecars(seeds).values()}
    ferry = meta["id-ferry"]
    assert ferry["content_source"] == "page" and ferry["http_status"] == 200
    assert ferry["categories"] == ["Transport"] and ferry["tags"] == ["Harbour"]
    assert ferry["published"] == "2025-03-03T08:30:00+00:00"
    assert str(ferry["url"]).endswith("/ferry.html")
    for fallback, reason in (("id-missing", "HTTP 404"), ("id-private", "robots.txt")):
        assert meta[fallback]["content_source"] == "feed-entry"
        assert meta[fallback]["http_status"] is None
        assert reason in str(meta[fallback]["fetch_error"])
    assert "id-ad" not in meta
    assert all(name.startswith("2025-03-03--") for name in port)
    (page,) = [m for m in meta.values() if m["source"] == "One Page"]
    assert page["content_source"] == "page"


def test_failures_are_reported_per_source_and_the_others_go_on(
    fetched: tuple[Path, Path, int, str],
) -> None:
    seeds, _, status, out = fetched
    assert status == 1
    lines = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    assert lines["Port News"].startswith("3 new, 2 failed")
    assert "HTTP 404" in lines["Gone"]
    assert "HTTP 500" in lines["Broken"]
    assert "timed out" in lines["Slow"]
    assert "redirect loop" in lines["Loop"]
    assert "body over" in lines["Huge"]
    assert "not well-formed" in lines["Bozo"]
    assert lines["One Page"] == "1 new"
    assert not (seeds / "huge").exists() and not (seeds / "bozo").exists()


def test_second_fetch_fetches_nothing_and_sends_conditional_headers(
    fetched: tuple[Path, Path, int, str], capsys: pytest.CaptureFixture[str]
) -> None:
    seeds, sources, _, _ = fetched
    before = tree_digest(seeds)
    Handler.requests = []
    _, out = run_fetch(sources, seeds, capsys)
    assert "Port News: not modified" in out
    assert "One Page: 0 new" in out
    assert {k: v for k, v in before.items() if not k.startswith(".")} == {
        k: v for k, v in tree_digest(seeds).items() if not k.startswith(".")
    }
    good = [headers for path, headers in Handler.requests if path == "/good.rss"]
    assert good and good[0].get("If-None-Match") == '"v1"'
    assert good[0].get("If-Modified-Since") == "Mon, 03 Mar 2025 09:00:00 GMT"
    assert not any(path in ("/ferry.html", "/page.html") for path, _ in Handler.requests)
    assert all("news-digest/" in h.get("User-Agent", "") for _, h in Handler.requests)


def test_a_build_from_fetched_seeds_uses_the_sidecar(
    fetched: tuple[Path, Path, int, str], build_site: Callable[..., BuildResult]
) -> None:
    seeds, _, _, _ = fetched
    _, report, _, output = build_site(seeds)
    ferry = next(b for b in report["briefs"] if b["title"].startswith("Harbour ferry"))
    assert ferry["date"] == "2025-03-03T08:30:00+00:00"
    assert "Transport" in ferry["tags"] and "Harbour" in ferry["tags"]
    page = (output / ferry["path"].replace(".md", ".html")).read_text(encoding="utf-8")
    assert "/ferry.html" in page and "Read the original" in page
    council = next(b for b in report["briefs"] if b["title"].startswith("Council meets"))
    assert council["extraction"].startswith("html")


def test_sources_file_mistakes_name_the_source(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    for text, message in (
        ('[[source]]\nname = "A"\n', "exactly one of"),
        ('[[source]]\nname = "A"\nfeed = "ftp://x"\n', "http://"),
        ('[[source]]\nname = "A"\nfeed = "https://x"\ncolour = 1\n', "unknown key"),
        ('[[source]]\nname = "A"\nfeed = "https://x"\ninclude = ["("]\n', "pattern"),
        (
            '[[source]]\nname = "A"\nfeed = "https://x"\n[[source]]\nname = "a"\npage = "https://y"\n',
            "share",
        ),
    ):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=message):
            load_sources(path)


def test_the_repository_sources_file_is_valid() -> None:
    repo_sources = Path(__file__).resolve().parents[1] / "sources.toml"
    assert load_sources(repo_sources) == ()


def test_entries_over_max_items_are_fetched_by_the_next_run(
    tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "Port News"\nfeed = "{server}/good.rss"\nmax_items = 1\n',
        encoding="utf-8",
    )
    seeds = tmp_path / "seeds"
    counts = []
    for _ in range(4):
        run_fetch(sources, seeds, capsys)
        counts.append(len(list((seeds / "port-news").glob("*.html"))))
    assert counts == [1, 2, 3, 4]  # one new entry per run, none lost to a 304
