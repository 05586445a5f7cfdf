"""`news-digest fetch` against hostile servers on 127.0.0.1: malformed, dripping, cut, private.

A raw socket server (one thread per connection, bounded loops) sends what no
HTTP library would: over-long header lines, too many headers, garbage status
lines, resets, cut headers and bodies, one byte every half second.  Every one
must be that request's failure, named in the report, and never a crash, a hang
or a page saved from a broken response.
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from news_digest import cli
from news_digest.fetch import http
from news_digest.fetch.fetcher import fetch_sources
from news_digest.fetch.http import Client, FetchError, RefusedAddress, is_internal
from news_digest.fetch.sources import load_sources

ARTICLE = (
    b"<!DOCTYPE html><html><head><title>Harbour ferry returns</title></head><body><article>"
    b"<h1>Harbour ferry returns</h1><p>The harbour ferry returned to service on Monday after "
    b"three weeks of engine repairs, the port authority said.</p></article></body></html>"
)
SECRET = "TOP-SECRET-INTERNAL-TOKEN-4711"
DRIP_SECONDS = 30  # how long a drip would last if the client did not give up


@pytest.fixture(autouse=True)
def no_host_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fixture source is on 127.0.0.1: without this each request would wait 1 s."""
    monkeypatch.setattr(http, "DEFAULT_HOST_DELAY", 0.0)


def rss(items: list[tuple[str, str, str]]) -> bytes:
    """A small RSS feed whose entries (id, title, link) each carry their own text."""
    body = "".join(
        f"<item><guid isPermaLink='false'>{key}</guid><title>{title}</title><link>{link}</link>"
        "<pubDate>Mon, 03 Mar 2025 08:30:00 GMT</pubDate>"
        f"<description>The feed's own words about {title.lower()}.</description></item>"
        for key, title, link in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>T</title>"
        f"<link>http://127.0.0.1/</link><description>d</description>{body}</channel></rss>"
    ).encode()


def response(body: bytes, status: str = "200 OK", *headers: str) -> bytes:
    head = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Connection: close", *headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


class RawServer:
    """A socket server on 127.0.0.1 answering each path with a behaviour of its own."""

    def __init__(self, routes: Callable[[RawServer, str, socket.socket], None]) -> None:
        self.routes = routes
        self.paths: list[str] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _handle(self, connection: socket.socket) -> None:
        connection.settimeout(5)
        with contextlib.suppress(OSError), connection:
            request = b""
            while b"\r\n\r\n" not in request and len(request) < 65536:
                chunk = connection.recv(4096)
                if not chunk:
                    return
                request += chunk
            path = request.split(b" ", 2)[1].decode("latin-1")
            self.paths.append(path)
            self.routes(self, path, connection)

    def close(self) -> None:
        self.stop.set()
        self.listener.close()
        self.thread.join(timeout=5)


def drip(connection: socket.socket, data: bytes, stop: threading.Event) -> None:
    """Send ``data`` one byte every half second, for at most DRIP_SECONDS."""
    for byte in data[: DRIP_SECONDS * 2]:
        if stop.is_set():
            return
        connection.sendall(bytes([byte]))
        time.sleep(0.5)


def hostile_routes(server: RawServer, path: str, connection: socket.socket) -> None:
    """The hostile behaviours, by path; robots.txt is missing (404: everything allowed)."""
    base = server.base
    if path == "/robots.txt":
        connection.sendall(response(b"", "404 Not Found"))
    elif path == "/feed.rss":
        items = [
            (name, f"Entry {name}", f"{base}/{name}")
            for name in ("long-header", "many-headers", "garbage", "reset", "cut-headers")
        ]
        items += [("short-body", "Entry short-body", f"{base}/short-body")]
        items += [("good", "Entry good", f"{base}/good.html")]
        connection.sendall(response(rss(items), "200 OK", "Content-Type: application/rss+xml"))
    elif path == "/good.html":
        connection.sendall(response(ARTICLE, "200 OK", "Content-Type: text/html"))
    elif path.startswith("/long-header"):
        connection.sendall(b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n<p>x</p>")
    elif path.startswith("/many-headers"):
        headers = "".join(f"X-H{n}: {n}\r\n" for n in range(150))
        connection.sendall(f"HTTP/1.1 200 OK\r\n{headers}\r\n<p>x</p>".encode())
    elif path.startswith("/garbage"):
        connection.sendall(b"SPAM SPAM SPAM\r\n\r\n<p>x</p>")
    elif path.startswith("/reset"):
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    elif path.startswith("/cut-headers"):
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Partial: 1")
    elif path.startswith("/short-body"):
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + ARTICLE[:100])
    elif path == "/drip-body":
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")
        drip(connection, b"x" * 100, server.stop)
    elif path == "/drip-chunked":
        connection.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        for _ in range(DRIP_SECONDS * 2):
            if server.stop.is_set():
                return
            connection.sendall(b"1\r\nx\r\n")
            time.sleep(0.5)
    elif path == "/drip-headers":
        drip(connection, b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"s" * 200, server.stop)
    else:
        connection.sendall(response(b"", "404 Not Found"))


