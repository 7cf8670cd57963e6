"""Receipts in Hindi: the store's receipt language, the words translated, Devanagari printed as shaped raster
lines (never ``?``, never boxes), compared with stored ESC/POS bytes at 32 and 48 columns.

Regenerate the stored bytes after an intended change with ``POSSUITE_REGEN_GOLDEN=1``.
"""

# ruff: noqa: F811 - fixtures imported from printing_fixtures are redefined as test arguments
from __future__ import annotations

import os
from pathlib import Path

import pytest
from escpos_decode import decode
from printing_fixtures import posted  # noqa: F401 - pytest fixtures
from test_escpos_golden import _mask_rasters, _raster_body

from possuite import i18n
from possuite.domain.errors import PermissionDenied
from possuite.printing.markup import Row
from possuite.printing.raster import needs_shaping, rasterise
from possuite.services import receipts
from possuite.services.context import Actor
from possuite.services.store_settings import update_settings

GOLDEN = Path(__file__).with_name("golden")
REGEN = os.environ.get("POSSUITE_REGEN_GOLDEN") == "1"
#: What drew the Devanagari rasters in the Hindi goldens (Qt's text engine and the bundled font).
RENDERER = GOLDEN / "RENDERER-hi"

CASES = [(outcome, width) for outcome in ("paid", "pending", "complimentary") for width in (32, 48)]


def _renderer() -> str:
    import PySide6
    from PIL import Image, features

    return f"Qt {PySide6.__version__}; Pillow {Image.__version__} FreeType {features.version('freetype2')}"


@pytest.fixture
def hindi(ctx, posted):
    update_settings(ctx, receipt_language="hi")
    return posted


def _bytes(ctx, number: str, width: int) -> bytes:
    return receipts.receipt_escpos(ctx, number, width=width, symbol_mode="image")


@pytest.mark.parametrize(("outcome", "width"), CASES)
def test_hindi_receipt_bytes_match_the_stored_golden(ctx, hindi, outcome, width):
    data = _bytes(ctx, getattr(hindi, outcome), width)
    path = GOLDEN / f"hi-{outcome}-{width}-image.bin"
    if REGEN:
        path.write_bytes(data)
        RENDERER.write_text(_renderer() + "\n")
    assert path.exists(), f"no golden {path.name}; run with POSSUITE_REGEN_GOLDEN=1 to create it"
    golden = path.read_bytes()
    if RENDERER.read_text().strip() == _renderer():
        assert data == golden, f"{path.name} changed; inspect, then POSSUITE_REGEN_GOLDEN=1 if intended"
    else:  # another Qt or FreeType draws a few dots differently; every other byte must not change
        assert _mask_rasters(data) == _mask_rasters(golden), f"{path.name} changed"


@pytest.mark.parametrize(("outcome", "width"), CASES)
def test_every_devanagari_line_is_a_shaped_picture_and_every_text_line_comes_back_whole(ctx, hindi, outcome,
                                                                                        width):
    number = getattr(hindi, outcome)
    dec = decode(_bytes(ctx, number, width))
    rows = receipts.receipt_rows(ctx, receipts.receipt_for(ctx, number), width)
    printed = [ln for ln in dec.lines if ln.kind != "text" or ln.text]
    assert len(printed) == len(rows)
    assert sum(needs_shaping(r.text) for r in rows) >= 8  # the receipt really is in Hindi
    images = iter(dec.images)
    dots = 384 if width == 32 else 576
    for row, line in zip(rows, printed, strict=True):
        if row.is_qr:
            assert line.qr == row.qr
        elif needs_shaping(row.text) or "₹" in row.text:
            assert line.kind == "image", f"{row.text!r} was sent as text"
            assert next(images) == _raster_body(rasterise(row, width, dots)), f"image of {row.text!r} differs"
        else:
            assert line.kind == "text"
            assert line.text == row.text and "?" not in line.text


def test_the_receipt_language_changes_the_words_not_the_figures(ctx, hindi):
    hindi_text = receipts.receipt_text(ctx, hindi.pending, 42)
    update_settings(ctx, receipt_language="en")
    english_text = receipts.receipt_text(ctx, hindi.pending, 42)
    assert "PENDING BALANCE: ₹600.00" in english_text
    assert "बकाया राशि: ₹600.00" in hindi_text
    assert "कुल बकाया" in hindi_text and "धन्यवाद! फिर पधारें।" in hindi_text
    assert "PENDING" not in hindi_text and "Thank you" not in hindi_text
    assert "01 Nov 2026 10:00" in english_text and "01 नव॰ 2026 10:00" in hindi_text  # the month named in Hindi
    figures = [w for w in english_text.split() if w.startswith("₹")]
    assert figures == [w for w in hindi_text.split() if w.startswith("₹")]  # Indian grouping, Western digits


