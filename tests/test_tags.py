"""Tags: salient names, no junk, publisher tags first and deduplicated."""

from __future__ import annotations

import pytest
from news_digest.core.entities import EntityOptions, choose_tags, extract_entities
from news_digest.core.models import BodyBlock, Entity

pytestmark = pytest.mark.unit

TEXT = (
    "NASA said its Artemis rocket would fly from Florida. NASA engineers fixed a leak "
    "and Florida officials said the launch window opened on Thursday night. Lessons "
    "learned from earlier flights helped. Bill Nelson praised the team."
)


def tags_for(
    text: str, title: str, source: tuple[str, ...] = (), max_tags: int = 8
) -> tuple[str, ...]:
    options = EntityOptions(max_tags=max_tags)
    entities = extract_entities(title, (BodyBlock("paragraph", text),), "en", options)
    return choose_tags(entities, source, options)


def test_main_subject_first_and_no_junk_topics() -> None:
    tags = tags_for(TEXT, "NASA delays rocket launch")
    assert tags[0] == "NASA"
    assert "Florida" in tags
    assert not {"thursday night", "lessons learned"} & {t.casefold() for t in tags}


def test_source_tags_first_junk_filtered_and_deduplicated() -> None:
    tags = tags_for(TEXT, "NASA delays rocket launch", ("Space", "nasa", "BREAKING NEWS NOW"))
    assert tags[0] == "Space"
    assert [t.casefold() for t in tags].count("nasa") == 1
    assert "BREAKING NEWS NOW" not in tags


def test_surname_and_full_name_are_one_tag() -> None:
    text = "Donald Trump spoke in Ohio. Trump said Ohio would win. Trump left Ohio."
    tags = tags_for(text, "Trump visits Ohio")
    assert "Donald Trump" in tags and "Trump" not in tags


def test_max_tags_respected() -> None:
    entities = [Entity(f"Name{i}", "person", 5) for i in range(20)]
    assert len(choose_tags(entities, (), EntityOptions(max_tags=4))) == 4
