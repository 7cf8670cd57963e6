"""The owner's choice of Devanagari digits (``store set --digits devanagari``): a Hindi receipt and the Hindi
slips write their amounts in ०-९ (Indian grouping kept) and print them as shaped raster lines; an English
receipt, a printer in ``symbol`` mode (``Rs.``) and a store that did not choose them keep Western digits."""

# ruff: noqa: F811 - fixtures imported from printing_fixtures are redefined as test arguments
from __future__ import annotations

from datetime import date

from escpos_decode import decode
from printing_fixtures import posted  # noqa: F401 - pytest fixtures

from possuite.printing.escpos_render import escpos_bytes
from possuite.reports.day import day_report_text, day_rows
from possuite.services import receipts
from possuite.services.day_report import day_report
from possuite.services.store_settings import show_store, update_settings


def test_the_choice_is_kept_with_the_receipt_language(ctx):
    view = update_settings(ctx, receipt_language="hi", devanagari_digits=True)
    assert (view.receipt_language, view.devanagari_digits) == ("hi", True)
    assert (ctx.store.receipt_language, ctx.store.devanagari_digits) == ("hi", True)
    view = update_settings(ctx, receipt_language="en")   # changing the language keeps the digits choice
    assert (view.receipt_language, view.devanagari_digits) == ("en", True)
    assert show_store(ctx).as_json()["devanagari_digits"] is True


def test_a_hindi_receipt_writes_its_amounts_in_devanagari_digits(ctx, posted):
    update_settings(ctx, receipt_language="hi", devanagari_digits=True)
    text = receipts.receipt_text(ctx, posted.pending, 42)
    assert "बकाया राशि: ₹६००.००" in text and "₹600.00" not in text
    assert "SAL-26-0002" in text or "SAL-26" in text   # document numbers keep their own digits
    symbol = receipts.receipt_rows(ctx, receipts.receipt_for(ctx, posted.pending), 42, ascii_money=True)
    assert any("Rs. 600.00" in r.text for r in symbol)   # a printer without ₹: Western digits
    dec = decode(receipts.receipt_escpos(ctx, posted.pending, width=42, symbol_mode="image"))
    assert "?" not in "".join(dec.texts)
    assert not any("६" in t for t in dec.texts)        # Devanagari digits are never sent as text


def test_an_english_receipt_or_a_store_without_the_choice_keeps_western_digits(ctx, posted):
    update_settings(ctx, receipt_language="en", devanagari_digits=True)
    assert "PENDING BALANCE: ₹600.00" in receipts.receipt_text(ctx, posted.pending, 42)
    update_settings(ctx, receipt_language="hi", devanagari_digits=False)
    assert "बकाया राशि: ₹600.00" in receipts.receipt_text(ctx, posted.pending, 42)


def test_the_hindi_day_slip_prints_devanagari_amounts_as_shaped_lines(ctx, posted):
    update_settings(ctx, receipt_language="hi", devanagari_digits=True)
    report = day_report(ctx, date(2026, 11, 1))
    text = day_report_text(report, 42)
    amounts = [w.rstrip(",;") for w in text.split() if w.startswith(("₹", "-₹"))]
    assert len(amounts) > 20
    assert all(w.lstrip("-₹").replace(",", "").replace(".", "").strip("०१२३४५६७८९") == "" for w in amounts), amounts
    rows = day_rows(report, 42)
    dec = decode(escpos_bytes(rows, width=42, symbol_mode="image"))
    assert not any(c in "".join(dec.texts) for c in "०१२३४५६७८९")
    assert len(dec.images) >= len(amounts)
