"""Who and which period a report is about: the customer it names and the checked date range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from possuite.domain.errors import ValidationError
from possuite.services.context import Context
from possuite.services.customers import resolve
from possuite.services.phones import display_phone


@dataclass(frozen=True)
class CustomerRef:
    id: str
    name: str
    phone: str
    balance: int
    credit_limit: int | None


def find_customer(conn, ctx: Context, ref: str | None) -> CustomerRef | None:
    """The customer ``ref`` names (id, phone or name; one statement), None for no customer."""
    if ref is None or not str(ref).strip():
        return None
    return ref_from_row(resolve(conn, ctx, str(ref)))


def ref_from_row(r) -> CustomerRef:
    """A ``customers`` row (as ``customers.resolve`` returns it) as a ``CustomerRef``."""
    return CustomerRef(r["id"], r["name"], display_phone(r["phone_e164"], r["phone"]), r["balance"],
                       r["credit_limit"])


def check_range(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise ValidationError("from", "{date_from} is after the end date {date_to}",
                              date_from=date_from.isoformat(), date_to=date_to.isoformat())


def business_period(table, ctx: Context, date_from: date | None, date_to: date | None) -> list:
    """WHERE terms for ``table``'s rows of this store whose business date is in the period (inclusive)."""
    conds = [table.c.store_id == ctx.store_id]
    if date_from:
        conds.append(table.c.business_date >= date_from)
    if date_to:
        conds.append(table.c.business_date <= date_to)
    return conds


def day_start(d: date) -> datetime:
    """Midnight at the start of ``d`` (periods are half-open: ``day_start(lo) <= t < day_start(hi + 1)``)."""
    return datetime.combine(d, time.min)
