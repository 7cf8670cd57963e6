"""``possuite sync`` killed with SIGKILL in its pull phase: the book stays whole, the next sync completes it.

A pull applies a bill with its lines and a credit note with its lines in one book transaction
(docs/architecture.md §7), so a kill at any moment never leaves a bill without its lines.
"""

from __future__ import annotations

import signal
import time

import pytest
from hubkit import hub_for, make_book, open_book, popen_possuite
from sqlalchemy import text

from possuite.db.engine import backup_file
from possuite.domain.cart import CartLine
from possuite.hub.register import register_till
from possuite.hub.sync import sync
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.customers import add_customer, get_customer
from possuite.services.integrity import run_checks
from possuite.services.returns import create_return

pytestmark = pytest.mark.hub

ORPHANS = ("SELECT (SELECT count(*) FROM bills b WHERE NOT EXISTS (SELECT 1 FROM bill_lines l WHERE l.bill_id = b.id))"
           " + (SELECT count(*) FROM credit_notes n WHERE NOT EXISTS "
           "(SELECT 1 FROM credit_note_lines l WHERE l.credit_note_id = n.id))")


def _count(ctx, sql: str) -> int:
    with ctx.read() as conn:
        return conn.execute(text(sql)).scalar()


@pytest.mark.parametrize("table", ["bills", "credit_notes"])
def test_a_sync_killed_while_pulling_leaves_no_bill_without_its_lines_and_the_next_sync_completes_it(
        pg_server, hub_db, tmp_path, config_dir, table):
    hub = hub_for(pg_server, hub_db)
    a = make_book(tmp_path / "a.sqlite3")
    backup_file(tmp_path / "a.sqlite3", tmp_path / "b.sqlite3")
    b = open_book(tmp_path / "b.sqlite3")
    register_till(a, hub["owner"], "Glow Salon", "A", None, config_dir)
    register_till(b, hub["owner"], "Glow Salon", "B", None, config_dir)
    customers = [add_customer(a, f"Client {i}", f"98220002{i:02d}") for i in range(12)]
    for n, c in enumerate(customers * 3):   # three-line bills, some returned in part (two-line credit notes)
        bill = complete_sale(a, SaleRequest([CartLine(f"Item {k}", 2000, 1000 + 100 * k) for k in range(3)],
                                            customer_id=c.id, no_payment=True))
        if n % 2 == 0:
            with a.read() as conn:
                lines = conn.execute(text("SELECT id FROM bill_lines WHERE bill_id = :b ORDER BY position LIMIT 2"),
                                     {"b": bill.bill_id}).scalars().all()
            create_return(a, bill.number, dict.fromkeys(lines, 1000), "account", "one of each back")
    assert sync(a, config_dir).waiting == 0
    before = _count(b, f"SELECT count(*) FROM {table}")
    # the pull walks the tables in order; with one row a batch it is killed inside ``table``
    child = popen_possuite(["--db", str(tmp_path / "b.sqlite3"), "sync", "--batch-size", "1"], config_dir)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        if _count(b, f"SELECT count(*) FROM {table}") >= before + 3:
            break
        time.sleep(0.003)
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, "the sync ended before it could be killed in its pull"
    got = _count(b, f"SELECT count(*) FROM {table}")
    assert before + 3 <= got < before + 36 // (2 if table == "credit_notes" else 1)   # killed midway
    assert _count(b, ORPHANS) == 0                          # every pulled bill and note has its lines
    assert [f"{f.check}: {f.subject}: {f.message}" for f in run_checks(b)] == []
    report = sync(b, config_dir)                            # the next sync completes it
    assert report.waiting == 0 and report.pulled > 0
    assert _count(b, "SELECT count(*) FROM bills") == _count(a, "SELECT count(*) FROM bills")
    assert _count(b, "SELECT count(*) FROM credit_note_lines") == _count(a, "SELECT count(*) FROM credit_note_lines")
    assert [get_customer(b, c.id).balance for c in customers] == [get_customer(a, c.id).balance for c in customers]
    assert [f"{f.check}: {f.subject}: {f.message}" for f in run_checks(b)] == []
