"""The tamper-evident ledger across tills (docs/architecture.md §3.6): each till's chain is pushed as it is, a
pulled row keeps the hash it came with, and the hub verifies every till's chain; a row changed or deleted on
the hub as the server's superuser (past the hub's insert-only triggers) is named by the hub's check."""

from __future__ import annotations

import json
import sqlite3

import pytest
from hubkit import pg, possuite, trade, two_tills
from sqlalchemy import text

from possuite.hub.backoffice import open_backoffice
from possuite.hub.checks import run_checks as hub_checks
from possuite.hub.sync import sync
from possuite.services.integrity import run_checks

pytestmark = pytest.mark.hub

CHAINED = ("bills", "payments", "ledger_entries")


def _chain_rows(path) -> dict[str, tuple]:
    con = sqlite3.connect(path)
    try:
        return {r[0]: r[1:] for t in CHAINED for r in con.execute(
            f"SELECT id, chain_till, chain_seq, chain_hash FROM {t} WHERE chain_hash IS NOT NULL")}
    finally:
        con.close()


def _chain_findings(hub) -> list:
    return [f for f in hub_checks(open_backoffice(hub["owner"])) if f.check == "chain"]


@pytest.fixture
def synced(pg_server, hub_db, tmp_path, config_dir):
    """Two tills of one store that each traded, pushed and pulled the other's rows."""
    hub, a, b = two_tills(pg_server, hub_db, tmp_path, config_dir)
    trade(a, 2, "a ")
    trade(b, 2, "b ")
    for till in (a, b, a):
        sync(till, config_dir)
    return hub, a, b


def test_each_tills_chain_travels_as_it_is_and_checks_clean_everywhere(synced, tmp_path):
    hub, a, b = synced
    at_a, at_b = _chain_rows(tmp_path / "a.sqlite3"), _chain_rows(tmp_path / "b.sqlite3")
    tills_at_a = {v[0] for v in at_a.values()}
    assert len(tills_at_a) == 2 and tills_at_a == {v[0] for v in at_b.values()}   # A holds B's chain and its own
    assert at_a == at_b   # every row with the place and hash its own till gave it
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        on_hub = {r[0]: tuple(r[1:]) for t in CHAINED for r in conn.execute(text(
            f"SELECT id, chain_till, chain_seq, chain_hash FROM {t} WHERE chain_hash IS NOT NULL"))}
    engine.dispose()
    assert on_hub == at_a
    assert run_checks(a) == [] and run_checks(b) == []
    assert hub_checks(open_backoffice(hub["owner"])) == []


def test_an_amount_changed_on_the_hub_by_the_superuser_names_that_entry_and_its_till(synced, config_dir):
    hub, a, b = synced
    engine = pg(hub["admin"])
    with engine.begin() as conn:   # as the server's admin, past the hub's insert-only triggers
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        victim = conn.execute(text(
            "SELECT e.id FROM ledger_entries e JOIN tills t ON t.id = e.till_id WHERE t.code = 'B' "
            "AND e.chain_seq IS NOT NULL ORDER BY e.chain_seq LIMIT 1 OFFSET 3")).scalar_one()
        conn.execute(text("UPDATE ledger_entries SET amount = amount - 100 WHERE id = :v"), {"v": victim})
    engine.dispose()
    found = _chain_findings(hub)
    assert len(found) == 1 and found[0].subject.startswith(f"ledger_entries {victim} ")
    assert "till B of Glow Salon" in found[0].subject and "changed" in found[0].message
    # The same through the command: `possuite --db URL check`, exit 1, the finding in its JSON.
    r = possuite(["--db", hub["owner"], "--json", "check"], config_dir)
    assert r.returncode == 1, r.stderr
    assert any(f["check"] == "chain" and victim in f["subject"] for f in json.loads(r.stdout)["findings"])


def test_a_payment_deleted_on_the_hub_is_named_by_the_row_after_it(synced):
    hub, a, b = synced
    engine = pg(hub["admin"])
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        till, seq = conn.execute(text(
            "SELECT p.chain_till, p.chain_seq FROM payments p JOIN tills t ON t.id = p.till_id WHERE t.code = 'A' "
            "AND p.chain_seq IS NOT NULL ORDER BY p.chain_seq LIMIT 1 OFFSET 1")).one()
        conn.execute(text("DELETE FROM payments WHERE chain_till = :t AND chain_seq = :q"), {"t": till, "q": seq})
        after = conn.execute(text(
            "SELECT id FROM (SELECT id, chain_seq FROM bills WHERE chain_till = :t UNION ALL SELECT id, chain_seq "
            "FROM payments WHERE chain_till = :t UNION ALL SELECT id, chain_seq FROM ledger_entries "
            "WHERE chain_till = :t) x WHERE chain_seq > :q ORDER BY chain_seq LIMIT 1"), {"t": till, "q": seq}).scalar()
    engine.dispose()
    found = _chain_findings(hub)
    assert len(found) == 1 and found[0].subject.split(" ")[1] == after and "deleted" in found[0].message
