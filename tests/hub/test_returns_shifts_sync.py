"""Credit notes and shifts across tills (hub h0006, book 0011; docs/architecture.md §7).

A return made at one till of a bill sold at the other is known at both (status, returns, balance),
what is left to return is counted across tills, two offline returns beyond what was sold are flagged
by the checks, and a till's shifts reach the back office's day report without reaching the other till.
"""

from __future__ import annotations

import json

import pytest
from hubkit import open_book, pg, possuite, two_tills
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from possuite.domain.cart import CartLine
from possuite.domain.errors import Conflict, ValidationError
from possuite.hub.backoffice import open_backoffice
from possuite.hub.checks import run_checks as hub_checks
from possuite.hub.connect import hub_engine, with_saved_password
from possuite.hub.sync import sync
from possuite.services.bills import get_bill
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.collections import void_bill
from possuite.services.customers import add_customer, get_customer
from possuite.services.integrity import run_checks
from possuite.services.returns import create_return, returnable
from possuite.services.shifts import close_shift, move_cash, open_shift
from testkit import sell

pytestmark = pytest.mark.hub


@pytest.fixture
def tills(pg_server, hub_db, tmp_path, config_dir):
    return two_tills(pg_server, hub_db, tmp_path, config_dir)


def findings(ctx) -> list[str]:
    return [f"{f.check}: {f.subject}: {f.message}" for f in run_checks(ctx)]


def hub_findings(hub, config_dir) -> list[str]:
    bo = open_backoffice(hub["owner"], config_dir=config_dir)
    try:
        return [f"{f.check}: {f.subject}: {f.message}" for f in hub_checks(bo)]
    finally:
        bo.engine.dispose()


def only_line(ctx, bill_id: str) -> tuple[str, int]:
    with ctx.read() as conn:
        return tuple(conn.execute(text("SELECT id, qty FROM bill_lines WHERE bill_id = :b"), {"b": bill_id}).one())


def test_a_return_at_one_till_of_the_others_bill_shows_at_both_and_the_rest_is_returnable_once(
        tills, config_dir, tmp_path):
    hub, a, b = tills
    ravi = add_customer(b, "Ravi", "9876543210")
    bill = complete_sale(b, SaleRequest([CartLine("Towel", 3000, 10000)], customer_id=ravi.id, no_payment=True))
    sync(b, config_dir)   # sold at B, nothing paid
    sync(a, config_dir)
    line_id, qty = only_line(a, bill.bill_id)
    assert qty == 3000   # thousandths: three pieces
    note = create_return(a, bill.number, {line_id: 1000}, "account", "one did not suit")   # at A
    assert note.number == "CN-A-26-0001" and len(note.number) <= 16
    assert sync(a, config_dir).waiting == 0
    assert sync(b, config_dir).pulled > 0
    # B shows the return: the bill is partly returned, the note is listed, the balance is down by a third
    shown = get_bill(b, bill.number).as_json()
    assert shown["return_status"] == "partly_returned"
    assert [r["number"] for r in shown["returns"]] == ["CN-A-26-0001"]
    assert get_customer(b, ravi.id).balance == get_customer(a, ravi.id).balance == 20000
    # what Ravi spent is net of the return, at both tills (B recounts on the pulled note)
    assert get_customer(b, ravi.id).total_spent == get_customer(a, ravi.id).total_spent == 20000
    assert findings(b) == []
    done = possuite(["--db", str(tmp_path / "b.sqlite3"), "bill", "show", bill.number, "--json"], config_dir)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["return_status"] == "partly_returned"
    # B may return what is left (2 of 3), not more
    assert [ln.returnable for ln in returnable(b, bill.number).lines] == [2000]   # thousandths: 2 pieces
    with pytest.raises(ValidationError):
        create_return(b, bill.number, {line_id: 3000}, "account", "all of it")
    second = create_return(b, bill.number, {line_id: 2000}, "account", "the rest")
    assert second.number == "CN-B-26-0001" and second.return_status == "returned"
    sync(b, config_dir)
    sync(a, config_dir)
    assert get_bill(a, bill.number).as_json()["return_status"] == "returned"
    assert get_customer(a, ravi.id).balance == get_customer(b, ravi.id).balance == 0
    assert get_customer(a, ravi.id).total_spent == get_customer(b, ravi.id).total_spent == 0
    assert findings(a) == [] and findings(b) == []
    bo = open_backoffice(hub["owner"], clock=a.clock)
    assert get_customer(bo, ravi.id).total_spent == 0   # the back office's projection knows returns too
    bo.engine.dispose()
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        on_hub = conn.execute(text("SELECT n.number, t.code, (SELECT SUM(qty) FROM credit_note_lines l "
                                   "WHERE l.credit_note_id = n.id) FROM credit_notes n JOIN tills t "
                                   "ON t.id = n.till_id ORDER BY n.number")).all()
    engine.dispose()
    assert [tuple(r) for r in on_hub] == [("CN-A-26-0001", "A", 1000), ("CN-B-26-0001", "B", 2000)]
    assert hub_findings(hub, config_dir) == []


