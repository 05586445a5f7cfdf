"""Sources watched: health in the fetch state, `fetch --strict`, parallel fetching that keeps
to one request at a time per host, politely spaced; against a 127.0.0.1 fixture web."""

from __future__ import annotations

import json
import threading
import time
import types
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any, ClassVar

import pytest
from local_web import respond, serving
from news_digest import cli
from news_digest.fetch import http
from news_digest.fetch.fetch_cli import EXIT_SOURCE_DOWN, fetch_exit
from news_digest.fetch.fetcher import fetch_sources
from news_digest.fetch.http import Client
from news_digest.fetch.sources import load_sources
from news_digest.fetch.state import FetchState
from news_digest.settings import load_settings


@pytest.fixture(autouse=True)
def no_host_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fixture source is on 127.0.0.1: without this each request would wait 1 s."""
    monkeypatch.setattr(http, "DEFAULT_HOST_DELAY", 0.0)


def rss(base: str, keys: list[str]) -> bytes:
    items = "".join(
        f"<item><guid isPermaLink='false'>id-{k}</guid><title>Story {k}</title>"
        f"<link>{base}/a/{k}.html</link>"
        f"<pubDate>Mon, 03 Mar 2025 08:30:00 GMT</pubDate><description>Text {k}.</description>"
        "</item>"
        for k in keys
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><link>{base}/</link>"
        f"<description>d</description>{items}</channel></rss>"
    ).encode()


class Handler(BaseHTTPRequestHandler):
    """/flaky.rss fails while ``failing`` is set; /slow-*.rss take ``slow`` seconds; every
    request's host, path, start and end are recorded."""

    failing: ClassVar[bool] = True
    slow: ClassVar[float] = 0.0
    log: ClassVar[list[tuple[str, str, float, float]]] = []
    lock = threading.Lock()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        start = time.monotonic()
        base = f"http://{self.headers.get('Host')}"
        status, body = 200, b""
        if self.path == "/robots.txt":
            status = 404
        elif self.path == "/flaky.rss":
            status, body = (500, b"") if Handler.failing else (200, rss(base, ["1", "2", "3"]))
        elif self.path.startswith("/slow-"):
            time.sleep(Handler.slow)
            body = rss(base, [])
        elif self.path.startswith("/a/"):
            body = b"<html><body><article><p>An article.</p></article></body></html>"
        else:
            status = 404
        respond(self, status, body)
        with Handler.lock:
            Handler.log.append((str(self.headers.get("Host")), self.path, start, time.monotonic()))


@pytest.fixture
def server() -> Iterator[int]:
    Handler.failing, Handler.slow, Handler.log = True, 0.0, []
    with serving(Handler) as port:
        yield port


def write_sources(folder: Path, entries: list[tuple[str, str]]) -> Path:
    path = folder / "sources.toml"
    path.write_text(
        "".join(f'[[source]]\nname = "{name}"\nfeed = "{url}"\n\n' for name, url in entries),
        encoding="utf-8",
    )
    return path


ERROR_500 = "HTTP 500 Internal Server Error"


def health(state: Path, url: str) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(state.read_text("utf-8"))["sources"][url]
    return record


