"""A seeds folder of everything the open web and broken scrapers throw at a digest.

Every file is made here, by code, so the fixtures are visible and small in git.
"""

from __future__ import annotations

import os
from pathlib import Path

PARAGRAPHS_EN = (
    "The regional water authority said on Thursday that it would replace more than forty "
    "kilometres of ageing pipes over the next three years, after a summer of repeated leaks.",
    "Engineers will start in the northern districts, where most of the breaks were reported, "
    "and expect to finish the first stage before the winter frosts arrive.",
    "Residents will be told by letter at least two weeks before work begins on their street, "
    "a spokeswoman for the authority said.",
)
RUSSIAN = (
    "Городские власти объявили в четверг, что в следующем году в центре города начнётся "
    "ремонт старого моста через реку, закрытого для грузовиков уже два года.",
    "По словам инженеров, работы займут около восемнадцати месяцев, а движение транспорта "
    "будет частично перекрыто только в ночное время.",
    "Жители соседних районов смогут обсудить план ремонта на открытом собрании в мэрии.",
)
JAPANESE = (
    "市は木曜日、来年春から市内の古い図書館を改修すると発表した。改修には約二年かかる見通しだ。",
    "工事の間、図書館の本の一部は近くの公民館に移され、利用者は引き続き本を借りることができる。",
    "市の担当者は、新しい図書館には子ども向けの広い読書スペースを設けると説明した。",
)
FRENCH = (
    "La mairie a annoncé jeudi la réouverture du marché couvert après huit mois de travaux, "
    "une très bonne nouvelle pour les commerçants du quartier.",
    "Les étals de fromages et de légumes retrouvent leur place près de l'entrée principale, "
    "et un café s'installera à l'étage.",
    "Le marché sera ouvert du mardi au dimanche, de sept heures à treize heures.",
)
SMART = (
    "The minister said the plan was \u201cthe only sensible way forward\u201d \u2013 and "
    "promised a vote before the end of the month on the new rail timetable.",
    "Opposition members called the proposal \u2018rushed\u2019 and asked for more time to "
    "study the costs of the changes for commuters in the outer suburbs.",
    "The debate resumes on Monday, when the transport committee meets again.",
)
RUSSIAN_2 = (
    "Областная больница получила в понедельник новое оборудование для диагностики, которое "
    "позволит быстрее обследовать пациентов из отдалённых сёл.",
    "Главный врач сказал журналистам, что очереди на обследование сократятся почти вдвое уже "
    "к концу весны.",
    "Оборудование было закуплено на средства регионального бюджета после долгих обсуждений.",
)
RUSSIAN_3 = (
    "Школьная команда из небольшого города победила в субботу на национальной олимпиаде по "
    "программированию, обойдя сильных соперников из столицы.",
    "Ученики готовились к соревнованию целый год и занимались по вечерам после уроков.",
    "Учитель информатики пообещал, что летом команда поедет на международный турнир.",
)
JAPANESE_2 = (
    "県は月曜日、山間部の道路で発生した土砂崩れの復旧作業が終わり、通行止めを解除したと発表した。",
    "地元の住民は約一か月ぶりに車で町の中心部へ行けるようになり、安心した様子だった。",
    "県の担当者は、雨の多い季節に備えて斜面の点検を続けると話した。",
)
FRENCH_2 = (
    "Le club de football de la ville a inauguré samedi son nouveau stade, construit en deux "
    "ans grâce aux dons des habitants et des entreprises locales.",
    "Plus de trois mille supporters ont assisté au premier match, remporté par l'équipe locale "
    "sur le score de deux buts à zéro.",
    "Le président du club espère accueillir bientôt des rencontres régionales de jeunes.",
)
SUBJECTS = (
    "The harbour board",
    "A local bakery",
    "The county library",
    "Volunteer firefighters",
    "The city orchestra",
    "A group of farmers",
    "The regional airport",
    "Two schools",
    "The museum of maps",
    "The hospital trust",
    "A cycling club",
    "The water company",
)
ACTIONS = (
    "announced a new plan for",
    "raised money to repair",
    "asked the council about",
    "opened an exhibition on",
    "published a report on",
    "started a campaign for",
    "changed the timetable of",
    "won an award for",
    "hired twelve staff for",
    "delayed the opening of",
    "doubled the budget of",
    "held a public vote on",
)
OBJECTS = (
    "the old lighthouse",
    "winter bus routes",
    "the flood barrier",
    "reading rooms",
    "the night market",
    "apple orchards",
    "the cargo terminal",
    "school meals",
    "antique globes",
    "the maternity ward",
    "mountain trails",
    "the reservoir dam",
)
TIMES = ("on Monday", "last week", "this spring", "after a long debate", "in a short statement",
         "before the summer", "despite the rain", "for the first time")  # fmt: skip


