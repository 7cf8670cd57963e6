"""A book's sync state as the app's worker reads it, without a hub: no till, a till with sales waiting."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import insert

from possuite.hub import outbox
from possuite.hub.background import current, sync_round
from possuite.hub.sync_state import NOT_A_TILL, OFFLINE, SYNCED
from possuite.services.customers import add_customer
from testkit import sell


def _become_till(ctx, hub_url="postgresql://glow_till_a@127.0.0.1:9/glow") -> None:
    with ctx.write() as conn:
        conn.execute(insert(outbox.T).values(
            id="01JTESTTILL000000000000000", business_id="01JTESTBUSINESS00000000000", business_name="Glow Group",
            store_id=ctx.store_id, code="A", name="Counter 1", hub_url=hub_url, registered_at=datetime(2026, 11, 1),
            pull_cursor=0, last_error="", applying=False))


def test_a_book_that_is_no_till_never_syncs(ctx, tmp_path):
    assert current(ctx).kind == NOT_A_TILL
    assert sync_round(ctx, tmp_path / "config").kind == NOT_A_TILL


def test_the_back_office_on_the_hub_is_no_till(tmp_path):
    hub = SimpleNamespace(engine=SimpleNamespace(dialect=SimpleNamespace(name="postgresql")))
    assert current(hub).kind == NOT_A_TILL and sync_round(hub, tmp_path).kind == NOT_A_TILL


def test_a_till_whose_hub_is_away_counts_each_sale_once(ctx, tmp_path):
    _become_till(ctx)
    c = add_customer(ctx, "Priya Sharma", "98765 43210")
    sell(ctx, c.id, 50000, no_payment=True)
    sell(ctx, None, 20000, pay=[("cash", 20000)])
    st = current(ctx)
    assert (st.kind, st.waiting_sales, st.till, st.till_name) == (SYNCED, 2, "A", "Counter 1") and st.waiting > 2
    away = sync_round(ctx, tmp_path / "config")  # no password kept: the hub cannot be reached
    assert away.kind == OFFLINE and away.waiting_sales == 2 and "no password kept" in away.reason
