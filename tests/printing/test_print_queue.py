"""The print queue against a loopback network printer: prints once, waits for a printer that is
off, survives an app restart, never sends two copies from one job."""

# ruff: noqa: F811 - fixtures imported from printing_fixtures are redefined as test arguments
from __future__ import annotations

import time
from datetime import timedelta

import pytest
from escpos_decode import decode
from loopback import LoopbackPrinter, free_port
from printing_fixtures import loopback, posted  # noqa: F401 - pytest fixtures
from sqlalchemy import select, update

from possuite.db import models as m
from possuite.db.engine import open_database
from possuite.domain.cart import CartLine
from possuite.domain.errors import CreditLimitExceeded, PermissionDenied, ValidationError
from possuite.domain.ledger import Tender
from possuite.services import print_queue as q
from possuite.services.app import open_context
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.collections import collect_dues
from possuite.services.context import CLI_ACTOR, Actor
from possuite.services.customers import add_customer
from possuite.services.print_worker import PrintWorker, print_now
from possuite.services.printers import add_printer, list_printers, remove_printer, set_default

FAST = {"poll_s": 0.05, "backoff_base": 0.1, "backoff_max": 0.3, "timeout": 1.0}


def _sale(ctx, amount=500_00, **kw):
    return complete_sale(ctx, SaleRequest([CartLine("Haircut", 1000, amount)], tenders=[Tender("cash", amount)], **kw))