def test_complimentary_and_paid_receipts_say_so_in_hindi(ctx, hindi):
    assert "मुफ़्त सेवा" in receipts.receipt_text(ctx, hindi.complimentary, 32)
    paid = receipts.receipt_text(ctx, hindi.paid, 48)
    assert "भुगतान हो गया" in paid and "नकद" in paid and "कार्ड" in paid


def test_the_screen_language_does_not_change_the_receipt_language(ctx, posted):
    i18n.set_language("hi")  # a cashier working in Hindi on a till that prints English receipts
    assert "PENDING BALANCE: ₹600.00" in receipts.receipt_text(ctx, posted.pending, 42)


def test_a_devanagari_row_is_drawn_black_on_white_within_the_paper(ctx):
    img = rasterise(Row("बकाया राशि: ₹600.00", big=True, align="center"), 32, 384)
    assert img.mode == "1" and img.width == 384
    black = img.convert("L").histogram()[0]
    assert 0.04 < black / (img.width * img.height) < 0.5
    box = img.point(lambda v: 0 if v else 255).getbbox()  # the printed dots' bounding box
    assert box is not None and abs(box[0] - (img.width - box[2])) <= 4, "a centred line is centred on the paper"
    assert box[1] > 0 and box[3] < img.height, "no matra is cut off at the top or the bottom"


def test_the_owner_sets_the_receipt_language_from_the_command_line(cli):
    assert cli("--json", "store", "show").json["receipt_language"] == "en"
    sale = cli("--json", "sell", "--line-custom", "Haircut=500", "--pay", "cash:500").json
    result = cli("--json", "store", "set", "--receipt-language", "hi")
    assert result.code == 0 and result.json["receipt_language"] == "hi"
    assert "receipts in:    हिन्दी" in cli("store", "show").out
    out = cli("receipt", sale["number"], "--width", "32").out
    assert "भुगतान हो गया" in out and "PAID" not in out
    bad = cli("store", "set", "--receipt-language", "fr")
    assert (bad.code, bad.err) == (2, "error: receipt language: 'fr' is not one of en, hi\n")
    assert cli("--json", "store", "show").json["receipt_language"] == "hi"  # nothing half-written


def test_a_cashier_may_not_change_the_receipt_language(ctx):
    with pytest.raises(PermissionDenied):
        update_settings(ctx.as_actor(Actor("Meena", "cashier")), receipt_language="hi")
    assert ctx.store.receipt_language == "en"


def test_a_hindi_bill_pdf_embeds_noto_sans_devanagari_and_shapes_its_words(ctx, hindi):
    import uharfbuzz as hb

    from possuite.printing.pdf import DEVANAGARI, segments
    from possuite.resources import devanagari_font_path

    pdf = receipts.receipt_pdf(ctx, hindi.pending, 42)
    assert pdf.startswith(b"%PDF") and b"NotoSansDevanagari-Regular" in pdf and b"NotoSansDevanagari-Bold" in pdf
    pieces = segments("क्षमा श्री: ₹600.00", False, 9)
    assert [font for font, _t, _s, _w in pieces] == [DEVANAGARI, "PossuiteDejaVuSans"]
    shaped = pieces[0][1]
    face = hb.Face(hb.Blob.from_file_path(str(devanagari_font_path())))
    buf = hb.Buffer()
    buf.add_str("क्षमा श्री")
    buf.guess_segment_properties()
    hb.shape(hb.Font(face), buf, {})
    # One PDF character per shaped glyph (the conjuncts क्ष and श्र as single glyphs), at HarfBuzz's advances.
    assert len(shaped) == len(buf.glyph_infos) == 6 < len("क्षमा श्री")
    assert [(g.x_advance, g.x_offset) for g in shaped.__shapeData__] == [
        (p.x_advance, p.x_offset) for p in buf.glyph_positions]


def test_the_payment_reminder_is_written_in_the_receipt_language(ctx, hindi):
    from possuite.services import customer_overview

    asha = customer_overview.customer_overview(ctx, "98450 12345")
    text = customer_overview.reminder_for(ctx, asha).text
    assert text.startswith("प्रिय Asha Rao जी,")
    assert "आपके खाते में ₹400.00 बकाया है" in text and "Dear" not in text  # 600 pending less 200 collected
    assert customer_overview.reminder_for(ctx, asha, lang="en").text.startswith("Dear Asha Rao,")
