"""A showcase site for the whole-site checks: every page kind, built once per session.

Seeds: the two original seeds, the fixture feeds and HTML page, two reports of one
event (so there is a story page), a brief in German, a brief whose title is full of
markup characters (<, &, quotes, a closing </title> and a <script>) and a rejected
file; the repo's hand-written pages come along.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, ORIGINAL_SEEDS, REPO, SEEDS, write_settings
from news_digest import cli

STORY_SEEDS = {
    "bridge-1.txt": (
        "date 2025-06-20 Riverton council approves the Alder bridge\n\n"
        "The city council of Riverton approved a new bridge over the Alder river on Tuesday. "
        "The bridge will connect the old town with the harbour district. Mayor Anna Berg "
        "said the bridge project would cost forty million euros and take three years.\n"
    ),
    "bridge-2.txt": (
        "date 2025-06-21 Riverton gets its Alder bridge after council vote\n\n"
        "Riverton will get its long awaited bridge over the Alder river, after councillors "
        "voted in favour on Tuesday. Mayor Anna Berg welcomed the decision and said the "
        "bridge would open in three years, linking the harbour district to the old town. "
        "Engineer Piet Smit of Delta Works will lead the construction of the Alder bridge.\n"
    ),
}


# A brief in another language: the one search index must find it too.
GERMAN_SEEDS = {
    "faehre.txt": (
        "date 2025-06-18 Neue Fähre für die Insel Wangerooge\n\n"
        "Die Gemeinde Wangerooge bekommt im Herbst eine neue Fähre. Das Schiff wird in "
        "einer Werft in Papenburg gebaut und soll bis zu vierhundert Fahrgäste und zwölf "
        "Lastwagen befördern. Der Bürgermeister sagte, die alte Fähre sei über fünfzig Jahre "
        "alt und müsse dringend ersetzt werden. Die Überfahrt soll künftig kürzer dauern.\n"
    ),
}

# A title that breaks pages whose <title>, meta tags or JSON-LD are not escaped right.
TRICKY_TITLE = 'Q&A: "<Budget>" talks </title><script>alert(1)</script> & the mayor\'s reply'
TRICKY_SEEDS = {
    "tricky-title.txt": (
        f"date 2025-06-19 {TRICKY_TITLE}\n\n"
        "The town council of Eastbrook held a question and answer session on the budget for "
        "next year on Thursday evening. Residents asked about the cost of repairs to the "
        "school roofs, the opening hours of the swimming pool and the plans for new bus "
        "shelters. The mayor replied that the budget would be published in full next month.\n"
    ),
}


SHARD_SIZE = 16  # shards of 2 to 16 briefs, about 4 on average: three or four
# An alert, so the alert page and its feeds are checked with every other page kind.
SHOWCASE_ALERTS = {"Riverton bridge": 'entity:Riverton OR word:"Alder bridge"'}


def build_showcase(root: Path) -> Path:
    """Build the showcase site under ``root``; return its output folder."""
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    for name in ORIGINAL_SEEDS:
        shutil.copy(SEEDS / name, seeds / name)
    for fixture in sorted((FIXTURES / "feeds").iterdir()) + sorted((FIXTURES / "html").iterdir()):
        shutil.copy(fixture, seeds / fixture.name)
    for name, text in {**STORY_SEEDS, **TRICKY_SEEDS, **GERMAN_SEEDS}.items():
        (seeds / name).write_text(text, encoding="utf-8")
    (seeds / "not-a-text.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # rejected
    content, output = root / "content", root / "output"
    shutil.copytree(REPO / "content" / "pages", content / "pages")
    # Small search shards, so the search page merges several (as a large digest's does).
    conf = write_settings(
        root / "conf" / "showcase.py",
        f"DIGEST_SEARCH_SHARD_SIZE = {SHARD_SIZE}\nDIGEST_ALERTS = {SHOWCASE_ALERTS!r}",
    )
    status = cli.main(
        ["build", "--settings", str(conf), "--seeds", str(seeds), "--content", str(content),
         "--output", str(output)]
    )  # fmt: skip
    assert status == 0, f"showcase build failed with status {status}"
    return output


def build_front_site(root: Path, settings: str = "") -> tuple[Path, Path]:
    """Build the invented multi-outlet site (tests/front_fixture.py) under ``root``;
    return (content folder, output folder).  Built again on the same folders, it is
    the next build of that site (editions compare with the one before)."""
    from front_fixture import write_front_seeds

    seeds = write_front_seeds(root / "seeds")
    content, output = root / "content", root / "output"
    if not (content / "pages").exists():
        shutil.copytree(REPO / "content" / "pages", content / "pages")
    conf = write_settings(root / "conf" / "front.py", settings)
    status = cli.main(
        ["build", "--settings", str(conf), "--seeds", str(seeds), "--content", str(content),
         "--output", str(output)]
    )  # fmt: skip
    assert status == 0, f"front site build failed with status {status}"
    return content, output