def _wait(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def worker_factory():
    started: list[PrintWorker] = []

    def make(ctx, **kw):
        w = PrintWorker(ctx, **(FAST | kw))
        w.start()
        started.append(w)
        return w

    yield make
    for w in started:
        w.stop(timeout=5)


def test_a_completed_sale_prints_on_the_network_printer(ctx, loopback, worker_factory):
    add_printer(ctx, "Counter", "network", loopback.target, default=True)
    worker_factory(ctx)
    sale = _sale(ctx)
    jobs = loopback.wait_for(1)
    assert len(jobs) == 1
    dec = decode(jobs[0])
    assert dec.find(sale.number).text.endswith(sale.number)
    assert dec.find("TAX INVOICE") and dec.cuts == 1
    assert _wait(lambda: q.jobs_for(ctx, sale.number)[0].status == "done")
    assert q.queue_status(ctx).message == "Printer Counter: ready"


def test_printer_off_the_sale_completes_at_once_and_prints_once_when_it_comes_back(ctx, worker_factory):
    port = free_port()
    add_printer(ctx, "Counter", "network", f"127.0.0.1:{port}", default=True)
    worker_factory(ctx)
    started = time.monotonic()
    sale = _sale(ctx)
    assert time.monotonic() - started < 1.0  # the sale never waits for the printer
    assert _wait(lambda: q.jobs_for(ctx, sale.number)[0].attempts >= 2)
    job = q.jobs_for(ctx, sale.number)[0]
    assert job.status in ("queued", "printing")
    assert "not reachable" in job.last_error  # an attempt failed; the retry keeps its reason while it runs
    assert _wait(lambda: q.queue_status(ctx).message == "1 receipt waiting — printer offline")
    with LoopbackPrinter(port) as printer:
        assert len(printer.wait_for(1)) == 1
        assert _wait(lambda: q.jobs_for(ctx, sale.number)[0].status == "done")
        time.sleep(1.0)  # several more polls and backoff periods: still one copy
        assert len(printer.received()) == 1
    assert q.queue_status(ctx).waiting == 0


def test_a_waiting_receipt_prints_once_after_the_app_restarts(ctx, db_path, clock, worker_factory):
    port = free_port()
    add_printer(ctx, "Counter", "network", f"127.0.0.1:{port}", default=True)
    first = worker_factory(ctx)
    sale = _sale(ctx)
    assert _wait(lambda: q.jobs_for(ctx, sale.number)[0].attempts >= 1)
    first.stop(timeout=5)
    assert not first.is_alive()
    ctx.engine.dispose()  # the app is gone

    engine = open_database(db_path)
    try:
        again = open_context(engine=engine, path=db_path, clock=clock, actor=CLI_ACTOR)
        assert q.queue_status(again).waiting == 1
        with LoopbackPrinter(port) as printer:
            worker_factory(again)
            assert len(printer.wait_for(1)) == 1
            assert _wait(lambda: q.jobs_for(again, sale.number)[0].status == "done")
            time.sleep(0.5)
            assert len(printer.received()) == 1
            assert decode(printer.received()[0]).find(sale.number)
    finally:
        engine.dispose()


def test_two_workers_on_one_database_never_print_two_copies(ctx, db_path, clock, loopback, worker_factory):
    add_printer(ctx, "Counter", "network", loopback.target, default=True)
    engine = open_database(db_path)
    try:
        other = open_context(engine=engine, path=db_path, clock=clock, actor=CLI_ACTOR)
        worker_factory(ctx)
        worker_factory(other)
        numbers = [_sale(ctx).number for _ in range(4)]
        jobs = loopback.wait_for(4)
        time.sleep(0.5)
        assert len(loopback.received()) == 4
        printed = sorted(next(t for t in decode(j).texts if t.startswith("Bill No:")).split()[-1] for j in jobs)
        assert printed == sorted(numbers)
    finally:
        engine.dispose()


def test_the_receipt_job_is_part_of_the_sale_transaction(ctx):
    sale = _sale(ctx)
    assert q.jobs_for(ctx, sale.number) == []  # no printer set up: nothing to queue
    add_printer(ctx, "Counter", "file", "/nonexistent-dir/lp0", default=True)
    sale = _sale(ctx)
    assert [j.status for j in q.jobs_for(ctx, sale.number)] == ["queued"]
    asha = add_customer(ctx, "Asha", "98450 12345", credit_limit="100")
    before = len(q.list_jobs(ctx, include_done=True))
    with pytest.raises(CreditLimitExceeded):
        complete_sale(ctx.as_actor(Actor("Mina", "cashier")),
                      SaleRequest([CartLine("Haircut", 1000, 500_00)], customer_id=asha.id, no_payment=True))
    assert len(q.list_jobs(ctx, include_done=True)) == before  # the refused sale queued nothing
    complete_sale(ctx, SaleRequest([CartLine("Haircut", 1000, 500_00)], customer_id=asha.id, no_payment=True))
    coll = collect_dues(ctx, asha.id, 200_00, "cash")
    assert [(j.document_kind, j.status) for j in q.jobs_for(ctx, coll.number)] == [("collection", "queued")]


def test_a_job_interrupted_mid_send_is_shown_as_failed_and_sent_again_only_on_retry(ctx, loopback):
    add_printer(ctx, "Counter", "network", loopback.target, default=True)
    sale = _sale(ctx)
    job = q.claim_next(ctx)  # the app dies while sending it
    assert job is not None and job.status == "printing"
    with ctx.write() as conn:
        conn.execute(update(m.PrintJob.__table__).values(updated_at=q.wall_now() - timedelta(minutes=5)))
    assert q.recover_interrupted(ctx) == 1
    status = q.queue_status(ctx)
    assert (status.waiting, status.failed, status.state) == (0, 1, "failed")
    assert "1 failed" in status.message
    assert q.claim_next(ctx) is None  # never re-sent on its own
    assert q.retry(ctx) == 1
    assert print_now(ctx, q.jobs_for(ctx, sale.number)[0].id)[0] == "done"
    assert len(loopback.wait_for(1)) == 1


def test_reprint_queues_one_more_copy_and_print_now_sends_it(ctx, loopback):
    add_printer(ctx, "Counter", "network", loopback.target, default=True)
    sale = _sale(ctx)
    first = q.jobs_for(ctx, sale.number)[0]
    assert print_now(ctx, first.id) == ("done", "")
    assert print_now(ctx, first.id) == ("busy", "")  # a done job is not sent again
    cashier = ctx.as_actor(Actor("Mina", "cashier"))
    job_id = q.reprint(cashier, sale.number.lower())
    assert print_now(ctx, job_id)[0] == "done"
    assert len(loopback.wait_for(2)) == 2
    assert [j.status for j in q.jobs_for(ctx, sale.number)] == ["done", "done"]


def test_cash_drawer_opens_on_the_first_print_of_a_cash_sale_not_on_reprints(ctx, loopback):
    add_printer(ctx, "Counter", "network", loopback.target, default=True, drawer_kick=True)
    sale = _sale(ctx)
    print_now(ctx, q.jobs_for(ctx, sale.number)[0].id)
    print_now(ctx, q.reprint(ctx, sale.number))
    jobs = loopback.wait_for(2)
    assert [decode(j).drawer_kicks for j in jobs] == [1, 0]


def test_printers_are_owner_settings_and_the_first_is_the_default(ctx, tmp_path):
    cashier = ctx.as_actor(Actor("Mina", "cashier"))
    with pytest.raises(PermissionDenied):
        add_printer(cashier, "Counter", "file", str(tmp_path / "lp0"))
    a = add_printer(ctx, "Counter", "file", str(tmp_path / "lp0"))
    assert a.is_default
    b = add_printer(ctx, "Back office", "network", "192.168.1.50", width=48, symbol_mode="symbol")
    assert b.target == "192.168.1.50:9100" and not b.is_default
    set_default(ctx, "back office")
    assert [p.name for p in list_printers(ctx) if p.is_default] == ["Back office"]
    with pytest.raises(ValidationError, match="target"):
        add_printer(ctx, "USB", "usb", "epson")
    with pytest.raises(ValidationError, match="profile"):
        add_printer(ctx, "X", "file", "/dev/usb/lp0", profile="no-such")
    with pytest.raises(ValidationError, match="width"):
        add_printer(ctx, "X", "file", "/dev/usb/lp0", width=40)
    sale = _sale(ctx)
    remove_printer(ctx, "Back office")
    assert [p.name for p in list_printers(ctx) if p.is_default] == ["Counter"]
    assert q.jobs_for(ctx, sale.number)[0].printer_id == a.id  # the waiting job moved to the new default


def test_a_file_printer_collects_each_job(ctx, tmp_path):
    target = tmp_path / "lp0"
    add_printer(ctx, "Counter", "file", str(target), default=True, symbol_mode="symbol")
    one, two = _sale(ctx), _sale(ctx, 250_00)
    for n in (one.number, two.number):
        assert print_now(ctx, q.jobs_for(ctx, n)[0].id)[0] == "done"
    dec = decode(target.read_bytes())
    assert dec.cuts == 2 and dec.find(one.number) and dec.find(two.number)
    assert dec.find("TOTAL ").text.endswith("Rs. 500.00")


def test_a_receipt_whose_document_is_gone_fails_visibly_instead_of_looping(ctx, loopback):
    add_printer(ctx, "Counter", "network", loopback.target, default=True)
    job_id = q.enqueue(ctx, "sale", "SAL-99-0042")
    assert print_now(ctx, job_id)[0] == "failed"
    with ctx.read() as conn:
        row = conn.execute(select(m.PrintJob.__table__).where(m.PrintJob.id == job_id)).mappings().one()
    assert row["status"] == "failed" and "SAL-99-0042" in row["last_error"]
    assert loopback.received() == []
