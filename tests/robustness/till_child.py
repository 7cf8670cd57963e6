"""One of several tills selling and collecting on the same database file at once.

``python -m till_child --db FILE --ops N --seed S --name T1 --ready FILE --go FILE --out FILE``

Writes ``--ready`` once warmed up, waits for ``--go`` to appear (so all tills start together),
then runs N operations on the shared customers: sales (partly pending, split tenders, no
payment, walk-in cash) and collections. It writes a JSON summary to ``--out``: the numbers it
was given, what it moved on each customer's balance, and the longest time one operation took
(waiting for the other tills is fine; failing is not). Any error ends it with exit code 1.
"""

from __future__ import annotations

import argparse
import json
import random
import time
import traceback
from collections import defaultdict
from pathlib import Path

from sqlalchemy import text

from possuite.db.engine import open_database
from possuite.domain.cart import CartLine, compute_totals
from possuite.domain.clock import Clock
from possuite.domain.ledger import Tender
from possuite.services.app import open_context
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.collections import collect_dues
from possuite.services.context import Actor


def main() -> int:
    ap = argparse.ArgumentParser()
    for opt in ("--db", "--name", "--ready", "--go", "--out"):
        ap.add_argument(opt, required=True)
    ap.add_argument("--ops", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    summary: dict = {"name": a.name, "sales": [], "collections": [], "deltas": defaultdict(int),
                     "max_op_seconds": 0.0, "error": None}
    try:
        engine = open_database(Path(a.db))
        ctx = open_context(engine=engine, path=Path(a.db), clock=Clock(), actor=Actor(a.name, "cashier"))
        with ctx.read() as conn:
            customers = list(conn.execute(text("SELECT id FROM customers ORDER BY id")).scalars())
            items = conn.execute(text("SELECT id, name, price, tax_rate_bp, tax_inclusive FROM items")).all()
        Path(a.ready).write_text("ready")
        while not Path(a.go).exists():
            time.sleep(0.005)
        for _ in range(a.ops):
            cid = rng.choice(customers)
            started = time.monotonic()
            if rng.random() < 0.6:
                it = rng.choice(items)
                lines = [CartLine(it.name, rng.randint(1, 2) * 1000, it.price, tax_rate_bp=it.tax_rate_bp,
                                  tax_inclusive=bool(it.tax_inclusive), item_id=it.id)]
                total = compute_totals(lines).total
                shape = rng.choice(["pending", "split", "none", "walkin"])
                if shape == "pending":
                    req = SaleRequest(lines, customer_id=cid, leave_pending=True,
                                      tenders=[Tender("cash", max(1, total // 3))])
                elif shape == "split":
                    req = SaleRequest(lines, customer_id=cid,
                                      tenders=[Tender("upi", total // 2), Tender("cash", total - total // 2 + 1000)])
                elif shape == "none":
                    req = SaleRequest(lines, customer_id=cid, no_payment=True)
                else:
                    req = SaleRequest(lines, tenders=[Tender("cash", total + 5000)])
                res = complete_sale(ctx, req)
                summary["sales"].append(res.number)
                if res.customer_id:
                    summary["deltas"][res.customer_id] += res.customer_balance - res.previous_balance
            else:
                # Small collections: each customer opened with far more owed than all tills can collect.
                res = collect_dues(ctx, cid, rng.randint(1, 50) * 10, rng.choice(["cash", "upi"]))
                summary["collections"].append(res.number)
                summary["deltas"][cid] -= res.amount
            summary["max_op_seconds"] = max(summary["max_op_seconds"], time.monotonic() - started)
        engine.dispose()
    except BaseException as exc:  # reported to the parent, which fails the test with it
        summary["error"] = f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"
    Path(a.out).write_text(json.dumps(summary))
    return 1 if summary["error"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