def test_two_offline_returns_beyond_what_was_sold_are_kept_and_flagged_everywhere(tills, config_dir):
    hub, a, b = tills
    ravi = add_customer(a, "Ravi", "9876543210")
    bill = sell(a, ravi.id, 50000, pay=[("cash", 50000)])
    sync(a, config_dir)
    sync(b, config_dir)
    line_id, qty = only_line(a, bill.bill_id)
    # both tills offline: each takes the whole line back
    create_return(a, bill.number, {line_id: qty}, "cash", "returned at A")
    create_return(b, bill.number, {line_id: qty}, "account", "returned at B")
    for ctx in (a, b, a):
        assert sync(ctx, config_dir).waiting == 0   # nothing refused, nothing lost: both notes are facts
    want = f"returns: bill {bill.number} line 1 (Service): returned {2 * qty // 1000} of {qty // 1000} sold"
    assert findings(a) == findings(b) == [want]
    assert want in hub_findings(hub, config_dir)
    # the money is counted alike everywhere: B's account credit is the customer's
    assert get_customer(a, ravi.id).balance == get_customer(b, ravi.id).balance == -50000
    # and nothing more can be returned of it at either till
    assert [ln.returnable for ln in returnable(a, bill.number).lines] == [-qty]


@pytest.mark.parametrize("refund", ["account", "cash"])
def test_a_void_at_one_till_and_a_return_at_the_other_offline_are_kept_and_flagged(tills, config_dir, refund):
    hub, a, b = tills
    ravi = add_customer(a, "Ravi", "9876543210")
    bill = sell(a, ravi.id, 50000, pay=[("cash", 20000)], pending=True)
    sync(a, config_dir)
    sync(b, config_dir)
    line_id, qty = only_line(a, bill.bill_id)
    void_bill(a, bill.number, "keyed twice")                 # both offline: A voids the bill,
    note = create_return(b, bill.number, {line_id: qty}, refund, "brought back")   # B takes its goods back
    for ctx in (a, b, a):
        assert sync(ctx, config_dir).waiting == 0
    want = f"returns: bill {bill.number}: is void, yet 1 credit note(s) returned it ({note.number}): " \
           "its value went back twice"
    assert findings(a) == findings(b) == [want]
    assert want in hub_findings(hub, config_dir)
    assert get_customer(a, ravi.id).balance == get_customer(b, ravi.id).balance   # counted alike everywhere
    # once each till knows both, neither takes another return of the bill nor voids it again
    with pytest.raises(Conflict):
        create_return(a, bill.number, {line_id: qty}, "cash", "again")


def test_a_till_cannot_change_a_credit_note_or_a_closed_shift_on_the_hub(tills, config_dir):
    hub, a, b = tills
    ravi = add_customer(a, "Ravi", "9876543210")
    bill = sell(a, ravi.id, 50000, pay=[("cash", 50000)])
    line_id, qty = only_line(a, bill.bill_id)
    note = create_return(a, bill.number, {line_id: qty}, "cash", "did not suit")
    open_shift(a, 100000)
    close_shift(a, counted=100000)
    sync(a, config_dir)
    with a.read() as conn:
        url = conn.execute(text("SELECT hub_url FROM sync_till")).scalar()
    engine = hub_engine(with_saved_password(config_dir, url))   # the till's own login
    try:
        for stmt in (f"UPDATE credit_notes SET total = 0 WHERE number = '{note.number}'",
                     "DELETE FROM credit_note_lines",
                     "UPDATE shifts SET counted_cash = 1",
                     "UPDATE shifts SET opening_float = 1",
                     "DELETE FROM shifts"):
            with pytest.raises(DBAPIError), engine.begin() as conn:
                conn.execute(text(stmt))
    finally:
        engine.dispose()


