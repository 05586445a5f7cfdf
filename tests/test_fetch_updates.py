"""Stories updated: an entry the feed changed is fetched again and kept as a new version
beside the old seed (never overwriting it), bounded per run; against a 127.0.0.1 web."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any, ClassVar

import pytest
from conftest import BuildResult
from local_web import respond, serving
from news_digest.fetch import fetcher, http
from news_digest.fetch.fetcher import fetch_sources
from news_digest.fetch.http import Client
from news_digest.fetch.sources import load_sources


@pytest.fixture(autouse=True)
def no_host_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http, "DEFAULT_HOST_DELAY", 0.0)


class Site:
    """The feed's entries (key -> updated date, summary) and each page's text, mutable."""

    entries: ClassVar[dict[str, tuple[str | None, str]]] = {}
    pages: ClassVar[dict[str, str]] = {}
    broken: ClassVar[set[str]] = set()
    paths: ClassVar[list[str]] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        Site.paths.append(self.path)
        base = f"http://{self.headers.get('Host')}"
        status, body = 200, b""
        if self.path == "/robots.txt":
            status = 404
        elif self.path == "/feed.atom":
            items = "".join(
                f"<entry><id>urn:{key.split('-')[0]}</id><title>Story {key}</title>"
                f"<link href='{base}/p/{key}'/><published>2025-03-03T08:00:00Z</published>"
                + (f"<updated>{updated}</updated>" if updated else "")
                + f"<summary>{summary}</summary></entry>"
                for key, (updated, summary) in Site.entries.items()
            )
            body = (
                "<?xml version='1.0' encoding='utf-8'?>"
                "<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title><id>urn:t</id>"
                f"<updated>2025-03-03T08:00:00Z</updated>{items}</feed>"
            ).encode()
        elif self.path.startswith("/p/") and self.path[3:] in Site.pages:
            if self.path[3:] in Site.broken:
                status = 503
            else:
                text = Site.pages[self.path[3:]]
                body = f"<html><body><article><p>{text}</p></article></body></html>".encode()
        else:
            status = 404
        respond(self, status, body)


@pytest.fixture
def feed_url() -> Iterator[str]:
    Site.entries, Site.pages, Site.broken, Site.paths = {}, {}, set(), []
    with serving(Handler) as port:
        yield f"http://127.0.0.1:{port}/feed.atom"


def publish(key: str, updated: str | None, summary: str, page: str) -> None:
    Site.entries[key] = (updated, summary)
    Site.pages[key] = page


class Runner:
    def __init__(self, tmp_path: Path, url: str) -> None:
        path = tmp_path / "sources.toml"
        path.write_text(f'[[source]]\nname = "T"\nfeed = "{url}"\n', encoding="utf-8")
        self.sources = load_sources(path)
        self.seeds, self.state = tmp_path / "seeds", tmp_path / "state.json"

    def __call__(self, **options: Any) -> fetcher.SourceReport:
        Site.paths = []
        (report,) = fetch_sources(
            self.sources, self.seeds, Client(timeout=2), self.state, **options
        )
        return report

    def files(self) -> dict[str, bytes]:
        return {
            p.relative_to(self.seeds).as_posix(): p.read_bytes()
            for p in sorted(self.seeds.rglob("*.html"))
        }

    def record(self, key: str) -> dict[str, Any]:
        entry: dict[str, Any] = json.loads(self.state.read_text("utf-8"))["entries"][f"urn:{key}"]
        return entry


def test_a_changed_entry_is_fetched_again_and_its_old_seed_kept(
    feed_url: str, tmp_path: Path
) -> None:
    run = Runner(tmp_path, feed_url)
    publish("1", "2025-03-03T08:00:00Z", "First words.", "The ferry is late.")
    publish("2", "2025-03-03T08:00:00Z", "Other words.", "The council meets.")
    assert run().new == 2
    first = run.files()
    (one,) = [name for name, data in first.items() if b"ferry" in data]
    assert run().new == 0 and not [p for p in Site.paths if p.startswith("/p/")]

    publish("1", "2025-03-03T11:30:00Z", "First words.", "The ferry is back, the port said.")
    report = run()
    assert (report.new, report.versions, report.failures) == (1, 1, [])
    assert "1 new (1 of them updated entries)" in report.line()
    assert [p for p in Site.paths if p.startswith("/p/")] == ["/p/1"]
    files = run.files()
    version = one.removesuffix(".html") + ".v2.html"
    assert set(files) == {*first, version}
    assert all(files[name] == data for name, data in first.items())  # never overwritten
    assert b"ferry is back" in files[version]
    meta = json.loads((run.seeds / (version + ".meta.json")).read_text("utf-8"))
    assert meta["entry_id"] == "urn:1" and meta["content_source"] == "page"
    record = run.record("1")
    assert record["seeds"] == [one, version] and record["updated"] == "2025-03-03T11:30:00Z"
    assert run().new == 0  # recorded: not fetched a third time


def test_a_changed_content_hash_alone_is_an_update(feed_url: str, tmp_path: Path) -> None:
    run = Runner(tmp_path, feed_url)
    publish("1", None, "Ferry late.", "The ferry is late.")
    run()
    publish("1", None, "Ferry late: correction, it is the night ferry.", "The night ferry is late.")
    assert run().versions == 1
    assert sorted(run.files())[1].endswith(".v2.html")


def test_a_feed_change_with_the_same_page_saves_no_version(feed_url: str, tmp_path: Path) -> None:
    run = Runner(tmp_path, feed_url)
    publish("1", "2025-03-03T08:00:00Z", "Words.", "The ferry is late.")
    run()
    publish("1", "2025-03-03T09:00:00Z", "Words, edited.", "The ferry is late.")
    report = run()
    assert (report.new, report.versions) == (0, 0)
    assert len(run.files()) == 1
    assert run.record("1")["updated"] == "2025-03-03T09:00:00Z"
    run()
    assert not [p for p in Site.paths if p.startswith("/p/")]  # the change is recorded


def test_updates_are_bounded_per_run_and_versions_per_entry(feed_url: str, tmp_path: Path) -> None:
    run = Runner(tmp_path, feed_url)
    for key in "123":
        publish(key, "2025-03-03T08:00:00Z", "Words.", f"Page {key}.")
    run()
    for key in "123":
        publish(key, "2025-03-04T08:00:00Z", "Words.", f"Page {key}, updated.")
    counts = [run(max_updates=1).versions for _ in range(4)]
    assert counts == [1, 1, 1, 0]  # the rest left for the next runs, none lost
    for edit in range(10):  # a feed that changes an entry every run
        publish("1", f"2025-03-05T{edit:02d}:00:00Z", "Words.", f"Page 1, edit {edit}.")
        run()
    seeds = run.record("1")["seeds"]
    stem = seeds[0].removesuffix(".html")
    assert len(seeds) == fetcher.MAX_VERSIONS == 5
    assert seeds[1:] == [f"{stem}.v{n}.html" for n in range(2, 6)]
    assert sum(name.startswith(stem) for name in run.files()) == 5


def test_a_broken_page_is_never_a_version(feed_url: str, tmp_path: Path) -> None:
    run = Runner(tmp_path, feed_url)
    publish("1", "2025-03-03T08:00:00Z", "Words.", "The ferry is late.")
    run()
    publish("1", "2025-03-03T10:00:00Z", "Words.", "The ferry is back.")
    Site.broken.add("1")
    report = run()
    assert report.versions == 0 and len(run.files()) == 1
    assert report.failures and "HTTP 503" in report.failures[0]
    assert "update not saved" in report.failures[0]


def test_an_older_state_records_first_and_a_doctored_one_cannot_write_elsewhere(
    feed_url: str, tmp_path: Path
) -> None:
    run = Runner(tmp_path, feed_url)
    publish("1", "2025-03-03T08:00:00Z", "Words.", "The ferry is late.")
    run()
    (original,) = run.files()
    state = json.loads(run.state.read_text("utf-8"))
    del state["entries"]  # as an older version of fetch wrote it
    run.state.write_text(json.dumps(state), encoding="utf-8")
    assert run().new == 0  # first look: recorded, not fetched
    assert run.record("1")["seeds"] == []
    publish("1", "2025-03-03T12:00:00Z", "Words.", "The ferry is back.")
    assert run().versions == 1
    assert set(run.files()) == {original, original.removesuffix(".html") + ".v2.html"}

    state = json.loads(run.state.read_text("utf-8"))
    state["entries"]["urn:1"]["seeds"] = ["../../outside.html"]
    run.state.write_text(json.dumps(state), encoding="utf-8")
    publish("1", "2025-03-03T13:00:00Z", "Words.", "The ferry is back again.")
    assert run().versions == 1
    assert not (tmp_path.parent / "outside.v2.html").exists()
    assert not list(tmp_path.parent.glob("outside*"))
    assert len(run.files()) == 3 and all(name.startswith("t/") for name in run.files())


def test_an_entry_repeated_in_one_feed_is_no_update_and_a_gone_one_is_forgotten(
    feed_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = Runner(tmp_path, feed_url)
    publish("1", "2025-03-03T08:00:00Z", "Words.", "The ferry is late.")
    publish("2", "2025-03-03T08:00:00Z", "Words.", "The council meets.")
    original = Handler.do_GET

    def twice(handler: Handler) -> None:  # the feed lists entry 1 twice, differently
        if handler.path == "/feed.atom":
            Site.entries["1-again"] = ("2025-03-09T08:00:00Z", "Other words.")
        original(handler)
        Site.entries.pop("1-again", None)

    Site.pages["1-again"] = "Another page under the same entry id."

    monkeypatch.setattr(Handler, "do_GET", twice)
    report = run()
    assert (report.new, report.versions) == (2, 0)
    assert len(run.files()) == 2
    monkeypatch.setattr(Handler, "do_GET", original)
    del Site.entries["2"]
    run()
    entries = json.loads(run.state.read_text("utf-8"))["entries"]
    assert sorted(entries) == ["urn:1"]  # entry 2 left the feed: its record with it
    assert "urn:2" in json.loads(run.state.read_text("utf-8"))["seen"]  # never fetched again


@pytest.mark.site
def test_a_build_takes_both_versions_of_an_updated_story(
    feed_url: str, tmp_path: Path, build_site: Callable[..., BuildResult]
) -> None:
    run = Runner(tmp_path, feed_url)
    first = "The harbour ferry between Lindholm and the old town was late again on Monday. " * 3
    later = "The harbour ferry returned to service on Tuesday after engine repairs, " * 3
    publish("1", "2025-03-03T08:00:00Z", "Ferry late.", first)
    run()
    publish("1", "2025-03-04T08:00:00Z", "Ferry back.", later)
    assert run().versions == 1
    status, report, _, _ = build_site(run.seeds)
    assert status == 0 and report["rejected"] == []
    text = json.dumps(report)
    (seed,) = [name for name in run.files() if name.endswith(".v2.html")]
    assert seed in text and seed.replace(".v2.html", ".html") in text
    (brief,) = report["briefs"]  # one article, shown once: its newest version
    brief_text = (tmp_path / "site" / "content" / brief["path"]).read_text("utf-8")
    assert "\nModified: " in brief_text and "\nChanges: " in brief_text
    assert "returned to service" in brief_text and "late again" not in brief_text
    page = next((tmp_path / "site" / "output").rglob(f"{brief['slug']}.html")).read_text("utf-8")
    assert '<p class="updated">Updated <time datetime="' in page
