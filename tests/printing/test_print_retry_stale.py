"""A document that changes while its receipt waits for a switched-off printer prints as it is when the printer
comes back, never as it was first laid out (print_worker.RenderedJobs keys the kept bytes by the document's
version, docs/architecture.md §4): a bill voided, the bills a payment settled changed by a void, the customer's
name edited, an X report whose shift sold more. What reaches the printer is always what a fresh rendering gives;
a change that the receipt does not show (a return against the bill) keeps the one layout."""

from __future__ import annotations

from datetime import timedelta

import pytest
from escpos_decode import decode

from possuite.domain.cart import CartLine
from possuite.domain.ledger import Tender
from possuite.printing.connections import PrinterOffline
from possuite.services import print_queue as q
from possuite.services import print_worker
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.collections import collect_dues, void_bill
from possuite.services.customers import add_customer, edit_customer
from possuite.services.print_worker import job_bytes, print_now, rendered_jobs
from possuite.services.printers import add_printer, get_printer
from possuite.services.returns import create_return, returnable
from possuite.services.shifts import open_shift, print_shift_report
from testkit import count_statements

NOW = {"backoff_base": 0, "backoff_max": 0}


@pytest.fixture
def printer(ctx, monkeypatch):
    """A default counter printer that opens the drawer (Rs. for ₹, so every line is text a test can read); the
    list of receipt layouts the worker makes."""
    add_printer(ctx, "Counter", "network", "127.0.0.1:9", default=True, drawer_kick=True, symbol_mode="symbol")
    layouts: list[str] = []
    real = print_worker.receipt_escpos

    def counting(ctx_, number, **kwargs):
        layouts.append(number)
        return real(ctx_, number, **kwargs)

    monkeypatch.setattr(print_worker, "receipt_escpos", counting)
    yield layouts
    for job in q.list_jobs(ctx, include_done=True, limit=1000):
        rendered_jobs.forget(job.id)


def _sale(ctx, amount, customer_id=None, **kw):
    return complete_sale(ctx, SaleRequest([CartLine("Haircut", 1000, amount)], customer_id=customer_id, **kw))


def _job(ctx, number):
    return q.jobs_for(ctx, number)[-1]


def _off(ctx, job_id) -> bytes:
    """One attempt while the printer is off; the bytes the worker tried to send."""
    sent: list[bytes] = []

    def send(cfg, data, timeout):
        sent.append(data)
        raise PrinterOffline("switched off")

    assert print_now(ctx, job_id, sender=send, **NOW)[0] == "retry"
    return sent[0]


def _back(ctx, number, layouts) -> tuple[bytes, bytes]:
    """The printer is back: (what it printed, what a fresh rendering of the document gives now)."""
    job = _job(ctx, number)
    seen = len(layouts)
    fresh = job_bytes(ctx, job, get_printer(ctx), kick=q.is_first_print(ctx, job))
    del layouts[seen:]  # the test's own rendering is not the worker's
    delivered: list[bytes] = []
    assert print_now(ctx, job.id, sender=lambda cfg, data, timeout: delivered.append(data), **NOW)[0] == "done"
    return delivered[0], fresh


def _lines(data: bytes) -> list[str]:
    return [" ".join(t.split()) for t in decode(data).texts]


def test_a_bill_voided_while_its_receipt_waits_prints_void(ctx, printer):
    sale = _sale(ctx, 500_00, tenders=[Tender("cash", 500_00)])
    before = _off(ctx, _job(ctx, sale.number).id)
    assert "*** VOID ***" not in _lines(before)
    void_bill(ctx, sale.number, "rang up the wrong service")
    printed, fresh = _back(ctx, sale.number, printer)
    assert printed == fresh
    assert "*** VOID ***" in _lines(printed)  # the customer's copy says the bill is void
    assert decode(printed).drawer_kicks == 1  # still the sale's first print: the drawer opens for the refund
    assert printer == [sale.number, sale.number]  # laid out again once, for the void


def test_the_bills_a_sale_settled_are_printed_as_they_are_after_one_of_them_was_voided(ctx, printer):
    asha = add_customer(ctx, "Asha", "9822000001")
    old = _sale(ctx, 200_00, asha.id, no_payment=True)
    other = _sale(ctx, 150_00, asha.id, no_payment=True)
    sale = _sale(ctx, 100_00, asha.id, tenders=[Tender("cash", 300_00)])  # pays the oldest bill too
    before = _lines(_off(ctx, _job(ctx, sale.number).id))
    assert f"{old.number} Rs. 200.00" in before and not any(line.startswith(other.number) for line in before)
    void_bill(ctx, old.number, "charged twice")  # the ₹200 now settles the other bill, the rest is refunded
    printed, fresh = _back(ctx, sale.number, printer)
    assert printed == fresh
    assert f"{other.number} Rs. 150.00" in _lines(printed)


