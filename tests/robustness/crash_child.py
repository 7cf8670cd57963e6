"""The process the crash test kills: it sells, collects, adjusts and voids in a loop.

After each commit it appends ``KIND NUMBER`` to its report file and fsyncs it, so every
line in that file is a promise that the document is in the database. It never stops by
itself; the parent ends it with SIGKILL at a random moment.

Modes (run with ``python -m crash_child`` from this folder):

``--db FILE --report FILE --seed N --run N [--print]``
    one worker in this process. With ``--print`` it also prints each receipt right after the
    commit (``PRINTED NUMBER`` reported once the print job is done), as the till does.
``--serve``
    a fork server: imports everything once, then reads ``run DB REPORT SEED RUN [print]`` lines on
    stdin and answers each with the pid of a forked worker; ``reap PID`` answers with the
    worker's wait status. Forking a warm interpreter makes hundreds of kills affordable.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import traceback
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

from possuite.db.engine import open_database
from possuite.domain.cart import CartLine
from possuite.domain.clock import FixedClock
from possuite.domain.errors import PossuiteError
from possuite.domain.ledger import Tender
from possuite.services.app import open_context
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.collections import adjust, collect_dues, void_bill
from possuite.services.context import CLI_ACTOR
from possuite.services.customers import DuplicatePhone, add_customer

sys.path.insert(0, str(Path(__file__).parent))
from robust_helpers import SEED_NOW  # noqa: E402


class Worker:
    def __init__(self, db: Path, report: Path, seed: int, run: int, printing: bool = False) -> None:
        self.rng = random.Random(seed)
        self.printing = printing
        # Each run is a little later in the shop's day, so due dates and FIFO order vary.
        self.clock = FixedClock(SEED_NOW + timedelta(minutes=run))
        self.engine = open_database(db)
        self.ctx = open_context(engine=self.engine, path=db, clock=self.clock, actor=CLI_ACTOR)
        self.fd = os.open(report, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with self.ctx.read() as conn:
            self.items = conn.execute(text("SELECT id, name, price, tax_rate_bp, tax_inclusive, kind "
                                           "FROM items ORDER BY name")).all()

    def report(self, kind: str, value: str) -> None:
        os.write(self.fd, f"{kind} {value}\n".encode())
        os.fsync(self.fd)
        if self.printing and kind in ("SAL", "RCP"):
            self.print_receipt(value)

    def print_receipt(self, number: str) -> None:
        """What the till's print worker does right after a sale: claim the job, send it, mark it done."""
        from possuite.services.print_queue import jobs_for
        from possuite.services.print_worker import print_now

        time.sleep(self.rng.uniform(0, 0.03))  # the till hands the job to its print thread
        jobs = [j for j in jobs_for(self.ctx, number) if j.status == "queued"]
        if jobs and print_now(self.ctx, jobs[0].id)[0] == "done":
            os.write(self.fd, f"PRINTED {number}\n".encode())
            os.fsync(self.fd)

    # -- what the child does ----------------------------------------------------------------

    def customers(self, owing: bool = False) -> list[tuple[str, int]]:
        with self.ctx.read() as conn:
            q = "SELECT id, balance FROM customers WHERE active = 1" + (" AND balance > 0" if owing else "")
            return [(r[0], r[1]) for r in conn.execute(text(q))]

    def lines(self) -> list[CartLine]:
        out = []
        for it in self.rng.sample(self.items, self.rng.randint(1, 3)):
            out.append(CartLine(it.name, self.rng.randint(1, 3) * 1000, it.price, tax_rate_bp=it.tax_rate_bp,
                                tax_inclusive=bool(it.tax_inclusive), item_id=it.id, kind=it.kind))
        return out

    def sell_pending(self) -> None:
        cid, _ = self.rng.choice(self.customers())
        req = SaleRequest(self.lines(), customer_id=cid, leave_pending=True,
                          tenders=[Tender("cash", self.rng.randint(1, 20) * 1000)])
        try:
            res = complete_sale(self.ctx, req)
        except PossuiteError:  # the cash happened to cover the bill: pay it in full instead
            req.leave_pending = False
            res = complete_sale(self.ctx, req)
        self.report("SAL", res.number)

    def sell_split(self) -> None:
        lines = self.lines()
        from possuite.domain.cart import compute_totals

        total = compute_totals(lines).total
        card = total // 2
        extra = self.rng.choice([0, 0, 500, 10_000])
        cid = self.rng.choice(self.customers())[0] if self.rng.random() < 0.7 else None
        tenders = [Tender("card", card, "AUTH42"), Tender("cash", total - card + extra)]
        res = complete_sale(self.ctx, SaleRequest(lines, customer_id=cid, tenders=tenders))
        self.report("SAL", res.number)

    def sell_no_payment(self) -> None:
        cid, _ = self.rng.choice(self.customers())
        res = complete_sale(self.ctx, SaleRequest(self.lines(), customer_id=cid, no_payment=True))
        self.report("SAL", res.number)

    def collect(self) -> None:
        owing = self.customers(owing=True)
        if not owing:
            return self.sell_no_payment()
        cid, balance = self.rng.choice(owing)
        amount = min(balance, self.rng.randint(1, 300) * 100)
        res = collect_dues(self.ctx, cid, amount, self.rng.choice(["cash", "upi", "card"]))
        self.report("RCP", res.number)

    def adjust(self) -> None:
        if self.rng.random() < 0.5:
            cid, _ = self.rng.choice(self.customers())
            res = adjust(self.ctx, cid, self.rng.randint(1, 500) * 100, "debit note for a missed charge")
        else:
            owing = self.customers(owing=True)
            if not owing:
                return self.sell_no_payment()
            cid, balance = self.rng.choice(owing)
            res = adjust(self.ctx, cid, -min(balance, self.rng.randint(1, 200) * 100), "goodwill write-off")
        self.report("ADJ", res.number)

    def void(self) -> None:
        with self.ctx.read() as conn:
            number = conn.execute(text("SELECT number FROM bills WHERE voided_at IS NULL "
                                       "ORDER BY seq DESC LIMIT 1 OFFSET 2")).scalar_one_or_none()
        if number is None:
            return self.sell_no_payment()
        void_bill(self.ctx, number, "rang up the wrong customer")
        self.report("VOID", number)

    def new_customer(self) -> None:
        phone = "9" + "".join(str(self.rng.randint(0, 9)) for _ in range(9))
        try:
            c = add_customer(self.ctx, f"Walk-in {phone[-4:]}", phone)
        except DuplicatePhone:
            return
        self.report("CUST", c.id)

    OPS = [("sell_pending", 30), ("sell_split", 20), ("sell_no_payment", 10), ("collect", 20),
           ("adjust", 10), ("void", 5), ("new_customer", 5)]

    def loop(self, max_ops: int | None = None) -> None:
        names = [n for n, _ in self.OPS]
        weights = [w for _, w in self.OPS]
        done = 0
        while max_ops is None or done < max_ops:
            getattr(self, self.rng.choices(names, weights)[0])()
            done += 1


