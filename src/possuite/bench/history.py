"""The synthetic store's trading history, simulated day by day and written as rows (``builder`` runs it).

Customers (Indian names, unique mobile numbers), items, bills with lines, payments (split tenders, cash
with change), the customer ledger (charges, credits, allocations oldest first), collections of dues,
open items and the cached projections (balances, visits, total spent, last visit and payment, items
sold), with gapless invoice and receipt numbers per year. Everything is kept consistent the way the
services keep it, so the integrity check finds nothing.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections import deque
from collections.abc import Callable
from datetime import date, timedelta

from possuite.bench.names import FIRST_NAMES, PRODUCTS, SERVICES, SURNAMES, VARIANTS
from possuite.bench.scales import BENCH_NOW, Scale
from possuite.domain.cart import CartLine, compute_totals
from possuite.services.phones import display_phone

OWNER = "Owner"
REPORT_INVOICES = 1000
SMALL_REPORT_INVOICES = 10
STATEMENT_BILLS = 250            # each paid in one tender: 500 ledger movements
CREDIT_DAYS = 30
TS = "{} {:02d}:{:02d}:{:02d}.000000"  # SQLAlchemy's DateTime text form on SQLite
_BATCH = 50_000

Progress = Callable[[str], None]


def _day_counts(rng: random.Random, scale: Scale, report_day: int, small_day: int) -> list[int]:
    rest = scale.bills - REPORT_INVOICES - SMALL_REPORT_INVOICES
    weights = [0.0 if d in (report_day, small_day) else rng.uniform(0.6, 1.4) for d in range(scale.days)]
    total_w = sum(weights)
    counts = [int(rest * w / total_w) for w in weights]
    short = rest - sum(counts)
    d = 0
    while short > 0:
        if weights[d % scale.days]:
            counts[d % scale.days] += 1
            short -= 1
        d += 1
    counts[report_day] = REPORT_INVOICES
    counts[small_day] = SMALL_REPORT_INVOICES
    return counts


class _Rows:
    """Rows for one table, written in large ``executemany`` batches."""

    def __init__(self, con: sqlite3.Connection, table: str, cols: str, literals: dict[str, str] | None = None):
        names = [c.strip() for c in cols.split(",")]
        lit = literals or {}
        self.sql = (f"INSERT INTO {table}({', '.join(names + list(lit))}) VALUES "
                    f"({', '.join(['?'] * len(names) + list(lit.values()))})")
        self.con = con
        self.rows: list[tuple] = []
        self.count = 0

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.con.executemany(self.sql, self.rows)
            self.count += len(self.rows)
            self.rows = []


class History:
    """Day-by-day simulation of a shop's trading, written as rows."""

    def __init__(self, con: sqlite3.Connection, scale: Scale, store_id: str, owner_id: str, say: Progress):
        self.con, self.scale, self.say = con, scale, say
        self.rng = random.Random(scale.seed)
        s = f"'{store_id}'"
        who = {"store_id": s, "user_name": f"'{OWNER}'"}
        self.customers = _Rows(con, "customers", "id, name, name_key, phone, phone_e164, phone_digits, "
                               "phone_display, active, balance, visits, total_spent, last_visit, last_payment_at, "
                               "deactivated_reason",
                               {"store_id": s, "notes": "''", "credit_limit": "NULL", "is_demo": "0",
                                "created_at": "?", "updated_at": "?"})
        self.items = _Rows(con, "items", "id, name, name_key, sku, barcode, price, tax_rate_bp, tax_inclusive, kind, "
                           "sold_qty", {"store_id": s, "active": "1", "is_demo": "0", "created_at": "?"})
        self.bills = _Rows(con, "bills", "id, number, seq, customer_id, posted_at, business_date, due_date, subtotal, "
                           "tax, total, retail_value, complimentary, comp_reason, outcome, previous_balance, "
                           "tendered, change, charge_entry_id, authorised_by",
                           {**who, "user_id": f"'{owner_id}'", "discount": "0", "applied_to_previous": "0",
                            "advance_used": "0", "note": "''", "voided_at": "NULL", "void_reason": "''",
                            "voided_by": "NULL", "is_demo": "0"})
        self.lines = _Rows(con, "bill_lines", "id, bill_id, position, item_id, description, kind, qty, unit_price, "
                           "tax_rate_bp, tax_inclusive, net, tax, amount",
                           {"store_id": s, "line_discount": "0", "bill_discount": "0"})
        self.payments = _Rows(con, "payments", "id, number, seq, kind, bill_id, customer_id, method, tendered, "
                              "amount, change, posted_at, business_date, credit_entry_id, previous_balance, "
                              "remaining_balance",
                              {**who, "user_id": f"'{owner_id}'", "reference": "''", "note": "''", "is_demo": "0"})
        self.ledger = _Rows(con, "ledger_entries", "id, customer_id, kind, amount, bill_id, payment_id, document, "
                            "posted_at, due_date",
                            {**who, "adjustment_id": "NULL", "authorised_by": "NULL", "note": "''"})
        self.allocs = _Rows(con, "allocations", "id, customer_id, credit_entry_id, charge_entry_id, amount, "
                            "created_at", {"store_id": s})
        self.open_items = _Rows(con, "open_items", "entry_id, customer_id, side, open_amount, due_date, posted_at, "
                                "bill_id", {"store_id": s})
        self.store_id = store_id
        self.n = {"bill": 0, "line": 0, "pay": 0, "entry": 0, "alloc": 0}
        self.seq: dict[tuple[str, int], int] = {}

    # -- ids and numbers ---------------------------------------------------------------------
    def _id(self, kind: str, tag: str) -> str:
        self.n[kind] += 1
        return f"{tag}{self.n[kind]:024d}"

    def _number(self, series: str, day: date) -> tuple[str, int]:
        key = (series, day.year)
        seq = self.seq.get(key, 0) + 1
        self.seq[key] = seq
        return f"{series}-{day.year % 100:02d}-{seq:04d}", seq

    # -- the master data -----------------------------------------------------------------------
    def _make_customers(self) -> None:
        rng, n = self.rng, self.scale.customers
        phones = rng.sample(range(6_000_000_000, 10_000_000_000), n)
        self.cust_ids = [f"0C{i:024d}" for i in range(n)]
        self.cust_names = []
        for _ in range(n):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
            if rng.random() < 0.15:
                name = f"{name.split()[0]} {rng.choice('ABCDEGKMNPRSV')}. {name.split()[1]}"
            self.cust_names.append(name)
        self.phones = [str(p) for p in phones]
        self.active = [rng.random() >= 0.01 or i == 0 for i in range(n)]
        self.balance = [0] * n
        self.visits = [0] * n
        self.spent = [0] * n
        self.last_visit: list[str | None] = [None] * n
        self.last_pay: list[str | None] = [None] * n
        self.open_q: list[deque | None] = [None] * n

    def _flush_customers(self, created: str) -> None:
        rng = random.Random(self.scale.seed + 1)
        for i in range(self.scale.customers):
            d = self.phones[i]
            typed = rng.choice((d, f"{d[:5]} {d[5:]}", f"+91 {d[:5]} {d[5:]}", f"0{d}"))
            name = self.cust_names[i]
            active = self.active[i]
            self.customers.add((self.cust_ids[i], name, name.casefold(), typed, f"+91{d}", d,
                                display_phone(f"+91{d}", typed), int(active),
                                self.balance[i], self.visits[i], self.spent[i], self.last_visit[i], self.last_pay[i],
                                "" if active else "Moved away", created, created))
        self.customers.flush()

    def _make_items(self, created: str) -> None:

        rng = self.rng
        self.item_rows = []
        for i in range(self.scale.items):
            service = rng.random() < 0.7
            base = rng.choice(SERVICES if service else PRODUCTS)
            name = f"{base} {rng.choice(VARIANTS)} {i:05d}"
            price = rng.choice((5_000, 9_900, 15_000, 25_000, 35_000, 49_900, 75_000, 120_000, 250_000, 450_000))
            bp = rng.choice((0, 500, 1200, 1800, 1800, 1800))
            incl = bool(bp) and rng.random() < 0.5
            kind = "service" if service else "product"
            lines = []
            for qty in (1, 2):
                lt = compute_totals([CartLine(name, qty * 1000, price, tax_rate_bp=bp, tax_inclusive=incl)]).lines[0]
                lines.append((qty * price, lt.net, lt.tax, lt.amount))
            self.item_rows.append([f"0T{i:024d}", name, kind, price, bp, int(incl), lines, 0])
        self._items_created = created

    def _flush_items(self) -> None:
        for i, (iid, name, kind, price, bp, incl, _lines, sold) in enumerate(self.item_rows):
            self.items.add((iid, name, name.casefold(), f"SKU{i:06d}", f"890{i:010d}", price, bp, incl, kind, sold,
                            self._items_created))
        self.items.flush()

    # -- trading -------------------------------------------------------------------------------
    def run(self) -> dict:
        sc, rng = self.scale, self.rng
        first = BENCH_NOW.date() - timedelta(days=sc.days)
        created = TS.format(first - timedelta(days=1), 9, 0, 0)
        self._make_customers()
        self._make_items(created)
        report_day, small_day = sc.days - 45, sc.days - 46
        counts = _day_counts(rng, sc, report_day, small_day)
        stmt_days = {int(k * sc.days / STATEMENT_BILLS) for k in range(STATEMENT_BILLS)}
        while len(stmt_days) < STATEMENT_BILLS:  # only when the history is shorter than 250 days
            stmt_days.add(rng.randrange(sc.days))
        self.stmt_days = stmt_days
        self.collect_on: dict[int, list[int]] = {}
        n_items = sc.items
        last_report = time.perf_counter()
        for d in range(sc.days):
            day = first + timedelta(days=d)
            self.day, self.d, self.ds = day, d, day.isoformat()
            self.due = (day + timedelta(days=CREDIT_DAYS)).isoformat()
            events = [(rng.randrange(9 * 3600, 21 * 3600), 0, -1) for _ in range(counts[d])]
            if d in stmt_days and events:
                events[0] = (events[0][0], 0, 0)
            events += [(rng.randrange(9 * 3600, 21 * 3600), 1, c) for c in self.collect_on.pop(d, ())]
            events.sort()
            for sec, is_collection, who in events:
                ts = TS.format(self.ds, sec // 3600, sec // 60 % 60, sec % 60)
                if is_collection:
                    self._collect(who, ts)
                else:
                    self._bill(ts, who, n_items)
            if time.perf_counter() - last_report > 10:
                last_report = time.perf_counter()
                self.say(f"  … {d + 1}/{sc.days} days, {self.n['bill']:,} bills")
        self._flush_customers(created)
        self._flush_items()
        opened = 0
        for c, q in enumerate(self.open_q):
            for eid, amt, due, posted, bill_id in q or ():
                self.open_items.add((eid, self.cust_ids[c], "charge", amt, due, posted, bill_id))
                opened += 1
        self.con.executemany("INSERT INTO sequences(store_id, series, year, last_value) VALUES (?, ?, ?, ?)",
                             [(self.store_id, s, y, v) for (s, y), v in sorted(self.seq.items())])
        for rows in (self.bills, self.lines, self.payments, self.ledger, self.allocs, self.open_items):
            rows.flush()
        owing = sum(1 for b in self.balance if b > 0)
        return {
            "customers": sc.customers, "items": sc.items, "bills": self.bills.count, "lines": self.lines.count,
            "payments": self.payments.count, "ledger_entries": self.ledger.count,
            "allocations": self.allocs.count, "open_items": opened, "customers_owing": owing,
            "statement_customer_id": self.cust_ids[0],
            "report_day": (first + timedelta(days=report_day)).isoformat(),
            "small_report_day": (first + timedelta(days=small_day)).isoformat(),
            "first_day": first.isoformat(), "now": BENCH_NOW.isoformat(),
        }

    def _pick_customer(self) -> int:
        n = self.scale.customers
        while True:
            c = 1 + int((n - 1) * self.rng.random() ** 1.6)
            if self.active[c]:
                return c

    def _bill(self, ts: str, who: int, n_items: int) -> None:
        rng = self.rng
        statement = who == 0
        cust = who if statement else (self._pick_customer() if rng.random() < 0.85 else -1)
        bill_id = self._id("bill", "0B")
        number, seq = self._number("SAL", self.day)
        k = 1 if statement else rng.choice((1, 2, 2, 3, 3, 3, 3, 4, 4, 5))
        subtotal = tax = total = 0
        for pos in range(1, k + 1):
            item = self.item_rows[rng.randrange(n_items)]
            qty = 2 if rng.random() < 0.12 else 1
            gross, net, ltax, amount = item[6][qty - 1]
            item[7] += qty * 1000   # thousandths (migration 0010), like the line
            self.lines.add((self._id("line", "0D"), bill_id, pos, item[0], item[1], item[2], qty * 1000, item[3],
                            item[4], item[5], net, ltax, amount))
            subtotal += gross
            tax += ltax
            total += amount
        retail = total
        r = rng.random()
        if statement:
            outcome = "paid"
        elif cust < 0:
            outcome = "walkin"
        elif r < 0.02:
            outcome = "complimentary"
        elif r < 0.72:
            outcome = "paid"
        elif r < 0.90:
            outcome = "pending"
        else:
            outcome = "full_pending"
        if outcome == "complimentary":
            total = 0
        cid = self.cust_ids[cust] if cust >= 0 else None
        previous = self.balance[cust] if cust >= 0 else 0
        charge_id = self._id("entry", "0E") if cid and total > 0 else None
        # What is paid now: (method, tendered, applied, change) per tender.
        tenders: list[tuple[str, int, int, int]] = []
        if outcome in ("paid", "walkin"):
            tenders = self._paid_tenders(total, single=statement)
        elif outcome == "pending":
            part = max(100, min(total - 100, (total * rng.randint(20, 80) // 100) // 100 * 100))
            if 0 < part < total:
                tenders = [(rng.choice(("cash", "upi", "card")), part, part, 0)]
            else:
                outcome = "full_pending"
        tendered = sum(t[1] for t in tenders)
        change = sum(t[3] for t in tenders)
        paid = sum(t[2] for t in tenders)
        bill_due = self.due if cid and total > 0 else None
        stored_outcome = "paid" if outcome == "walkin" else outcome
        self.bills.add((bill_id, number, seq, cid, ts, self.ds, bill_due, subtotal, tax, total, retail,
                        int(outcome == "complimentary"), "Loyal customer" if outcome == "complimentary" else "",
                        stored_outcome, previous, tendered, change, charge_id,
                        OWNER if outcome == "complimentary" else None))
        if charge_id:
            self.ledger.add((charge_id, cid, "sale", total, bill_id, None, number, ts, self.due))
        for method, tend, applied, chg in tenders:
            pay_id = self._id("pay", "0P")
            credit_id = None
            if cid:
                credit_id = self._id("entry", "0E")
                self.ledger.add((credit_id, cid, "payment", -applied, bill_id, pay_id, number, ts, None))
                self.allocs.add((self._id("alloc", "0A"), cid, credit_id, charge_id, applied, ts))
            self.payments.add((pay_id, None, None, "sale", bill_id, cid, method, tend, applied, chg, ts, self.ds,
                               credit_id, None, None))
        if cust < 0:
            return
        self.visits[cust] += 1
        self.spent[cust] += total
        self.last_visit[cust] = ts
        if tendered:
            self.last_pay[cust] = ts
        left = total - paid
        if left > 0:
            self.balance[cust] += left
            q = self.open_q[cust]
            if q is None:
                q = self.open_q[cust] = deque()
            q.append([charge_id, left, self.due, ts, bill_id])
            if rng.random() < 0.85:
                self._schedule(cust, rng.randint(5, 75))

    def _paid_tenders(self, total: int, single: bool) -> list[tuple[str, int, int, int]]:
        rng = self.rng
        if total <= 0:
            return []
        if not single and total >= 2000 and rng.random() < 0.2:
            first = (total * rng.randint(30, 70) // 100) // 100 * 100 or 100
            rest = total - first
            cash = -(-rest // 1000) * 1000  # rounded up to ₹10: change
            return [(rng.choice(("upi", "card")), first, first, 0), ("cash", cash, rest, cash - rest)]
        method = rng.choice(("cash", "cash", "upi", "upi", "card")) if not single else "upi"
        if method == "cash":
            cash = -(-total // 10000) * 10000 if rng.random() < 0.6 else total
            return [("cash", cash, total, cash - total)]
        return [(method, total, total, 0)]

    def _schedule(self, cust: int, days_later: int) -> None:
        d = self.d + days_later
        if d < self.scale.days:
            self.collect_on.setdefault(d, []).append(cust)

    def _collect(self, cust: int, ts: str) -> None:
        rng = self.rng
        bal = self.balance[cust]
        if bal <= 0:
            return
        amount = bal
        if bal > 20_000 and rng.random() < 0.3:
            amount = bal // 2 // 100 * 100
            self._schedule(cust, rng.randint(7, 40))
        cid = self.cust_ids[cust]
        number, seq = self._number("RCP", self.day)
        pay_id = self._id("pay", "0P")
        credit_id = self._id("entry", "0E")
        self.ledger.add((credit_id, cid, "payment", -amount, None, pay_id, number, ts, None))
        self.payments.add((pay_id, number, seq, "collection", None, cid, rng.choice(("cash", "upi", "card")),
                           amount, amount, 0, ts, self.ds, credit_id, bal, bal - amount))
        q = self.open_q[cust]
        left = amount
        while left:
            head = q[0]
            take = min(left, head[1])
            self.allocs.add((self._id("alloc", "0A"), cid, credit_id, head[0], take, ts))
            head[1] -= take
            left -= take
            if head[1] == 0:
                q.popleft()
        self.balance[cust] = bal - amount
        self.last_pay[cust] = ts

