"""Invented multi-outlet seeds for the front page, editions, feeds and alerts tests.

Four outlets (one RSS feed each) report one event (the Marlow tunnel), two report
another (the Brenna orchard fair), and some stories have one report only; one text
seed has no outlet and no date (unattributed, its date estimated), one is in German.
Every name, place and sentence here is made up for these tests.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

OUTLETS = {
    "northshore.rss": ("Northshore Courier", "https://northshore-courier.example"),
    "valley.rss": ("Valley Tribune", "https://valley-tribune.example"),
    "coast.rss": ("Coast Radio News", "https://coast-radio.example"),
    "lakeside.rss": ("Lakeside Ledger", "https://lakeside-ledger.example"),
}

TUNNEL = (
    "The Marlow tunnel under the Copperfield estuary opened to traffic on {day}, "
    "after six years of construction. Mayor Ilse Varga of Copperfield cut the ribbon "
    "at the northern portal and said the Marlow tunnel would cut the drive between "
    "Copperfield and Eastwick from forty minutes to twelve. {extra}"
)
TUNNEL_EXTRA = {
    "northshore.rss": "Engineers from Halden Works bored the two tubes through soft clay.",
    "valley.rss": "Commuters from Eastwick queued at the toll gates before dawn.",
    "coast.rss": "The estuary ferry between Copperfield and Eastwick will stop in October.",
    "lakeside.rss": "The Marlow tunnel cost 410 million euros, the Copperfield council said.",
}
FAIR = (
    "The Brenna orchard fair drew record crowds on {day} as growers from the Tavel "
    "valley showed forty kinds of apple. Fair director Oskar Lind said the Brenna "
    "orchard fair had sold out its cider tent by noon. {extra}"
)
FAIR_EXTRA = {
    "valley.rss": "A heritage pear from Tavel won the judges' prize.",
    "coast.rss": "Buses from the Tavel valley ran every twenty minutes.",
}
SINGLES = {
    "northshore.rss": [
        (
            "Wed, 10 Sep 2025 08:00:00 GMT",
            "Northshore lifeboat crew rescues two kayakers",
            "The Northshore lifeboat crew rescued two kayakers off Gannet Rock on Tuesday "
            "evening after their boat capsized in strong winds. Both were taken to the "
            "harbour clinic and later released, coxswain Rhea Dunmore said.",
        )
    ],
    "lakeside.rss": [
        (
            "Thu, 11 Sep 2025 16:00:00 GMT",
            "Lakeside school choir wins national title",
            "The choir of Lakeside Grammar School won the national youth choir title in "
            "Selby on Wednesday, singing three pieces by the composer Vera Holm. Choir "
            "master Ansel Brook said the singers had rehearsed every morning since spring.",
        )
    ],
}
UNATTRIBUTED = {
    "undated-note.txt": (
        "Quarry road closed for resurfacing\n\n"
        "The quarry road between Ashby and Fenwick will be closed for resurfacing for "
        "two weeks, the county roads office said. Drivers are asked to use the valley "
        "road instead, which adds about ten minutes to the journey between the villages.\n"
    ),
}
GERMAN = {
    "bergbahn.txt": (
        "date 2025-09-09 Neue Bergbahn am Hohen Kranz eröffnet\n\n"
        "Am Hohen Kranz fährt seit Dienstag eine neue Bergbahn. Die Gemeinde Kranzach "
        "hat drei Jahre lang gebaut; die Kabinen bringen bis zu achthundert Fahrgäste in "
        "der Stunde auf den Gipfel. Bürgermeisterin Lene Asch sagte, die alte Bahn sei "
        "nach vierzig Jahren nicht mehr sicher gewesen.\n"
    ),
}
# The first report of the tunnel story comes on 10 September, the rest on the 11th.
TUNNEL_DATES = {
    "northshore.rss": "Wed, 10 Sep 2025 18:00:00 GMT",
    "valley.rss": "Thu, 11 Sep 2025 06:30:00 GMT",
    "coast.rss": "Thu, 11 Sep 2025 07:15:00 GMT",
    "lakeside.rss": "Thu, 11 Sep 2025 09:00:00 GMT",
}
FAIR_DATES = {
    "valley.rss": "Thu, 11 Sep 2025 12:00:00 GMT",
    "coast.rss": "Thu, 11 Sep 2025 13:30:00 GMT",
}
TUNNEL_TITLES = {
    "northshore.rss": "Marlow tunnel opens under the Copperfield estuary",
    "valley.rss": "Eastwick commuters try the new Marlow tunnel",
    "coast.rss": "Copperfield ferry to stop as Marlow tunnel opens",
    "lakeside.rss": "Marlow tunnel cost 410 million euros, council says",
}
FAIR_TITLES = {
    "valley.rss": "Record crowds at the Brenna orchard fair",
    "coast.rss": "Brenna orchard fair sells out its cider tent",
}


def _item(outlet_url: str, slug: str, date: str, title: str, text: str, author: str) -> str:
    return (
        f"  <item><title>{escape(title)}</title>"
        f"<link>{outlet_url}/news/{slug}</link>"
        f'<guid isPermaLink="false">{slug}</guid><pubDate>{date}</pubDate>'
        f"<dc:creator>{escape(author)}</dc:creator>"
        f"<description>{escape('<p>' + text + '</p>')}</description></item>\n"
    )


def write_front_seeds(folder: Path) -> Path:
    """Write the seeds into ``folder`` (made if missing); return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (outlet, url) in OUTLETS.items():
        items = []
        for k, (date, title, text) in enumerate(SINGLES.get(name, [])):
            items.append(_item(url, f"single-{k}", date, title, text, f"{outlet} staff"))
        day = {"Wed": "Wednesday", "Thu": "Thursday"}
        if name in TUNNEL_DATES:
            date = TUNNEL_DATES[name]
            text = TUNNEL.format(day=day[date[:3]], extra=TUNNEL_EXTRA[name])
            items.append(_item(url, "marlow-tunnel", date, TUNNEL_TITLES[name], text, "Desk"))
        if name in FAIR_DATES:
            date = FAIR_DATES[name]
            text = FAIR.format(day=day[date[:3]], extra=FAIR_EXTRA[name])
            items.append(_item(url, "brenna-fair", date, FAIR_TITLES[name], text, "Desk"))
        (folder / name).write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{escape(outlet)}</title><link>{url}/</link>"
            f"<description>News from {escape(outlet)}</description><language>en</language>\n"
            + "".join(items)
            + "</channel></rss>\n",
            encoding="utf-8",
        )
    for name, text in {**UNATTRIBUTED, **GERMAN}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
