"""Receipt text is wrapped and cut between grapheme clusters, never inside one (printing/markup.py ``fit``,
``clip``): a Devanagari conjunct (क्ष, प्र), a matra (ि, ा) or a virama (्) stays with its consonant, so a
wrapped Hindi line never starts with a dotted-circle mark. English wraps exactly as before (textwrap)."""

from __future__ import annotations

import textwrap
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from possuite.printing.markup import clip, clusters, fit, parse

VIRAMA = "\u094d"


def _starts_with_a_mark(line: str) -> bool:
    return bool(line) and unicodedata.category(line[0]) in ("Mn", "Mc")


def test_a_conjunct_at_the_wrap_point_moves_whole_to_the_next_line():
    # "क्षमा" is क ् ष म ा: cut by code points at 4 columns it would leave "क्षम" and a lone "ा"
    assert textwrap.wrap("क्षमा", 4, break_long_words=True) == ["क्षम", "ा"]
    assert fit("क्षमा", 4) == ["क्ष", "मा"]
    # "प्राप्त" (received): the wrap point falls inside the conjunct प्त
    word = "प्राप्तप्राप्त"
    lines = fit(word, 6)
    assert "".join(lines) == word
    assert all(not _starts_with_a_mark(ln) and not ln.endswith(VIRAMA) for ln in lines), lines
    assert all(len(ln) <= 6 for ln in lines)


def test_a_hindi_line_too_long_for_the_paper_wraps_at_a_space_or_between_clusters():
    rows = parse("धन्यवाद! फिर पधारें। श्रीमानक्षमाप्रार्थीस्थितिविवरण", 12)
    assert all(len(r.text) <= 12 for r in rows)
    assert all(not _starts_with_a_mark(r.text) and not r.text.endswith(VIRAMA) for r in rows), rows


def test_english_wraps_exactly_as_textwrap_does():
    text = "Bank drop at the corner branch, deposit slip 4471 and a verylongwordwithoutspaces"
    for width in (5, 12, 32):
        assert fit(text, width) == textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)


def test_clip_keeps_whole_clusters():
    assert clip("श्रीमान", 3) == ""          # श्री is four code points: nothing fits in three
    assert clip("श्रीमान", 4) == "श्री"
    assert clip("Cash received", 4) == "Cash"


_CLUSTERS = st.sampled_from(["क्ष", "श्री", "स्थि", "प्रा", "मा", "न", "ति", "र्", "फ़्ट", "a", "1", " "])


@given(st.lists(_CLUSTERS, min_size=1, max_size=40), st.integers(min_value=4, max_value=48))
def test_every_wrapped_line_is_made_of_whole_clusters(parts, width):
    text = " ".join("".join(parts).split())
    if not text:
        return
    whole = clusters(text)
    for line in fit(text, width):
        assert len(line) <= width or len(clusters(line)) == 1  # one cluster wider than the paper goes whole
        assert not _starts_with_a_mark(line)
        # the line is a run of the text's own clusters (no cluster cut in two)
        assert "".join(clusters(line)) == line and all(cl in whole for cl in clusters(line))
