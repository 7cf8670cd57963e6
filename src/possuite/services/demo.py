"""Demo data: a realistic store to try possuite on, and its clean removal.

``create_demo(ctx, customers=40, bills=300, days=120, seed=None) -> DemoResult`` builds Indian customers
(unique valid mobile numbers), services and products with GST (loose henna sold by the kilogram and
supplement tablets sold by the tablet from a 10-strip among them), and bills spread over the last ``days`` days:
paid, part-paid, unpaid (so some become overdue), complimentary, split tenders, older dues paid with a new
bill, later collections, a few write-offs, voids and returns (credit notes), and one counted shift a trading
day. Everything goes THROUGH the real services (``checkout.complete_sale``, ``collections.collect_dues /
adjust / void_bill``, ``returns.create_return``, ``shifts``) on a clock moved back in time, so every
invariant holds; the context's ``demo`` flag numbers documents in their own series (``DEMO-26-0001``,
``DEMORCP-…``, ``DEMOADJ-…``, ``DEMOCN-…``, ``DEMOSHF-…``) and keeps receipts off the printer. Every created
row is then marked ``is_demo``.

``plan_demo_cleanup(ctx) -> DemoCleanup`` says what ``cleanup_demo(ctx) -> DemoCleanup`` removes: demo
customers with only demo history and all their bills, payments, adjustments, ledger entries and
allocations; demo walk-in bills; demo items no remaining bill uses. A demo customer with any real
(non-demo) bill, payment or adjustment is kept whole and reported. Ledger entries and allocations are
insert-only by trigger: the removal goes through the ledger's own path (``ledger.purge_demo_books``),
which the guards let through for demo customers it lists, all inside ONE write transaction; no trigger
is ever dropped. The audit log keeps its rows (it is the tamper record) and gains one "demo data
removed" entry.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

import phonenumbers
from sqlalchemy import bindparam, select, text, update

from possuite.db import models as m
from possuite.domain import gst, quantity
from possuite.domain.cart import Discount, compute_totals
from possuite.domain.clock import Clock
from possuite.domain.errors import CreditLimitExceeded, ValidationError
from possuite.domain.ledger import Tender
from possuite.services import audit, catalog, checkout, collections, customers, ledger, returns, shifts
from possuite.services.context import CASHIER, OWNER, Actor, Context
from possuite.services.permissions import DEMO, require

FIRST = ["Aarav", "Vivaan", "Aditya", "Arjun", "Sai", "Reyansh", "Krishna", "Ishaan", "Rohan", "Kabir", "Rahul",
         "Vikram", "Siddharth", "Karthik", "Manoj", "Suresh", "Rajesh", "Amit", "Nikhil", "Pranav", "Ananya",
         "Diya", "Aadhya", "Saanvi", "Priya", "Kavya", "Isha", "Meera", "Lakshmi", "Pooja", "Sneha", "Neha",
         "Deepika", "Swati", "Shreya", "Divya", "Anjali", "Nandini", "Fatima", "Ayesha", "Zoya", "Imran",
         "Farhan", "Gurpreet", "Harpreet", "Simran", "Joseph", "Mary", "Thomas", "Anita"]
LAST = ["Sharma", "Verma", "Gupta", "Iyer", "Nair", "Reddy", "Rao", "Patel", "Shah", "Mehta", "Joshi",
        "Kulkarni", "Deshpande", "Pillai", "Menon", "Das", "Banerjee", "Chatterjee", "Mukherjee", "Singh",
        "Kaur", "Khan", "Qureshi", "Fernandes", "D'Souza", "Agarwal", "Bansal", "Chauhan", "Yadav", "Naidu"]
NOTES = ["Prefers Sunday appointments", "Allergic to ammonia hair colour", "Pays at month end", "Family account",
         "Referred by a friend", ""]
# (name, price in major units, GST %, tax inclusive, kind, sku, barcode, HSN or SAC)
# SAC 999721: hairdressing and barbers' services; 999722: cosmetic treatment, manicure and pedicure.
ITEMS = [
    ("Haircut - Men", 250, 18, False, "service", "DEMO-HCM", None, "999721"),
    ("Haircut - Women", 600, 18, False, "service", "DEMO-HCW", None, "999721"),
    ("Beard Trim", 150, 18, False, "service", "DEMO-BRD", None, "999721"),
    ("Hair Colour (Global)", 1800, 18, False, "service", "DEMO-CLR", None, "999721"),
    ("Hair Spa", 1200, 18, False, "service", "DEMO-SPA", None, "999721"),
    ("Facial - Fruit", 900, 18, False, "service", "DEMO-FCF", None, "999722"),
    ("Facial - Gold", 2200, 18, False, "service", "DEMO-FCG", None, "999722"),
    ("Manicure", 500, 18, False, "service", "DEMO-MNC", None, "999722"),
    ("Pedicure", 650, 18, False, "service", "DEMO-PDC", None, "999722"),
    ("Threading - Eyebrows", 60, 18, False, "service", "DEMO-THR", None, "999722"),
    ("Waxing - Full Arms", 450, 18, False, "service", "DEMO-WAX", None, "999722"),
    ("Head Massage", 400, 18, False, "service", "DEMO-HMS", None, "999722"),
    ("Bridal Makeup", 15000, 18, False, "service", "DEMO-BRM", None, "999722"),
    ("Herbal Shampoo 200 ml", 349, 18, True, "product", "DEMO-SHP", "8901030000011", "330510"),
    ("Coconut Hair Oil 300 ml", 199, 18, True, "product", "DEMO-OIL", "8901030000028", "330590"),
    ("Neem Face Wash 100 ml", 275, 18, True, "product", "DEMO-FWS", "8901030000035", "330499"),
    ("Henna Powder 250 g", 120, 5, True, "product", "DEMO-HNA", "8901030000042", "140490"),
    ("Wooden Comb", 80, 12, True, "product", "DEMO-CMB", "8901030000059", "961590"),
]
#: Loose and strip goods, so the demo shows quantities in thousandths on the screen, receipts and reports:
#: (name, price in major units per kg / per strip, GST %, tax inclusive, kind, sku, barcode, HSN, unit, pack size).
#: HSN 140490: henna and other vegetable products; 210690: food preparations (supplement tablets).
LOOSE_ITEMS = [
    ("Henna Powder (loose)", 480, 5, True, "product", "DEMO-HNL", None, "140490", "kg", 1),
    ("Biotin Tablets 10 mg", 150, 18, True, "product", "DEMO-BIO", None, "210690", "strip", 10),
]
#: What a demo bill sells of a loose or strip item: thousandths of a kilogram, or tablets (thousandths each).
LOOSE_QTYS = {"kg": (250, 500, 750, 1000, 1250, 1500, 2000), "strip": tuple(n * 1000 for n in (3, 5, 10, 15, 20))}
#: Business customers (B2B: GSTIN and state): a demo customer every BUSINESS_EVERY becomes one of these,
#: in the store's own state or another (then its bills carry IGST).
BUSINESSES = ["Sunrise Events LLP", "Lotus Wedding Planners", "Studio Nine Films", "Kaveri Hotels Pvt Ltd",
              "Greenleaf Wellness Co", "Marigold Banquets"]
BUSINESS_EVERY = 6
OTHER_STATES = ("29", "27", "33", "07")
COMP_REASONS = ["Owner's family", "Birthday treat for a regular", "Make-good for a long wait", "VIP client"]
WRITEOFF_REASONS = ["Settled with a discount", "Customer moved away"]
RETURN_REASONS = ["Wrong size", "Damaged packaging", "Changed their mind", "Allergic to the product",
                  "Service not completed"]
OWNER_ACTOR = Actor("Owner (demo)", OWNER)
CASHIERS = [Actor("Meena (demo)", CASHIER), Actor("Ravi (demo)", CASHIER)]


class _DemoClock(Clock):
    """The demo's own clock, moved forward through the past months event by event."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


