"""The shared text utilities: one of each, used by every stage."""

from __future__ import annotations

from pathlib import Path

from news_digest.text.files import write_atomically
from news_digest.text.headlines import HEADLINE_MAX_WORDS, headline_from
from news_digest.text.leads import without_dateline
from news_digest.text.plain import html_to_text
from news_digest.text.safe import bounded_slug, language_code, plain_line, web_url
from news_digest.text.sentences import split_sentences
from news_digest.text.slug import slugify

LEAD = (
    "The city council voted on Tuesday to close the old harbour bridge to cars from the "
    "first of May, after engineers found cracks in two of its steel supports. More text."
)


def test_a_made_headline_is_the_leads_main_clause_never_cut_with_an_ellipsis() -> None:
    title = headline_from(LEAD)
    assert title == "The city council voted on Tuesday to close old harbour bridge"
    assert "…" not in title and len(title.split()) <= HEADLINE_MAX_WORDS
    assert headline_from("Short lead here now. Second sentence.") == "Short lead here now"


def test_a_made_headline_names_the_speaker_by_surname_and_reports_with_a_colon() -> None:
    lead = (
        "WASHINGTON (Wire) - Treasury Secretary Maria Lopez said on Tuesday that the "
        "government would cut the fuel tax by half, citing record prices at the pump."
    )
    assert headline_from(lead, ["Maria Lopez"]) == ("Lopez: government would cut fuel tax by half")
    german = "Bundeskanzler Olaf Scholz sagte, dass die Regierung den Plan prüfe."
    assert headline_from(german, ["Olaf Scholz"]).startswith("Scholz sagte")


def test_a_long_main_clause_ends_before_a_phrase_not_inside_it() -> None:
    lead = (
        "The regional government has expressed a willingness to expand technical "
        "cooperation with neighbouring provinces in agricultural fields such as the joint "
        "development of irrigation systems and seed banks for small farms."
    )
    title = headline_from(lead)
    assert title.endswith("in agricultural fields") and len(title.split()) <= HEADLINE_MAX_WORDS


def test_a_wire_dateline_is_not_part_of_the_lead() -> None:
    assert without_dateline("FRANKFURT, Dec 18 (Wire) - The bank held its rate.") == (
        "The bank held its rate."
    )
    assert without_dateline("BERLIN — Die Regierung hat den Plan beschlossen.") == (
        "Die Regierung hat den Plan beschlossen."
    )
    assert without_dateline("Madrid, 18 dic (EFE).- El banco subió los tipos.") == (
        "El banco subió los tipos."
    )
    assert without_dateline("U.S. stocks fell on Monday.") == "U.S. stocks fell on Monday."


def test_sentences_keep_their_closing_quotes_and_abbreviations() -> None:
    text = 'He said "we will build it." Then U.S. officials left. It cost approx. five euros.'
    assert split_sentences(text) == [
        'He said "we will build it."',
        "Then U.S. officials left.",
        "It cost approx. five euros.",
    ]
    assert split_sentences("") == []


def test_slugs_are_ascii_and_transliterated() -> None:
    assert slugify("Putin says: Russia & friends!") == "putin-says-russia-friends"
    assert slugify("Президент России") == "prezident-rossii"
    assert slugify("???") == "brief"
    assert len(slugify("word " * 100)) <= 80


def test_html_becomes_one_line_of_text() -> None:
    assert html_to_text("<b>Q&amp;A</b>:\n <i>budget</i>") == "Q&A : budget"


def test_unsafe_characters_never_survive_a_header_value() -> None:
    assert plain_line("a\nSave_as: x\r\x01\u2028b\u202e") == "a Save_as: x b"
    assert language_code("en\nStatus: draft") == "en"
    assert language_code("pt_BR") == "pt-br"
    assert web_url('https://a.example/x y"><script>') == "https://a.example/x%20y%22%3E%3Cscript%3E"
    assert web_url("javascript:alert(1)") == ""


def test_bounded_slugs_fit_and_stay_distinct() -> None:
    long_a = "-".join(["history"] * 60) + "-a"
    long_b = "-".join(["history"] * 60) + "-b"
    first, second = bounded_slug(long_a, 60), bounded_slug(long_b, 60)
    assert len(first.encode()) <= 60 and len(second.encode()) <= 60
    assert first != second and first.startswith("history-history")
    assert bounded_slug("short-one", 60) == "short-one"


def test_an_atomic_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "file.bin"
    write_atomically(target, b"one")
    write_atomically(target, b"two", durable=True)
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["file.bin"]


def test_stop_words_read_from_the_files_are_justexts_own_lists() -> None:
    import justext
    from news_digest.text.stopwords import STOPLIST_NAMES, stopwords

    for code, name in STOPLIST_NAMES.items():
        assert stopwords(code) == frozenset(justext.get_stoplist(name)), code
    assert stopwords("xx") == frozenset()
