"""settings: DIGEST_* keys are validated once; typos are errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from news_digest.core.errors import ConfigError
from news_digest.settings import load_settings


def test_defaults_resolve_against_the_base_folder(tmp_path: Path) -> None:
    settings = load_settings({"PATH": str(tmp_path / "content")}, base_dir=tmp_path)
    assert settings.seeds_dir == tmp_path / "seeds"
    assert settings.briefs_dir == tmp_path / "content" / "briefs"
    assert settings.max_tags == 8
    assert settings.report_path is None


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("DIGEST_SEEDZ", "x", "unknown setting"),
        ("DIGEST_MAX_TAGS", 0, "positive whole number"),
        ("DIGEST_MAX_TAGS", True, "positive whole number"),
        ("DIGEST_TAG_ALIASES", ["Kiev"], "must map names"),
        ("DIGEST_TAG_STOPLIST", "The", "list of names"),
        ("DIGEST_FALLBACK_DATE", "yesterday", "YYYY-MM-DD"),
        ("DIGEST_BRIEFS_DIR", "../outside", "inside PATH"),
    ],
)
def test_bad_settings_are_config_errors(key: str, value: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings({key: value})


def test_aliases_and_stoplist_are_normalised() -> None:
    settings = load_settings(
        {"DIGEST_TAG_ALIASES": {"Kiev": "Kyiv"}, "DIGEST_TAG_STOPLIST": ["Agencies"]}
    )
    assert settings.tag_aliases == (("Kiev", "Kyiv"),)
    assert settings.tag_stoplist == frozenset({"agencies"})
