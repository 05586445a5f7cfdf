"""core/clean/justext_run.py: the same paragraphs as trafilatura's `try_justext`, cheaper."""

from __future__ import annotations

from copy import copy

import pytest
from justext.utils import normalize_whitespace as justext_normalize
from news_digest.core.clean.justext_run import good_paragraphs, normalize_whitespace
from trafilatura.baseline import basic_cleaning
from trafilatura.external import try_justext
from trafilatura.utils import load_html

pytestmark = pytest.mark.unit

PROSE = [
    "The river board said on Monday that the flood gates at the old mill would be"
    " replaced before the winter, after two of them failed during the spring storms.",
    "Engineers from the county have inspected the banks twice this year and found"
    " that the water had worn away the soil under the path in three places.",
    "Residents who live along the lane were asked to keep their cars off the verge"
    " while the heavy machines are brought in over the bridge next to the school.",
]


def _page(separator: str = " ", lang: str = "en") -> str:
    paragraphs = "".join(f"<p>{p.replace(' ', separator)}</p>" for p in PROSE)
    return (
        f"<html lang='{lang}'><body><nav><ul><li><a href='/'>Home</a></li>"
        "<li><a href='/n'>News</a></li></ul></nav><div id='main'><h2>Flood gates</h2>"
        f"{paragraphs}<p>Short line.</p><div>Read more<br><br>about the <a href='/x'>"
        "river board</a> and its work</div></div><footer>© 2026 The Vale Courier. All"
        " rights reserved.</footer></body></html>"
    )


@pytest.mark.parametrize(
    "text",
    ["", " ", "a  b", "a\tb", "a \n b", "a\r\nb", "a\u00a0b", "a \u2028 b", "\n\n", "x\x0cy  "],
)
def test_whitespace_is_normalized_as_justext_does(text: str) -> None:
    assert normalize_whitespace(text) == justext_normalize(text)


@pytest.mark.parametrize("separator", [" ", "  ", "\n", "\t \r\n ", "\u00a0"])
@pytest.mark.parametrize("language", [None, "en", "de", "xx"])
def test_the_same_paragraphs_as_trafilaturas_try_justext(
    separator: str, language: str | None
) -> None:
    tree = load_html(_page(separator))
    theirs = [p.text for p in try_justext(basic_cleaning(copy(tree)), None, language) if p.text]
    ours = [p for p in good_paragraphs(basic_cleaning(copy(tree)), language) if p]
    assert ours == theirs
    assert ours  # the prose is found at all


def test_comments_and_processing_instructions_give_the_same_paragraphs() -> None:
    page = _page().replace("<html", "<?xml version='1.0'?>\n<html", 1)
    page = page.replace("<h2>", "<!-- lead -->tail text of a comment<h2>", 1)
    page = page.replace("<p>Short line.</p>", "<p>Short <?php echo 1 ?>line.</p>", 1)
    tree = load_html(page)
    theirs = [p.text for p in try_justext(basic_cleaning(copy(tree)), None, None) if p.text]
    assert [p for p in good_paragraphs(basic_cleaning(copy(tree)), None) if p] == theirs
