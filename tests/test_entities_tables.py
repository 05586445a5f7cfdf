"""The name tables' cache file (core/names/table_cache.py): a faster start, never a
different result: stale, damaged or unwritable caches mean the tables are rebuilt."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from news_digest.core import language
from news_digest.core.names import lexicon, table_cache

SHAPE = {"words": dict, "names": frozenset}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv(table_cache.FOLDER_ENV, str(cache))
    return cache


@pytest.fixture
def sources(tmp_path: Path) -> tuple[list[Path], list[Path]]:
    code, data = tmp_path / "code.py", tmp_path / "data.txt"
    code.write_text("x = 1\n", encoding="utf-8")
    data.write_text("Paris\nLyon\n", encoding="utf-8")
    return [code], [data]


class Builder:
    """Counts its builds: a cache hit builds nothing."""

    def __init__(self) -> None:
        self.builds = 0

    def __call__(self) -> dict[str, Any]:
        self.builds += 1
        return {"words": {"paris": "Paris", "lyon": "Lyon"}, "names": frozenset({"anna"})}


def load(sources: tuple[list[Path], list[Path]], build: Builder) -> dict[str, Any]:
    return table_cache.load_or_build("test", *sources, build, SHAPE)


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("test-*.marshal"))


def test_tables_are_built_once_then_read_back(folder: Path, sources: Any) -> None:
    build = Builder()
    first = load(sources, build)
    second = load(sources, build)
    assert build.builds == 1
    assert first == second == Builder()()
    assert len(cache_files(folder)) == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw[:-3] + bytes([raw[-3] ^ 0xFF]) + raw[-2:],  # a flipped byte
        lambda raw: b"",  # emptied
        lambda raw: b"garbage",
    ],
)
def test_a_damaged_cache_file_is_rebuilt_with_the_same_result(
    folder: Path, sources: Any, damage: Any
) -> None:
    build = Builder()
    expected = load(sources, build)
    (path,) = cache_files(folder)
    path.write_bytes(damage(path.read_bytes()))
    assert load(sources, build) == expected
    assert build.builds == 2
    assert load(sources, build) == expected  # and the file was written sound again
    assert build.builds == 2


def test_a_well_formed_file_of_the_wrong_shape_is_not_used(folder: Path, sources: Any) -> None:
    build = Builder()
    load(sources, build)
    (path,) = cache_files(folder)
    key = table_cache.table_key("test", *sources)
    table_cache.write_tables(path, key, {"words": ["not", "a", "dict"], "names": frozenset()})
    assert load(sources, build) == Builder()()
    assert build.builds == 2


def test_changed_code_or_data_means_a_new_build(folder: Path, sources: Any) -> None:
    build = Builder()
    load(sources, build)
    (code,), (data,) = sources
    code.write_text("x = 2\n", encoding="utf-8")
    load(sources, build)
    assert build.builds == 2
    data.write_text("Paris\nLyon\nNice\n", encoding="utf-8")
    load(sources, build)
    assert build.builds == 3
    assert len(cache_files(folder)) == 1  # stale files are removed


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path, sources: Any) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    os.environ[table_cache.FOLDER_ENV] = str(blocker / "cache")
    try:
        build = Builder()
        assert load(sources, build) == load(sources, build) == Builder()()
        assert build.builds == 2
    finally:
        del os.environ[table_cache.FOLDER_ENV]


def test_caching_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, sources: Any) -> None:
    monkeypatch.setenv(table_cache.FOLDER_ENV, "")
    build = Builder()
    load(sources, build)
    load(sources, build)
    assert build.builds == 2


@pytest.fixture
def fresh_lexicon() -> Iterator[None]:
    lexicon._tables.cache_clear()
    for table in (
        lexicon.places,
        lexicon.major_places,
        lexicon.countries,
        lexicon.given_names,
        lexicon.english_titles,
    ):
        table.cache_clear()
    yield
    lexicon._tables.cache_clear()


def test_the_name_tables_from_a_corrupted_cache_are_the_built_ones(
    folder: Path, fresh_lexicon: None
) -> None:
    built = lexicon._tables()  # an empty cache folder: built, and written
    (path,) = folder.glob("names-*.marshal")
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x55
    path.write_bytes(bytes(raw))
    lexicon._tables.cache_clear()
    assert lexicon._tables() == built
    lexicon._tables.cache_clear()
    assert lexicon._tables() == built  # read back from the rewritten file
    assert "münchen" in lexicon.places() and "anna" in lexicon.given_names()


SAMPLES = (
    "Shares in the company rose after it said that its profit would beat forecasts.",
    "Der Bundestag hat am Donnerstag das neue Gesetz zur Energiewende verabschiedet.",
    "Le gouvernement a présenté mercredi un projet de loi sur les retraites.",
    "Arsenal 2 Chelsea 1 Leeds 0 Everton 3 Newcastle 1 Fulham 1",
)


@pytest.fixture
def fresh_language_model() -> Iterator[None]:
    language._identifier.cache_clear()
    yield
    language._identifier.cache_clear()


def test_a_damaged_language_model_cache_is_rebuilt_with_the_same_answers(
    folder: Path, fresh_language_model: None
) -> None:
    import py3langid

    expected = [py3langid.classify(text) for text in SAMPLES]
    assert [language._identifier().classify(text) for text in SAMPLES] == expected
    (target,) = folder.glob("langid-*")
    mapped = target / "nextmove.bin"
    raw = bytearray(mapped.read_bytes())
    raw[len(raw) // 3] ^= 0x01
    mapped.write_bytes(bytes(raw))
    language._identifier.cache_clear()
    assert (
        language._read_model(target, language._model_key(py3langid.langid), py3langid.langid)
        is None
    )
    assert [language._identifier().classify(text) for text in SAMPLES] == expected  # rebuilt
    language._identifier.cache_clear()
    reread = language._read_model(target, language._model_key(py3langid.langid), py3langid.langid)
    assert reread is not None
    assert [reread.classify(text) for text in SAMPLES] == expected


def test_plain_english_is_decided_without_the_model_and_other_languages_are_not() -> None:
    english = (
        "The minister said that the government would not change its plans, and that "
        "the new rules, which were agreed last year, have been welcomed by those who "
        "had asked for them. She said it was a good day for the country and its people."
    )
    assert language.clearly_english(english)
    assert language.detect_language(english) == "en"
    for text in SAMPLES[1:]:
        assert not language.clearly_english(text * 3)
    dutch = (
        "De minister zei dat het kabinet de plannen niet zal wijzigen en dat de nieuwe "
        "regels, die vorig jaar zijn afgesproken, goed zijn ontvangen door de mensen die "
        "erom hadden gevraagd. Het was een goede dag voor het land."
    )
    assert not language.clearly_english(dutch)
    assert language.detect_language(dutch) == "nl"