@dataclass(frozen=True)
class DemoResult:
    customers: int
    items: int
    bills: int
    collections: int
    writeoffs: int
    voids: int
    complimentary: int
    date_from: str
    date_to: str
    returns: int = 0
    shifts: int = 0

    def as_json(self) -> dict:
        return dict(self.__dict__)


def _phones(rng: random.Random, n: int, taken: set[str]) -> list[str]:
    """``n`` distinct Indian mobile numbers (valid and of the mobile type), none already in the store."""
    out: list[str] = []
    while len(out) < n:
        digits = rng.choice("6789") + "".join(rng.choice("0123456789") for _ in range(9))
        num = phonenumbers.PhoneNumber(country_code=91, national_number=int(digits))
        e164 = "+91" + digits
        if e164 not in taken and phonenumbers.number_type(num) == phonenumbers.PhoneNumberType.MOBILE:
            taken.add(e164)
            out.append(f"+91 {digits[:5]} {digits[5:]}")
    return out


def _demo_items(ctx: Context) -> tuple[list, int]:
    """The demo catalog (reused when an earlier demo left it), and how many items were created."""
    it = m.Item.__table__
    with ctx.read() as conn:
        rows = conn.execute(select(it).where(it.c.store_id == ctx.store_id, it.c.is_demo.is_(True),
                                             it.c.active.is_(True))).mappings().all()
        taken = {v for r in conn.execute(select(it.c.sku, it.c.barcode).where(it.c.store_id == ctx.store_id))
                 for v in r if v}
    if rows:
        return list(rows), 0
    scale = ctx.currency.minor_per_major
    ids = [catalog.add_item(ctx, name, price * scale, sku=None if sku in taken else sku,
                            barcode=None if barcode in taken else barcode, tax_rate=gst * 100,
                            tax_inclusive=incl, kind=kind, hsn=hsn, unit=unit, pack_size=pack).id
           for name, price, gst, incl, kind, sku, barcode, hsn, unit, pack in
           [(*row, "piece", None) for row in ITEMS] + LOOSE_ITEMS]
    _mark(ctx, it, ids)
    with ctx.read() as conn:
        rows = conn.execute(select(it).where(it.c.id.in_(ids))).mappings().all()
    return list(rows), len(ids)


