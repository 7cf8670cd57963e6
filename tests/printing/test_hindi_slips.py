"""The thermal shift (X/Z) and day-end slips in Hindi: for a store whose receipt language is Hindi the slips'
words are Hindi, like its receipts, and every Devanagari line prints through the receipts' raster path,
shaped by Qt in the bundled Noto Sans Devanagari (never sent as text, so never ``?`` or boxes). Stored
ESC/POS bytes at 32 and 48 columns; ``POSSUITE_REGEN_GOLDEN=1`` regenerates them after an intended change."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from escpos_decode import decode
from test_escpos_golden import _mask_rasters, _raster_body
from test_hindi_receipts import RENDERER, _renderer
from test_shift_slip import reports  # noqa: F401 - a pytest fixture

from possuite.printing.escpos_render import escpos_bytes
from possuite.printing.raster import needs_shaping, rasterise
from possuite.reports.day import day_report_text, day_rows
from possuite.reports.shift import shift_report_text, shift_rows
from possuite.services.day_report import day_report
from possuite.services.store_settings import update_settings

GOLDEN = Path(__file__).with_name("golden")
REGEN = os.environ.get("POSSUITE_REGEN_GOLDEN") == "1"
CASES = [(which, width) for which in ("x", "z", "day") for width in (32, 48)]


@pytest.fixture
def slips(ctx, reports):  # noqa: F811 - the fixture above
    update_settings(ctx, receipt_language="hi")
    ctx.refresh_store()
    # the print worker reads the report at print time, with the store's settings of that time
    return {"x": replace(reports["x"], store=ctx.store), "z": replace(reports["z"], store=ctx.store),
            # the day's last hash pinned: the book's ids (and so its chain) differ on every run (§3.6)
            "day": replace(day_report(ctx, date(2026, 11, 1)), last_hash="0123456789ab" + "f" * 52)}


def _rows(slips, which: str, width: int):
    report = slips[which]
    if which == "day":
        return day_rows(report, width)
    return shift_rows(report, width)


@pytest.mark.parametrize(("which", "width"), CASES)
def test_hindi_slip_bytes_match_the_stored_golden(slips, which, width):
    data = escpos_bytes(_rows(slips, which, width), width=width, symbol_mode="image")
    path = GOLDEN / f"hi-slip-{which}-{width}.bin"
    if REGEN:
        path.write_bytes(data)
        RENDERER.write_text(_renderer() + "\n")
    assert path.exists(), f"no golden {path.name}; run with POSSUITE_REGEN_GOLDEN=1 to create it"
    golden = path.read_bytes()
    if RENDERER.read_text().strip() == _renderer():
        assert data == golden, f"{path.name} changed; inspect, then POSSUITE_REGEN_GOLDEN=1 if intended"
    else:  # another Qt or FreeType draws a few dots differently; every other byte must not change
        assert _mask_rasters(data) == _mask_rasters(golden), f"{path.name} changed"


@pytest.mark.parametrize(("which", "width"), CASES)
def test_every_devanagari_line_of_a_slip_is_a_shaped_picture(slips, which, width):
    rows = _rows(slips, which, width)
    dec = decode(escpos_bytes(rows, width=width, symbol_mode="image"))
    rows = [r for r in rows if r.text]  # a blank line ("{}") prints as a line feed
    printed = [ln for ln in dec.lines if ln.kind != "text" or ln.text]
    assert len(printed) == len(rows)
    assert sum(needs_shaping(r.text) for r in rows) >= 10  # the slip really is in Hindi
    assert all(len(r.text) <= width for r in rows)
    images = iter(dec.images)
    dots = 384 if width == 32 else 576
    for row, line in zip(rows, printed, strict=True):
        if needs_shaping(row.text) or "₹" in row.text:
            assert line.kind == "image", f"{row.text!r} was sent as text"
            assert next(images) == _raster_body(rasterise(row, width, dots)), f"image of {row.text!r} differs"
        else:
            assert line.kind == "text" and line.text == row.text and "?" not in line.text
    assert dec.cuts == 1 and dec.drawer_kicks == 0


def test_the_shift_slips_words_are_hindi_and_the_figures_the_same(ctx, slips):
    z = shift_report_text(slips["z"], 42)
    assert "शिफ़्ट Z रिपोर्ट (बंद)" in z and "दराज़ में अपेक्षित" in z and "अंतर (कम)" in z
    assert "कैशियर: ____" in z and "छपा 01 नव॰ 2026 18:05" in z
    for english in ("SHIFT", "Expected", "Counted", "Cashier", "Printed", "Nov"):
        assert english not in z, english
    english = shift_report_text(slips["z"], 42, lang="en")
    assert "SHIFT Z REPORT (CLOSED)" in english
    assert [w for w in z.split() if "₹" in w] == [w for w in english.split() if "₹" in w]


def test_the_day_slip_is_hindi_for_a_hindi_store_and_english_otherwise(ctx, slips):
    text = day_report_text(slips["day"], 42)
    assert "दैनिक (Z) रिपोर्ट" in text and "रवि 01 नव॰ 2026" in text
    assert "शुद्ध बिक्री" in text and "दराज़ में अपेक्षित नकद" in text
    assert "DAY-END" not in text and "NET SALES" not in text
    update_settings(ctx, receipt_language="en")
    ctx.refresh_store()
    english = day_report_text(day_report(ctx, date(2026, 11, 1)), 42)
    assert "DAY-END (Z) REPORT" in english and "Sun 01 Nov 2026" in english and "NET SALES" in english
