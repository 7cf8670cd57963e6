"""GST receipts: TAX INVOICE (regular) and BILL OF SUPPLY (composition, unregistered) at each paper width,
and a book that has not set GST up printing exactly what it printed before GST existed."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from escpos_decode import decode
from receipt_scenarios import post_all_outcomes

from possuite.db.engine import open_database
from possuite.domain.cart import CartLine
from possuite.domain.ledger import Tender
from possuite.services import receipts
from possuite.services.app import open_context
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.context import CLI_ACTOR
from possuite.services.customers import add_customer
from possuite.services.store_settings import update_settings
from possuite.services.users import init_store

GOLDEN = Path(__file__).with_name("golden")
REGEN = os.environ.get("POSSUITE_REGEN_GOLDEN") == "1"

#: Rendered by main's code at dd033c3 (before GST) for the same store without a GSTIN and the same sales.
LEGACY = [("paid", 32, "symbol"), ("pending", 42, "symbol"), ("overpaid", 48, "image")]


@pytest.fixture
def no_gst_ctx(tmp_path, clock):
    path = tmp_path / "legacy.sqlite3"
    engine = open_database(path)
    init_store(engine, clock, store="Glow Salon", owner="Owner", pin="1234", address="12 MG Road, Pune",
               phone="020 2612 3456")
    ctx = open_context(engine=engine, path=path, clock=clock, actor=CLI_ACTOR)
    yield ctx
    engine.dispose()


@pytest.mark.parametrize(("outcome", "width", "mode"), LEGACY)
def test_a_store_without_gst_prints_the_same_bytes_as_before_gst(no_gst_ctx, outcome, width, mode):
    posted = post_all_outcomes(no_gst_ctx)
    data = receipts.receipt_escpos(no_gst_ctx, getattr(posted, outcome), width=width, symbol_mode=mode)
    assert data == (GOLDEN / f"legacy-{outcome}-{width}-{mode}.bin").read_bytes()


BUYER_GSTIN = "29ABCDE1234F1ZW"   # Karnataka: the store (conftest) is in Maharashtra, 27


@dataclass(frozen=True)
class GstPosted:
    b2b: str            # TAX INVOICE to a registered buyer in another state: IGST
    intra: str          # TAX INVOICE to a walk-in: CGST + SGST, one line with an odd paisa
    composition: str    # BILL OF SUPPLY of a composition store (GSTIN printed, no tax)
    unregistered: str   # BILL OF SUPPLY of an unregistered store (no GSTIN, no tax)


def post_gst_documents(ctx) -> GstPosted:
    acme = add_customer(ctx, "Acme Traders", "98450 11111", gstin=BUYER_GSTIN)
    rice = CartLine("Basmati Rice 1 kg", 3000, 100_00, tax_rate_bp=500, kind="product", hsn="100630")
    dal = CartLine("Toor Dal 1 kg", 1000, 201_00, tax_rate_bp=500, kind="product", hsn="0713")  # 10.05: odd paisa
    cut = CartLine("Haircut", 1000, 500_00, tax_rate_bp=1800, hsn="999721")
    oil = CartLine("Hair oil 100 ml", 1000, 118_00, tax_rate_bp=1800, tax_inclusive=True, kind="product", hsn="3305")
    b2b = complete_sale(ctx, SaleRequest([rice, cut], customer_id=acme.id, no_payment=True))
    intra = complete_sale(ctx, SaleRequest([dal, cut, oil], tenders=[Tender("cash", 1000_00)]))
    update_settings(ctx, gst_registration="composition")
    comp = complete_sale(ctx, SaleRequest([catalog_line(rice), oil], customer_id=acme.id,
                                          tenders=[Tender("upi", 418_00)]))
    update_settings(ctx, tax_id="", gst_registration="unregistered")
    unreg = complete_sale(ctx, SaleRequest([catalog_line(dal), cut], tenders=[Tender("cash", 701_00)]))
    return GstPosted(b2b.number, intra.number, comp.number, unreg.number)


def catalog_line(line: CartLine) -> CartLine:
    """What the till puts in the cart at a store that collects no GST (services.catalog.cart_line)."""
    return replace(line, tax_rate_bp=0)


@pytest.fixture
def gst_posted(ctx) -> GstPosted:
    return post_gst_documents(ctx)


GST_CASES = [("b2b", 32), ("b2b", 42), ("b2b", 48), ("intra", 42),
             ("composition", 32), ("composition", 42), ("composition", 48), ("unregistered", 42)]


@pytest.mark.parametrize(("doc", "width"), GST_CASES)
def test_gst_receipt_bytes_and_text_match_the_stored_goldens(ctx, gst_posted, doc, width):
    number = getattr(gst_posted, doc)
    data = receipts.receipt_escpos(ctx, number, width=width, symbol_mode="symbol")
    text = receipts.receipt_text(ctx, number, width=width)
    stem = GOLDEN / f"gst-{doc}-{width}"
    if REGEN:
        stem.with_suffix(".bin").write_bytes(data)
        stem.with_suffix(".txt").write_text(text, encoding="utf-8")
    assert data == stem.with_suffix(".bin").read_bytes(), f"{stem.name}.bin changed"
    assert text == stem.with_suffix(".txt").read_text(encoding="utf-8"), f"{stem.name}.txt changed"
    assert all(len(ln) <= width for ln in text.splitlines())


def test_a_tax_invoice_to_a_buyer_in_another_state_shows_igst_gstins_and_hsn(ctx, gst_posted):
    dec = decode(receipts.receipt_escpos(ctx, gst_posted.b2b, width=42, symbol_mode="symbol"))
    assert dec.find("TAX INVOICE").bold
    for words in ("GSTIN: 27ABCDE1234F1Z0", f"Buyer GSTIN:{' ' * 15}{BUYER_GSTIN}", "Place of supply: 29-Karnataka",
                  "HSN 100630 GST 5%", "SAC 999721 GST 18%", "IGST 5%", "IGST 18%"):
        assert dec.find(words), words
    assert not any("CGST" in ln.text or "SGST" in ln.text for ln in dec.lines)


def test_a_walk_in_tax_invoice_splits_each_rate_into_cgst_and_sgst(ctx, gst_posted):
    text = receipts.receipt_text(ctx, gst_posted.intra, width=42)
    assert "Place of supply: 27-Maharashtra" in text and "Buyer GSTIN" not in text
    # 5 %: 201.00 -> 10.05 (odd): CGST 5.03, SGST 5.02; 18 %: 500.00 -> 90.00 and 118.00 incl. -> 18.00
    rows = [ln.split() for ln in text.splitlines()]
    for row in (["CGST", "2.5%", "₹5.03"], ["SGST", "2.5%", "₹5.02"], ["Taxable", "value", "18%", "₹600.00"],
                ["CGST", "9%", "₹54.00"], ["SGST", "9%", "₹54.00"], ["Total", "₹708.00"]):
        assert row in rows, row


@pytest.mark.parametrize("doc", ["composition", "unregistered"])
def test_a_bill_of_supply_shows_no_tax_collected(ctx, gst_posted, doc):
    text = receipts.receipt_text(ctx, getattr(gst_posted, doc), width=42)
    assert "BILL OF SUPPLY" in text and "TAX INVOICE" not in text
    assert not any(word in text for word in ("CGST", "SGST", "IGST", "Taxable value", "Tax "))
    assert ("GSTIN: 27ABCDE1234F1Z0" in text) == (doc == "composition")
    assert ("Composition taxable person" in text) == (doc == "composition")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_the_bill_pdf_carries_the_gst_details(ctx, gst_posted, tmp_path):
    pdf = tmp_path / "b2b.pdf"
    pdf.write_bytes(receipts.receipt_pdf(ctx, gst_posted.b2b, width=42))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    for words in ("TAX INVOICE", "GSTIN: 27ABCDE1234F1Z0", BUYER_GSTIN, "Place of supply: 29-Karnataka",
                  "HSN 100630 GST 5%", "IGST 18%", "₹90.00"):
        assert words in text, words
