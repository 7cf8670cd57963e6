"""Receipts of loose quantities: a weighed line prints ``1.250 kg x ₹79.99``, a strip's tablets ``3 TAB x
₹35.55/10`` (the price is per strip of 10), at each paper width, as golden bytes and text; piece lines print
as they always did (the other goldens in this folder are unchanged)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from possuite.domain.ledger import Tender
from possuite.services import catalog, receipts
from possuite.services.checkout import SaleRequest, complete_sale

GOLDEN = Path(__file__).with_name("golden")
REGEN = os.environ.get("POSSUITE_REGEN_GOLDEN") == "1"


@pytest.fixture
def loose_sale(ctx) -> str:
    reg = ctx.store.gst_registration
    rice = catalog.add_item(ctx, "Loose Basmati Rice", "79.99", unit="kg", kind="product", hsn="1006",
                            tax_rate="5")
    tabs = catalog.add_item(ctx, "Paracetamol 500 mg", "35.55", unit="strip", pack_size=10, kind="product",
                            hsn="3004", tax_rate="12")
    soap = catalog.add_item(ctx, "Neem Soap", "30", kind="product", hsn="3401", tax_rate="18")
    lines = [catalog.cart_line(rice, reg, 1250), catalog.cart_line(tabs, reg, 3000),
             catalog.cart_line(soap, reg, 2000)]
    return complete_sale(ctx, SaleRequest(lines, tenders=[Tender("cash", 200_00)])).number


@pytest.mark.parametrize("width", [32, 42, 48])
def test_a_kg_line_and_a_strip_line_print_their_quantities_at_each_width(ctx, loose_sale, width):
    data = receipts.receipt_escpos(ctx, loose_sale, width=width, symbol_mode="symbol")
    text = receipts.receipt_text(ctx, loose_sale, width=width)
    stem = GOLDEN / f"qty-loose-{width}"
    if REGEN:
        stem.with_suffix(".bin").write_bytes(data)
        stem.with_suffix(".txt").write_text(text, encoding="utf-8")
    assert data == stem.with_suffix(".bin").read_bytes(), f"{stem.name}.bin changed"
    assert text == stem.with_suffix(".txt").read_text(encoding="utf-8"), f"{stem.name}.txt changed"
    assert all(len(ln) <= width for ln in text.splitlines())
    flat = " ".join(text.split())
    # the amounts include GST; the taxable values show the one rounding of price × quantity
    assert "1.250 kg x ₹79.99 ₹104.99" in flat and "Taxable value 5% ₹99.99" in flat    # 99.9875 -> 99.99
    assert "3 TAB x ₹35.55/10 ₹11.95" in flat and "Taxable value 12% ₹10.67" in flat    # 10.665 -> 10.67
    assert "2 x ₹30.00 ₹70.80" in flat             # a piece line as ever
