"""Random sequences of sell / collect / adjust / void keep every invariant of the book.

A hypothesis state machine drives the real services on a real SQLite file and, after
every step, runs the integrity check (which must stay empty) and compares each
customer's balance with a simple model kept beside it.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from possuite.db.engine import open_database
from possuite.domain.errors import PossuiteError
from possuite.domain.ledger import Tender
from possuite.services import bills, customers, integrity
from possuite.services.app import open_context
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.collections import adjust, collect_dues, void_bill
from possuite.services.context import CLI_ACTOR
from possuite.services.users import init_store
from testkit import MutableClock, line

amounts = st.integers(min_value=1, max_value=200_000)


class Book(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="possuite-stateful-"))
        self.clock = MutableClock(datetime(2026, 11, 1, 10, 0))
        engine = open_database(self.dir / "book.sqlite3")
        init_store(engine, self.clock, store="Stateful", pin="1234")
        self.ctx = open_context(engine=engine, clock=self.clock, actor=CLI_ACTOR)
        self.ids = [customers.add_customer(self.ctx, f"Customer {i}", f"98220{i:05d}").id for i in range(3)]
        self.model = dict.fromkeys(self.ids, 0)
        self.bills: list[str] = []

    def teardown(self) -> None:
        self.ctx.engine.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)

    @rule(c=st.integers(0, 2), total=amounts, paid_share=st.integers(0, 150), apply=st.booleans(),
          split=st.booleans())
    def sell(self, c, total, paid_share, apply, split):
        cid = self.ids[c]
        before = self.model[cid]
        paid = total * paid_share // 100
        if split and paid > 1:
            tenders = [Tender("upi", min(paid // 2, total)), Tender("cash", paid - min(paid // 2, total))]
        else:
            tenders = [Tender("cash", paid)] if paid else []
        req = SaleRequest([line(total)], customer_id=cid, tenders=tenders, leave_pending=0 < paid < total,
                          no_payment=paid == 0, apply_to_dues=apply)
        r = complete_sale(self.ctx, req)
        absorbed = min(paid, total + (max(before, 0) if apply else 0))
        self.model[cid] = before + total - absorbed
        assert r.customer_balance == self.model[cid]
        assert r.pending == max(total - paid, 0)
        self.bills.append(r.number)

    @rule(total=amounts)
    def comp(self, total):
        r = complete_sale(self.ctx, SaleRequest([line(total)], customer_id=self.ids[0], complimentary=True,
                                                reason="family"))
        assert r.total == 0 and r.retail_value == total
        self.bills.append(r.number)

    @rule(c=st.integers(0, 2), share=st.integers(1, 100), method=st.sampled_from(["cash", "card", "upi"]))
    def collect(self, c, share, method):
        cid = self.ids[c]
        owed = self.model[cid]
        if owed <= 0:
            try:
                collect_dues(self.ctx, cid, 100, method)
            except PossuiteError:
                return
            raise AssertionError("collecting from a customer who owes nothing must be refused")
        amount = max(owed * share // 100, 1)
        r = collect_dues(self.ctx, cid, amount, method)
        self.model[cid] = owed - amount
        assert r.remaining_balance == self.model[cid]
        assert sum(a["amount"] for a in r.allocations) == amount

    @rule(c=st.integers(0, 2), amount=st.integers(-100_000, 100_000).filter(bool))
    def adjust(self, c, amount):
        cid = self.ids[c]
        if amount < 0 and -amount > self.model[cid]:
            try:
                adjust(self.ctx, cid, amount, "too much")
            except PossuiteError:
                return
            raise AssertionError("writing off more than is owed must be refused")
        adjust(self.ctx, cid, amount, "stateful test")
        self.model[cid] += amount

    @precondition(lambda self: self.bills)
    @rule(pick=st.integers(0, 10_000))
    def void(self, pick):
        number = self.bills.pop(pick % len(self.bills))
        detail = bills.get_bill(self.ctx, number)
        r = void_bill(self.ctx, number, "stateful void")
        cid = detail.bill["customer_id"]
        self.model[cid] = self.model[cid] - detail.bill["outstanding"] - r.reallocated
        assert r.customer_balance == self.model[cid]

    @rule(days=st.integers(1, 45))
    def time_passes(self, days):
        self.clock.set(self.clock.now() + timedelta(days=days))

    @invariant()
    def book_is_sound(self):
        assert integrity.run_checks(self.ctx) == []
        for cid, expected in self.model.items():
            assert customers.get_customer(self.ctx, cid).balance == expected


Book.TestCase.settings = settings(max_examples=25, stateful_step_count=20, deadline=None,
                                  suppress_health_check=[HealthCheck.too_slow])
test_random_ledger_histories_keep_every_invariant = Book.TestCase