def run_worker(db: str, report: str, seed: int, run: int, max_ops: int | None = None,
               printing: bool = False) -> None:
    Worker(Path(db), Path(report), seed, run, printing).loop(max_ops)


def _warm_up_printing() -> None:
    """Import and compile what printing needs once, so a forked worker prints at till speed at once."""
    import possuite.printing.escpos_render  # noqa: F401
    import possuite.services.print_worker  # noqa: F401
    from possuite.printing import templates

    for kind in templates.KINDS:
        templates._builtin_env.get_template(f"{kind}.j2")


def serve() -> None:
    """Fork server: one warm interpreter, one forked worker per ``run`` command."""
    _warm_up_printing()
    out = sys.stdout
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "run":
            db, report, seed, run = parts[1], parts[2], int(parts[3]), int(parts[4])
            printing = parts[5:6] == ["print"]
            pid = os.fork()
            if pid == 0:  # the worker: never returns into the server loop
                code = 0
                try:
                    run_worker(db, report, seed, run, printing=printing)
                except BaseException:
                    traceback.print_exc()
                    code = 3
                finally:
                    os._exit(code)
            out.write(f"{pid}\n")
        elif parts[0] == "reap":
            _, status = os.waitpid(int(parts[1]), 0)
            out.write(f"{status}\n")
        elif parts[0] == "quit":
            return
        out.flush()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--serve", action="store_true")
    ap.add_argument("--db")
    ap.add_argument("--report")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--run", type=int, default=0)
    ap.add_argument("--max-ops", type=int)
    ap.add_argument("--print", action="store_true")
    args = ap.parse_args()
    if args.serve:
        serve()
    else:
        run_worker(args.db, args.report, args.seed, args.run, args.max_ops, printing=args.print)


if __name__ == "__main__":
    main()
