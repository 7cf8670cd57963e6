"""Random sequences of sell / collect / adjust / void / return / shifts keep every invariant of the book.

A hypothesis state machine drives the real services on a real SQLite file and, after
every step, runs the integrity check (which must stay empty), recomputes every customer's
projection from the entries alone and compares it with the cache (allocations, open items,
balance), and compares each customer's balance with a simple model kept beside it. Shifts open, move
cash and close among the sales: what the drawer should hold must equal the float, plus every cash
movement the book recorded since the shift opened (read straight from the payments, not from the
shift's own tags), plus the cash moved in and out; the close records exactly that. A second
machine runs a store that keeps overpayments as credit (advances), where money flows both ways.
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
from possuite.domain.cart import CartLine, compute_totals
from possuite.domain.errors import Conflict, PossuiteError, ValidationError
from possuite.domain.ledger import Tender
from possuite.services import bills, customers, integrity, ledger, shifts
from possuite.services.app import open_context
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.collections import adjust, collect_dues, void_bill
from possuite.services.context import CLI_ACTOR
from possuite.services.returns import create_return, returnable
from possuite.services.users import init_store
from testkit import MutableClock, line

amounts = st.integers(min_value=1, max_value=200_000)


def new_book(prefix: str, store: str, **settings):
    """A fresh book in a temporary folder, with a clock the machine moves, acting as the owner."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    clock = MutableClock(datetime(2026, 11, 1, 10, 0))
    engine = open_database(folder / "book.sqlite3")
    init_store(engine, clock, store=store, pin="1234", **settings)
    return folder, clock, open_context(engine=engine, clock=clock, actor=CLI_ACTOR)


