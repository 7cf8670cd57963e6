"""Receipt text: what each outcome's receipt says, at 32/42/48 columns, from the database."""

# ruff: noqa: F811 - fixtures imported from printing_fixtures are redefined as test arguments
from __future__ import annotations

import re

import pytest
from printing_fixtures import posted  # noqa: F401 - pytest fixtures
from sqlalchemy import event

from possuite.domain.errors import NotFound, ValidationError
from possuite.printing.templates import problems
from possuite.services import receipts

WIDTHS = (32, 42, 48)
AMOUNT_AT_END = re.compile(r"₹[\d,]+\.\d\d$")


def framed(text: str) -> list[str]:
    """The lines between the second and third ``=`` rules: the outcome footer."""
    lines = text.splitlines()
    rules = [i for i, ln in enumerate(lines) if ln and set(ln) == {"="}]
    assert len(rules) >= 3, text
    return [ln.strip() for ln in lines[rules[1] + 1:rules[2]]]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_is_longer_than_the_paper_and_amounts_end_at_the_edge(ctx, posted, width):
    for number in vars(posted).values():
        text = receipts.receipt_text(ctx, number, width)
        for line in text.splitlines():
            assert len(line) <= width, (number, line)
            if AMOUNT_AT_END.search(line) and not line.startswith(" " * 3) and "TOTAL:" not in line \
                    and "Value given" not in line and "Scan to pay" not in line and ":" not in line[-12:]:
                assert len(line) == width, f"amount not flush right at {width}: {line!r}"


@pytest.mark.parametrize("width", WIDTHS)
def test_long_item_names_wrap_and_keep_qty_price_and_amount(ctx, posted, width):
    text = receipts.sale_receipt_text(ctx, posted.long_names, width)
    lines = text.splitlines()
    words = " ".join(ln.strip() for ln in lines)
    assert "Keratin smoothening treatment for extra long thick hair with deep conditioning" in words
    detail = next(ln for ln in lines if "3 x ₹12,345.67" in ln)
    assert detail.endswith("₹43,703.67") and len(detail) == width
    assert sum(1 for ln in lines if "Keratin" in ln or "conditioning" in ln) >= 1
    name_lines = [ln for ln in lines if any(w in ln for w in ("Keratin", "thick", "conditioning"))]
    assert len(name_lines) >= 2  # wrapped at every width: the name is 79 characters long


def test_partly_paid_receipt_says_pending_balance_and_due_date(ctx, posted):
    text = receipts.sale_receipt_text(ctx, posted.pending, 42)
    assert framed(text) == ["PENDING BALANCE: ₹600.00"]
    assert "TAX INVOICE" in text and "Glow Salon" in text and "GSTIN: 27ABCDE1234F1Z0" in text
    assert "Customer:                         Asha Rao" in text
    assert "UPI                              ₹1,552.00" in text
    # the store has a GSTIN (regular, Maharashtra): the 18 % tax is split CGST + SGST, summarised by rate
    assert "Place of supply: 27-Maharashtra" in text
    assert "Taxable value 18%                ₹1,400.00" in text
    assert "  CGST 9%                          ₹126.00" in text
    assert "  SGST 9%                          ₹126.00" in text
    assert "TOTAL OUTSTANDING                  ₹600.00" in text
    assert "Due date                       01 Dec 2026" in text
    assert "[UPI QR code]" in text


def test_nothing_paid_receipt_says_full_amount_pending(ctx, posted):
    text = receipts.sale_receipt_text(ctx, posted.full_pending, 42)
    assert framed(text) == ["FULL AMOUNT PENDING: ₹500.00"]


def test_complimentary_receipt_lists_items_at_value_and_total_zero(ctx, posted):
    text = receipts.sale_receipt_text(ctx, posted.complimentary, 42)
    assert framed(text) == ["COMPLIMENTARY SERVICE", "TOTAL: ₹0.00", "Value given: ₹800.00"]
    assert "Haircut                            ₹500.00" in text
    assert "Head massage                       ₹300.00" in text
    assert "[UPI QR code]" not in text  # nothing pending on a free service


def test_overpayment_receipt_says_applied_to_previous_balance_and_which_bill(ctx, posted):
    text = receipts.sale_receipt_text(ctx, posted.overpaid, 42)
    footer = framed(text)
    assert footer[0] == "PAID"
    assert footer[1] == "APPLIED TO PREVIOUS BALANCE: ₹500.00"
    assert footer[2].split() == [posted.full_pending, "₹500.00"]
    assert "PREVIOUS BALANCE                   ₹500.00" in text
    assert "TOTAL OUTSTANDING                    ₹0.00" in text


