"""The entity layer on English, German, Spanish and French text written for these tests."""

from __future__ import annotations

import pytest
from news_digest.core.entities import EntityOptions, extract_entities
from news_digest.core.models import BodyBlock, Entity

pytestmark = pytest.mark.unit
OPTIONS = EntityOptions(max_tags=8)


def found(text: str, language: str, title: str = "") -> dict[str, Entity]:
    blocks = tuple(BodyBlock("paragraph", part) for part in text.split("\n\n"))
    return {e.name: e for e in extract_entities(title, blocks, language, OPTIONS)}


def test_english_titles_stripped_and_acronym_joined() -> None:
    text = (
        "The European Central Bank (ECB) kept rates on hold. ECB President Christine "
        "Lagarde said inflation was easing. Environment Minister Marina Silva spoke in "
        "Brasilia. Lagarde added that the ECB would wait."
    )
    names = found(text, "en")
    assert names["Christine Lagarde"].kind == "person"
    assert names["Christine Lagarde"].mentions == 2  # "Lagarde" joins the full name
    assert names["European Central Bank"].kind == "organisation"
    assert "ECB" not in names and "ECB President Christine Lagarde" not in names
    assert names["Marina Silva"].kind == "person"
    assert names["Brasilia"].kind == "place"


def test_punctuation_and_brackets_end_names() -> None:
    names = found("Talks between Japan, China and Korea went on. Ana Ruiz (Spain) won.", "en")
    assert {"Japan", "China", "Ana Ruiz", "Spain"} <= set(names)
    assert "Japan China" not in names and "Ana Ruiz Spain" not in names


def test_all_caps_headline_is_not_a_name() -> None:
    names = found("Spain beat Italy 3-1 in the final in Madrid on Sunday.", "en",
                  title="TENNIS: SPAIN BEAT ITALY IN FINAL")  # fmt: skip
    assert "SPAIN BEAT ITALY" not in names and "TENNIS" not in names
    assert names["Spain"].mentions == 3  # the headline's SPAIN read through the body


def test_sentence_start_evidence() -> None:
    text = "Carbury won the vote. Voters in Carbury were pleased. Later the mayor spoke."
    names = found(text, "en")
    assert names["Carbury"].mentions == 2
    assert "Later" not in names


def test_multiword_places_kept_whole() -> None:
    names = found("Flights from New York to New Zealand and Northern Ireland resumed.", "en")
    assert {"New York", "New Zealand", "Northern Ireland"} <= set(names)
    assert "York" not in names and "Zealand" not in names


def test_german_titles_nouns_and_single_names() -> None:
    text = (
        "Bundeskanzler Olaf Scholz traf in München den Vorstand der Deutschen Bahn. "
        "Auch Bundesverkehrsminister Patrick Schnieder war dabei. Die Absenkung der "
        "Wochenarbeitszeit lehnte Scholz ab. Die EZB in Frankfurt schwieg."
    )
    names = found(text, "de")
    assert names["Olaf Scholz"].kind == "person" and names["Olaf Scholz"].mentions == 2
    assert names["Patrick Schnieder"].kind == "person"
    assert names["Munich"].kind == "place"  # "München", in its English name
    assert names["European Central Bank"].kind == "organisation"  # EZB
    for noun in ("Absenkung", "Wochenarbeitszeit", "Vorstand", "Bundeskanzler Olaf Scholz"):
        assert noun not in names


def test_spanish_articles_and_aliases() -> None:
    text = (
        "El BCE subió los tipos, según analistas de BBVA Research. En Barcelona, la "
        "presidenta Ana Botín habló con periodistas. El Banco Central Europeo (BCE) "
        "se reunirá en Fráncfort."
    )
    names = found(text, "es")
    assert names["European Central Bank"].mentions >= 2
    assert names["BBVA Research"].kind == "organisation"
    assert names["Barcelona"].kind == "place" and "En Barcelona" not in names
    assert names["Ana Botín"].kind == "person"
    assert "El BCE" not in names


def test_french_titles_and_places() -> None:
    text = (
        "Le président Emmanuel Macron a reçu à Paris le chancelier allemand. "
        "M. Macron a déclaré que la BCE devait agir. La ministre Élisabeth Borne était là."
    )
    names = found(text, "fr")
    assert names["Emmanuel Macron"].mentions == 2
    assert names["Paris"].kind == "place"
    assert names["European Central Bank"].kind == "organisation"
    assert names["Élisabeth Borne"].kind == "person"


def test_kinds_from_name_words() -> None:
    text = (
        "Real Madrid played in Cape Town. The World Cup draw was held near the Amazon "
        "River, said Deutsche Bahn."
    )
    names = found(text, "en")
    assert names["Real Madrid"].kind == "organisation"
    assert names["Cape Town"].kind == "place"
    assert names["World Cup"].kind == "other"
    assert names["Amazon River"].kind == "place"
    assert names["Deutsche Bahn"].kind == "organisation"


def test_caps_only_document_keeps_known_names_only() -> None:
    text = "OFFICIALS IN LONDON AND PARIS SAID THE DEAL WAS DONE AFTER LONG TALKS."
    names = found(text, "en")
    assert set(names) <= {"London", "Paris"} | {n for n in names if names[n].kind == "topic"}
    assert "London" in names