@pytest.fixture
def hostile() -> Iterator[RawServer]:
    server = RawServer(hostile_routes)
    yield server
    server.close()


def write_sources(folder: Path, entries: list[tuple[str, str]]) -> Path:
    path = folder / "sources.toml"
    path.write_text(
        "".join(f'[[source]]\nname = "{name}"\nfeed = "{url}"\n\n' for name, url in entries),
        encoding="utf-8",
    )
    return path


def run(
    sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], timeout: str = "2"
) -> tuple[int, dict[str, str], Path]:
    """`news-digest fetch` through cli.main: exit status, report line per source, seeds."""
    seeds, state = tmp_path / "seeds", tmp_path / "state.json"
    status = cli.main(
        [
            *("fetch", "--sources", str(sources), "--seeds", str(seeds)),
            *("--state", str(state), "--timeout", timeout),
        ]
    )
    out = capsys.readouterr().out
    lines = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    return status, lines, seeds


def sidecars(seeds: Path) -> dict[str, dict[str, object]]:
    found = (json.loads(p.read_text("utf-8")) for p in seeds.rglob("*.meta.json"))
    return {str(m["entry_id"]): m for m in found}


MALFORMED = {
    "long-header": "header line over 64 KiB",
    "many-headers": "more than 100 headers",
    "garbage": "bad status line",
    "reset": "connection reset",
    "cut-headers": "connection closed before any content",
    "short-body": "body cut short",
}