def test_health_after_failing_and_recovering_runs(server: int, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{server}/flaky.rss"
    sources = load_sources(write_sources(tmp_path, [("Flaky", url)]))
    seeds, state = tmp_path / "seeds", tmp_path / "state.json"
    for run in (1, 2, 3):
        (report,) = fetch_sources(sources, seeds, Client(timeout=2), state)
        assert report.consecutive_failures == run and report.failures == [
            "HTTP 500 Internal Server Error"
        ]
    failing = health(state, url)
    assert failing["consecutive_failures"] == 3 and failing["total_failures"] == 3
    assert (
        failing["http_status"] == 500 and failing["last_error"] == "HTTP 500 Internal Server Error"
    )
    assert failing["last_success"] is None and failing["last_attempt"]
    assert failing["name"] == "Flaky" and failing["new_items"] == 0
    assert "(failed 3 runs in a row)" in report.line()

    Handler.failing = False
    (report,) = fetch_sources(sources, seeds, Client(timeout=2), state)
    recovered = health(state, url)
    assert report.failures == [] and report.new == 3 and report.consecutive_failures == 0
    assert recovered["consecutive_failures"] == 0 and recovered["total_failures"] == 3
    assert recovered["http_status"] == 200 and recovered["last_error"] is None
    assert recovered["items_seen"] == 3 and recovered["new_items"] == 3
    assert recovered["last_success"] == recovered["last_attempt"]

    (report,) = fetch_sources(sources, seeds, Client(timeout=2), state)
    again = health(state, url)
    assert report.new == 0 and again["new_items"] == 0 and again["items_seen"] == 3


def test_strict_fails_only_once_a_source_failed_the_limit_in_a_row(
    server: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"http://127.0.0.1:{server}/flaky.rss"
    sources = load_sources(write_sources(tmp_path, [("Flaky", url)]))
    settings = load_settings({"DIGEST_SOURCE_MAX_FAILURES": 2})
    strict, lenient = types.SimpleNamespace(strict=True), types.SimpleNamespace(strict=False)
    seeds, state = tmp_path / "seeds", tmp_path / "state.json"
    reports = fetch_sources(sources, seeds, Client(timeout=2), state)
    assert fetch_exit(reports, strict, settings) == 1  # one failure: not yet
    assert capsys.readouterr().err == ""
    reports = fetch_sources(sources, seeds, Client(timeout=2), state)
    assert fetch_exit(reports, strict, settings) == EXIT_SOURCE_DOWN == 4
    assert "Flaky has failed 2 runs in a row" in capsys.readouterr().err
    assert fetch_exit(reports, lenient, settings) == 1  # a warning only without --strict
    Handler.failing = False
    reports = fetch_sources(sources, seeds, Client(timeout=2), state)
    assert fetch_exit(reports, strict, settings) == 0


def test_fetch_strict_through_the_command_line(
    server: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no pelicanconf.py: DIGEST_SOURCE_MAX_FAILURES = 3
    main = cli.main
    sources = write_sources(tmp_path, [("Flaky", f"http://127.0.0.1:{server}/flaky.rss")])
    args = ["fetch", "--sources", str(sources), "--seeds", str(tmp_path / "seeds"), "--strict"]
    statuses = [main([*args, "--timeout", "2"]) for _ in range(3)]
    assert statuses == [1, 1, 4]
    assert "Flaky has failed 3 runs in a row" in capsys.readouterr().err
    listing = ["sources", "list", "--sources", str(sources), "--seeds", str(tmp_path / "seeds")]
    assert main(listing) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Flaky: feed http://127.0.0.1:{server}/flaky.rss - FAILING 3 runs")
    assert "in a row (HTTP 500 Internal Server Error)" in out


def test_sources_are_fetched_in_parallel_but_one_request_at_a_time_per_host(
    server: int, tmp_path: Path
) -> None:
    Handler.slow = 0.4
    entries = [
        (f"{host} {n}", f"http://{host}:{server}/slow-{n}.rss")
        for host in ("127.0.0.1", "localhost")
        for n in (1, 2)
    ]
    sources = load_sources(write_sources(tmp_path, entries))
    started = time.monotonic()
    reports = fetch_sources(sources, tmp_path / "seeds", Client(timeout=5), tmp_path / "s.json")
    took = time.monotonic() - started
    assert [r.name for r in reports] == [name for name, _ in entries]  # the file's order
    assert all(not r.failures for r in reports)
    feeds = [(host, start, end) for host, path, start, end in Handler.log if "slow" in path]
    assert len(feeds) == 4
    for host in {host for host, _, _ in feeds}:
        spans = sorted((s, e) for h, s, e in feeds if h == host)
        assert spans[0][1] <= spans[1][0]  # never two at once on one host
    hosts_at_once = [
        (a, b) for a in feeds for b in feeds if a[0] < b[0] and a[1] < b[2] and b[1] < a[2]
    ]
    assert hosts_at_once  # the two hosts were fetched at the same time
    assert took < 4 * 0.4  # faster than one after another


def test_requests_to_one_host_are_spaced_by_the_polite_delay(server: int) -> None:
    client = Client(timeout=2, host_delay=0.3)
    for n in range(3):
        url = f"http://127.0.0.1:{server}/slow-{n}.rss"
        client.get(url, trusted=url)
    starts = [start for _, path, start, _ in Handler.log if "slow" in path]
    ends = [end for _, path, _, end in Handler.log if "slow" in path]
    assert len(starts) == 3
    assert all(starts[i + 1] - ends[i] >= 0.25 for i in range(2))


def test_a_robots_crawl_delay_is_kept_but_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    client = Client(timeout=2, host_delay=0.0)
    rules = http.urllib.robotparser.RobotFileParser()
    rules.parse(["User-agent: *", "Crawl-delay: 100000"])
    monkeypatch.setattr(client, "_read_robots", lambda origin, trusted: rules)
    client.check_robots("http://feeds.example/a")
    assert client._gate("feeds.example").delay == http.MAX_CRAWL_DELAY
    assert client._gate("other.example").delay == 0.0


def test_an_older_state_file_is_read_and_a_corrupt_one_set_aside(
    server: int, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{server}/flaky.rss"
    Handler.failing = False
    sources = load_sources(write_sources(tmp_path, [("Flaky", url)]))
    state, seeds = tmp_path / "state.json", tmp_path / "seeds"
    old = {"feeds": {url: {"etag": '"x"'}}, "seen": ["id-1", "id-2"]}  # before health
    state.write_text(json.dumps(old), encoding="utf-8")
    (report,) = fetch_sources(sources, seeds, Client(timeout=2), state)
    assert report.new == 1  # id-1 and id-2 were seen already
    data = json.loads(state.read_text("utf-8"))
    assert data["version"] == 2 and {"id-1", "id-2", "id-3"} <= set(data["seen"])
    assert data["sources"][url]["items_seen"] == 3

    state.write_text('{"seen": ["id-1", ', encoding="utf-8")
    (report,) = fetch_sources(sources, tmp_path / "fresh", Client(timeout=2), state)
    assert report.new == 3 and not report.failures
    assert (tmp_path / "state.json.corrupt").read_text("utf-8") == '{"seen": ["id-1", '
    assert json.loads(state.read_text("utf-8"))["sources"][url]["consecutive_failures"] == 0


@pytest.mark.parametrize(
    "record",
    [
        {"consecutive_failures": "many", "http_status": True, "last_error": 5},
        {"consecutive_failures": -3, "items_seen": 1.5, "name": None},
        "not a record",
    ],
)
def test_malformed_health_records_are_read_as_defaults(tmp_path: Path, record: object) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"sources": {"https://a/": record}, "seen": [1, "x"]}), "utf-8")
    state = FetchState.load(path)
    assert state.seen == {"x"}
    found = state.health.get("https://a/")
    if found is not None:
        assert found.consecutive_failures == 0 and found.http_status is None
        assert found.last_error is None and found.items_seen == 0 and found.name == ""
