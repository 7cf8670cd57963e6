"""Devanagari on the receipt raster is shaped: the glyphs Qt draws are the ones HarfBuzz (``uharfbuzz``,
a test-only dependency) gives for the bundled Noto Sans Devanagari, and the picture is that of the shaped
glyphs, not of the letters in a row."""

from __future__ import annotations

import pytest
import uharfbuzz as hb
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QGlyphRun, QImage, QPainter, QRawFont

from possuite.printing.markup import Row
from possuite.printing.shaped_raster import PIXEL_SIZE, _to_one_bit, rasterise_shaped, receipt_font, shaped_glyphs
from possuite.resources import devanagari_font_path

WORDS = ["क्षमा", "श्री"]  # a conjunct (क्ष) and a reph-less conjunct with a matra (श्री)


def _harfbuzz(text: str, bold: bool = False) -> tuple[list[int], list[float]]:
    """HarfBuzz's glyph ids and x advances (in em) for ``text`` in the bundled font."""
    face = hb.Face(hb.Blob.from_file_path(str(devanagari_font_path(bold))))
    font = hb.Font(face)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    return [g.codepoint for g in buf.glyph_infos], [p.x_advance / face.upem for p in buf.glyph_positions]


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("word", WORDS)
def test_qt_draws_the_glyphs_harfbuzz_gives_for_the_bundled_font(qapp, word, bold):
    glyphs, _advances = _harfbuzz(word, bold)
    drawn = shaped_glyphs(word, bold=bold)
    assert {family for family, _ in drawn} == {"Noto Sans Devanagari"}
    assert [g for _, g in drawn] == glyphs
    assert len(glyphs) < len(word), "shaping joins letters into conjuncts: fewer glyphs than code points"


def _draw(glyph_ids: list[int], advances_px: list[float], width: int, height: int, baseline: int) -> QImage:
    """The glyphs drawn one after another at ``advances_px``, as the raster draws a line (1-bit, no antialias)."""
    raw = QRawFont.fromFont(receipt_font(PIXEL_SIZE, False))
    run = QGlyphRun()
    run.setRawFont(raw)
    run.setGlyphIndexes(glyph_ids)
    x, positions = 0.0, []
    for adv in advances_px:
        positions.append(QPointF(x, 0))
        x += adv
    run.setPositions(positions)
    image = QImage(width, height, QImage.Format.Format_Grayscale8)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    painter.setPen(QColor(Qt.GlobalColor.black))
    painter.drawGlyphRun(QPointF(0, baseline), run)
    painter.end()
    return image


def _black(img) -> set[tuple[int, int]]:
    w, h = img.size
    data = img.load()
    return {(x, y) for y in range(h) for x in range(w) if not data[x, y]}


@pytest.mark.parametrize("word", WORDS)
def test_the_rasterised_word_is_the_shaped_glyphs_not_the_letters_in_a_row(qapp, word):
    printed = rasterise_shaped(Row(word), 42, 576)
    baseline = 2 + round(PIXEL_SIZE * 0.896)
    glyphs, advances = _harfbuzz(word)
    shaped = _to_one_bit(_draw(glyphs, [a * PIXEL_SIZE for a in advances], printed.width, printed.height, baseline))
    raw = QRawFont.fromFont(receipt_font(PIXEL_SIZE, False))
    letters = list(raw.glyphIndexesForString(word))  # one glyph per code point: what a layout without shaping draws
    letter_advances = [p.x() for p in raw.advancesForGlyphIndexes(letters)]
    unshaped = _to_one_bit(_draw(letters, letter_advances, printed.width, printed.height, baseline))

    ink, want, wrong = _black(printed), _black(shaped), _black(unshaped)
    assert ink, "nothing was drawn"

    def overlap(a: set, b: set) -> float:
        return len(a & b) / len(a | b)

    assert overlap(ink, want) > 0.9, "the line is not the glyphs HarfBuzz shaped"
    assert overlap(ink, wrong) < 0.7, "the line looks like the unshaped letters"
