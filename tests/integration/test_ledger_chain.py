"""The tamper-evident ledger (docs/architecture.md §3.6): every bill, payment, ledger entry and allocation
is chained to the till's previous one; ``possuite check`` names the first row that was changed, deleted or
inserted out of order, also when the insert-only guards were dropped and the rows edited with sqlite3."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import date, timedelta

import pytest

from possuite.reports.day import day_report_text as day_text
from possuite.reports.day import write_day_report_pdf
from possuite.services import collections, customers, day_report, integrity, returns
from testkit import Cli, sell

GUARDS = ("ledger_entries_no_update", "ledger_entries_no_delete", "allocations_no_update", "allocations_no_delete",
          "ledger_entries_chain_once", "allocations_chain_once", "bills_chain_once", "payments_chain_once")


@pytest.fixture
def traded(ctx, clock):
    """Two days of trade: sales paid, part paid and on account, a walk-in, a collection, a void, a return."""
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    ravi = customers.add_customer(ctx, "Ravi Kumar", "9822000002")
    for n in range(2):
        sell(ctx, asha.id, 40000 + n, pay=[("cash", 10000)], pending=True)
        sell(ctx, ravi.id, 25000 + n, pay=[("upi", 25000 + n)])
        sell(ctx, None, 5000 + n, pay=[("cash", 5000 + n)])
        collections.collect_dues(ctx, asha.id, 5000, "cash")
        clock.set(clock.now() + timedelta(days=1))
    gone = sell(ctx, ravi.id, 3000, pay=[("cash", 3000)])
    collections.void_bill(ctx, gone.number, "Wrong items billed")
    back = sell(ctx, asha.id, 8000, pay=[("cash", 8000)])
    with ctx.read() as conn:
        line_id = conn.exec_driver_sql("SELECT id FROM bill_lines WHERE bill_id = ?", (back.bill_id,)).scalar_one()
    returns.create_return(ctx, back.number, {line_id: 1000}, refund="cash", reason="Not wanted")
    return asha, ravi


def _chain_findings(ctx) -> list[integrity.Finding]:
    with ctx.read() as conn:
        return [f for f in integrity.check_chain(conn, ctx.store_id)]


def _rows(db_path, table: str) -> list[tuple]:
    """(id, chain_seq) of a table's chained rows in chain order."""
    con = sqlite3.connect(db_path)
    try:
        return con.execute(f"SELECT id, chain_seq, chain_till FROM {table} WHERE chain_seq IS NOT NULL "
                           "ORDER BY chain_seq").fetchall()
    finally:
        con.close()


def tamper(db_path, *statements: str) -> None:
    """What someone with the sqlite3 module does: drop the guards, change rows, leave."""
    con = sqlite3.connect(db_path)
    for name in GUARDS:
        con.execute(f"DROP TRIGGER IF EXISTS {name}")
    for st in statements:
        assert con.execute(st).rowcount >= 1, st
    con.commit()
    con.close()


def test_every_row_a_sale_writes_is_on_the_tills_chain_and_the_book_checks_clean(ctx, traded, db_path):
    assert _chain_findings(ctx) == []
    assert integrity.run_checks(ctx) == []
    con = sqlite3.connect(db_path)
    seqs = sorted(s for t in ("bills", "payments", "ledger_entries")
                  for (s,) in con.execute(f"SELECT chain_seq FROM {t} WHERE chain_seq IS NOT NULL"))
    unlinked = sum(con.execute(f"SELECT count(*) FROM {t} WHERE chain_hash IS NULL").fetchone()[0]
                   for t in ("bills", "payments", "allocations"))
    head = con.execute("SELECT seq, hash FROM chain_heads WHERE stream = 'ledger'").fetchone()
    con.close()
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) > 20
    assert unlinked == 0
    assert head[0] == len(seqs)


def test_an_amount_changed_with_the_guards_dropped_names_that_entry(ctx, traded, db_path):
    victim = _rows(db_path, "ledger_entries")[5][0]
    tamper(db_path, f"UPDATE ledger_entries SET amount = amount - 100 WHERE id = '{victim}'")
    found = _chain_findings(ctx)
    assert found and found[0].subject.startswith(f"ledger_entries {victim} ")
    assert "changed" in found[0].message


