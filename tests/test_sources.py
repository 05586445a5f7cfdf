"""`news-digest sources import | add | list` against OPML files and a 127.0.0.1 fixture web."""

from __future__ import annotations

import argparse
import contextlib
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from news_digest.fetch import http, sources_cli
from news_digest.fetch.arguments import add_sources_parser
from news_digest.fetch.sources import load_sources
from news_digest.fetch.sources_cli import read_opml, url_key
from news_digest.fetch.state import FetchState, SourceHealth

Routes = dict[str, tuple[int, str, bytes]]


def rss(title: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{title}</title><link>http://x/</link><description>d</description>"
        "<item><guid>a1</guid><title>First story</title><link>http://x/a1</link>"
        "<description>Some words of news.</description></item></channel></rss>"
    ).encode()


def atom(title: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>{title}</title><id>urn:x</id><updated>2025-03-03T08:00:00Z</updated>"
        "<entry><id>urn:e1</id><title>One</title><link href='http://x/e1'/>"
        "<updated>2025-03-03T08:00:00Z</updated><summary>Words.</summary></entry></feed>"
    ).encode()


class Web:
    """A 127.0.0.1 server with a route table; every requested path is recorded."""

    def __init__(self, routes: Routes) -> None:
        self.routes = routes
        self.requests: list[str] = []
        web = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                web.requests.append(self.path)
                status, kind, body = web.routes.get(self.path, (404, "text/plain", b"no"))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def web() -> Iterator[Callable[[Routes], Web]]:
    servers: list[Web] = []

    def start(routes: Routes) -> Web:
        servers.append(Web(routes))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture(autouse=True)
def no_host_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fixture site is on 127.0.0.1: without this each request would wait 1 s."""
    monkeypatch.setattr(http, "DEFAULT_HOST_DELAY", 0.0)


@pytest.fixture(autouse=True)
def no_settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No pelicanconf.py in the working folder: the defaults, as in a fresh project."""
    monkeypatch.chdir(tmp_path)


def sources_main(argv: list[str]) -> int:
    """What `news-digest sources …` runs once cli.py registers the parser."""
    parser = argparse.ArgumentParser(prog="news-digest")
    commands = parser.add_subparsers(dest="command", required=True)
    add_sources_parser(commands)
    args = parser.parse_args(argv)
    return int(args.run(args))


USER_FILE = """# My sources: hand-written, with comments that must survive.

[[source]]
name = "Kept First"   # a trailing comment
feed = "https://kept.example/rss.xml"
tags = ["Mine"]
"""

NESTED_OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="News">
      <outline text="Europe" title="Europe">
        <outline type="rss" text="Harbour &amp; Port" title="Harbour &amp; Port"
                 xmlUrl="https://harbour.example/feed.xml" category="/Shipping/Ports,Local"/>
      </outline>
      <outline type="rss" text="World Wire" xmlURL="https://wire.example/rss"/>
    </outline>
    <outline type="rss" text="Kept again" xmlUrl="HTTPS://KEPT.example:443/rss.xml"/>
    <outline type="rss" text="World Wire twice" xmlUrl="https://wire.example/rss#x"/>
    <outline type="rss" text="Bad scheme" xmlUrl="file:///etc/passwd"/>
    <outline type="rss" text='Evil "name"&#10;[[source]]' xmlUrl="https://evil.example/f"/>
  </body>