def test_a_shift_reaches_the_back_office_day_report_and_stays_off_the_other_till(tills, config_dir):
    hub, a, b = tills
    ravi = add_customer(a, "Ravi", "9876543210")
    open_shift(a, 100000)
    sync(a, config_dir)   # the open shift goes up
    sell(a, ravi.id, 30000, pay=[("cash", 30000)])
    sell(a, ravi.id, 20000, pay=[("upi", 20000)])
    move_cash(a, "out", 5000, "tea")
    close_shift(a, counted=125000)   # expected 100000 + 30000 - 5000
    sync(a, config_dir)              # the close and the cash move follow
    sync(b, config_dir)
    with b.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM shifts")).scalar() == 0   # B counts its own drawer only
        assert conn.execute(text("SELECT count(*) FROM bills WHERE shift_id IS NOT NULL")).scalar() == 0
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        row = conn.execute(text("SELECT s.number, t.code, s.closed_at IS NOT NULL, s.expected_cash, s.variance, "
                                "(SELECT count(*) FROM bills x WHERE x.shift_id = s.id), "
                                "(SELECT count(*) FROM shift_cash_moves m WHERE m.shift_id = s.id) "
                                "FROM shifts s JOIN tills t ON t.id = s.till_id")).one()
    engine.dispose()
    assert tuple(row) == ("SHF-A-26-0001", "A", True, 125000, 0, 2, 1)
    done = possuite(["--db", hub["owner"], "report", "day", "--date", "2026-11-01", "--json"], config_dir)
    assert done.returncode == 0, done.stderr
    [shift] = json.loads(done.stdout)["shifts"]
    assert shift["number"] == "SHF-A-26-0001" and shift["till"] == "A Counter 1"
    assert (shift["bills"], shift["sales_total"], shift["upi"]) == (2, 50000, 20000)
    assert (shift["expected_cash"], shift["counted_cash"], shift["variance"]) == (125000, 125000, 0)


def test_an_upgraded_book_pushes_the_credit_notes_and_shifts_it_wrote_before(tills, config_dir, tmp_path):
    from alembic import command

    from possuite.db.engine import _script_config

    hub, a, b = tills
    ravi = add_customer(a, "Ravi", "9876543210")
    bill = sell(a, ravi.id, 50000, pay=[("cash", 50000)])
    line_id, qty = only_line(a, bill.bill_id)
    open_shift(a, 100000)
    note = create_return(a, bill.number, {line_id: qty}, "cash", "did not suit")
    with a.write() as conn:   # as a book before 0011 holds them: written, never queued
        conn.execute(text("DELETE FROM sync_outbox WHERE tbl IN ('credit_notes', 'credit_note_lines', 'shifts')"))
    path = tmp_path / "a.sqlite3"
    cfg = _script_config()
    with a.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0015")   # back to the revision before 0011 (and the ones after it)
        conn.commit()
    a.engine.dispose()
    a = open_book(path)   # opening the book upgrades it: 0011 queues what it finds
    with a.read() as conn:
        queued = conn.execute(text("SELECT tbl FROM sync_outbox WHERE tbl NOT IN ('bills', 'bill_lines', "
                                   "'payments', 'ledger_entries', 'audit_log', 'customers', "
                                   "'bill_shifts', 'payment_shifts') ORDER BY seq")).all()  # shift links: 0020
    assert [r[0] for r in queued] == ["credit_notes", "credit_note_lines", "shifts"]
    assert sync(a, config_dir).waiting == 0
    sync(b, config_dir)
    with b.read() as conn:
        assert conn.execute(text("SELECT number FROM credit_notes")).scalars().all() == [note.number]
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT number FROM shifts")).scalars().all() == ["SHF-A-26-0001"]
    engine.dispose()
