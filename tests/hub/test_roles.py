"""The hub's roles against the real server: a till reads and writes its own store only, never rewrites
the ledger; the owner reads every store and writes nothing."""

from __future__ import annotations

import json
import uuid

import pytest
from hubkit import hub_for, make_book, pg, trade
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from possuite.hub.connect import credentials_path
from possuite.hub.register import register_till

pytestmark = pytest.mark.hub


@pytest.fixture(scope="module")
def two_stores(pg_server, tmp_path_factory):
    """Two stores with a till each on one hub (built once: these tests only read, or are refused)."""
    tmp = tmp_path_factory.mktemp("roles")
    hub_db, config_dir = f"hub_roles_{uuid.uuid4().hex[:8]}", tmp / "config"
    engine = pg_server.admin_engine()
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{hub_db}"'))
    engine.dispose()
    hub = hub_for(pg_server, hub_db)
    glow = make_book(tmp / "glow.sqlite3", "Glow Salon")
    spa = make_book(tmp / "spa.sqlite3", "Shine Spa")
    trade(glow, 2, "g ")
    trade(spa, 3, "s ")
    register_till(glow, hub["owner"], "Glow Salon", "A", None, config_dir)
    register_till(spa, hub["owner"], "Shine Spa", "S", None, config_dir)
    passwords = {url.split("//")[1].split("@")[0]: pw
                 for url, pw in json.loads(credentials_path(config_dir).read_text()).items()}
    till_a = pg(pg_server.url(hub_db, user=f"{hub_db}_till_a", password=passwords[f"{hub_db}_till_a"]))
    yield {"hub": hub, "glow": glow, "spa": spa, "till_a": till_a}
    till_a.dispose()


def _refused(engine, sql: str, params: dict | None = None) -> str:
    with pytest.raises(DBAPIError) as info, engine.begin() as conn:
        conn.execute(text(sql), params or {})
    return str(info.value.orig)


def test_a_till_reads_its_own_store_only(two_stores):
    t = two_stores
    with t["till_a"].connect() as conn:
        stores = set(conn.execute(text("SELECT id FROM stores")).scalars())
        seen = set(conn.execute(text("SELECT DISTINCT store_id FROM ledger_entries")).scalars())
        customers = conn.execute(text("SELECT count(*) FROM customers")).scalar()
        spa_rows = conn.execute(text("SELECT count(*) FROM bills WHERE store_id = :s"),
                                {"s": t["spa"].store_id}).scalar()
        tills = list(conn.execute(text("SELECT code FROM tills")).scalars())
    assert stores == {t["glow"].store_id} and seen == {t["glow"].store_id}
    assert customers == 2 and spa_rows == 0 and tills == ["A"]


def test_a_till_cannot_insert_a_row_for_another_store(two_stores):
    t = two_stores
    why = _refused(t["till_a"], "INSERT INTO audit_log (id, store_id, at, user_name, action, target, reason, details) "
                                "VALUES ('01HOSTILE00000000000000000', :s, now(), 'x', 'x', '', '', '')",
                   {"s": t["spa"].store_id})
    assert "row-level security" in why
    with t["till_a"].begin() as conn:
        # rows of another store are invisible: an UPDATE of them matches none
        assert conn.execute(text("UPDATE customers SET notes = 'x' WHERE store_id = :s"),
                            {"s": t["spa"].store_id}).rowcount == 0
        with pytest.raises(DBAPIError, match="row-level security"):
            with conn.begin_nested():  # moving its own customer into another store is refused too
                conn.execute(text("UPDATE customers SET store_id = :s"), {"s": t["spa"].store_id})


def test_a_till_can_never_update_or_delete_ledger_rows(two_stores):
    t = two_stores
    for sql in ("UPDATE ledger_entries SET amount = 1", "DELETE FROM ledger_entries",
                "UPDATE payments SET amount = 1", "DELETE FROM audit_log", "DELETE FROM bills",
                "UPDATE bills SET total = 1", "DELETE FROM customers"):
        assert "permission denied" in _refused(t["till_a"], sql), sql


def test_not_even_the_hubs_admin_rewrites_the_ledger(two_stores):
    admin = pg(two_stores["hub"]["admin"])
    assert "insert-only" in _refused(admin, "UPDATE ledger_entries SET amount = amount + 1")
    assert "insert-only" in _refused(admin, "DELETE FROM payments")
    assert "only a void may change" in _refused(admin, "UPDATE bills SET total = total + 1")
    admin.dispose()


def test_the_owner_reads_every_store_and_writes_nothing(two_stores):
    t = two_stores
    owner = pg(t["hub"]["owner"])
    with owner.connect() as conn:
        stores = set(conn.execute(text("SELECT DISTINCT store_id FROM bills")).scalars())
    assert stores == {t["glow"].store_id, t["spa"].store_id}
    assert "permission denied" in _refused(owner, "DELETE FROM customers")
    assert "permission denied" in _refused(owner, "INSERT INTO business (id, name, created_at) "
                                                  "VALUES ('x', 'x', now())")
    owner.dispose()


def test_a_till_cannot_claim_another_tills_rows_nor_register_tills(two_stores):
    t = two_stores
    admin = pg(t["hub"]["admin"])
    with admin.connect() as conn:
        spa_till = conn.execute(text("SELECT id FROM tills WHERE code = 'S'")).scalar()
        glow_till = conn.execute(text("SELECT id FROM tills WHERE code = 'A'")).scalar()
    with t["till_a"].begin() as conn:
        conn.execute(text("INSERT INTO audit_log (id, store_id, at, user_name, action, target, reason, details, "
                          "till_id) VALUES ('01FORGED000000000000000000', :s, now(), 'x', 'x', '', '', '', :t)"),
                     {"s": t["glow"].store_id, "t": spa_till})
    with admin.connect() as conn:
        stamped = conn.execute(text("SELECT till_id FROM audit_log WHERE id = '01FORGED000000000000000000'")).scalar()
    admin.dispose()
    assert stamped == glow_till  # the hub stamps the writer from the login, whatever the till sends
    why = _refused(t["till_a"], "SELECT possuite_register_till('x', '{}'::jsonb, 'Z', 'z', 'pw')")
    assert "permission denied" in why
