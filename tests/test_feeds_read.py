"""Feeds read right, in the build and in fetch alike (one reader: parse.feed.read_feed).

JSON Feed 1.0/1.1, feeds in legacy encodings that do not declare them, feeds
opening with comments or processing instructions, empty feeds, DOCTYPE/ENTITY
anywhere, and entries without a word.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import FIXTURES
from news_digest.core.discover import find_seeds, sniff_kind
from news_digest.core.errors import SeedError
from news_digest.core.models import SeedFile
from news_digest.core.parse import parse_seed
from news_digest.core.parse.feed import read_feed
from news_digest.core.per_seed import ItemOptions, SeedJob, brief_seed
from news_digest.fetch.fetcher import fetch_sources
from news_digest.fetch.http import Client
from news_digest.fetch.sources import load_sources

HERE = FIXTURES / "feeds_read"
# (encoding, title, body): a headline and a paragraph of news in each script.
SCRIPTS = {
    "cp1251": (
        "Паром возобновил работу после ремонта",
        "Паромное сообщение между городом и островом возобновилось в понедельник после трёх "
        "недель ремонта двигателя. Пассажиры всё это время пользовались автобусом, который "
        "добавлял к поездке двадцать минут. Портовое управление поблагодарило жителей за "
        "терпение и пообещало, что в часы пик паром будет ходить каждые пятнадцать минут.",
    ),
    "shift_jis": (
        "港のフェリーが修理を終えて運航を再開",
        "港と旧市街を結ぶフェリーは、三週間にわたるエンジンの修理を終え、月曜日に運航を再開した"
        "と港湾局が発表した。利用者はその間、所要時間が二十分長くなる代替バスを使っていた。"
        "港湾局は市民の忍耐に感謝し、火曜日からは朝夕の混雑時に十五分おきに運航すると述べた。",
    ),
    "gbk": (
        "港口渡轮维修后恢复运营",
        "港务局表示，连接港口和老城区的渡轮在经过三周的发动机维修后，于星期一恢复运营。"
        "在此期间，乘客只能乘坐替代巴士，行程因此增加了二十分钟。"
        "港务局感谢市民的耐心，并表示从星期二起，高峰时段渡轮将每十五分钟一班。",
    ),
    "euc_kr": (
        "항구 여객선 수리 마치고 운항 재개",
        "항만청은 항구와 구시가지를 잇는 여객선이 삼 주 동안의 엔진 수리를 마치고 월요일에 "
        "운항을 재개했다고 밝혔다. 그동안 승객들은 이동 시간이 이십 분 더 걸리는 대체 버스를 "
        "이용해야 했다. 항만청은 시민들의 인내에 감사하며 화요일부터 출퇴근 시간에는 십오 분마다 "
        "운항한다고 말했다.",
    ),
    "tis_620": (
        "เรือข้ามฟากกลับมาให้บริการหลังการซ่อมแซม",
        "การท่าเรือแจ้งว่าเรือข้ามฟากระหว่างท่าเรือกับเมืองเก่ากลับมาให้บริการอีกครั้งในวันจันทร์ "
        "หลังจากซ่อมเครื่องยนต์นานสามสัปดาห์ ระหว่างนั้นผู้โดยสารต้องใช้รถโดยสารทดแทนซึ่งทำให้"
        "การเดินทางนานขึ้นยี่สิบนาที การท่าเรือขอบคุณประชาชนที่อดทนและกล่าวว่าตั้งแต่วันอังคาร"
        "เรือจะออกทุกสิบห้านาทีในช่วงเวลาเร่งด่วน",
    ),
    "cp1255": (
        "המעבורת בנמל חזרה לפעול אחרי תיקונים",
        "רשות הנמל מסרה כי המעבורת בין הנמל לעיר העתיקה חזרה לפעול ביום שני, אחרי שלושה "
        "שבועות של תיקוני מנוע. בתקופה זו השתמשו הנוסעים באוטובוס חלופי שהאריך את הנסיעה "
        "בעשרים דקות. הרשות הודתה לתושבים על סבלנותם ואמרה כי מיום שלישי תפליג המעבורת כל "
        "חמש עשרה דקות בשעות העומס.",
    ),
}


def undeclared_rss(title: str, body: str) -> str:
    """An RSS feed whose XML declaration names no encoding (so UTF-8 by the XML rules)."""
    return (
        "<?xml version='1.0'?>\n<rss version='2.0'><channel><title>Outlet</title>"
        "<link>https://outlet.example/</link><description>d</description><item>"
        f"<guid>entry-1</guid><title>{title}</title><link>https://outlet.example/1</link>"
        f"<description>{body}</description></item></channel></rss>\n"
    )


def only_seed(folder: Path) -> SeedFile:
    seeds, rejected = find_seeds(folder)
    assert rejected == () and len(seeds) == 1
    return seeds[0]


# --- JSON Feed -----------------------------------------------------------------------


def test_json_feed_1_1_entries_become_articles(seeds_dir: Path) -> None:
    shutil.copy(HERE / "jsonfeed-1.1.json", seeds_dir / "gazette.json")
    seed = only_seed(seeds_dir)
    assert seed.kind == "feed"
    articles, notes = parse_seed(seed, 10**7, 100)
    assert notes == ("entry 3: no words (empty title and body): not a brief",)
    assert [a.index for a in articles] == [0, 1]
    ferry, market = (a.hints for a in articles)
    assert ferry.title == "Ferry service resumes after winter storms"
    assert ferry.url == "https://harbour-gazette.example/news/ferry-resumes"
    assert ferry.date == datetime(2025, 3, 4, 7, 30, tzinfo=UTC)
    assert ferry.authors == ("Mara Quell", "Ivo Brandt")
    assert ferry.tags == ("Transport", "Weather")
    assert ferry.outlet == "Harbour Gazette" and ferry.language == "en"
    assert ferry.entry_id == "hg-2025-0304-ferry"
    assert articles[0].content == (
        "<div><p>The ferry between Lindholm and the old town resumed on Tuesday after the "
        "winter storms.</p><p>Crews repaired the <b>damaged</b> pier.</p></div>"
    )
    assert market.title == "Fish market opens early"
    assert market.url == "https://other.example/market"  # external_url when there is no url
    assert market.date == datetime(2025, 3, 5, 6, 0, tzinfo=UTC)  # date_modified
    assert market.authors == ("Desk Editor",) and market.tags == ("Trade",)
    assert market.language == "nl" and market.entry_id == "42"
    assert articles[1].content == (
        "<p>The fish market opened an hour early on Wednesday.</p>\n"
        "<p>Traders said the catch was good &amp; plentiful.</p>"
    )


def test_json_feed_1_0_author_summary_and_placeholder_dates(seeds_dir: Path) -> None:
    shutil.copy(HERE / "jsonfeed-1.0.json", seeds_dir / "notes.json")
    articles, notes = parse_seed(only_seed(seeds_dir), 10**7, 100)
    assert notes == ()
    meteors, old = (a.hints for a in articles)
    assert meteors.authors == ("Ana Ruiz",) and meteors.outlet == "Observatory Notes"
    assert meteors.date == datetime(2025, 8, 13, 6, 0, tzinfo=UTC)
    assert articles[0].content == "<p>Volunteers counted 212 meteors in one hour.</p>"
    assert old.date is None and old.authors == ("Night Desk",)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"version": "https://jsonfeed.org/version/1.1", "items": []}', "feed has no items"),
        ('{"version": "https://jsonfeed.org/version/1", "title": "x"}', "feed has no items"),
        ('{"version": "https://jsonfeed.org/version/1.1", "items": [', "not valid JSON"),
        ('{"version": "https://jsonfeed.org/version/1.1", "items": 3}', "'items' is not a list"),
    ],
)
def test_broken_json_feeds_are_refused_with_a_reason(
    seeds_dir: Path, text: str, reason: str
) -> None:
    (seeds_dir / "f.json").write_text(text, encoding="utf-8")
    with pytest.raises(SeedError, match=reason):
        parse_seed(only_seed(seeds_dir), 10**7, 100)


class FeedHandler(BaseHTTPRequestHandler):
    bodies: ClassVar[dict[str, tuple[bytes, str]]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body, kind = self.bodies.get(self.path, (b"", ""))
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", kind or "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def feed_server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_reads_json_feeds_and_undeclared_encodings(feed_server: str, tmp_path: Path) -> None:
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Local",
        "items": [
            {
                "id": "j1",
                "url": f"{feed_server}/missing.html",
                "title": "Quay wall rebuilt",
                "content_text": "The quay wall was rebuilt in stone.",
                "date_published": "2025-03-03T08:30:00Z",
                "tags": ["Harbour"],
            }
        ],
    }
    title, body = SCRIPTS["cp1251"]
    FeedHandler.bodies = {
        "/feed.json": (json.dumps(json_feed).encode(), "application/feed+json"),
        "/ru.rss": (undeclared_rss(title, body).encode("cp1251"), "application/rss+xml"),
        "/robots.txt": (b"User-agent: *\nAllow: /\n", "text/plain"),
    }
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[[source]]\nname = "J"\nfeed = "{feed_server}/feed.json"\n\n'
        f'[[source]]\nname = "R"\nfeed = "{feed_server}/ru.rss"\n',
        encoding="utf-8",
    )
    seeds = tmp_path / "seeds"
    reports = fetch_sources(load_sources(path), seeds, Client(timeout=5))
    assert [(r.name, r.new) for r in reports] == [("J", 1), ("R", 1)]
    (j_meta,) = [json.loads(p.read_text("utf-8")) for p in (seeds / "j").glob("*.meta.json")]
    assert j_meta["title"] == "Quay wall rebuilt" and j_meta["entry_id"] == "j1"
    assert j_meta["published"] == "2025-03-03T08:30:00+00:00"
    assert j_meta["categories"] == ["Harbour"] and j_meta["content_source"] == "feed-entry"
    (j_page,) = (seeds / "j").glob("*.html")
    assert "<p>The quay wall was rebuilt in stone.</p>" in j_page.read_text("utf-8")
    (r_meta,) = [json.loads(p.read_text("utf-8")) for p in (seeds / "r").glob("*.meta.json")]
    assert r_meta["title"] == title
    (r_page,) = (seeds / "r").glob("*.html")
    assert body in r_page.read_text("utf-8")


# --- encodings -----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", sorted(SCRIPTS))
def test_feeds_in_legacy_encodings_without_a_declaration_read_right(
    seeds_dir: Path, encoding: str
) -> None:
    title, body = SCRIPTS[encoding]
    data = undeclared_rss(title, body).encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the XML default would be wrong
    (seeds_dir / "feed.xml").write_bytes(data)
    (article,), notes = parse_seed(only_seed(seeds_dir), 10**7, 100)
    assert notes == ()
    assert article.hints.title == title
    assert article.content == body
    assert article.hints.outlet == "Outlet"
    entry = read_feed(data).entries[0]  # the reader fetch uses: the same answer
    assert (entry.hints.title, entry.content) == (title, body)


def test_a_declared_encoding_is_still_obeyed(seeds_dir: Path) -> None:
    title, body = SCRIPTS["cp1251"]
    text = undeclared_rss(title, body).replace("<?xml version='1.0'?>", "")
    data = ("<?xml version='1.0' encoding='windows-1251'?>" + text).encode("cp1251")
    (seeds_dir / "feed.xml").write_bytes(data)
    (article,), _ = parse_seed(only_seed(seeds_dir), 10**7, 100)
    assert (article.hints.title, article.content) == (title, body)


# --- sniffing ------------------------------------------------------------------------

RSS_BODY = (
    b"<rss version='2.0'><channel><title>T</title><item><title>Ferry</title>"
    b"<description><![CDATA[<p>One</p><div>two</div><p>three</p>]]></description>"
    b"</item></channel></rss>"
)


@pytest.mark.parametrize(
    "prefix",
    [
        b"<!-- generated by a CMS -->\n",
        b"<?xml version='1.0'?>\n<!-- a comment -->\n<!-- another -->",
        b"<?xml version='1.0'?><?xml-stylesheet type='text/xsl' href='rss.xsl'?>\n",
        b"\n\n   \t",
        b"\xef\xbb\xbf<!-- BOM, then a comment -->",
        b"<!DOCTYPE rss PUBLIC '-//Netscape Communications//DTD RSS 0.91//EN' 'rss.dtd'>\n",
    ],
)
def test_a_feed_opening_with_a_prolog_is_sniffed_as_a_feed(prefix: bytes) -> None:
    assert sniff_kind(prefix + RSS_BODY) == "feed"


def test_an_rss_091_feed_with_its_netscape_doctype_is_read(seeds_dir: Path) -> None:
    doctype = b"<!DOCTYPE rss PUBLIC '-//Netscape Communications//DTD RSS 0.91//EN' 'rss.dtd'>\n"
    (seeds_dir / "old.rss").write_bytes(b"<?xml version='1.0'?>\n" + doctype + RSS_BODY)
    articles, _notes = parse_seed(only_seed(seeds_dir), 10**7, 100)
    assert articles


def test_utf16_feed_with_a_comment_first_is_a_feed() -> None:
    data = ("<!-- c -->" + RSS_BODY.decode()).encode("utf-16")
    assert sniff_kind(data) == "feed"


def test_html_opening_with_a_comment_is_still_html() -> None:
    page = b"<!-- page --><!DOCTYPE html><html><head></head><body><p>x</p></body></html>"
    assert sniff_kind(page) == "html"


# --- empty feeds and declarations ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Quiet</title></channel></rss>",
        "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Q</title></feed>",
    ],
)
def test_a_feed_with_no_items_is_refused_as_such(seeds_dir: Path, text: str) -> None:
    (seeds_dir / "quiet.xml").write_text(text, encoding="utf-8")
    with pytest.raises(SeedError) as caught:
        parse_seed(only_seed(seeds_dir), 10**7, 100)
    assert str(caught.value) == "feed has no items"


def many_items(count: int) -> str:
    return "".join(
        f"<item><title>Story {n}</title><description>Text of story {n}.</description></item>"
        for n in range(count)
    )


@pytest.mark.parametrize(
    ("declaration", "reason"),
    [
        ('<!entity late "x">', "feed declares XML entities (<!ENTITY>): refused as unsafe"),
        ('<!EnTiTy late SYSTEM "file:///etc/passwd">', "feed declares XML entities"),
        (
            "<!doctype rss [<!ELEMENT rss ANY>]>",
            "feed has a DOCTYPE with declarations (<!DOCTYPE [...]>): refused as unsafe",
        ),
        ("<!DocType rss SYSTEM 'http://evil.example/x.dtd' [ ]>", "DOCTYPE with declarations"),
    ],
)
def test_declarations_are_refused_in_any_case_anywhere(
    seeds_dir: Path, declaration: str, reason: str
) -> None:
    text = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        f"{many_items(2000)}{declaration}</channel></rss>"
    )
    assert len(text) > 70_000  # past the first 64 KB
    (seeds_dir / "late.xml").write_text(text, encoding="utf-8")
    with pytest.raises(SeedError, match=re.escape(reason)):
        parse_seed(only_seed(seeds_dir), 10**7, 5000)
    with pytest.raises(SeedError, match="refused as unsafe"):
        read_feed(text.encode("utf-16"))


def test_an_html_document_inside_cdata_is_not_a_declaration(seeds_dir: Path) -> None:
    text = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item>"
        "<title>Ferry</title><description><![CDATA[<!DOCTYPE html><p>The ferry runs.</p>]]>"
        "</description></item></channel></rss>"
    )
    (seeds_dir / "cdata.xml").write_text(text, encoding="utf-8")
    (article,), _ = parse_seed(only_seed(seeds_dir), 10**7, 100)
    assert article.hints.title == "Ferry"


# --- entries without words -----------------------------------------------------------

WORDLESS = (
    "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
    "<item><title></title><description></description><link>https://o.example/a</link></item>"
    "<item><title> </title><description>&lt;p&gt; &lt;/p&gt;</description></item>"
    "<item><title>Harbour ferry returns after repairs</title><description>The harbour ferry "
    "between Lindholm and the old town returned to service on Monday after three weeks of "
    "engine repairs, the port authority said on Monday morning.</description></item>"
    "</channel></rss>"
)


def test_entries_without_words_are_noted_and_never_briefs(seeds_dir: Path) -> None:
    (seeds_dir / "wordless.xml").write_text(WORDLESS, encoding="utf-8")
    seed = only_seed(seeds_dir)
    (article,), notes = parse_seed(seed, 10**7, 100)
    assert article.index == 2
    assert notes == (
        "entry 1: no words (empty title and body): not a brief",
        "entry 2: no words (empty title and body): not a brief",
    )
    options = ItemOptions(10**7, 100, (), (), 8)
    result = brief_seed(SeedJob(seed, options))
    assert [b.title for b in result.briefs] == ["Harbour ferry returns after repairs"]
    assert [n.message for n in result.notices][:2] == list(notes)


def test_a_feed_of_only_wordless_entries_is_refused(seeds_dir: Path) -> None:
    text = WORDLESS.split("<item><title>Harbour")[0] + "</channel></rss>"
    (seeds_dir / "wordless.xml").write_text(text, encoding="utf-8")
    with pytest.raises(SeedError, match=r"feed has no items with words \(2 empty entries\)"):
        parse_seed(only_seed(seeds_dir), 10**7, 100)


TRACKED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title>'
    "<item><title>Harbour ferry returns after repairs</title>"
    "<link>https://o.example/ferry?id=7&amp;utm_source=rss&amp;fbclid=abc&amp;mc_cid=1</link>"
    "<description>The harbour ferry between Lindholm and the old town returned to service "
    "on Monday after three weeks of engine repairs, the port authority said.</description>"
    "</item></channel></rss>"
)


def test_published_links_carry_no_tracking_parameters(seeds_dir: Path) -> None:
    (seeds_dir / "tracked.xml").write_text(TRACKED, encoding="utf-8")
    options = ItemOptions(10**7, 100, (), (), 8, tracking_params=("id",))
    (brief,) = brief_seed(SeedJob(only_seed(seeds_dir), options)).briefs
    assert brief.url == "https://o.example/ferry"  # utm_*, fbclid, mc_cid and the setting's id
    (brief,) = brief_seed(SeedJob(only_seed(seeds_dir), ItemOptions(10**7, 100, (), (), 8))).briefs
    assert brief.url == "https://o.example/ferry?id=7"
    assert brief.entry_id is None  # feed ids are unique within their feed only: no versions
