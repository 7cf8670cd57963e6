"""Shifts: this till's cash drawer from the opening float to the count (docs/architecture.md §5).

A cashier opens a shift with the float in the drawer, puts cash in or takes it out with a reason
(petty expenses, a bank drop), and closes it by counting the drawer, by denomination or as one
figure; the variance (counted − expected) is recorded and the Z report queued for the printer.
Bills and payments written while the shift is open join it by a trigger (migration 0007), so every
way money moves is counted without the selling services knowing about shifts.

What the drawer should hold is ``domain.cash.shift_figures`` over ``_MOVEMENTS``: the one query
that lists every kind of cash movement of a shift. A new kind of money movement that is a
``payments`` row (a credit note's refund) is counted by it as it is; one kept in a table of its own
is one more ``UNION ALL`` branch there, and nowhere else.

Who: any signed-in user opens a shift; a cashier moves cash in, out and closes their own shift, an
owner any (or a cashier with an owner's PIN). Every step is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Connection, bindparam, insert, select, text, update

from possuite.db import models as m
from possuite.db.ids import new_id
from possuite.domain.cash import Movement, ShiftFigures, count_total, shift_figures, variance
from possuite.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from possuite.domain.money import MAX_MAJOR_UNITS, format_money
from possuite.services import audit
from possuite.services.context import Context, StoreSettings
from possuite.services.ledger import next_number
from possuite.services.permissions import ANY_SHIFT, SHIFT, allowed, require
from possuite.services.print_queue import enqueue_in_tx
from possuite.services.validation import clean_text

S = m.Shift.__table__
CM = m.ShiftCashMove.__table__

X_REPORT, Z_REPORT = "X", "Z"

#: Every cash movement of the shifts in ``:ids``, grouped: (shift_id, kind, method, n, amount signed).
_MOVEMENTS = text(
    "SELECT shift_id, kind, method, COUNT(*) AS n, COALESCE(SUM(amount), 0) AS amount FROM payments "
    " WHERE shift_id IN :ids GROUP BY shift_id, kind, method "
    "UNION ALL "
    "SELECT shift_id, CASE kind WHEN 'in' THEN 'cash_in' ELSE 'cash_out' END, 'cash', COUNT(*), "
    " COALESCE(SUM(CASE kind WHEN 'in' THEN amount ELSE -amount END), 0) FROM shift_cash_moves "
    " WHERE shift_id IN :ids GROUP BY shift_id, kind"
).bindparams(bindparam("ids", expanding=True))
#: The bills of the shifts in ``:ids``: how many, their takings, the first and last number.
_BILLS = text(
    "SELECT shift_id, COUNT(*) AS n, COALESCE(SUM(CASE WHEN complimentary THEN 0 ELSE total END), 0) AS sales, "
    " COALESCE(SUM(CASE WHEN voided_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS voided, "
    " MIN(number) AS first_number, MAX(number) AS last_number "
    "FROM bills WHERE shift_id IN :ids GROUP BY shift_id"
).bindparams(bindparam("ids", expanding=True))
_OPEN = select(S).where(S.c.store_id == bindparam("s"), S.c.closed_at.is_(None), S.c.is_demo == bindparam("demo")) \
    .order_by(S.c.opened_at.desc()).limit(1)
_TILL = text("SELECT code, name FROM sync_till WHERE store_id = :s LIMIT 1")


@dataclass(frozen=True)
class ShiftInfo:
    id: str
    number: str
    till: str
    user_id: str | None
    user_name: str
    opened_at: datetime
    business_date: date
    opening_float: int
    closed_at: datetime | None = None
    closed_by: str | None = None
    expected_cash: int | None = None
    counted_cash: int | None = None
    counted_notes: dict[int, int] = field(default_factory=dict)
    variance: int | None = None
    close_note: str = ""

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def as_json(self) -> dict:
        return {"id": self.id, "number": self.number, "till": self.till, "opened_by": self.user_name,
                "opened_at": self.opened_at.isoformat(), "business_date": self.business_date.isoformat(),
                "opening_float": self.opening_float, "status": "open" if self.is_open else "closed",
                "closed_at": self.closed_at.isoformat() if self.closed_at else None, "closed_by": self.closed_by,
                "expected_cash": self.expected_cash, "counted_cash": self.counted_cash,
                "counted_notes": {str(k): v for k, v in self.counted_notes.items()}, "variance": self.variance,
                "close_note": self.close_note}


@dataclass(frozen=True)
class CashMove:
    kind: str        # in | out
    amount: int      # positive
    reason: str
    posted_at: datetime
    user_name: str
    authorised_by: str | None = None

    def as_json(self) -> dict:
        return {"kind": self.kind, "amount": self.amount, "reason": self.reason,
                "posted_at": self.posted_at.isoformat(), "user": self.user_name,
                "authorised_by": self.authorised_by}


@dataclass(frozen=True)
class ShiftReport:
    """An X report (the shift still open: figures so far) or a Z report (closed: the count and variance)."""

    store: StoreSettings
    shift: ShiftInfo
    figures: ShiftFigures
    bills: int
    sales_total: int
    voided: int
    first_number: str
    last_number: str
    moves: tuple[CashMove, ...]
    generated_at: datetime

    @property
    def kind(self) -> str:
        return X_REPORT if self.shift.is_open else Z_REPORT

    @property
    def expected_cash(self) -> int:
        """Recorded at the close for a Z report (what the cashier was measured against); live for an X."""
        if self.shift.expected_cash is not None:
            return self.shift.expected_cash
        return self.figures.expected_cash

    def as_json(self) -> dict:
        return {"report": self.kind, "shift": self.shift.as_json(), "figures": self.figures.as_json(),
                "expected_cash": self.expected_cash, "counted_cash": self.shift.counted_cash,
                "variance": self.shift.variance, "bills": self.bills, "sales_total": self.sales_total,
                "voided": self.voided, "first_number": self.first_number or None,
                "last_number": self.last_number or None, "card": self.figures.methods.get("card", 0),
                "upi": self.figures.methods.get("upi", 0), "cash_moves": [mv.as_json() for mv in self.moves]}


def _info(r) -> ShiftInfo:
    notes = json.loads(r["counted_notes"]) if r["counted_notes"] else {}
    return ShiftInfo(
        id=r["id"], number=r["number"], till=r["till"] or "", user_id=r["user_id"], user_name=r["user_name"],
        opened_at=r["opened_at"], business_date=r["business_date"], opening_float=r["opening_float"],
        closed_at=r["closed_at"], closed_by=r["closed_by"], expected_cash=r["expected_cash"],
        counted_cash=r["counted_cash"], counted_notes={int(k): int(v) for k, v in notes.items()},
        variance=r["variance"], close_note=r["close_note"] or "")


def _amount(value: int, field_name: str, *, allow_zero: bool) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field_name, "not an amount")
    if value < 0:
        raise ValidationError(field_name, "must not be negative")
    if value == 0 and not allow_zero:
        raise ValidationError(field_name, "must be more than zero")
    if value > MAX_MAJOR_UNITS * 100:
        raise ValidationError(field_name, "is too large")
    return value


def open_shift_in(conn: Connection, ctx: Context) -> ShiftInfo | None:
    """The shift open at this till, read inside the caller's transaction (None: no shift open)."""
    r = conn.execute(_OPEN, {"s": ctx.store_id, "demo": bool(ctx.demo)}).mappings().first()
    return _info(r) if r is not None else None


