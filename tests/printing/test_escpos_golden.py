"""ESC/POS output: each outcome's receipt rendered onto python-escpos ``Dummy`` and compared
with stored bytes, then decoded back into lines and styles to check what the paper shows.

Regenerate the stored bytes after an intended change with ``POSSUITE_REGEN_GOLDEN=1``.
"""

# ruff: noqa: F811 - fixtures imported from printing_fixtures are redefined as test arguments
from __future__ import annotations

import os
from pathlib import Path

import pytest
from escpos.printer import Dummy
from escpos_decode import decode
from printing_fixtures import posted  # noqa: F401 - pytest fixtures

from possuite.printing.escpos_render import encodable, escpos_bytes, render_escpos
from possuite.printing.markup import Row
from possuite.printing.raster import rasterise
from possuite.services import receipts

GOLDEN = Path(__file__).with_name("golden")
REGEN = os.environ.get("POSSUITE_REGEN_GOLDEN") == "1"

CASES = [  # (outcome attribute, width, symbol mode)
    ("paid", 42, "image"),
    ("pending", 42, "image"),
    ("full_pending", 32, "image"),
    ("complimentary", 48, "image"),
    ("overpaid", 42, "image"),
    ("collection", 42, "image"),
    ("pending", 32, "symbol"),
    ("complimentary", 42, "symbol"),
    ("overpaid", 48, "symbol"),
    ("collection", 32, "symbol"),
]


def _bytes(ctx, number: str, width: int, mode: str, drawer_kick: bool = False) -> bytes:
    return receipts.receipt_escpos(ctx, number, width=width, symbol_mode=mode, drawer_kick=drawer_kick)


RENDERER = GOLDEN / "RENDERER"  # the Pillow/FreeType that drew the raster lines in the goldens


def _renderer() -> str:
    from PIL import Image, features

    return f"Pillow {Image.__version__} FreeType {features.version('freetype2')}"


def _mask_rasters(data: bytes) -> bytes:
    """The bytes with each GS v 0 picture replaced by its size (for another font rasteriser)."""
    out, i = bytearray(), 0
    while True:
        j = data.find(b"\x1dv0", i)
        if j < 0:
            return bytes(out + data[i:])
        xl, xh, yl, yh = data[j + 4:j + 8]
        size = (xl + 256 * xh) * (yl + 256 * yh)
        out += data[i:j + 8] + b"<raster>"
        i = j + 8 + size


@pytest.mark.parametrize(("outcome", "width", "mode"), CASES)
def test_receipt_bytes_match_the_stored_golden(ctx, posted, outcome, width, mode):
    data = _bytes(ctx, getattr(posted, outcome), width, mode)
    path = GOLDEN / f"{outcome}-{width}-{mode}.bin"
    if REGEN:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        RENDERER.write_text(_renderer() + "\n")
    assert path.exists(), f"no golden {path.name}; run with POSSUITE_REGEN_GOLDEN=1 to create it"
    golden = path.read_bytes()
    if RENDERER.read_text().strip() == _renderer():
        assert data == golden, f"{path.name} changed; inspect, then POSSUITE_REGEN_GOLDEN=1 if intended"
    else:  # pictures drawn by another FreeType differ by a few dots; every other byte must not
        assert _mask_rasters(data) == _mask_rasters(golden), f"{path.name} changed"


def _expected_rows(ctx, number: str, width: int, mode: str) -> list[Row]:
    return receipts.receipt_rows(ctx, receipts.receipt_for(ctx, number), width, ascii_money=mode == "symbol")


@pytest.mark.parametrize(("outcome", "width", "mode"), CASES)
def test_decoded_receipt_has_every_line_styled_and_nothing_replaced_by_a_question_mark(ctx, posted, outcome,
                                                                                      width, mode):
    number = getattr(posted, outcome)
    dec = decode(_bytes(ctx, number, width, mode))
    rows = _expected_rows(ctx, number, width, mode)
    printed = [ln for ln in dec.lines if ln.kind != "text" or ln.text]  # drop the feed before the cut
    assert len(printed) == len(rows)
    images = iter(dec.images)
    for row, line in zip(rows, printed, strict=True):
        if row.is_qr:
            assert line.qr == row.qr
            assert line.qr.startswith("upi://pay?pa=glowsalon@okbank&pn=Glow%20Salon&am=")
        elif line.kind == "image":
            assert mode == "image" and "₹" in row.text
            expected = rasterise(row, width, 384 if width == 32 else 576)
            assert next(images) == _raster_body(expected), f"image of {row.text!r} differs"
        else:
            assert line.text == row.text  # every character came back: no '?' stood in for one
            assert "₹" not in line.text
            assert (line.bold, line.double_height) == (row.bold, row.big), row.text
    assert dec.cuts == 1 and dec.resets == 1


