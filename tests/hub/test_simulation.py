"""3 stores × 2 tills trading for 30 simulated days on one hub (issue 12's simulation; see simulation.py,
and simcheck.py for what must hold at the end).

Seeded (``DEFAULT_SEED``, or ``POSSUITE_SIM_SEED=random`` for a new seed each run); the seed is printed,
and named in every failure: replay a run with ``POSSUITE_SIM_SEED=N``, make it longer with
``POSSUITE_SIM_DAYS=N`` (and busier with ``POSSUITE_SIM_OPS=N`` operations per till per day).

Returns are among the operations (``RETURNS_SYNC``): credit notes sync like the other facts (hub h0006),
and ``test_a_return_at_one_till_reaches_the_other`` shows the smallest case. The goods of a bill line come
back once in the simulation; two offline returns of one line beyond what was sold are kept and flagged by
the checks (tests/hub/test_returns_shifts_sync.py).
"""

from __future__ import annotations

import os
import random

import pytest
from hubkit import hub_for, make_book, open_book
from simcheck import verify
from simulation import Simulation
from sqlalchemy import text

from possuite.db.engine import backup_file
from possuite.hub.localpg import LocalPgError, start_local_server
from possuite.hub.register import register_till
from possuite.hub.sync import sync
from possuite.services.customers import add_customer
from possuite.services.returns import create_return
from testkit import sell

pytestmark = pytest.mark.hub

#: The seed a plain run uses (``POSSUITE_SIM_SEED=random`` draws a new one each run). Seed 777 once failed
#: with a ``projection`` finding at a till (a sale posted on a clock behind an entry pulled from the other
#: till was settled incrementally; now ``Posting.flush`` re-projects such a customer, see
#: tests/integration/test_ledger_rebuild.py); this default passes, so the suite stays deterministic.
DEFAULT_SEED = 424242

#: Returns among the simulation's operations (credit notes sync: hub h0006, book 0011).
RETURNS_SYNC = True


@pytest.fixture
def own_server():
    """A server of the simulation's own: it is stopped and started again while the tills trade."""
    try:
        server = start_local_server("possuite-sim-pg-")
    except LocalPgError as exc:
        pytest.fail(f"the simulation needs a PostgreSQL server: {exc}", pytrace=False)
    with server:
        yield server


def _simulate(server, tmp_path, config_dir, **scenario) -> None:
    chosen = os.environ.get("POSSUITE_SIM_SEED") or str(DEFAULT_SEED)
    seed = random.SystemRandom().randrange(10**6) if chosen == "random" else int(chosen)
    days = int(os.environ.get("POSSUITE_SIM_DAYS") or 30)
    ops = int(os.environ.get("POSSUITE_SIM_OPS") or 6)
    replay = f"replay: POSSUITE_SIM_SEED={seed} POSSUITE_SIM_DAYS={days} POSSUITE_SIM_OPS={ops}"
    print(replay)
    sim = Simulation(server, tmp_path, config_dir, seed=seed, days=days, ops_per_day=ops, **scenario)
    try:
        try:
            sim.setup()
            sim.run()
        except BaseException as exc:
            raise AssertionError(f"{replay}: the run stopped on day {sim.day}: {exc!r}") from exc
        print(sim.stats.line())
        problems = verify(sim)
        assert not problems, f"{replay}\n{sim.stats.line()}\n" + "\n".join(problems[:40])
        # the run did what it claims to (else the promises above were checked on too little)
        s = sim.stats
        assert s.sales_while_hub_down > 0, replay
        assert s.syncs_refused_hub_down > 0 and s.double_deliveries > 0 and s.kills > 0, (replay, s.line())
        assert s.pulled > 0, (replay, s.line())
        for kind in ("paid", "pending", "no payment", "walk-in", "collection", "void", "customer edit", "shift",
                     *(("return",) if scenario.get("returns") else ())):
            assert s.ops[kind] > 0, (replay, kind)
    finally:
        sim.close()


def test_three_stores_of_two_tills_trade_offline_for_a_month_and_agree_to_the_paisa(own_server, tmp_path,
                                                                                       config_dir):
    _simulate(own_server, tmp_path, config_dir, returns=RETURNS_SYNC)


def test_a_return_at_one_till_reaches_the_other(pg_server, hub_db, tmp_path, config_dir):
    hub = hub_for(pg_server, hub_db)
    a = make_book(tmp_path / "a.sqlite3")
    c = add_customer(a, "Ravi", "9876543210")
    backup_file(tmp_path / "a.sqlite3", tmp_path / "b.sqlite3")
    b = open_book(tmp_path / "b.sqlite3")
    register_till(a, hub["owner"], "Glow Salon", "A", None, config_dir)
    register_till(b, hub["owner"], "Glow Salon", "B", None, config_dir)
    bill = sell(a, c.id, 50000, pay=[("cash", 50000)])
    with a.read() as conn:
        line_id, qty = conn.execute(text("SELECT id, qty FROM bill_lines WHERE bill_id = :b"),
                                    {"b": bill.bill_id}).one()
    note = create_return(a, bill.number, {line_id: qty}, "cash", "did not suit")
    for ctx in (a, b):
        assert sync(ctx, config_dir).waiting == 0
    with b.read() as conn:
        assert conn.execute(text("SELECT number FROM credit_notes")).scalars().all() == [note.number]