def require_open_shift(conn: Connection, ctx: Context) -> None:
    """Refuse to take money when the store wants a shift open and none is (called by sale and collection)."""
    if ctx.store.shifts_required and not ctx.demo and open_shift_in(conn, ctx) is None:
        raise ValidationError("shift", "no shift is open at this till; open one with the cash in the drawer "
                                       "(the till asks, or `possuite shift open --float AMT`)")


def current_shift(ctx: Context) -> ShiftInfo | None:
    """The shift open at this till, or None."""
    require(ctx, SHIFT)
    with ctx.read() as conn:
        return open_shift_in(conn, ctx)


def _check_own(ctx: Context, shift: ShiftInfo, action: str) -> None:
    actor = ctx.actor
    own = (shift.user_id == actor.user_id) if (shift.user_id and actor.user_id) else shift.user_name == actor.name
    if not own and not allowed(ctx, ANY_SHIFT):
        raise PermissionDenied(ANY_SHIFT, f"shift {shift.number} was opened by {shift.user_name}; only they or an "
                                          f"owner may {action} it")


def open_shift(ctx: Context, opening_float: int) -> ShiftInfo:
    """Open a shift at this till with ``opening_float`` (minor units) in the drawer."""
    require(ctx, SHIFT)
    opening_float = _amount(opening_float, "float", allow_zero=True)
    now = ctx.clock.now()
    with ctx.write() as conn:
        already = open_shift_in(conn, ctx)
        if already is not None:
            raise Conflict("shift", "{number} is already open (opened by {user_name} at {opened_at:%H:%M}); close it "
                                    "first",
                           number=already.number, user_name=already.user_name, opened_at=already.opened_at)
        till = conn.execute(_TILL, {"s": ctx.store_id}).first()
        number, seq = next_number(conn, ctx, "SHF", now.date())
        row = {"id": new_id(), "store_id": ctx.store_id, "number": number, "seq": seq,
               "till": (f"{till.code} {till.name}".strip() if till else ""), "user_id": ctx.actor.user_id,
               "user_name": ctx.actor.name, "opened_at": now, "business_date": now.date(),
               "opening_float": opening_float, "closed_at": None, "closed_by": None, "expected_cash": None,
               "counted_cash": None, "counted_notes": "", "variance": None, "close_note": "",
               "is_demo": bool(ctx.demo)}
        conn.execute(insert(S), row)
        audit.record(conn, ctx, "shift opened", number, "", float=opening_float)
    return _info(row)