def test_a_deleted_payment_is_named_by_the_row_after_the_gap(ctx, traded, db_path):
    pays = _rows(db_path, "payments")
    victim, seq = pays[2][0], pays[2][1]
    tamper(db_path, f"DELETE FROM payments WHERE id = '{victim}'")
    found = _chain_findings(ctx)
    assert len(found) == 1 and f"#{seq + 1})" in found[0].subject
    assert "deleted" in found[0].message


def test_the_last_row_deleted_is_found_by_the_head(ctx, traded, db_path):
    con = sqlite3.connect(db_path)
    table, rid = max(((t, r[0], r[1]) for t in ("bills", "payments", "ledger_entries")
                      for r in con.execute(f"SELECT id, chain_seq FROM {t} WHERE chain_seq IS NOT NULL")),
                     key=lambda x: x[2])[:2]
    con.close()
    tamper(db_path, f"DELETE FROM {table} WHERE id = '{rid}'")
    found = _chain_findings(ctx)
    assert found and "deleted" in found[0].message and "end of chain" in found[0].subject


def test_a_forged_entry_inserted_by_hand_is_in_no_chain(ctx, traded, db_path):
    asha = traded[0]
    tamper(db_path, "INSERT INTO ledger_entries(id, store_id, customer_id, kind, amount, document, posted_at, "
                    "user_name, note) SELECT '01FORGEDFORGEDFORGEDFORGED', store_id, customer_id, 'payment', -100000, "
                    f"'RCP-26-9999', posted_at, 'Owner', '' FROM ledger_entries WHERE customer_id = '{asha.id}' "
                    "LIMIT 1")
    found = _chain_findings(ctx)
    assert [f.subject.split(" (")[0] for f in found] == ["ledger_entries 01FORGEDFORGEDFORGEDFORGED"]
    assert "no till's chain" in found[0].message


def test_a_forged_entry_given_a_place_in_the_chain_is_named(ctx, traded, db_path):
    entries = _rows(db_path, "ledger_entries")
    seq, till = entries[3][1], entries[3][2]
    tamper(db_path, "INSERT INTO ledger_entries(id, store_id, customer_id, kind, amount, document, posted_at, "
                    "user_name, note, chain_till, chain_seq, chain_hash) SELECT '01FORGEDFORGEDFORGEDFORGED', "
                    "store_id, customer_id, 'payment', -100000, 'X', posted_at, 'Owner', '', chain_till, chain_seq, "
                    f"chain_hash FROM ledger_entries WHERE chain_seq = {seq} AND chain_till = '{till}'")
    found = _chain_findings(ctx)
    assert len(found) == 1 and "01FORGEDFORGEDFORGEDFORGED" in found[0].subject + found[0].message


def test_two_rows_swapped_in_the_chain_name_the_first_of_them(ctx, traded, db_path):
    a, b = _rows(db_path, "ledger_entries")[4:6]
    tamper(db_path, f"UPDATE ledger_entries SET chain_seq = -1 WHERE id = '{a[0]}'",
           f"UPDATE ledger_entries SET chain_seq = {a[1]} WHERE id = '{b[0]}'",
           f"UPDATE ledger_entries SET chain_seq = {b[1]} WHERE id = '{a[0]}'")
    found = _chain_findings(ctx)
    assert found and found[0].subject.startswith(f"ledger_entries {b[0]} ")


def test_two_payments_swapped_in_time_are_changed_rows(ctx, traded, db_path):
    a, b = _rows(db_path, "payments")[1:3]
    tamper(db_path, f"UPDATE payments SET posted_at = (SELECT posted_at FROM payments WHERE id = '{b[0]}'), "
                    f"amount = (SELECT amount FROM payments WHERE id = '{b[0]}') WHERE id = '{a[0]}'")
    found = _chain_findings(ctx)
    assert found and found[0].subject.startswith(f"payments {a[0]} ")


def test_an_allocation_changed_is_found_in_the_allocations_chain(ctx, traded, db_path):
    victim = _rows(db_path, "allocations")[1][0]
    tamper(db_path, f"UPDATE allocations SET amount = amount + 1 WHERE id = '{victim}'")
    found = _chain_findings(ctx)
    assert found and found[0].subject.startswith(f"allocations {victim} ")


