"""The shift's X and Z slips on the thermal printer: golden ESC/POS bytes at 32 and 48 columns, decoded
back into lines, and the same columns in the text preview (reports/shift.py)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from escpos_decode import decode
from test_escpos_golden import RENDERER, _mask_rasters, _renderer

from possuite.printing.escpos_render import escpos_bytes
from possuite.reports.shift import shift_report_text, shift_rows
from possuite.services import shifts
from possuite.services.collections import collect_dues
from possuite.services.customers import add_customer
from testkit import sell

GOLDEN = Path(__file__).with_name("golden")
REGEN = os.environ.get("POSSUITE_REGEN_GOLDEN") == "1"
CASES = [("x", 32, "symbol"), ("z", 32, "image"), ("x", 48, "image"), ("z", 48, "symbol")]


@pytest.fixture
def reports(ctx, clock):
    clock.set(datetime(2026, 11, 1, 9, 0))
    asha = add_customer(ctx, "Asha Rao", "9822000001")
    sell(ctx, asha.id, 60000, no_payment=True)
    shifts.open_shift(ctx, 200000)
    clock.set(datetime(2026, 11, 1, 11, 30))
    sell(ctx, None, 45000, pay=[("cash", 50000)])
    sell(ctx, None, 120000, pay=[("card", 120000)])
    sell(ctx, None, 35000, pay=[("upi", 35000)])
    collect_dues(ctx, asha.id, 20000, "cash")
    shifts.move_cash(ctx, "out", 30000, "Bank drop at the corner branch, deposit slip 4471")
    x = shifts.shift_report(ctx)
    clock.set(datetime(2026, 11, 1, 18, 5))
    z = shifts.close_shift(ctx, notes={50000: 4, 20000: 1, 10000: 1, 1000: 3, 100: 5}, note="₹15 short")
    return {"x": x, "z": z}


def _bytes(report, width: int, mode: str) -> bytes:
    return escpos_bytes(shift_rows(report, width, ascii_only=mode == "symbol"), width=width, symbol_mode=mode)


@pytest.mark.parametrize(("which", "width", "mode"), CASES)
def test_shift_slip_bytes_match_the_stored_golden(reports, which, width, mode):
    data = _bytes(reports[which], width, mode)
    path = GOLDEN / f"shift-{which}-{width}-{mode}.bin"
    if REGEN:
        path.write_bytes(data)
        RENDERER.write_text(_renderer() + "\n")
    assert path.exists(), f"no golden {path.name}; run with POSSUITE_REGEN_GOLDEN=1 to create it"
    golden = path.read_bytes()
    if RENDERER.read_text().strip() == _renderer():
        assert data == golden, f"{path.name} changed; inspect, then POSSUITE_REGEN_GOLDEN=1 if intended"
    else:
        assert _mask_rasters(data) == _mask_rasters(golden), f"{path.name} changed"


@pytest.mark.parametrize(("which", "width", "mode"), CASES)
def test_the_slip_prints_every_line_the_preview_shows(reports, which, width, mode):
    report = reports[which]
    dec = decode(_bytes(report, width, mode))
    text = shift_report_text(report, width, ascii_only=mode == "symbol").splitlines()
    assert all(len(line) <= width for line in text)
    printed = [ln for ln in dec.lines if ln.kind != "text" or ln.text]
    assert len(printed) == len([t for t in text if t])
    assert dec.cuts == 1 and dec.drawer_kicks == 0  # a report never opens the drawer
    title = "SHIFT X REPORT (SO FAR)" if which == "x" else "SHIFT Z REPORT (CLOSED)"
    assert dec.find(title).bold


def test_the_z_slip_shows_the_count_and_the_variance(reports):
    dec = decode(_bytes(reports["z"], 42, "symbol"))
    assert dec.find("Expected in drawer").text.endswith("Rs. 2,350.00")
    assert dec.find("Counted").text.endswith("Rs. 2,335.00")
    variance = dec.find("Variance (short)")
    assert variance.bold and variance.text.endswith("-Rs. 15.00")
    assert dec.find("Rs. 500 x 4").text.endswith("Rs. 2,000.00")
    assert dec.find("Card").text.endswith("Rs. 1,200.00") and dec.find("  UPI").text.endswith("Rs. 350.00")