def _mark(ctx: Context, table, ids: list[str]) -> None:
    if ids:
        with ctx.write() as conn:
            conn.execute(update(table).where(table.c.id.in_(bindparam("ids", expanding=True)))
                         .values(is_demo=True), {"ids": ids})


def _round_up(amount: int, step: int) -> int:
    return -(-amount // step) * step


def create_demo(ctx: Context, customers_n: int = 40, bills_n: int = 300, *, days: int = 120,
                seed: int | None = None, progress: Callable[[int, int], None] | None = None) -> DemoResult:
    """Fill the store with demo data ending at the context's "now" (see the module docstring).

    ``progress(done, total)`` is called as the events (bills, collections, write-offs) are posted.
    """
    require(ctx, DEMO)
    if not 1 <= customers_n <= 5000:
        raise ValidationError("customers", "must be between 1 and 5000")
    if not 0 <= bills_n <= 20000:
        raise ValidationError("bills", "must be between 0 and 20000")
    if not 7 <= days <= 730:
        raise ValidationError("days", "must be between 7 and 730")
    rng = random.Random(seed)
    end = ctx.clock.now()
    start_day = end.date() - timedelta(days=days)
    clock = _DemoClock(datetime.combine(start_day, time(9, 30)))
    dctx = replace(ctx, clock=clock, demo=True, actor=OWNER_ACTOR)
    scale = ctx.currency.minor_per_major
    cust_ids: list[str] = []
    bill_ids: list[str] = []
    counts = {"collections": 0, "writeoffs": 0, "voids": 0, "complimentary": 0, "returns": 0, "shifts": 0}
    drawer = _DemoDrawer(dctx, rng, clock, counts, end)
    items, items_made = _demo_items(dctx)
    try:
        with ctx.read() as conn:
            taken = set(conn.execute(text("SELECT phone_e164 FROM customers WHERE store_id = :s AND phone_e164 "
                                          "IS NOT NULL"), {"s": ctx.store_id}).scalars())
        for phone in _phones(rng, customers_n, taken):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            limit = rng.choice([None, None, None, 5000 * scale, 20000 * scale])
            cust_ids.append(customers.add_customer(dctx, name, phone, credit_limit=limit,
                                                   notes=rng.choice(NOTES)).id)
        _demo_businesses(dctx, random.Random(None if seed is None else f"gst-{seed}"), cust_ids)
        _mark(ctx, m.Customer.__table__, cust_ids)
        # Events in time order: bills through the opening hours, collections and write-offs between them.
        span = max(int((end - clock.at).total_seconds()) - 3600, 3600)
        times = sorted(clock.at + timedelta(seconds=rng.randrange(span)) for _ in range(bills_n))
        times = [t if 10 <= t.hour < 21 else t.replace(hour=rng.randrange(10, 21)) for t in times]
        times = sorted(t for t in times if t < end)
        events = [(t, "bill") for t in times]
        events += [(clock.at + timedelta(seconds=rng.randrange(span)), "collect") for _ in range(max(bills_n // 8, 1))]
        events += [(clock.at + timedelta(seconds=rng.randrange(span)), "writeoff")
                   for _ in range(max(bills_n // 150, 0))]
        events.sort()
        for done, (when, kind) in enumerate(events, start=1):
            if progress and (done % 25 == 0 or done == len(events)):
                progress(done, len(events))
            drawer.day_of(when)        # the day's shift: the last one closed, today's opened
            clock.at = max(clock.at, when)
            if kind == "bill":
                result = _demo_bill(dctx, rng, items, cust_ids, counts, first=not bill_ids)
                if result is not None:
                    bill_ids.append(result.bill_id)
                    if rng.random() < 0.03:
                        clock.at = min(clock.at + timedelta(minutes=rng.randrange(5, 40)), end)
                        collections.void_bill(dctx, result.number, rng.choice(["Wrong items billed",
                                                                                "Customer cancelled"]))
                        counts["voids"] += 1
                    elif rng.random() < 0.05:
                        clock.at = min(clock.at + timedelta(minutes=rng.randrange(10, 600)), end)
                        _demo_return(dctx, rng, result, counts)
            else:
                _demo_dues(dctx, rng, cust_ids, kind, counts)
            clock.at = min(clock.at + timedelta(seconds=rng.randrange(30, 300)), end)
        drawer.close()
    finally:
        _mark_documents(ctx, cust_ids, bill_ids)
    with ctx.write() as conn:
        audit.record(conn, ctx, "demo data created", "", "", customers=len(cust_ids), bills=len(bill_ids))
    return DemoResult(len(cust_ids), items_made, len(bill_ids), counts["collections"], counts["writeoffs"],
                      counts["voids"], counts["complimentary"], start_day.isoformat(), end.date().isoformat(),
                      counts["returns"], counts["shifts"])


class _DemoDrawer:
    """One demo shift a trading day: a cashier opens it with a float, a tea or a bank drop goes out now and
    then, and the owner counts it at closing time, now and then a little short or over."""

    def __init__(self, ctx: Context, rng: random.Random, clock: _DemoClock, counts: dict, end: datetime) -> None:
        self.ctx, self.rng, self.clock, self.counts, self.end = ctx, rng, clock, counts, end
        self.day = None

    def day_of(self, when: datetime) -> None:
        if self.day == when.date():
            return
        self.close()
        scale = self.ctx.currency.minor_per_major
        self.clock.at = max(self.clock.at, when - timedelta(minutes=5))
        shifts.open_shift(self.ctx.as_actor(self.rng.choice(CASHIERS)), self.rng.choice([1000, 2000, 3000]) * scale)
        self.day = when.date()
        self.counts["shifts"] += 1

    def close(self) -> None:
        if self.day is None:
            return
        scale = self.ctx.currency.minor_per_major
        closing = min(datetime.combine(self.day, time(21, 15)), self.end)   # today's: closed at "now"
        self.clock.at = max(self.clock.at, closing)
        owner = self.ctx.as_actor(OWNER_ACTOR)
        expected = shifts.shift_report(owner).expected_cash
        if self.rng.random() < 0.3 and expected > 500 * scale:
            shifts.move_cash(owner, "out", self.rng.choice([100, 150, 200]) * scale,
                             self.rng.choice(["Tea and snacks", "Cleaning supplies", "Courier"]))
            expected = shifts.shift_report(owner).expected_cash
        counted = max(expected + self.rng.choice([0, 0, 0, 0, 0, -10, -50, 20]) * scale, 0)
        shifts.close_shift(owner, counted=counted, note="" if counted == expected else "counted at closing")
        self.day = None


def _demo_businesses(ctx: Context, rng: random.Random, cust_ids: list[str]) -> None:
    """Every ``BUSINESS_EVERY``-th demo customer becomes a business with a valid GSTIN (its own random
    generator, so the rest of the demo is the one the same seed always made)."""
    if ctx.store.country != "IN":
        return
    home = ctx.store.state
    for n, cid in enumerate(cust_ids[::BUSINESS_EVERY]):
        state = home if (n % 2 == 0 and home) else rng.choice([s for s in OTHER_STATES if s != home])
        pan = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3)) + rng.choice("CFP") + \
            rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + f"{rng.randrange(10000):04d}" + \
            rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        first14 = f"{state}{pan}1Z"
        customers.edit_customer(ctx, cid, name=BUSINESSES[n % len(BUSINESSES)],
                                gstin=first14 + gst.gstin_check_character(first14))


def _demo_qty(rng: random.Random, item) -> int | None:
    """What a demo line sells: 1.25 kg of a loose item, some tablets of a strip, a piece or two of a product,
    one of a service (thousandths: domain/quantity.py)."""
    if item["unit"] in LOOSE_QTYS:
        return rng.choice(LOOSE_QTYS[item["unit"]])
    return rng.choice([1, 1, 1, 2]) * quantity.SCALE if item["kind"] == "product" else None


def _demo_bill(ctx: Context, rng: random.Random, items: list, cust_ids: list[str], counts: dict,
               first: bool = False):
    """One demo sale; the ``first`` one sells every loose and strip item, so even a tiny demo shows them."""
    picks = rng.sample(items, k=rng.choice([1, 1, 1, 2, 2, 3]))
    if first:
        picks = [i for i in items if i["unit"] in LOOSE_QTYS] + [i for i in picks if i["unit"] not in LOOSE_QTYS]
    registration = ctx.store.gst_registration
    lines = [catalog.cart_line(catalog.item_view(i), registration, _demo_qty(rng, i)) for i in picks]
    discount = Discount(percent_bp=1000) if rng.random() < 0.08 else Discount()
    total = compute_totals(lines, discount).total
    cashier = rng.choice(CASHIERS)
    walk_in = rng.random() < 0.3
    req = checkout.SaleRequest(lines=lines, discount=discount)
    roll = rng.random()
    if walk_in:
        req.tenders = _full_tenders(rng, total)
    else:
        cust_id = rng.choice(cust_ids)
        req.customer_id = cust_id
        balance = customers.get_customer(ctx, cust_id).balance
        # Credit the customer holds (a return refunded to the account) settles the bill first: tender the rest.
        total = max(total + min(balance, 0), 0)
        if roll < 0.05:
            req.complimentary, req.reason = True, rng.choice(COMP_REASONS)
            cashier = OWNER_ACTOR
            req.discount = Discount()
        elif roll < 0.17:
            req.no_payment = True
        elif roll < 0.33:
            part = _round_up(total * rng.randrange(20, 80) // 100, 10 * 100)
            if 0 < part < total:
                req.tenders, req.leave_pending = [Tender(rng.choice(["cash", "upi"]), part)], True
            else:
                req.no_payment = True
        elif roll < 0.43 and balance > 0:
            extra = min(balance, _round_up(balance * rng.randrange(30, 101) // 100, 100))
            req.tenders = [Tender(rng.choice(["upi", "card", "cash"]), total + extra)]
        elif roll < 0.53 and total > 20000:
            cash = _round_up(total // 2, 10000)
            req.tenders = [Tender("upi", total - cash), Tender("cash", cash)] if cash < total else \
                _full_tenders(rng, total)
        elif total:
            req.tenders = _full_tenders(rng, total)
    try:
        result = checkout.complete_sale(ctx.as_actor(cashier), req)
    except CreditLimitExceeded:
        authorised = replace(cashier, authorised_by=OWNER_ACTOR.name)
        result = checkout.complete_sale(ctx.as_actor(authorised), req)
    if req.complimentary:
        counts["complimentary"] += 1
    return result


def _demo_return(ctx: Context, rng: random.Random, sale, counts: dict) -> None:
    """A customer brings part of a bill back: one line (some or all of it), refunded by a tender or to the
    account (``services.returns``, the till's own path)."""
    bill = returns.returnable(ctx, sale.number)
    line = rng.choice(bill.lines)
    methods = bill.refund_methods or ("cash",)
    # some or all of the line, in whole units (thousandths: domain/quantity.py)
    qty = (rng.randint(1, line.returnable // quantity.SCALE) * quantity.SCALE if line.returnable >= quantity.SCALE
           else line.returnable)
    returns.create_return(ctx, sale.number, {line.id: qty}, rng.choice(methods), rng.choice(RETURN_REASONS))
    counts["returns"] += 1


def _full_tenders(rng: random.Random, total: int) -> list[Tender]:
    method = rng.choices(["cash", "upi", "card"], weights=[5, 4, 2])[0]
    if method == "cash":
        return [Tender("cash", _round_up(total, rng.choice([1000, 5000, 10000, 50000])))]
    return [Tender(method, total)]


def _demo_dues(ctx: Context, rng: random.Random, cust_ids: list[str], kind: str, counts: dict) -> None:
    owing = [v for v in customers.get_customers_by_ids(ctx, cust_ids).values() if v.balance > 0]
    if not owing:
        return
    c = rng.choice(owing)
    if kind == "collect":
        amount = c.balance if rng.random() < 0.5 else max(min(_round_up(c.balance // 2, 10000), c.balance), 1)
        collections.collect_dues(ctx.as_actor(rng.choice(CASHIERS)), c.id, amount,
                                 rng.choice(["cash", "upi", "upi", "card"]))
        counts["collections"] += 1
    else:
        collections.adjust(ctx, c.id, -min(c.balance, _round_up(c.balance // 10, 100)),
                           rng.choice(WRITEOFF_REASONS))
        counts["writeoffs"] += 1


def _mark_documents(ctx: Context, cust_ids: list[str], bill_ids: list[str]) -> None:
    """Flag what the demo wrote: its bills, and every payment/adjustment of its bills and customers."""
    _mark(ctx, m.Bill.__table__, bill_ids)
    P, ADJ = m.Payment.__table__, m.Adjustment.__table__
    with ctx.write() as conn:
        for table, cond in ((P, P.c.customer_id.in_(bindparam("c", expanding=True))
                             | P.c.bill_id.in_(bindparam("b", expanding=True))),
                            (ADJ, ADJ.c.customer_id.in_(bindparam("c", expanding=True)))):
            conn.execute(update(table).where(table.c.store_id == ctx.store_id, cond).values(is_demo=True),
                         {"c": cust_ids or [""], "b": bill_ids or [""]})


# ---------------------------------------------------------------- removal


@dataclass(frozen=True)
class KeptCustomer:
    id: str
    name: str
    reason: str

    def as_json(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class DemoCleanup:
    """What a demo removal takes away (``removed`` False: only planned) and what it keeps."""

    customers: int
    items: int
    bills: int
    payments: int
    adjustments: int
    ledger_entries: int
    allocations: int
    kept_customers: list[KeptCustomer]
    kept_items: int            # demo items a remaining bill still names
    kept_bills: int            # demo bills of kept customers (or walk-in bills with real refunds)
    removed: bool

    @property
    def nothing(self) -> bool:
        return not (self.customers or self.items or self.bills or self.payments or self.adjustments)

    def lines(self) -> list[str]:
        verb = "Removed" if self.removed else "Would remove"
        out = [f"{verb}: {self.customers} customers, {self.items} items, {self.bills} bills, "
               f"{self.payments} payments, {self.adjustments} adjustments, {self.ledger_entries} ledger entries, "
               f"{self.allocations} allocations."]
        for k in self.kept_customers:
            out.append(f"Kept demo customer {k.name} ({k.id}): {k.reason}.")
        if self.kept_bills:
            out.append(f"Kept {self.kept_bills} demo bill(s) of kept customers.")
        if self.kept_items:
            out.append(f"Kept {self.kept_items} demo item(s) that remaining bills name.")
        return out

    def as_json(self) -> dict:
        d = {k: v for k, v in self.__dict__.items() if k != "kept_customers"}
        d["kept_customers"] = [k.as_json() for k in self.kept_customers]
        return d


# Temporary tables of what goes, filled once and used by the counts and the deletes.
_SELECT_SQL = [
    "CREATE TEMP TABLE demo_kept AS SELECT c.id, c.name, "
    " (SELECT COUNT(*) FROM bills b WHERE b.customer_id = c.id AND b.is_demo = 0) AS bills, "
    " (SELECT COUNT(*) FROM payments p WHERE p.customer_id = c.id AND p.is_demo = 0) AS payments, "
    " (SELECT COUNT(*) FROM adjustments a WHERE a.customer_id = c.id AND a.is_demo = 0) AS adjustments "
    "FROM customers c WHERE c.store_id = :s AND c.is_demo = 1 AND ("
    " EXISTS (SELECT 1 FROM bills b WHERE b.customer_id = c.id AND b.is_demo = 0) OR "
    " EXISTS (SELECT 1 FROM payments p WHERE p.customer_id = c.id AND p.is_demo = 0) OR "
    " EXISTS (SELECT 1 FROM adjustments a WHERE a.customer_id = c.id AND a.is_demo = 0))",
    "CREATE TEMP TABLE demo_customers AS SELECT id FROM customers WHERE store_id = :s AND is_demo = 1 "
    " AND id NOT IN (SELECT id FROM demo_kept)",
    "CREATE TEMP TABLE demo_bills AS SELECT id, number FROM bills b WHERE b.store_id = :s AND b.is_demo = 1 AND ("
    " b.customer_id IN (SELECT id FROM demo_customers) OR (b.customer_id IS NULL AND NOT EXISTS ("
    "  SELECT 1 FROM payments p WHERE p.bill_id = b.id AND p.is_demo = 0)))",
    "CREATE TEMP TABLE demo_items AS SELECT id FROM items i WHERE i.store_id = :s AND i.is_demo = 1 AND NOT EXISTS ("
    " SELECT 1 FROM bill_lines l WHERE l.item_id = i.id AND l.bill_id NOT IN (SELECT id FROM demo_bills))",
]
_COUNT_SQL = (
    "SELECT (SELECT COUNT(*) FROM demo_customers) AS customers, (SELECT COUNT(*) FROM demo_items) AS items, "
    " (SELECT COUNT(*) FROM demo_bills) AS bills, "
    " (SELECT COUNT(*) FROM payments WHERE store_id = :s AND (customer_id IN (SELECT id FROM demo_customers) "
    "   OR (customer_id IS NULL AND bill_id IN (SELECT id FROM demo_bills)))) AS payments, "
    " (SELECT COUNT(*) FROM adjustments WHERE customer_id IN (SELECT id FROM demo_customers)) AS adjustments, "
    " (SELECT COUNT(*) FROM ledger_entries WHERE customer_id IN (SELECT id FROM demo_customers)) AS ledger_entries, "
    " (SELECT COUNT(*) FROM allocations WHERE customer_id IN (SELECT id FROM demo_customers)) AS allocations, "
    " (SELECT COUNT(*) FROM items WHERE store_id = :s AND is_demo = 1) AS demo_items_all, "
    " (SELECT COUNT(*) FROM bills WHERE store_id = :s AND is_demo = 1) AS demo_bills_all"
)
_DELETE_SQL = [
    "UPDATE items SET sold_qty = MAX(0, sold_qty - COALESCE((SELECT SUM(l.qty) FROM bill_lines l "
    " WHERE l.item_id = items.id AND l.bill_id IN (SELECT id FROM demo_bills)), 0)) "
    "WHERE store_id = :s AND id NOT IN (SELECT id FROM demo_items)",
    "DELETE FROM print_jobs WHERE store_id = :s AND document_ref IN (SELECT number FROM demo_bills)",
    ledger.purge_demo_books,   # entries, allocations, open items (the ledger's own removal path)
    "DELETE FROM payments WHERE store_id = :s AND (customer_id IN (SELECT id FROM demo_customers) "
    " OR (customer_id IS NULL AND bill_id IN (SELECT id FROM demo_bills)))",
    "DELETE FROM adjustments WHERE customer_id IN (SELECT id FROM demo_customers)",
    "DELETE FROM credit_note_lines WHERE bill_id IN (SELECT id FROM demo_bills)",
    "DELETE FROM credit_notes WHERE bill_id IN (SELECT id FROM demo_bills)",
    "DELETE FROM bill_lines WHERE bill_id IN (SELECT id FROM demo_bills)",
    "DELETE FROM bills WHERE id IN (SELECT id FROM demo_bills)",
    "DELETE FROM customers WHERE id IN (SELECT id FROM demo_customers)",
    "DELETE FROM items WHERE id IN (SELECT id FROM demo_items)",
    "DELETE FROM shift_cash_moves WHERE shift_id IN (SELECT id FROM shifts WHERE store_id = :s AND is_demo = 1)",
    "DELETE FROM shifts WHERE store_id = :s AND is_demo = 1",
]
_DROP_TEMP = ["DROP TABLE IF EXISTS temp.demo_kept", "DROP TABLE IF EXISTS temp.demo_customers",
              "DROP TABLE IF EXISTS temp.demo_bills", "DROP TABLE IF EXISTS temp.demo_items"]


def _plan(conn, ctx: Context, removed: bool) -> DemoCleanup:
    for sql in _DROP_TEMP + _SELECT_SQL:
        conn.execute(text(sql), {"s": ctx.store_id})
    kept = []
    for r in conn.execute(text("SELECT id, name, bills, payments, adjustments FROM demo_kept ORDER BY name")):
        bits = [f"{n} real {what}" for n, what in ((r.bills, "bill(s)"), (r.payments, "payment(s)"),
                                                   (r.adjustments, "adjustment(s)")) if n]
        kept.append(KeptCustomer(r.id, r.name, "has " + ", ".join(bits)))
    c = conn.execute(text(_COUNT_SQL), {"s": ctx.store_id}).mappings().one()
    return DemoCleanup(c["customers"], c["items"], c["bills"], c["payments"], c["adjustments"],
                       c["ledger_entries"], c["allocations"], kept, c["demo_items_all"] - c["items"],
                       c["demo_bills_all"] - c["bills"], removed)


def plan_demo_cleanup(ctx: Context) -> DemoCleanup:
    """What ``cleanup_demo`` would remove and keep (changes nothing)."""
    require(ctx, DEMO)
    with ctx.read() as conn:    # temp tables only, rolled back with the read
        return _plan(conn, ctx, removed=False)


def cleanup_demo(ctx: Context) -> DemoCleanup:
    """Remove the demo rows (see the module docstring) in one transaction; the book stays sound."""
    require(ctx, DEMO)
    with ctx.write() as conn:
        plan = _plan(conn, ctx, removed=True)
        for sql in _DELETE_SQL:
            if callable(sql):
                sql(conn, ctx, "SELECT id FROM demo_customers")
            else:
                conn.execute(text(sql), {"s": ctx.store_id})
        left = conn.execute(text("SELECT (SELECT COUNT(*) FROM bills WHERE store_id = :s AND is_demo = 1) + "
                                 "(SELECT COUNT(*) FROM payments WHERE store_id = :s AND is_demo = 1) + "
                                 "(SELECT COUNT(*) FROM adjustments WHERE store_id = :s AND is_demo = 1) + "
                                 "(SELECT COUNT(*) FROM credit_notes WHERE store_id = :s AND is_demo = 1)"),
                            {"s": ctx.store_id}).scalar_one()
        if not left:   # no demo document remains: the next demo numbers from 1 again
            conn.execute(text("DELETE FROM sequences WHERE store_id = :s AND series LIKE 'DEMO%'"),
                         {"s": ctx.store_id})
        for sql in _DROP_TEMP:
            conn.execute(text(sql))
        audit.record(conn, ctx, "demo data removed", "", "", **{k: v for k, v in plan.as_json().items()
                                                               if isinstance(v, int)})
    return plan