def test_a_bill_voided_later_keeps_its_hash(ctx, traded, db_path):
    # The void columns are outside the hash (a void is an entry of its own): the void above checks clean.
    con = sqlite3.connect(db_path)
    voided = con.execute("SELECT count(*) FROM bills WHERE voided_at IS NOT NULL AND chain_hash IS NOT NULL").fetchone()
    con.close()
    assert voided[0] == 1 and _chain_findings(ctx) == []


def test_the_guards_refuse_rewriting_a_rows_place_in_the_chain(ctx, traded, db_path):
    con = sqlite3.connect(db_path)
    for t in ("bills", "payments", "ledger_entries", "allocations"):
        with pytest.raises(sqlite3.DatabaseError, match="written once|insert-only"):
            con.execute(f"UPDATE {t} SET chain_hash = 'x' WHERE rowid = (SELECT min(rowid) FROM {t})")
    with pytest.raises(sqlite3.DatabaseError, match="insert-only"):
        con.execute("UPDATE ledger_entries SET amount = 1 WHERE rowid = 1")
    con.close()


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 command line is not installed")
def test_the_sqlite3_shell_edit_is_found_by_possuite_check(ctx, traded, db_path, capsys, monkeypatch):
    victim = _rows(db_path, "bills")[2][0]
    script = "".join(f"DROP TRIGGER {g};\n" for g in GUARDS)
    script += f"UPDATE bills SET total = total - 500, subtotal = subtotal - 500 WHERE id = '{victim}';\n"
    subprocess.run(["sqlite3", str(db_path)], input=script, text=True, check=True)
    r = Cli(db_path, capsys, monkeypatch)("--json", "check")
    assert r.code == 1
    chain_findings = [f for f in r.json["findings"] if f["check"] == "chain"]
    assert chain_findings[0]["subject"].startswith(f"bills {victim} ")


def test_the_incremental_check_verifies_the_chain_since_the_last_seal(ctx, clock, traded, db_path):
    assert integrity.run_incremental(ctx).findings == []        # checks the whole book, seals the past days
    sell(ctx, traded[0].id, 1200, pay=[("cash", 1200)])
    new = _rows(db_path, "bills")[-1][0]
    tamper(db_path, f"UPDATE bills SET total = 1 WHERE id = '{new}'")
    found = [f for f in integrity.run_incremental(ctx, seal=False).findings if f.check == "chain"]
    assert found and found[0].subject.startswith(f"bills {new} ")


def test_the_day_report_prints_the_days_last_hash_on_the_slip_the_pdf_and_in_json(ctx, traded, db_path, tmp_path,
                                                                                 capsys, monkeypatch):
    con = sqlite3.connect(db_path)
    # The till's last chained row of 1 November: its rows are bills/payments of that business date and entries
    # posted that day; the highest place in the chain among them.
    want = max(((s, h) for t, day in (("bills", "business_date"), ("payments", "business_date"),
                                      ("ledger_entries", "substr(posted_at, 1, 10)"))
                for s, h in con.execute(f"SELECT chain_seq, chain_hash FROM {t} WHERE {day} = '2026-11-01'")))[1]
    con.close()
    r = day_report.day_report(ctx, date(2026, 11, 1))
    assert r.last_hash == want and r.last_hash_short == want[:12]
    assert day_report.day_report(ctx, date(2026, 10, 1)).last_hash == ""     # nothing traded: nothing printed
    slip = day_text(r, 42)
    assert f"Last hash {want[:12]}" in slip
    pdf = write_day_report_pdf(r, tmp_path / "day.pdf")
    if shutil.which("pdftotext"):
        words = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout
        assert f"ledger chain: {want[:12]}" in words
    cli = Cli(db_path, capsys, monkeypatch)
    data = cli.ok("report", "day", "--date", "2026-11-01")
    assert data["last_hash"] == want
    # Each day closes on its own hash: a paper copy of one day's slip pins the chain as it stood then.
    assert day_report.day_report(ctx, date(2026, 11, 2)).last_hash not in ("", want)
