"""Stop words per language, from jusText's lists (100 languages, offline).

The text-dump cleaner's "reads like prose" signal, the entity extractor and the
link stage's bag of words all need them; they live here so none borrows them
from another stage.
"""

from __future__ import annotations

from functools import cache

import justext

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
    return frozenset(justext.get_stoplist(name))