def move_cash(ctx: Context, kind: str, amount: int, reason: str) -> CashMove:
    """Cash into (``in``) or out of (``out``) the open shift's drawer, with a reason."""
    require(ctx, SHIFT)
    if kind not in ("in", "out"):
        raise ValidationError("kind", "must be in or out")
    amount = _amount(amount, "amount", allow_zero=False)
    reason = clean_text(reason, "reason", required=True, max_len=300)
    now = ctx.clock.now()
    with ctx.write() as conn:
        shift = open_shift_in(conn, ctx)
        if shift is None:
            raise ValidationError("shift", "no shift is open at this till; open one first")
        _check_own(ctx, shift, "take cash out of" if kind == "out" else "put cash into")
        if kind == "out":
            figures = _figures(conn, [shift])[shift.id]
            if amount > figures.expected_cash:
                raise ValidationError("amount", "{amount} is more than the drawer should hold ({expected_cash})",
                                                amount=format_money(amount, ctx.currency),
                                                expected_cash=format_money(figures.expected_cash, ctx.currency))
        move = CashMove(kind, amount, reason, now, ctx.actor.name, ctx.actor.authorised_by)
        conn.execute(insert(CM), {"id": new_id(), "store_id": ctx.store_id, "shift_id": shift.id, "kind": kind,
                                  "amount": amount, "reason": reason, "posted_at": now,
                                  "user_name": ctx.actor.name, "authorised_by": ctx.actor.authorised_by})
        audit.record(conn, ctx, f"cash {kind}", shift.number, reason, amount=amount)
    return move


def close_shift(ctx: Context, *, counted: int | None = None, notes: dict[int, int] | None = None,
                note: str = "") -> ShiftReport:
    """Close the open shift with the counted cash (one figure, or ``notes``: face value -> pieces).

    Records the expected cash and the variance (counted − expected) and queues the Z report for the
    default printer, in one transaction."""
    require(ctx, SHIFT)
    if (counted is None) == (notes is None):
        raise ValidationError("counted", "give the counted cash, as one figure or note by note")
    if notes is not None:
        notes = {int(k): v for k, v in notes.items() if v}
        counted = count_total(notes)
    counted = _amount(counted, "counted", allow_zero=True)
    note = clean_text(note, "note", max_len=500, multiline=True)
    now = ctx.clock.now()
    with ctx.write() as conn:
        shift = open_shift_in(conn, ctx)
        if shift is None:
            raise ValidationError("shift", "no shift is open at this till")
        _check_own(ctx, shift, "close")
        expected = _figures(conn, [shift])[shift.id].expected_cash
        diff = variance(counted, expected)
        conn.execute(update(S).where(S.c.id == shift.id, S.c.closed_at.is_(None)).values(
            closed_at=now, closed_by=ctx.actor.name, expected_cash=expected, counted_cash=counted,
            counted_notes=json.dumps({str(k): v for k, v in sorted((notes or {}).items(), reverse=True)}) if notes
            else "", variance=diff, close_note=note))
        audit.record(conn, ctx, "shift closed", shift.number, note, expected=expected, counted=counted,
                     variance=diff)
        enqueue_in_tx(conn, ctx, "shift", shift.number)  # the Z report prints after the commit
    return shift_report(ctx, shift.number)


def _figures(conn: Connection, shifts: list[ShiftInfo]) -> dict[str, ShiftFigures]:
    if not shifts:
        return {}
    moves: dict[str, list[Movement]] = {s.id: [] for s in shifts}
    for r in conn.execute(_MOVEMENTS, {"ids": list(moves)}).mappings():
        moves[r["shift_id"]].append(Movement(r["kind"], r["method"], r["amount"], r["n"]))
    return {s.id: shift_figures(s.opening_float, moves[s.id]) for s in shifts}