def test_malformed_feeds_are_each_a_named_failure_and_the_rest_go_on(
    hostile: RawServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = list(MALFORMED)
    sources = write_sources(
        tmp_path,
        [(name, f"{hostile.base}/{name}.rss") for name in names]
        + [("Good", f"{hostile.base}/feed.rss")],
    )
    status, lines, seeds = run(sources, tmp_path, capsys)
    assert status == 1
    for name, reason in MALFORMED.items():
        assert lines[name].startswith("0 new, 1 failed: "), lines[name]
        assert reason in lines[name], (name, lines[name])
        assert not (seeds / name).exists()
    assert lines["Good"].startswith("7 new, 6 failed")
    state = json.loads((tmp_path / "state.json").read_text("utf-8"))
    assert "good" in state["seen"] and "long-header" in state["seen"]


def test_broken_pages_keep_the_feed_entry_and_are_never_saved_as_pages(
    hostile: RawServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = write_sources(tmp_path, [("Good", f"{hostile.base}/feed.rss")])
    status, lines, seeds = run(sources, tmp_path, capsys)
    assert status == 1
    meta = sidecars(seeds)
    assert sorted(meta) == sorted([*MALFORMED, "good"])
    assert meta["good"]["content_source"] == "page" and meta["good"]["http_status"] == 200
    for name, reason in MALFORMED.items():
        assert meta[name]["content_source"] == "feed-entry", name
        assert meta[name]["http_status"] is None
        assert reason in str(meta[name]["fetch_error"]), (name, meta[name]["fetch_error"])
        assert f"{hostile.base}/{name}: " in lines["Good"]
    pages = {p.name: p.read_bytes() for p in (seeds / "good").glob("*.html")}
    assert len(pages) == 7
    assert sum(body == ARTICLE for body in pages.values()) == 1
    assert not any(body == ARTICLE[:100] for body in pages.values())  # the cut page
    assert sum(b"The feed's own words about entry" in body for body in pages.values()) == 6


@pytest.mark.parametrize("path", ["/drip-body", "/drip-chunked", "/drip-headers"])
def test_a_dripping_server_is_cut_at_the_deadline(hostile: RawServer, path: str) -> None:
    client = Client(timeout=1.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 1 s"):
        client.get(hostile.base + path, trusted=hostile.base + path)
    assert time.monotonic() - started < 5  # the drip would last 30 s


# --- private addresses (SSRF) --------------------------------------------------------


def secret_routes(server: RawServer, path: str, connection: socket.socket) -> None:
    """The "internal" server: a secret page and an open robots.txt."""
    if path == "/robots.txt":
        connection.sendall(response(b"User-agent: *\nAllow: /\n"))
    else:
        page = f"<html><body><article><h1>Secret</h1><p>{SECRET}</p></article></body></html>"
        connection.sendall(response(page.encode(), "200 OK", "Content-Type: text/html"))


@pytest.fixture
def private_pair() -> Iterator[tuple[RawServer, RawServer]]:
    """A source server whose feed links to itself, to a private server, and redirects there."""
    internal = RawServer(secret_routes)

    def routes(server: RawServer, path: str, connection: socket.socket) -> None:
        if path == "/robots.txt":
            connection.sendall(response(b"", "404 Not Found"))
        elif path == "/feed.rss":
            items = [
                ("same", "Same origin story", f"{server.base}/same.html"),
                ("other", "Internal story", f"{internal.base}/secret.html"),
                ("hop", "Redirected story", f"{server.base}/hop"),
            ]
            connection.sendall(response(rss(items)))
        elif path == "/hop":
            location = f"Location: {internal.base}/secret.html"
            connection.sendall(response(b"", "302 Found", location))
        elif path == "/same.html":
            connection.sendall(response(ARTICLE, "200 OK", "Content-Type: text/html"))
        else:
            connection.sendall(response(b"", "404 Not Found"))

    source = RawServer(routes)
    yield source, internal
    source.close()
    internal.close()


def test_links_and_redirects_to_other_private_origins_are_refused(
    private_pair: tuple[RawServer, RawServer], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, internal = private_pair
    sources = write_sources(tmp_path, [("Port", f"{source.base}/feed.rss")])
    status, lines, seeds = run(sources, tmp_path, capsys)
    assert status == 1
    assert lines["Port"].startswith("3 new, 2 failed")
    meta = sidecars(seeds)
    assert meta["same"]["content_source"] == "page"
    for key in ("other", "hop"):
        assert meta[key]["content_source"] == "feed-entry"
        assert str(meta[key]["fetch_error"]).startswith("refused: 127.0.0.1 is a private")
    assert internal.paths == []  # not even its robots.txt was asked for
    assert not any(SECRET.encode() in p.read_bytes() for p in seeds.rglob("*") if p.is_file())


def test_allow_private_lifts_the_rule(
    private_pair: tuple[RawServer, RawServer], tmp_path: Path
) -> None:
    source, _ = private_pair
    sources = load_sources(write_sources(tmp_path, [("Port", f"{source.base}/feed.rss")]))
    seeds = tmp_path / "seeds"
    (report,) = fetch_sources(sources, seeds, Client(timeout=2, allow_private=True))
    assert report.new == 3 and report.failures == []
    meta = sidecars(seeds)
    assert all(m["content_source"] == "page" for m in meta.values())
    assert sum(SECRET.encode() in p.read_bytes() for p in seeds.rglob("*.html")) == 2


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/",
        "http://127.0.0.1/",
        "http://127.1.2.3/",
        "http://2130706433/",
        "http://0x7f.1/",
        "http://017700000001/",
        "http://0x7f000001/",
        "http://127.1/",
        "http://0/",
        "http://0.0.0.0/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://172.31.255.255/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://100.100.100.200/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://[::1]/",
        "http://[::]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:a9fe:a9fe]/",
        "http://[fc00::1]/",
        "http://[fd00:ec2::254]/",
        "http://[fe80::1]/",
        "https://127.0.0.1:8443/",
    ],
)
def test_internal_addresses_in_any_spelling_are_refused(url: str) -> None:
    with pytest.raises(RefusedAddress, match=r"refused: .* private or internal address"):
        Client().addresses(url, trusted="https://news.example/feed.xml")
    assert Client(allow_private=True).addresses(url)  # the opt-in lifts it


def test_only_the_configured_origin_is_trusted() -> None:
    client = Client()
    assert client.addresses("http://127.0.0.1:8080/a", trusted="http://127.0.0.1:8080/feed")
    for other in ("http://127.0.0.1:8081/a", "https://127.0.0.1:8080/a", "http://127.0.0.2:8080/"):
        with pytest.raises(RefusedAddress):
            client.addresses(other, trusted="http://127.0.0.1:8080/feed")


def test_public_addresses_are_not_internal() -> None:
    import ipaddress

    for text in ("93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"):
        assert not is_internal(ipaddress.ip_address(text)), text


def test_the_checked_address_is_the_one_connected_to(
    private_pair: tuple[RawServer, RawServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name resolving to loopback is refused; allowed, the connection goes to that address
    with the name in the Host header (no second lookup a rebinding DNS could answer)."""
    _, internal = private_pair
    lookups: list[str] = []
    real = socket.getaddrinfo

    def fake(host: str, *args: object, **kwargs: object) -> object:
        lookups.append(host)
        return real("127.0.0.1" if host == "news.example" else host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    url = f"http://news.example:{internal.port}/secret.html"
    with pytest.raises(RefusedAddress):
        Client(timeout=2).get(url, trusted="http://news.example/feed.xml")
    lookups.clear()
    page = Client(timeout=2, allow_private=True).get(url)
    assert SECRET.encode() in page.body
    assert lookups == ["news.example", "127.0.0.1"]  # the name once, then the checked address


def test_a_closed_port_is_a_named_failure() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed.rss"
    with pytest.raises(FetchError) as caught:
        Client(timeout=2).get(url, trusted=url)
    assert str(caught.value) == "cannot connect: Connection refused"
