"""Entities and tags: normalised names, no junk, settings that steer them."""

from __future__ import annotations

from news_digest.core.entities import EntityOptions, choose_tags, extract_entities
from news_digest.core.models import BodyBlock, Entity

OPTIONS = EntityOptions(max_tags=8)

TEXT = (
    "Russian President Vladimir Putin met U.S. officials in Geneva on Monday. "
    "Putin said the talks were useful. The United States and Russia agreed to meet again "
    "in June. However, Putin warned that NATO expansion remained a concern for Moscow."
)


def names(text: str, options: EntityOptions | None = None, title: str = "") -> dict[str, Entity]:
    blocks = (BodyBlock("paragraph", text),)
    return {e.name: e for e in extract_entities(title, blocks, "en", options or OPTIONS)}


def test_name_variants_become_one_entity() -> None:
    found = names(TEXT)
    assert found["Vladimir Putin"].kind == "person"
    assert found["Vladimir Putin"].mentions == 3
    assert "Putin" not in found and "President Vladimir Putin" not in found


def test_places_merge_spellings_and_demonyms() -> None:
    found = names(TEXT)
    assert found["United States"].kind == "place" and found["United States"].mentions == 2
    assert found["Russia"].mentions == 2  # "Russian" and "Russia"
    assert "U.S." not in found and "Russian" not in found


def test_no_weekdays_months_or_sentence_starters() -> None:
    found = names(TEXT)
    for junk in ("Monday", "June", "However", "The", "Agencies"):
        assert junk not in found


def test_organisations() -> None:
    assert names(TEXT)["NATO"].kind == "organisation"
    text = "Officials of the Rostec State Corporation spoke. The Rostec State Corporation agreed."
    found = names(text)  # the legal form goes: the name a reader knows is "Rostec"
    assert found["Rostec"].kind == "organisation" and found["Rostec"].mentions == 2
    assert "Rostec State Corporation" not in found


def test_alias_and_stop_list_settings() -> None:
    options = EntityOptions(8, aliases={"Geneva": "Genève"}, stoplist=frozenset({"nato"}))
    found = names(TEXT, options)
    assert "Genève" in found and "Geneva" not in found
    assert "NATO" not in found


def test_title_mentions_count_double() -> None:
    found = names("Talks went on.", title="Putin meets Biden in Geneva")
    assert found["Geneva"].mentions == 2


def test_tags_merge_source_tags_and_respect_the_maximum() -> None:
    entities = extract_entities("", (BodyBlock("paragraph", TEXT),), "en", OPTIONS)
    tags = choose_tags(entities, ["Diplomacy", "russia"], EntityOptions(max_tags=4))
    assert tags[0] == "Diplomacy"
    assert len(tags) == 4
    assert [t.casefold() for t in tags].count("russia") == 1


def test_deterministic() -> None:
    first = extract_entities("T", (BodyBlock("paragraph", TEXT),), "en", OPTIONS)
    second = extract_entities("T", (BodyBlock("paragraph", TEXT),), "en", OPTIONS)
    assert first == second


def test_of_after_a_person_starts_a_place_not_more_of_the_name() -> None:
    body = (BodyBlock("paragraph", "Mayor Ilse Varga of Copperfield said the pier would "
                      "close. The Bank of England held rates."),)  # fmt: skip
    names = {e.name for e in extract_entities("Pier to close", body, "en", OPTIONS)}
    assert "Ilse Varga" in names and "Bank of England" in names
    assert not any(" of Copperfield" in name for name in names)


def test_a_headline_word_the_text_writes_in_lower_case_is_no_name() -> None:
    """ "Ferry" is a given name too, but "the ferry" twice in the text says what it is."""
    body = (BodyBlock("paragraph", "The ferry to Lindholm was late, and the ferry after "
                      "it was cancelled."),)  # fmt: skip
    names = {e.name for e in extract_entities("Ferry delays at Lindholm", body, "en", OPTIONS)}
    assert "Ferry" not in names and "Lindholm" in names