</opml>
"""


def test_opml_import_appends_nested_feeds_with_tags_and_keeps_the_users_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources, opml = tmp_path / "sources.toml", tmp_path / "subs.opml"
    sources.write_text(USER_FILE, encoding="utf-8")
    opml.write_text(NESTED_OPML, encoding="utf-8")
    status = sources_main(["sources", "import", str(opml), "--sources", str(sources)])
    out = capsys.readouterr().out
    assert status == 0
    text = sources.read_text(encoding="utf-8")
    assert text.startswith(USER_FILE)  # appended, never re-serialised
    loaded = {s.name: s for s in load_sources(sources)}
    assert list(loaded) == ["Kept First", "Harbour & Port", "World Wire", 'Evil "name" [[source]]']
    assert loaded["Harbour & Port"].tags == ("News", "Europe", "Shipping", "Ports", "Local")
    assert loaded["World Wire"].tags == ("News",)
    assert loaded["World Wire"].url == "https://wire.example/rss"
    assert text.count("[[source]]") == 5  # four tables; the fifth is inside the evil name
    assert text.count("\n# imported from subs.opml by news-digest sources import\n") == 3
    assert "already a source, as 'Kept First'" in out
    assert "already a source, as 'World Wire'" in out
    assert "not an http(s) URL" in out
    assert "3 added, 3 skipped" in out


def test_importing_the_same_file_twice_adds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources, opml = tmp_path / "sources.toml", tmp_path / "subs.opml"
    opml.write_text(NESTED_OPML, encoding="utf-8")
    assert sources_main(["sources", "import", str(opml), "--sources", str(sources)]) == 0
    first = sources.read_bytes()
    capsys.readouterr()
    assert sources_main(["sources", "import", str(opml), "--sources", str(sources)]) == 0
    assert sources.read_bytes() == first
    assert "0 added" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("opml", "message"),
    [
        ("<opml><body><outline xmlUrl='https://a/'></body></opml>", "is not well-formed XML"),
        ("<html><body/></html>", "root element is not <opml>"),
        ("<opml version='2.0'><head/></opml>", "no <body>"),
        (
            '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            '<opml><body><outline text="&xxe;" xmlUrl="https://a.example/f"/></body></opml>',
            "declares XML entities",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            '<opml><body><outline text="&lol2;" xmlUrl="https://a.example/f"/></body></opml>',
            "declares XML entities",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE opml [<!ELEMENT opml ANY>]><opml><body/></opml>',
            "DOCTYPE with declarations",
        ),
        ("\x00\xff garbage", "is not well-formed XML"),
    ],
)
def test_a_bad_or_unsafe_opml_file_is_one_line_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opml: str, message: str
) -> None:
    sources, path = tmp_path / "sources.toml", tmp_path / "bad.opml"
    sources.write_text(USER_FILE, encoding="utf-8")
    path.write_bytes(opml.encode("utf-8", "surrogateescape"))
    status = sources_main(["sources", "import", str(path), "--sources", str(sources)])
    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    assert str(path) in err and message in err
    assert sources.read_text(encoding="utf-8") == USER_FILE


def test_an_external_dtd_is_never_fetched(
    tmp_path: Path, web: Callable[[Routes], Web], capsys: pytest.CaptureFixture[str]
) -> None:
    server = web({"/evil.dtd": (200, "application/xml-dtd", b'<!ENTITY xxe "PWNED">')})
    path = tmp_path / "ext.opml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE opml SYSTEM "{server.base}/evil.dtd">'
        '<opml><body><outline text="A &xxe; B" xmlUrl="https://a.example/f"/></body></opml>',
        encoding="utf-8",
    )
    found = read_opml(path)  # the undefined entity is left out, never looked up
    assert [s.name for s in found] == ["A B"]
    assert server.requests == []


def test_url_keys_find_duplicates_in_any_spelling() -> None:
    assert url_key("HTTPS://Example.COM:443/feed#top") == url_key("https://example.com/feed")
    assert url_key("http://example.com") == url_key("http://example.com:80/")
    assert url_key("http://example.com/Feed") != url_key("http://example.com/feed")
    assert url_key("http://example.com:8080/") != url_key("http://example.com/")


HOME_WITH_LINKS = (
    b"<!DOCTYPE html><html><head><title>Harbour Home</title>"
    b"<link rel='stylesheet' href='/style.css'>"
    b"<link rel='alternate' type='text/html' href='/fr/'>"
    b"<link rel='Alternate' type='application/rss+xml; charset=utf-8' href='/missing.rss'>"
    b"<link rel='alternate' type='application/atom+xml' href='news.atom'>"
    b"</head><body><p>Welcome</p></body></html>"
)


def test_add_finds_the_feed_by_autodiscovery(
    tmp_path: Path, web: Callable[[Routes], Web], capsys: pytest.CaptureFixture[str]
) -> None:
    server = web(
        {
            "/section/home.html": (200, "text/html", HOME_WITH_LINKS),
            "/section/news.atom": (200, "application/atom+xml", atom("Harbour Atom")),
            "/feed": (200, "application/rss+xml", rss("Not this one")),
        }
    )
    sources = tmp_path / "sources.toml"
    sources.write_text(USER_FILE, encoding="utf-8")
    status = sources_main(
        ["sources", "add", f"{server.base}/section/home.html", "--sources", str(sources)]
    )
    assert status == 0, capsys.readouterr().err
    text = sources.read_text(encoding="utf-8")
    assert text.startswith(USER_FILE)
    assert f"# found for {server.base}/section/home.html by news-digest sources add\n" in text
    added = load_sources(sources)[-1]
    assert (added.name, added.url, added.is_feed) == (
        "Harbour Atom",
        f"{server.base}/section/news.atom",
        True,
    )
    # the broken autodiscovery link was tried first, in document order; /feed never asked
    assert server.requests == ["/section/home.html", "/missing.rss", "/section/news.atom"]
    capsys.readouterr()
    again = sources_main(
        ["sources", "add", f"{server.base}/section/home.html", "--sources", str(sources)]
    )
    err = capsys.readouterr().err
    assert again == 1
    assert "already a source, as 'Harbour Atom'" in err
    assert len(load_sources(sources)) == 2


def test_add_falls_back_to_the_common_paths(
    tmp_path: Path, web: Callable[[Routes], Web], capsys: pytest.CaptureFixture[str]
) -> None:
    page = b"<html><head><title>Plain</title></head><body><p>No links here.</p></body></html>"
    server = web(
        {
            "/2025/03/an-article.html": (200, "text/html", page),
            "/rss": (200, "text/html", page),  # answers, but is no feed
            "/feed.xml": (200, "application/xml", rss("Plain Wire")),
        }
    )
    sources = tmp_path / "sources.toml"
    status = sources_main(
        [
            *("sources", "add", f"{server.base}/2025/03/an-article.html"),
            *("--sources", str(sources), "--tag", "Wire", "--tag", "wire"),
        ]
    )
    assert status == 0, capsys.readouterr().err
    (added,) = load_sources(sources)
    assert (added.name, added.url, added.tags) == (
        "Plain Wire",
        f"{server.base}/feed.xml",
        ("Wire",),
    )
    assert server.requests == [
        "/2025/03/an-article.html",
        "/feed",
        "/rss",
        "/atom.xml",
        "/feed.xml",
    ]


def test_add_with_no_feed_anywhere_is_refused_and_writes_nothing(
    tmp_path: Path, web: Callable[[Routes], Web], capsys: pytest.CaptureFixture[str]
) -> None:
    server = web({"/": (200, "text/html", b"<html><body>Nothing</body></html>")})
    sources = tmp_path / "sources.toml"
    sources.write_text(USER_FILE, encoding="utf-8")
    status = sources_main(["sources", "add", server.base + "/", "--sources", str(sources)])
    err = capsys.readouterr().err
    assert status == 1
    assert "no feed found" in err and "/index.xml" in err and "--page" in err
    assert sources.read_text(encoding="utf-8") == USER_FILE
    status = sources_main(
        ["sources", "add", server.base + "/", "--page", "--name", "Home", "--sources", str(sources)]
    )
    assert status == 0
    assert [(s.name, s.is_feed) for s in load_sources(sources)] == [
        ("Kept First", True),
        ("Home", False),
    ]


def test_add_never_follows_autodiscovery_to_another_private_origin(
    tmp_path: Path, web: Callable[[Routes], Web], capsys: pytest.CaptureFixture[str]
) -> None:
    inside = web({"/secret.rss": (200, "application/rss+xml", rss("Intranet"))})
    page = (
        f"<html><head><link rel='alternate' type='application/rss+xml' "
        f"href='{inside.base}/secret.rss'></head><body></body></html>"
    ).encode()
    outside = web({"/": (200, "text/html", page)})
    sources = tmp_path / "sources.toml"
    status = sources_main(["sources", "add", outside.base + "/", "--sources", str(sources)])
    err = capsys.readouterr().err
    assert status == 1
    assert "refused" in err and "private" in err
    assert inside.requests == []
    assert not sources.exists()


def test_list_shows_each_source_with_its_health(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources, state_path = tmp_path / "sources.toml", tmp_path / "state.json"
    sources.write_text(
        USER_FILE + '\n[[source]]\nname = "Down"\nfeed = "https://down.example/f"\n'
        '\n[[source]]\nname = "Never"\npage = "https://never.example/p"\n',
        encoding="utf-8",
    )
    state = FetchState()
    ok = SourceHealth(name="Kept First")
    ok.succeeded("2025-03-03T08:00:00+00:00", 200, 12, 3)
    down = SourceHealth(name="Down")
    for _ in range(3):
        down.failed("2025-03-04T08:00:00+00:00", "HTTP 500 Internal Server Error", 500)
    state.health = {"https://kept.example/rss.xml": ok, "https://down.example/f": down}
    state.save(state_path)
    status = sources_main(
        ["sources", "list", "--sources", str(sources), "--state", str(state_path)]
    )
    lines = capsys.readouterr().out.splitlines()
    assert status == 0
    assert lines[0].startswith("Kept First: feed https://kept.example/rss.xml [Mine] - ok")
    assert "12 items, 3 new" in lines[0] and "2025-03-03T08:00:00+00:00" in lines[0]
    assert lines[1].startswith("Down: feed") and "FAILING 3 runs in a row (HTTP 500" in lines[1]
    assert lines[2] == "Never: page https://never.example/p - never fetched"
    assert lines[3].endswith("3 sources, 1 failing (" + str(sources) + ")")


def test_a_linked_sources_file_stays_linked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real, link, opml = tmp_path / "dotfiles.toml", tmp_path / "sources.toml", tmp_path / "a.opml"
    real.write_text(USER_FILE, encoding="utf-8")
    link.symlink_to(real)
    opml.write_text(NESTED_OPML, encoding="utf-8")
    assert sources_main(["sources", "import", str(opml), "--sources", str(link)]) == 0
    assert link.is_symlink() and len(load_sources(real)) == 4


def test_discovery_gives_up_after_its_budget(
    tmp_path: Path,
    web: Callable[[Routes], Web],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = web({"/": (200, "text/html", b"<html><body>Nothing</body></html>")})
    monkeypatch.setattr(sources_cli, "DISCOVERY_SECONDS", 0)
    status = sources_main(["sources", "add", server.base + "/", "--sources", str(tmp_path / "s")])
    assert status == 1 and "gave up after 0 s" in capsys.readouterr().err
    assert server.requests == ["/"]
