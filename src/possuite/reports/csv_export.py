"""CSV files for the accountant: customer balances with aging, bills, payments.

UTF-8 with a byte-order mark (so Excel shows ₹ and Indian names correctly), one header row, money as
plain decimal text (``1234.50``, no symbol, no grouping) plus the raw integer minor units in a
``*_minor`` column for the main amounts, dates as ISO ``YYYY-MM-DD`` and times as ``YYYY-MM-DD HH:MM``.
Free text that starts like a formula gets a leading ``'``. Files are written atomically.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from possuite.domain.money import Currency, to_major_string
from possuite.domain.status import AGING_BUCKETS
from possuite.services.exports import BalancesExport, BillExportRow, PaymentExportRow
from possuite.services.perf import REPORT, timed

BALANCES_HEADER = ["customer", "phone", "balance", "balance_minor", *[f"aging_{b}" for b in AGING_BUCKETS],
                   "open_bills", "oldest_due", "days_overdue", "last_order", "last_payment", "active"]
BILLS_HEADER = ["number", "date", "time", "customer", "phone", "cashier", "status", "outcome", "subtotal",
                "discount", "tax", "total", "total_minor", "retail_value", "paid", "paid_minor", "written_off",
                "outstanding", "outstanding_minor", "due_date", "complimentary_reason", "void_reason"]
PAYMENTS_HEADER = ["date", "time", "document", "kind", "method", "tendered", "change", "amount", "amount_minor",
                   "customer", "phone", "bill", "reference", "note", "cashier"]


def safe(text: str) -> str:
    """Free text a spreadsheet must not run as a formula (CSV injection): prefix ``'`` to = + - @."""
    return "'" + text if text and text[0] in "=+-@\t\r" else text


def _day(v: date | datetime | None) -> str:
    if v is None:
        return ""
    return v.date().isoformat() if isinstance(v, datetime) else v.isoformat()


def _stamp(v: datetime | None) -> str:
    return v.strftime("%Y-%m-%d %H:%M") if v else ""


def write_csv(path: str | os.PathLike, header: Sequence[str], rows: Iterable[Sequence]) -> Path:
    """Write a CSV (UTF-8 with BOM, for Excel) through a temporary file, so a failed write leaves no half file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.part")
    try:
        with open(tmp, "w", newline="", encoding="utf-8-sig") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def _store_first(header: Sequence[str], rows: Iterable, cells, by_store: bool) -> tuple[list[str], Iterable[Sequence]]:
    """``by_store`` (the hub's back office, every store: ``Context.spans_stores``): each row starts with
    its ``store``. A till's files, and one store's on the hub, are as they always were."""
    if not by_store:
        return list(header), (cells(r) for r in rows)
    return ["store", *header], ([safe(r.store), *cells(r)] for r in rows)


@timed(REPORT, "balances CSV")
def write_balances_csv(export: BalancesExport, path: str | os.PathLike) -> Path:
    cur = export.store.currency
    m = lambda v: to_major_string(v, cur)  # noqa: E731
    return write_csv(path, *_store_first(BALANCES_HEADER, export.rows, lambda c: (
        [safe(c.name), c.phone_display, m(c.balance), c.balance, *[m(c.aging.get(b, 0)) for b in AGING_BUCKETS],
         c.open_bills, _day(c.oldest_due), c.days_overdue, _stamp(c.last_order), _stamp(c.last_payment),
         "yes" if c.active else "no"]), export.by_store))


@timed(REPORT, "bills CSV")
def write_bills_csv(rows: Iterable[BillExportRow], path: str | os.PathLike, currency: Currency, *,
                    by_store: bool = False) -> Path:
    m = lambda v: to_major_string(v, currency)  # noqa: E731
    return write_csv(path, *_store_first(BILLS_HEADER, rows, lambda b: (
        [b.number, _day(b.posted_at), b.posted_at.strftime("%H:%M"), safe(b.customer_name), b.customer_phone,
         safe(b.cashier),
         b.status, b.outcome, m(b.subtotal), m(b.discount), m(b.tax), m(b.total), b.total, m(b.retail_value),
         m(b.paid), b.paid, m(b.adjusted), m(b.outstanding), b.outstanding, _day(b.due_date), safe(b.comp_reason),
         safe(b.void_reason)]), by_store))


@timed(REPORT, "payments CSV")
def write_payments_csv(rows: Iterable[PaymentExportRow], path: str | os.PathLike, currency: Currency, *,
                       by_store: bool = False) -> Path:
    m = lambda v: to_major_string(v, currency)  # noqa: E731
    return write_csv(path, *_store_first(PAYMENTS_HEADER, rows, lambda p: (
        [p.posted_at.date().isoformat(), p.posted_at.strftime("%H:%M"), p.document, p.kind, p.method,
         m(p.tendered), m(p.change), m(p.amount), p.amount, safe(p.customer_name), p.customer_phone, p.bill_number,
         safe(p.reference), safe(p.note), safe(p.cashier)]), by_store))
