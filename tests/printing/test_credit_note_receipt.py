"""The credit-note receipt: CREDIT NOTE, the bill it reverses, what came back and how the money went back."""

# ruff: noqa: F811 - fixtures imported from printing_fixtures are redefined as test arguments
from __future__ import annotations

from pathlib import Path

import pytest
from escpos_decode import decode
from printing_fixtures import credits, posted  # noqa: F401 - pytest fixtures
from test_escpos_golden import GOLDEN, REGEN, RENDERER, _mask_rasters, _renderer

from possuite.services import receipts
from possuite.services.print_queue import list_jobs
from possuite.services.printers import add_printer
from possuite.services.returns import create_return


@pytest.mark.parametrize("width", [32, 42, 48])
def test_every_credit_note_fits_the_paper_and_names_its_bill(ctx, posted, credits, width):
    for number, bill in ((credits.cash, posted.paid), (credits.pending, posted.pending),
                         (credits.account, posted.overpaid), (credits.comp, posted.complimentary)):
        text = receipts.receipt_text(ctx, number, width)
        lines = text.splitlines()
        assert all(len(ln) <= width for ln in lines), number
        assert lines[5].strip() == "CREDIT NOTE"
        assert any(ln.startswith("Against Bill:") and ln.endswith(bill) for ln in lines)
        assert any(ln.endswith(number) for ln in lines)


def test_a_pending_bills_return_says_what_came_off_the_pending_and_what_was_refunded_how(ctx, posted, credits):
    text = receipts.receipt_text(ctx, credits.pending, 42)
    assert "Off bill's pending" in text and "₹400.00" in text
    assert "REFUNDED (Cash): ₹426.00" in text
    assert "Tax 18% reversed" in text and "Reason: allergic reaction" in text


def test_account_and_complimentary_credit_notes_say_so(ctx, posted, credits):
    assert "CREDIT ON ACCOUNT: ₹500.00" in receipts.receipt_text(ctx, credits.account, 42)
    comp = receipts.receipt_text(ctx, credits.comp, 42)
    assert "NOTHING TO REFUND" in comp and "TOTAL CREDIT                         ₹0.00" in comp
    assert "Value returned: ₹300.00" in comp


def test_the_heading_and_refund_come_back_from_the_printer_bytes_bold(ctx, posted, credits):
    dec = decode(receipts.receipt_escpos(ctx, credits.pending, width=42, symbol_mode="symbol"))
    assert dec.find("CREDIT NOTE").double_height
    assert dec.find("REFUNDED (Cash): Rs. 426.00").double_height
    assert receipts.receipt_for(ctx, credits.pending.lower()).kind == "credit"


def test_a_return_queues_its_receipt_for_the_default_printer_in_the_same_transaction(ctx, posted, credits, tmp_path):
    add_printer(ctx, "Counter", "file", str(tmp_path / "out.bin"))
    r = create_return(ctx, posted.long_names, ["Keratin smoothening treatment for extra long thick hair with deep "
                                              "conditioning*1"], "card", "too long")
    assert [(j.document_kind, j.document_ref) for j in list_jobs(ctx)][-1:] == [("credit", r.number)]


GOLDEN_CASES = [  # (credit note, width, symbol mode): every width, both ways of printing ₹
    ("pending", 32, "image"), ("account", 42, "image"), ("cash", 48, "image"),
    ("comp", 32, "symbol"), ("pending", 42, "symbol"), ("account", 48, "symbol"),
]


@pytest.mark.parametrize(("which", "width", "mode"), GOLDEN_CASES)
def test_credit_note_bytes_match_the_stored_golden(ctx, posted, credits, which, width, mode):
    data = receipts.receipt_escpos(ctx, getattr(credits, which), width=width, symbol_mode=mode)
    path: Path = GOLDEN / f"credit_{which}-{width}-{mode}.bin"
    if REGEN:
        path.write_bytes(data)
    assert path.exists(), f"no golden {path.name}; run with POSSUITE_REGEN_GOLDEN=1 to create it"
    golden = path.read_bytes()
    if RENDERER.read_text().strip() == _renderer():
        assert data == golden, f"{path.name} changed; inspect, then POSSUITE_REGEN_GOLDEN=1 if intended"
    else:
        assert _mask_rasters(data) == _mask_rasters(golden), f"{path.name} changed"