def test_paid_walk_in_receipt_shows_tenders_and_change_without_balances(ctx, posted):
    text = receipts.sale_receipt_text(ctx, posted.paid, 42)
    assert framed(text) == ["PAID"]
    assert "Card                               ₹300.00" in text
    assert "Cash                               ₹500.00" in text
    assert "Change                              ₹50.00" in text
    assert "Taxable value 18%                  ₹211.86" in text  # the tax carved out of ₹250.00 (incl.)
    assert "PREVIOUS BALANCE" not in text and "Customer:" not in text


def test_collection_receipt_shows_previous_received_settled_and_remaining(ctx, posted):
    text = receipts.collection_receipt_text(ctx, posted.collection, 42)
    assert "PAYMENT RECEIPT" in text
    assert f"Receipt No:                    {posted.collection}" in text
    assert "PREVIOUS BALANCE                   ₹600.00" in text
    assert "RECEIVED (Cash)                    ₹200.00" in text
    assert f"  {posted.pending}                      ₹200.00" in text
    assert framed(text) == ["REMAINING BALANCE: ₹400.00"]


def test_receipt_for_accepts_either_number_in_any_case(ctx, posted):
    assert receipts.receipt_for(ctx, posted.pending.lower()).kind == "sale"
    assert receipts.receipt_for(ctx, posted.collection.lower()).kind == "collection"
    with pytest.raises(NotFound, match="no bill or collection numbered 'SAL-99-0001'"):
        receipts.receipt_for(ctx, "SAL-99-0001")
    with pytest.raises(ValidationError, match="width"):
        receipts.sale_receipt_text(ctx, posted.paid, 40)


def test_a_reprint_after_more_payments_still_says_what_the_first_print_said(ctx, posted):
    before = receipts.sale_receipt_text(ctx, posted.pending, 42)
    from possuite.services.collections import collect_dues

    collect_dues(ctx, "9845012345", 400_00, "upi")
    assert receipts.sale_receipt_text(ctx, posted.pending, 42) == before


def _count_queries(ctx):
    counter = {"n": 0}

    def before(*_a, **_k):
        counter["n"] += 1

    event.listen(ctx.engine, "before_cursor_execute", before)
    return counter, lambda: event.remove(ctx.engine, "before_cursor_execute", before)


def test_receipts_take_a_fixed_number_of_queries_however_many_lines(ctx, posted):
    ctx.store  # noqa: B018 - cached once per context
    counter, done = _count_queries(ctx)
    try:
        counts = []
        for number in (posted.paid, posted.pending, posted.overpaid, posted.long_names, posted.collection):
            counter["n"] = 0
            receipts.receipt_for(ctx, number)
            counts.append(counter["n"])
    finally:
        done()
    assert max(counts) <= 8, counts  # get_bill (5) + settled bills (1) + their BEGINs
    assert counts[3] <= counts[0]  # a one-line bill costs the same as a two-line bill


def test_an_owner_template_is_used_and_a_broken_one_is_reported_with_its_line(ctx, posted):
    folder = ctx.db_path.parent / "receipts"
    folder.mkdir()
    (folder / "sale.j2").write_text('{{ center("MY SALON", big=True) }}\n{{ pair("TOTAL", money(r.total)) }}\n')
    text = receipts.sale_receipt_text(ctx, posted.pending, 32)
    assert text.splitlines() == ["            MY SALON", "TOTAL                  ₹2,152.00"]

    (folder / "sale.j2").write_text('{{ center("MY SALON") }}\n{{ pair("TOTAL", money(r.total) }}\n')
    text = receipts.sale_receipt_text(ctx, posted.pending, 32)
    assert "PENDING BALANCE: ₹600.00" in text  # the built-in default was used
    found = [p for p in problems() if p.path == str(folder / "sale.j2")]
    assert found and found[-1].line == 2
    assert "line 2" in found[-1].message and "using the built-in template" in found[-1].message

    (folder / "collection.j2").write_text('{{ center("X") }}\n\n{{ r.no_such_field }}\n')
    text = receipts.collection_receipt_text(ctx, posted.collection, 32)
    assert "REMAINING BALANCE: ₹400.00" in text
    bad = [p for p in problems() if p.path == str(folder / "collection.j2")]
    assert bad and bad[-1].line == 3 and "no_such_field" in bad[-1].why


def test_a_fixed_template_is_no_longer_reported(ctx, posted, tmp_path):
    from possuite.printing.templates import check_templates

    folder = tmp_path / "elsewhere"
    folder.mkdir()
    ctx.receipts_dir = folder  # the folder POSSUITE_RECEIPTS names, as the wiring passes it
    (folder / "sale.j2").write_text("{{ center(store.name) }\n")
    found = check_templates(folder)
    assert [p.line for p in found] == [1]
    (folder / "sale.j2").write_text("{{ center(store.name) }}\n")
    assert receipts.sale_receipt_text(ctx, posted.paid, 42).strip() == "Glow Salon"
    assert [p for p in problems() if p.path == str(folder / "sale.j2")] == []