def _bills(conn: Connection, ids: list[str]) -> dict[str, dict]:
    if not ids:
        return {}
    return {r["shift_id"]: dict(r) for r in conn.execute(_BILLS, {"ids": ids}).mappings()}


def _find(conn: Connection, ctx: Context, ref: str | None) -> ShiftInfo:
    if ref:
        r = conn.execute(select(S).where(S.c.store_id == ctx.store_id, (S.c.number == ref.strip().upper()) |
                                         (S.c.id == ref.strip()))).mappings().first()
        if r is None:
            raise NotFound("shift", "no shift {ref!r} at this till", ref=ref)
        return _info(r)
    shift = open_shift_in(conn, ctx)
    if shift is not None:
        return shift
    r = conn.execute(select(S).where(S.c.store_id == ctx.store_id, S.c.is_demo.is_(False))
                     .order_by(S.c.opened_at.desc()).limit(1)).mappings().first()
    if r is None:
        raise NotFound("shift", "no shift has been opened at this till yet")
    return _info(r)


def shift_report(ctx: Context, ref: str | None = None) -> ShiftReport:
    """The X (open) or Z (closed) report of shift ``ref`` (number or id); default the open shift, else the
    last one. Four statements."""
    require(ctx, SHIFT)
    return shift_document(ctx, ref)


def shift_document(ctx: Context, ref: str | None) -> ShiftReport:
    """The report for the print worker, which prints what was queued (like a receipt) without a right."""
    with ctx.read() as conn:
        shift = _find(conn, ctx, ref)
        figures = _figures(conn, [shift])[shift.id]
        b = _bills(conn, [shift.id]).get(shift.id, {})
        moves = conn.execute(select(CM).where(CM.c.shift_id == shift.id)
                             .order_by(CM.c.posted_at, CM.c.id)).mappings().all()
    return ShiftReport(
        store=ctx.store, shift=shift, figures=figures, bills=b.get("n", 0), sales_total=b.get("sales", 0),
        voided=b.get("voided", 0), first_number=b.get("first_number") or "", last_number=b.get("last_number") or "",
        moves=tuple(CashMove(r["kind"], r["amount"], r["reason"], r["posted_at"], r["user_name"],
                             r["authorised_by"]) for r in moves),
        generated_at=ctx.clock.now())


@dataclass(frozen=True)
class ShiftLine:
    """One shift in the day report's list."""

    shift: ShiftInfo
    figures: ShiftFigures
    bills: int
    sales_total: int

    @property
    def expected_cash(self) -> int:
        return self.shift.expected_cash if self.shift.expected_cash is not None else self.figures.expected_cash

    def as_json(self) -> dict:
        return {"number": self.shift.number, "till": self.shift.till, "opened_by": self.shift.user_name,
                "opened_at": self.shift.opened_at.isoformat(),
                "closed_at": self.shift.closed_at.isoformat() if self.shift.closed_at else None,
                "opening_float": self.shift.opening_float, "bills": self.bills, "sales_total": self.sales_total,
                "expected_cash": self.expected_cash, "counted_cash": self.shift.counted_cash,
                "variance": self.shift.variance, "card": self.figures.methods.get("card", 0),
                "upi": self.figures.methods.get("upi", 0)}


def shifts_of_day(conn: Connection, ctx: Context, day: date) -> list[ShiftLine]:
    """The shifts opened on ``day`` with their figures (three statements, however many shifts)."""
    rows = conn.execute(select(S).where(S.c.store_id == ctx.store_id, S.c.business_date == day)
                        .order_by(S.c.opened_at, S.c.id)).mappings().all()
    shifts = [_info(r) for r in rows]
    figures = _figures(conn, shifts)
    bills = _bills(conn, [s.id for s in shifts])
    return [ShiftLine(s, figures[s.id], bills.get(s.id, {}).get("n", 0), bills.get(s.id, {}).get("sales", 0))
            for s in shifts]


def print_shift_report(ctx: Context, ref: str | None = None) -> str:
    """Queue the X or Z report of a shift for the default printer; returns the job id."""
    require(ctx, SHIFT)
    with ctx.write() as conn:
        shift = _find(conn, ctx, ref)
        job = enqueue_in_tx(conn, ctx, "shift", shift.number)
    if job is None:
        raise NotFound("printer", "no default printer; add one with `possuite printer add … --default`")
    return job