def _raster_body(img) -> bytes:
    """The GS v 0 payload python-escpos sends for a 1-bit image (black = 1)."""
    from escpos.image import EscposImage

    return EscposImage(img).to_raster_format()


def test_symbol_mode_prints_rs_and_the_footer_in_bold_double_height(ctx, posted):
    dec = decode(_bytes(ctx, posted.pending, 42, "symbol"))
    footer = dec.find("PENDING BALANCE: Rs. 600.00")
    assert footer.bold and footer.double_height
    total = dec.find("TOTAL ")
    assert total.text.endswith("Rs. 2,152.00") and total.bold and total.double_height
    assert dec.find("TOTAL OUTSTANDING").bold and not dec.find("PREVIOUS BALANCE").bold
    assert not dec.find("Haircut").bold
    assert dec.images == []  # ₹ never reached the printer, so no line needed a picture


def test_image_mode_sends_only_the_rupee_lines_as_pictures(ctx, posted):
    rows = _expected_rows(ctx, posted.pending, 42, "image")
    dec = decode(_bytes(ctx, posted.pending, 42, "image"))
    rupee_rows = [r for r in rows if "₹" in r.text]
    assert len(dec.images) == len(rupee_rows) > 5
    assert dec.find("TAX INVOICE").bold
    assert dec.find("Glow Salon").double_height


def test_complimentary_and_overpayment_footers_come_back_from_the_bytes(ctx, posted):
    comp = decode(_bytes(ctx, posted.complimentary, 42, "symbol"))
    assert comp.find("COMPLIMENTARY SERVICE").double_height
    assert comp.find("TOTAL: Rs. 0.00").bold
    assert comp.find("Value given: Rs. 800.00")
    assert comp.find("Head massage").text.endswith("Rs. 300.00")
    over = decode(_bytes(ctx, posted.overpaid, 42, "symbol"))
    assert over.find("APPLIED TO PREVIOUS BALANCE: Rs. 500.00").bold
    full = decode(_bytes(ctx, posted.full_pending, 42, "symbol"))
    assert full.find("FULL AMOUNT PENDING: Rs. 500.00").double_height


def test_cash_drawer_opens_only_for_a_cash_sale_when_configured(ctx, posted):
    assert decode(_bytes(ctx, posted.overpaid, 42, "image", drawer_kick=True)).drawer_kicks == 1  # cash
    assert decode(_bytes(ctx, posted.pending, 42, "image", drawer_kick=True)).drawer_kicks == 0  # UPI only
    assert decode(_bytes(ctx, posted.overpaid, 42, "image")).drawer_kicks == 0


def test_characters_no_code_page_holds_are_never_sent_as_question_marks():
    rows = [Row("Customer: राहुल शर्मा"), Row("Price 2 × ₹600.00 — ok", bold=True), Row("Café crème 5")]
    for mode in ("image", "symbol"):
        printer = Dummy()
        render_escpos(rows, printer, width=42, symbol_mode=mode)
        dec = decode(printer.output)
        texts = [t for t in dec.texts if t]
        assert all("?" not in t for t in texts), texts
        assert "Café crème 5" in texts  # accented Latin goes through a code page as text
        if mode == "symbol":
            assert "Price 2 x Rs.600.00 - ok" in texts  # transliterated
            assert len(dec.images) == 1  # Devanagari has no plain form: rasterised
        else:
            assert len(dec.images) == 2
    assert not encodable(Dummy(), "₹") and encodable(Dummy(), "é")


def test_escpos_bytes_fit_other_printer_profiles(ctx, posted):
    rows = _expected_rows(ctx, posted.pending, 32, "image")
    data = escpos_bytes(rows, width=32, profile="POS-5890")
    dec = decode(data, profile="POS-5890")
    assert dec.cuts == 0  # the profile says this 58 mm printer has no cutter, so no cut is sent
    widths = [ln.image[0] for ln in dec.lines if ln.image]
    assert widths and max(widths) <= 384