def test_a_collection_receipt_names_the_bills_it_settles_after_a_void_moved_the_money(ctx, printer):
    asha = add_customer(ctx, "Asha", "9822000001")
    first = _sale(ctx, 300_00, asha.id, no_payment=True)
    second = _sale(ctx, 400_00, asha.id, no_payment=True)
    got = collect_dues(ctx, asha.id, 300_00, "cash")  # settles the oldest: the first bill
    before = _lines(_off(ctx, _job(ctx, got.number).id))
    assert any(line.startswith(first.number) for line in before)
    assert not any(line.startswith(second.number) for line in before)
    void_bill(ctx, first.number, "charged twice")  # the ₹300 now settles the second bill
    printed, fresh = _back(ctx, got.number, printer)
    assert printed == fresh
    after = _lines(printed)
    assert any(line.startswith(second.number) for line in after)
    assert not any(line.startswith(first.number) for line in after)


def test_a_customer_renamed_while_receipts_wait_is_printed_with_the_new_name(ctx, printer):
    asha = add_customer(ctx, "Asha", "9822000001")
    sale = _sale(ctx, 500_00, asha.id, tenders=[Tender("upi", 500_00, "UPI-1")])
    line_id = returnable(ctx, sale.number).lines[0].id
    note = create_return(ctx, sale.number, {line_id: 1000}, "account", "did not suit")
    for number in (sale.number, note.number):
        assert any("Asha" in line and "Kulkarni" not in line for line in _lines(_off(ctx, _job(ctx, number).id)))
    edit_customer(ctx, asha.id, name="Asha Kulkarni", phone="9822000002")
    for number in (sale.number, note.number):
        printed, fresh = _back(ctx, number, printer)
        assert printed == fresh
        assert any("Asha Kulkarni" in line for line in _lines(printed))


def test_a_return_does_not_change_the_sale_receipt_so_it_is_laid_out_once(ctx, printer):
    sale = _sale(ctx, 500_00, tenders=[Tender("cash", 500_00)])
    before = _off(ctx, _job(ctx, sale.number).id)
    line_id = returnable(ctx, sale.number).lines[0].id
    create_return(ctx, sale.number, {line_id: 1000}, "cash", "did not suit")
    assert _off(ctx, _job(ctx, sale.number).id) == before
    printed, fresh = _back(ctx, sale.number, printer)
    assert printed == fresh == before
    assert printer == [sale.number]


def test_an_x_report_waiting_for_the_printer_prints_the_shift_as_it_is_then(ctx, printer, clock):
    open_shift(ctx, 1000_00)
    _sale(ctx, 500_00, tenders=[Tender("cash", 500_00)])
    job_id = print_shift_report(ctx)
    shift_number = next(j for j in q.list_jobs(ctx) if j.id == job_id).document_ref
    before = _lines(_off(ctx, job_id))
    assert "Bills 1" in before
    _sale(ctx, 700_00, tenders=[Tender("cash", 700_00)])  # the counter keeps selling
    clock.set(clock.now() + timedelta(hours=1))
    printed, fresh = _back(ctx, shift_number, printer)
    assert printed == fresh
    assert "Bills 2" in _lines(printed)


def test_an_attempt_asks_the_database_one_question_and_only_the_first_scans_the_queue(ctx, printer):
    """The document's version and, on a job's first attempt, whether it is its document's first print (the
    drawer) are one statement; later attempts do not look through the store's print jobs again."""
    asha = add_customer(ctx, "Asha", "9822000001")
    _sale(ctx, 200_00, asha.id, no_payment=True)
    _sale(ctx, 200_00, asha.id, no_payment=True)
    sale = _sale(ctx, 100_00, asha.id, tenders=[Tender("cash", 300_00)])  # settles the first bill
    got = collect_dues(ctx, asha.id, 50_00, "cash")  # part of the second
    line_id = returnable(ctx, sale.number).lines[0].id
    note = create_return(ctx, sale.number, {line_id: 1000}, "account", "did not suit")
    cfg = get_printer(ctx)
    for number in (sale.number, got.number, note.number):
        job = _job(ctx, number)
        with count_statements(ctx.engine) as seen:
            first = print_worker.cached_job_bytes(ctx, job, cfg)
        asked = [sql for sql in seen if "print_jobs" in sql]  # the rest lay the receipt out
        assert len(asked) == 1 and "AS customer_e164" in asked[0], seen  # with the version, one statement
        for _ in range(3):
            with count_statements(ctx.engine) as seen:
                again = print_worker.cached_job_bytes(ctx, job, cfg)
            assert again == first
            assert len(seen) == 1 and "print_jobs" not in seen[0], seen
    assert printer == [sale.number, got.number, note.number]