def english(k: int) -> tuple[str, ...]:
    """Three paragraphs of English that no other fixture shares (k picks the words)."""
    paragraphs = []
    for p in range(3):
        sentences = []
        for s in range(3):
            n = k * 9 + p * 3 + s
            sentences.append(
                f"{SUBJECTS[(n * 5 + k) % 12]} {ACTIONS[(n * 7 + 3 * k) % 12]} "
                f"{OBJECTS[(n * 11 + 5 * k) % 12]} {TIMES[(n + k) % 8]}, officials said ({k}-{n})."
            )
        paragraphs.append(" ".join(sentences))
    return tuple(paragraphs)


INJECTION_LINES = (
    "Title: Hacked title",
    "Status: draft",
    "Save_as: ../../index.html",
    "[click me](javascript:alert(1)) and ![img](data:text/html;base64,PHNjcmlwdD4=)",
    "<script>alert('text dump')</script>",
    '<img src="x" onerror="alert(1)"> <iframe src="https://evil.example/"></iframe>',
    "{filename}/../pelicanconf.py and {static}/x and {{ SITENAME }} and {% include 'base.html' %}",
)
EVIL_HTML = """<!DOCTYPE html><html><head><title>Harbour fire under control</title>
<style>body { background: url(javascript:alert(1)) }</style>
<script>alert('head')</script></head>
<body onload="alert('body')"><nav><a href="javascript:alert(1)">Home</a></nav>
<article><h1>Harbour fire under control</h1>
<p onclick="alert(2)">Firefighters brought a blaze at the old harbour warehouse under control
early on Sunday after working through the night, the fire service said.</p>
<p>No one was hurt, but smoke drifted across the town centre and residents were asked to keep
their windows closed until the morning. <a href="javascript:alert(3)">More</a></p>
<iframe src="https://evil.example/frame"></iframe><object data="evil.swf"></object>
<svg><script>alert('svg')</script></svg><img src="data:image/svg+xml;base64,PHN2Zz4=">
<p>The cause of the fire is not yet known; investigators will visit the site on Monday.</p>
</article><script>document.write('tail')</script></body></html>"""
EVIL_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Evil Feed</title><link>https://evil.example/</link>
<description>x</description>
<item><title>Council &lt;b&gt;approves&lt;/b&gt; &amp; "funds" new bridge</title>
<link>javascript:alert(1)</link><guid>evil-1</guid><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>
<description><![CDATA[<p onmouseover="alert(1)">The council approved funding for a new footbridge
over the river on Monday, after years of debate about its cost and design.</p>
<script>alert('feed')</script><iframe src="https://evil.example/"></iframe>
<p>Construction is expected to begin next spring <a href="javascript:alert(2)">details</a>
and to take about a year.</p><object data="x.swf"></object>]]></description></item>
</channel></rss>"""
BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<rss version="2.0"><channel><title>&d;</title><item><title>&d;</title>
<description>&d;</description></item></channel></rss>"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>Leak</title>
<description>&secret;</description></item></channel></rss>"""


def _article(title: str, paragraphs: tuple[str, ...], date: str = "2025-03-04") -> str:
    return f"date {date} {title}\n\n" + "\n\n".join(paragraphs) + "\n"


def _feed(items: list[str], updated: str = "") -> str:
    extra = f"<lastBuildDate>{updated}</lastBuildDate>" if updated else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Test Feed</title><link>https://feed.example/</link><description>d</description>"
        f"{extra}{''.join(items)}</channel></rss>"
    )


def _item(n: int, link: bool = True, guid: bool = True, date: str | None = None) -> str:
    parts = [f"<title>Numbered report {n} about the harbour</title>"]
    if link:
        parts.append(f"<link>https://feed.example/reports/{n}</link>")
    if guid:
        parts.append(f'<guid isPermaLink="false">report-{n}</guid>')
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    parts.append(
        f"<description>Report number {n}: the harbour master logged {n} arrivals and noted "
        f"that the weather stayed calm for most of the day, with light winds.</description>"
    )
    return "<item>" + "".join(parts) + "</item>"