class Book(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir, self.clock, self.ctx = new_book("possuite-stateful-", "Stateful")
        self.ids = [customers.add_customer(self.ctx, f"Customer {i}", f"98220{i:05d}").id for i in range(3)]
        self.model = dict.fromkeys(self.ids, 0)
        self.bills: list[str] = []
        self.returned: set[str] = set()   # bills with a credit note: they cannot be voided
        self.shift: dict | None = None   # the open shift's model: float, the book's cash at opening, moves

    def teardown(self) -> None:
        self.ctx.engine.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)

    # --- the drawer -----------------------------------------------------------------------------
    def _book_cash(self) -> int:
        with self.ctx.read() as conn:
            return conn.exec_driver_sql("SELECT COALESCE(SUM(amount), 0) FROM payments WHERE method = 'cash'") \
                .scalar()

    def _drawer(self) -> int:
        return self.shift["float"] + self._book_cash() - self.shift["cash0"] + self.shift["moves"]

    def _refused(self, act) -> None:
        try:
            act()
        except PossuiteError:
            return
        raise AssertionError("this shift step must be refused")

    @rule(opening=st.integers(0, 500_000))
    def open_shift(self, opening):
        if self.shift is not None:
            self._refused(lambda: shifts.open_shift(self.ctx, opening))
            return
        shifts.open_shift(self.ctx, opening)
        self.shift = {"float": opening, "cash0": self._book_cash(), "moves": 0}

    @rule(out=st.booleans(), amount=amounts)
    def move_cash(self, out, amount):
        kind = "out" if out else "in"
        if self.shift is None or (out and amount > self._drawer()):
            self._refused(lambda: shifts.move_cash(self.ctx, kind, amount, "stateful"))
            return
        shifts.move_cash(self.ctx, kind, amount, "stateful")
        self.shift["moves"] += -amount if out else amount

    @rule(difference=st.integers(-5_000, 5_000))
    def close_shift(self, difference):
        if self.shift is None:
            self._refused(lambda: shifts.close_shift(self.ctx, counted=0))
            return
        expected = self._drawer()
        counted = max(expected + difference, 0)
        z = shifts.close_shift(self.ctx, counted=counted)
        assert (z.shift.expected_cash, z.shift.counted_cash, z.shift.variance) == (expected, counted,
                                                                                   counted - expected)
        self.shift = None

    @invariant()
    def the_drawer_holds_what_the_book_says(self):
        if self.shift is not None:
            assert shifts.shift_report(self.ctx).expected_cash == self._drawer()

    @rule(c=st.integers(0, 2), total=amounts, paid_share=st.integers(0, 150), apply=st.booleans(),
          split=st.booleans())
    def sell(self, c, total, paid_share, apply, split):
        cid = self.ids[c]
        before = self.model[cid]
        paid = total * paid_share // 100
        if split and paid > 1 and before >= 0:   # with store credit only cash may exceed what the bill takes
            tenders = [Tender("upi", min(paid // 2, total)), Tender("cash", paid - min(paid // 2, total))]
        else:
            tenders = [Tender("cash", paid)] if paid else []
        req = SaleRequest([line(total)], customer_id=cid, tenders=tenders, leave_pending=0 < paid < total,
                          no_payment=paid == 0, apply_to_dues=apply)
        r = complete_sale(self.ctx, req)
        advance = min(max(-before, 0), total)   # store credit (from a return to the account) is used first
        absorbed = min(paid, total - advance + (max(before, 0) if apply else 0))
        self.model[cid] = before + total - absorbed
        assert r.customer_balance == self.model[cid]
        assert r.pending == max(total - advance - paid, 0)   # store credit pays before the tenders
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

    @rule(c=st.integers(0, 2), qty=st.integers(1, 5), price=amounts, paid_share=st.integers(0, 100))
    def sell_pieces(self, c, qty, price, paid_share):
        """A line of several pieces (returned in parts), taxed at 18 %."""
        cid = self.ids[c]
        before = self.model[cid]
        req = SaleRequest([CartLine("Piece", qty * 1000, price, tax_rate_bp=1800, kind="product")], customer_id=cid)
        total = compute_totals(req.lines).total
        paid = total * paid_share // 100
        req.tenders = [Tender("cash", paid)] if paid else []   # store credit may cover the bill: cash gives change
        req.leave_pending, req.no_payment = 0 < paid < total, paid == 0
        r = complete_sale(self.ctx, req)
        self.model[cid] = before + total - min(paid, total - min(max(-before, 0), total) + max(before, 0))
        assert r.customer_balance == self.model[cid]
        self.bills.append(r.number)

    @precondition(lambda self: self.bills)
    @rule(pick=st.integers(0, 10_000), share=st.integers(1, 100),
          refund=st.sampled_from(["cash", "card", "upi", "account"]))
    def take_back(self, pick, share, refund):
        """Return part of a bill: the credit lowers its pending first; the account's dues next (account) or the
        rest is refunded (a tender); never beyond what was sold."""
        number = self.bills[pick % len(self.bills)]
        bill = returnable(self.ctx, number)
        line = bill.lines[0]
        if line.returnable <= 0:
            try:
                create_return(self.ctx, number, {line.id: 1000}, refund, "again")
            except ValidationError:
                return
            raise AssertionError("returning more than was sold must be refused")
        qty = max(line.returnable // 1000 * share // 100, 1) * 1000   # whole pieces, in thousandths
        r = create_return(self.ctx, number, {line.id: qty}, refund, "stateful return")
        self.returned.add(number)
        cid = bill.customer_id
        assert r.to_bill <= bill.outstanding and r.to_bill == min(bill.outstanding, r.total)
        if refund == "account":
            self.model[cid] -= r.total
            assert r.refunded == 0
        else:
            self.model[cid] -= r.to_bill
            assert r.to_dues == 0 and r.to_account == 0 and r.refunded == r.total - r.to_bill
        assert r.customer_balance in (None, self.model[cid])

    @precondition(lambda self: self.bills)
    @rule(pick=st.integers(0, 10_000))
    def void(self, pick):
        number = self.bills[pick % len(self.bills)]
        if number in self.returned:
            try:
                void_bill(self.ctx, number, "stateful void")
            except Conflict:
                return
            raise AssertionError("a bill with returns must not be voided")
        self.bills.remove(number)
        detail = bills.get_bill(self.ctx, number)
        r = void_bill(self.ctx, number, "stateful void")
        cid = detail.bill["customer_id"]
        self.model[cid] = self.model[cid] - detail.bill["outstanding"] - r.reallocated - r.kept_as_credit
        assert r.customer_balance == self.model[cid]

    @rule(days=st.integers(1, 45))
    def time_passes(self, days):
        self.clock.set(self.clock.now() + timedelta(days=days))

    @invariant()
    def book_is_sound(self):
        assert integrity.run_checks(self.ctx) == []
        for cid, expected in self.model.items():
            assert customers.get_customer(self.ctx, cid).balance == expected

    @invariant()
    def cache_is_the_recomputed_projection(self):
        assert_cache_is_the_projection(self.ctx)


def assert_cache_is_the_projection(ctx) -> None:
    """The stored allocations, open items and balances == ``domain.projection`` over the entries."""
    with ctx.read() as conn:
        target = ledger.recompute(conn, ctx.store_id)
        cached = {}
        for cid, credit, charge, amount in conn.exec_driver_sql(
                "SELECT customer_id, credit_entry_id, charge_entry_id, SUM(amount) FROM allocations "
                "GROUP BY 1, 2, 3 HAVING SUM(amount) != 0"):
            cached.setdefault(cid, [{}, {}, 0])[0][(credit, charge)] = amount
        for cid, eid, amount in conn.exec_driver_sql("SELECT customer_id, entry_id, open_amount FROM open_items"):
            cached.setdefault(cid, [{}, {}, 0])[1][eid] = amount
        for cid, balance in conn.exec_driver_sql("SELECT id, balance FROM customers"):
            cached.setdefault(cid, [{}, {}, 0])[2] = balance
    for cid, (allocations, open_amounts, balance) in cached.items():
        want = target.get(cid)
        assert (allocations, open_amounts, balance) == (
            (want.allocations, want.open_amounts, want.balance) if want else ({}, {}, 0)), cid


class AdvancesBook(RuleBasedStateMachine):
    """A store with advances allowed: overpayments, collections and write-offs beyond what is owed."""

    def __init__(self) -> None:
        super().__init__()
        self.dir, self.clock, self.ctx = new_book("possuite-stateful-adv-", "Advances", allow_advances=True)
        self.ids = [customers.add_customer(self.ctx, f"Customer {i}", f"98221{i:05d}").id for i in range(2)]
        self.bills: list[str] = []

    def teardown(self) -> None:
        self.ctx.engine.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)

    @rule(c=st.integers(0, 1), total=amounts, paid_share=st.integers(0, 250), apply=st.booleans(),
          method=st.sampled_from(["cash", "upi", "card"]))
    def sell(self, c, total, paid_share, apply, method):
        paid = total * paid_share // 100
        req = SaleRequest([line(total)], customer_id=self.ids[c], tenders=[Tender(method, paid)] if paid else [],
                          leave_pending=0 < paid < total, no_payment=paid == 0, apply_to_dues=apply)
        r = complete_sale(self.ctx, req)
        assert r.customer_balance == customers.get_customer(self.ctx, self.ids[c]).balance
        self.bills.append(r.number)

    @rule(c=st.integers(0, 1), amount=amounts)
    def collect(self, c, amount):
        r = collect_dues(self.ctx, self.ids[c], amount, "upi")
        assert r.remaining_balance == customers.get_customer(self.ctx, self.ids[c]).balance

    @rule(c=st.integers(0, 1), amount=st.integers(-100_000, 100_000).filter(bool))
    def adjust(self, c, amount):
        r = adjust(self.ctx, self.ids[c], amount, "stateful test")
        assert r.balance == customers.get_customer(self.ctx, self.ids[c]).balance

    @precondition(lambda self: self.bills)
    @rule(pick=st.integers(0, 10_000), refund=st.sampled_from(["cash", "account"]))
    def take_back(self, pick, refund):
        """Return a whole bill (it leaves the list: it can be neither voided nor returned again)."""
        number = self.bills.pop(pick % len(self.bills))
        line = returnable(self.ctx, number).lines[0]
        r = create_return(self.ctx, number, {line.id: line.qty}, refund, "stateful return")
        if r.customer_id:
            assert r.customer_balance == customers.get_customer(self.ctx, r.customer_id).balance

    @precondition(lambda self: self.bills)
    @rule(pick=st.integers(0, 10_000))
    def void(self, pick):
        r = void_bill(self.ctx, self.bills.pop(pick % len(self.bills)), "stateful void")
        if r.customer_id:
            assert r.customer_balance == customers.get_customer(self.ctx, r.customer_id).balance

    @rule(days=st.integers(1, 45))
    def time_passes(self, days):
        self.clock.set(self.clock.now() + timedelta(days=days))

    @invariant()
    def book_is_sound(self):
        assert integrity.run_checks(self.ctx) == []
        assert_cache_is_the_projection(self.ctx)


Book.TestCase.settings = settings(max_examples=25, stateful_step_count=20, deadline=None,
                                  suppress_health_check=[HealthCheck.too_slow])
test_random_ledger_histories_keep_every_invariant = Book.TestCase
AdvancesBook.TestCase.settings = settings(max_examples=15, stateful_step_count=20, deadline=None,
                                          suppress_health_check=[HealthCheck.too_slow])
test_random_histories_with_advances_keep_every_invariant = AdvancesBook.TestCase
