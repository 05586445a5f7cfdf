"""Stop words per language, from jusText's lists (100 languages, offline).

The text-dump cleaner's "reads like prose" signal, the entity extractor and the
link stage's bag of words all need them; they live here so none borrows them
from another stage.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

# ISO 639-1 -> jusText stop-word list name (the languages news seeds come in).
STOPLIST_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish",
    "cs": "Czech", "sk": "Slovak", "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal",
    "nb": "Norwegian_Bokmal", "fi": "Finnish", "hu": "Hungarian", "ro": "Romanian",
    "tr": "Turkish", "id": "Indonesian", "ms": "Malay", "el": "Greek", "bg": "Bulgarian",
    "sr": "Serbian", "hr": "Croatian", "sl": "Slovenian", "ca": "Catalan", "et": "Estonian",
    "lv": "Latvian", "lt": "Lithuanian", "vi": "Vietnamese", "ko": "Korean", "hi": "Hindi",
    "ar": "Arabic", "fa": "Persian", "he": "Hebrew", "tl": "Tagalog",
}  # fmt: skip


@cache
def stopwords(language: str) -> frozenset[str]:
    """The stop words of ``language`` (ISO code), or an empty set if unknown."""
    name = STOPLIST_NAMES.get(language)
    if name is None:
        return frozenset()
    # jusText's own list file, read without importing jusText (which loads lxml: 0.05
    # CPU-s a process that only reads text dumps); its get_stoplist if the file moved.
    spec = importlib.util.find_spec("justext")
    folders = spec.submodule_search_locations if spec else None
    listed = Path(next(iter(folders or ["."]))) / "stoplists" / f"{name}.txt"
    if listed.is_file():
        words = listed.read_text(encoding="utf-8").splitlines()
        return frozenset(w.strip().lower() for w in words if w.strip())
    import justext

    return frozenset(justext.get_stoplist(name))