def make_hostile_seeds(root: Path, outside: Path) -> Path:
    """Write the hostile corpus into ``root`` (created); ``outside`` is a folder beyond it."""
    root.mkdir(parents=True)
    write = {
        # empty, blank, no article, binary
        "empty.txt": b"",
        "blank.txt": b"   \n\n\t  \r\n",
        "menu-only.txt": b"Home\nNews\nSport\nWeather\nSubscribe\nLog in\n\n"
        b"\xc2\xa9 2025 Example Media. All rights reserved.\n",
        "picture.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "archive.txt": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4,
        "nul.txt": b"Some text\x00\x00\x01\x02\x03 then binary\x00\x00\xff\xfe\x00" * 50,
        # encodings
        "ru-cp1251.txt": _article("Ремонт моста начнётся весной", RUSSIAN).encode("cp1251"),
        "ru-koi8r.txt": _article("Больница получила оборудование", RUSSIAN_2).encode("koi8_r"),
        "ja-sjis.txt": _article("図書館の改修", JAPANESE).encode("shift_jis"),
        "fr-latin1.txt": _article("Le marché couvert rouvre", FRENCH).encode("latin-1"),
        "en-cp1252.txt": _article("Minister backs rail timetable", SMART).encode("cp1252"),
        "en-utf16.txt": _article("Water pipes to be replaced", PARAGRAPHS_EN).encode("utf-16"),
        "en-bom.txt": ("\ufeff" + _article("News with a BOM", english(1), "2025-03-06")).encode(),
        "en-crlf.txt": _article("Windows line ends", english(2), "2025-03-07")
        .replace("\n", "\r\n")
        .encode(),
        "en-cr.txt": _article("Old Mac line ends", english(3), "2025-03-08")
        .replace("\n", "\r")
        .encode(),
        "bad-utf8.txt": _article("Straße wird erneuert", english(4), "2025-03-09")
        .encode()
        .replace(b"officials said (4-36)", b"offi\xff\xfecials said (4-36)"),
        # hostile content
        "evil.html": EVIL_HTML.encode(),
        "evil-feed.rss": EVIL_FEED.encode(),
        "injection.txt": (
            "\n".join(INJECTION_LINES)
            + "\n\n"
            + "\n\n".join(english(5))
            + "\n\n"
            + "\n".join(INJECTION_LINES)
            + "\n"
        ).encode(),
        "title-attack.txt": _article(
            "Mayor says \"enough\" & <b>bold</b> <script>x</script> 'quoted'",
            english(6),
            "2025-03-10",
        ).encode(),
        # feeds
        "bomb.xml": BOMB.encode(),
        "xxe.xml": XXE.encode(),
        "bozo.xml": (
            _feed([_item(1, date="Tue, 04 Mar 2025 08:00:00 GMT")])[:-20] + "<broken"
        ).encode(),
        "many.xml": _feed(
            [_item(n, date="Tue, 04 Mar 2025 08:00:00 GMT") for n in range(10_000)]
        ).encode(),
        "bare-entries.xml": _feed([_item(20_001, link=False, guid=False)]).encode(),
        "odd-dates.xml": _feed(
            [
                _item(30_001, date="Thu, 01 Jan 2099 00:00:00 GMT"),
                _item(30_002, date="Thu, 01 Jan 1970 00:00:00 GMT"),
            ],
            updated="Wed, 05 Mar 2025 12:00:00 GMT",
        ).encode(),
        # file names
        "name with spaces.txt": _article("Spaces in names", english(7), "2025-02-01").encode(),
        "ünïcödé-名前.txt": _article("Unicode names", FRENCH_2, "2025-02-02").encode(),
        "-leading-dash.txt": _article("Leading dash", english(8), "2025-02-03").encode(),
        "dup-a.txt": _article("Identical twins", RUSSIAN_3, "2025-02-04").encode(),
        "dup-b.txt": _article("Identical twins", RUSSIAN_3, "2025-02-04").encode(),
        "same-title-1.txt": _article("Same headline", english(9), "2025-02-05").encode(),
        "same-title-2.txt": _article("Same headline", JAPANESE_2, "2025-02-05").encode(),
    }
    for name, data in write.items():
        (root / name).write_bytes(data)
    huge_line = "The committee met again and discussed the harbour budget at length. " * 150_000
    (root / "one-line.txt").write_text(huge_line[:10_000_000], encoding="utf-8")
    block = "\n\n".join(english(10)) + "\n\nHome\nNews\nSport\n\n"
    (root / "huge.txt").write_text(
        "date 2025-03-11 A very long dump\n\n" + block * (50_000_000 // len(block)),
        encoding="utf-8",
    )
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "secret.txt"
    secret.write_text(_article("Outside the seeds", PARAGRAPHS_EN), encoding="utf-8")
    os.symlink(secret, root / "escape.txt")
    return root
