"""Compensation cess on receipts: a TAX INVOICE carrying cess shows it in the tax summary (per GST rate,
never split) and beside the line's GST rate, at each paper width and in the bill PDF; a credit note shows
the cess it reverses. Bills without cess print what they printed before (test_gst_receipts.py's goldens)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from possuite.domain.cart import CartLine
from possuite.domain.ledger import Tender
from possuite.services import receipts
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.customers import add_customer
from possuite.services.returns import create_return, returnable

GOLDEN = Path(__file__).with_name("golden")
REGEN = os.environ.get("POSSUITE_REGEN_GOLDEN") == "1"
BUYER_GSTIN = "29ABCDE1234F1ZW"   # Karnataka: the store (conftest) is in Maharashtra, 27


@dataclass(frozen=True)
class CessPosted:
    intra: str   # walk-in: CGST + SGST + cess
    b2b: str     # registered buyer in another state: IGST + cess


def post_cess_documents(ctx) -> CessPosted:
    # Aerated water: GST 40 % and a 12 % cess; a tax-inclusive soap with a 1 % cess; a haircut without cess.
    cola = CartLine("Cola 300 ml", 3000, 40_00, tax_rate_bp=4000, kind="product", hsn="22021010", cess_rate_bp=1200)
    soap = CartLine("Soap 100 g", 2000, 30_00, tax_rate_bp=1800, tax_inclusive=True, kind="product", hsn="3401",
                    cess_rate_bp=100)
    cut = CartLine("Haircut", 1000, 250_00, tax_rate_bp=1800, hsn="999721")
    intra = complete_sale(ctx, SaleRequest([cola, soap, cut], tenders=[Tender("cash", 600_00)]))
    acme = add_customer(ctx, "Acme Traders", "98450 11111", gstin=BUYER_GSTIN)
    b2b = complete_sale(ctx, SaleRequest([cola, cut], customer_id=acme.id, no_payment=True))
    return CessPosted(intra.number, b2b.number)


@pytest.fixture
def posted(ctx) -> CessPosted:
    return post_cess_documents(ctx)


CASES = [("intra", 32), ("intra", 42), ("intra", 48), ("b2b", 32), ("b2b", 42), ("b2b", 48)]


@pytest.mark.parametrize(("doc", "width"), CASES)
def test_cess_receipt_bytes_and_text_match_the_stored_goldens(ctx, posted, doc, width):
    number = getattr(posted, doc)
    data = receipts.receipt_escpos(ctx, number, width=width, symbol_mode="symbol")
    text = receipts.receipt_text(ctx, number, width=width)
    stem = GOLDEN / f"gst-cess-{doc}-{width}"
    if REGEN:
        stem.with_suffix(".bin").write_bytes(data)
        stem.with_suffix(".txt").write_text(text, encoding="utf-8")
    assert data == stem.with_suffix(".bin").read_bytes(), f"{stem.name}.bin changed"
    assert text == stem.with_suffix(".txt").read_text(encoding="utf-8"), f"{stem.name}.txt changed"
    assert all(len(ln) <= width for ln in text.splitlines())


def test_the_tax_summary_shows_the_cess_of_each_rate_and_the_rates_total_includes_it(ctx, posted):
    rows = [ln.split() for ln in receipts.receipt_text(ctx, posted.intra, width=42).splitlines()]
    # 40 %: 3 × 40.00 = 120.00 -> GST 48.00 (24.00 + 24.00) and cess 12 % = 14.40: 182.40 at that rate
    for row in (["Taxable", "value", "40%", "₹120.00"], ["CGST", "20%", "₹24.00"], ["SGST", "20%", "₹24.00"],
                ["Cess", "₹14.40"], ["Total", "₹182.40"], ["HSN", "22021010", "GST", "40%", "Cess", "12%"]):
        assert row in rows, row
    # 18 %: the soap's 60.00 includes GST and 1 % cess: 60.00 / 1.19 = 50.42, cess 0.50; the haircut has none
    assert ["Cess", "₹0.50"] in rows and ["HSN", "3401", "GST", "18%", "Cess", "1%"] in rows
    assert ["SAC", "999721", "GST", "18%"] in rows
    assert sum(1 for r in rows if r[:1] == ["Cess"]) == 2


def test_an_inter_state_invoice_shows_igst_and_the_cess_apart(ctx, posted):
    rows = [ln.split() for ln in receipts.receipt_text(ctx, posted.b2b, width=32).splitlines()]
    assert ["IGST", "40%", "₹48.00"] in rows and ["Cess", "₹14.40"] in rows
    assert not any(r[:1] in (["CGST"], ["SGST"]) for r in rows)


def test_a_credit_note_shows_the_cess_it_reverses(ctx, posted):
    bill = returnable(ctx, posted.intra)
    cola = next(ln for ln in bill.lines if ln.description.startswith("Cola"))
    note = create_return(ctx, posted.intra, {cola.id: 1000}, "cash", "flat")
    rows = [ln.split() for ln in receipts.receipt_text(ctx, note.number, width=42).splitlines()]
    # one of three colas: 40.00, GST 16.00, cess 4.80 -> 60.80 credited
    assert ["Tax", "40%", "reversed", "₹16.00"] in rows and ["Cess", "reversed", "₹4.80"] in rows
    assert ["TOTAL", "CREDIT", "₹60.80"] in rows


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_the_bill_pdf_shows_the_cess(ctx, posted, tmp_path):
    pdf = tmp_path / "cess.pdf"
    pdf.write_bytes(receipts.receipt_pdf(ctx, posted.intra, width=42))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    for words in ("TAX INVOICE", "HSN 22021010 GST 40% Cess 12%", "Cess", "₹14.40", "₹182.40"):
        assert words in text, words
