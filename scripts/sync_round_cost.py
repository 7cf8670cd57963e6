"""What one sync round costs: statements on the book and on the hub, and CPU in the sync process and on the hub.

    PYTHONPATH=src python scripts/sync_round_cost.py [--rounds 40]

Starts a throw-away PostgreSQL (``possuite.hub.localpg``), registers two tills of one store, lets till B
trade, syncs both, then measures till A's rounds as the app's sync process runs them
(``hub.background.sync_round`` with a kept hub connection, ``connect.KeptHubEngine``):

- an **idle round**: nothing queued at A, nothing new on the hub;
- a **round that pulls a few rows**: before each, till B sells one sale and pushes it (about six rows).

Per round: the book's statements (``before_cursor_execute``, BEGIN/COMMIT/PRAGMA left out) and its write
transactions (``BEGIN IMMEDIATE``), the hub's statements (the same event on the kept hub engine; the
pool's ping before each use is not an event and is not counted), the sync process's CPU
(``time.process_time`` of this process: it is the sync process here) and the hub's CPU (the hub backend
serving the kept connection: ``utime + stime`` in ``/proc/<pid>/stat``, read before and after).
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "hub")]

from sqlalchemy import event, text  # noqa: E402

from possuite.hub.background import sync_round  # noqa: E402
from possuite.hub.connect import KeptHubEngine, with_saved_password  # noqa: E402
from possuite.hub.localpg import start_local_server  # noqa: E402
from possuite.hub.outbox import identity  # noqa: E402
from possuite.hub.sync import sync  # noqa: E402
from possuite.services.customers import add_customer  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def backend_cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS   # utime, stime (fields 14 and 15 of stat)


class Tally:
    def __init__(self, book_engine, hub_engine) -> None:
        self.book = self.writes = self.hub = 0
        self.hub_sql: list[str] = []

        def on_book(conn, cursor, statement, *args) -> None:
            s = statement.lstrip().upper()
            if s.startswith("BEGIN IMMEDIATE"):
                self.writes += 1
            if not s.startswith(("BEGIN", "PRAGMA", "ROLLBACK", "COMMIT")):
                self.book += 1

        def on_hub(conn, cursor, statement, *args) -> None:
            self.hub += 1
            self.hub_sql.append(" ".join(statement.split())[:70])

        event.listen(book_engine, "before_cursor_execute", on_book)
        event.listen(hub_engine, "before_cursor_execute", on_hub)


def measure(rounds: int) -> dict:
    from hubkit import sell, trade, two_tills  # noqa: F401  (tests/hub helpers)

    with start_local_server("possuite-roundcost-") as server, tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        config = Path(tmp) / "config" / "possuite"
        db = server.create_database("roundcost")
        hub, a, b = two_tills(server, db, Path(tmp), config)
        trade(b, 20, "B")
        sync(b, config)
        sync(a, config)
        engines = KeptHubEngine()
        with a.read() as conn:
            url = with_saved_password(config, identity(conn).hub_url)
        hub_engine = engines(url)
        tally = Tally(a.engine, hub_engine)
        for _ in range(3):   # warm: the kept connection made, caches filled
            sync_round(a, config, pace=lambda: None, engines=engines)
        with hub_engine.connect() as conn:
            backend = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        customers = [add_customer(b, f"Walk {i}", f"97000{i:05d}").id for i in range(rounds)]
        sync(b, config)
        sync_round(a, config, pace=lambda: None, engines=engines)   # A has them before the idle rounds

        def run(kind: str, before_each) -> dict:
            book = writes = hub_n = 0
            cpu = hub_cpu = 0.0
            pulled = pushed = 0
            sql: list[str] = []
            for i in range(rounds):
                before_each(i)
                tally.book = tally.writes = tally.hub = 0
                tally.hub_sql = []
                h0, c0 = backend_cpu_s(backend), time.process_time()
                state = sync_round(a, config, pace=lambda: None, engines=engines)
                c1, h1 = time.process_time(), backend_cpu_s(backend)
                assert state.kind == "synced", state
                cpu += c1 - c0
                hub_cpu += h1 - h0
                book, writes, hub_n = book + tally.book, writes + tally.writes, hub_n + tally.hub
                pulled, pushed = pulled + state.pulled, pushed + state.pushed
                sql = tally.hub_sql
            return {"rounds": rounds, "book_statements": round(book / rounds, 1),
                    "book_write_transactions": round(writes / rounds, 2),
                    "hub_statements": round(hub_n / rounds, 1), "rows_pulled": round(pulled / rounds, 1),
                    "rows_pushed": round(pushed / rounds, 1),
                    "sync_process_cpu_ms": round(1000 * cpu / rounds, 2),
                    "hub_backend_cpu_ms": round(1000 * hub_cpu / rounds, 2), f"last_{kind}_hub_statements": sql}

        idle = run("idle", lambda i: None)

        def one_sale_at_b(i: int) -> None:
            sell(b, customers[i], 10000 + i, pay=[("cash", 4000)], pending=True)
            sync(b, config)

        few = run("few", one_sale_at_b)
        engines.dispose()
        a.engine.dispose()
        b.engine.dispose()
        return {"idle": idle, "pulls_a_few_rows": few, "load_average": list(os.getloadavg())}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    print(json.dumps(measure(args.rounds), indent=1))


if __name__ == "__main__":
    main()
