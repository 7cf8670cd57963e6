"""The caches that make a receipt cheap to render never change what is printed: each is checked against the
plain way it replaced (python-escpos asked character by character, Pillow drawing each run, python-escpos
converting each picture)."""

from __future__ import annotations

import pytest
from escpos.printer import Dummy
from PIL import Image, ImageDraw

from possuite.printing import raster
from possuite.printing.escpos_render import _image_line, _pin_media_width, encodable
from possuite.printing.markup import Row

TEXTS = ["Total                 ₹1,234.50", "Café crème            €3.00", "Grüße × 2", "naïve – “quoted”",
         "plain ASCII only", "¥ and £ and ৳", "Façade ₹0.00 é"]


@pytest.mark.parametrize("profile", ["default", "TM-T88V", "POS-5890"])
def test_encodable_answers_and_marks_code_pages_as_python_escpos_does(profile):
    cached, plain = Dummy(profile=profile), Dummy(profile=profile)
    for text in TEXTS * 2:
        enc = plain.magic.encoder
        expected = all(ord(ch) < 128 or enc.find_suitable_encoding(ch) is not None for ch in text)
        assert encodable(cached, text) == expected, text
        assert cached.magic.encoder.used_encodings == enc.used_encodings, text


def _drawn_plainly(row: Row, width: int, dots: int) -> Image.Image:
    """The raster line as it was drawn before the caches: ImageDraw.text per run."""
    height = raster.LINE_DOTS * (2 if row.big else 1)
    cell = dots / width
    size = int(height * 0.8)
    font = raster._font(size, row.bold)
    img = Image.new("1", (dots, height + 4), 1)
    draw = ImageDraw.Draw(img)
    pieces = raster.runs(row.text)
    total = sum(font.getlength(t) for _, t in pieces)
    if pieces and total > dots - cell * (len(pieces) - 1):
        size = max(8, int(size * (dots - cell * (len(pieces) - 1)) / total))
        font = raster._font(size, row.bold)
    ascent = font.getmetrics()[0]
    top = max(0, (height - size) // 2 - (ascent - size) // 2)
    for start, piece in pieces:
        x = raster.piece_x(row, start, piece, font.getlength(piece), len(pieces), width, dots)
        draw.text((x, top), piece, font=font, fill=0)
    return img


ROWS = [Row("Subtotal                           ₹599.00"),
        Row("TOTAL                              ₹646.82", True, True),
        Row("         PENDING BALANCE: ₹194.82", True, True, align="center"),
        Row("TOTAL OUTSTANDING                  ₹194.82", bold=True), Row("  CGST 6%                           ₹28.40"),
        Row("₹"), Row("jÿ ₹ j ₹ gyp ₹9,99,999.99 ₹ (long) ₹ label that must shrink to fit ₹ 0.00")]


@pytest.mark.parametrize(("width", "dots"), [(42, 576), (32, 384), (48, 576)])
def test_a_raster_line_from_cached_runs_has_the_dots_pillow_draws(width, dots):
    for row in ROWS + ROWS:  # the second pass is drawn from the cache
        row = Row(row.text[:width], row.bold, row.big, align=row.align)
        assert raster.rasterise(row, width, dots).tobytes() == _drawn_plainly(row, width, dots).tobytes(), row.text


def test_a_kept_image_line_is_what_python_escpos_sends_for_its_picture():
    for row in ROWS[:4] * 2:
        plain = Dummy()
        _pin_media_width(plain, 576)
        plain.image(raster.rasterise(row, 42, 576), impl="bitImageRaster", center=False)
        assert _image_line(row, 42, 576) == plain.output
