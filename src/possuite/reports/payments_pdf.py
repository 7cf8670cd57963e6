"""The payment report as a PDF: summary figures, then every invoice with its items, what settled it,
and what remains, and a totals row equal to the sum of the invoices (``services.payments_report.PaymentReport``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from possuite.domain.labels import status_label
from possuite.domain.status import VOID
from possuite.reports.pdf_common import (
    GREEN,
    MUTED,
    RED,
    RULE,
    RunningHeader,
    build_pdf,
    fmt_date,
    frame_width,
    money,
    money_or_dash,
    para,
    period_text,
    style,
    summary_cards,
)
from possuite.reports.rows import Row, RowsFlowable, cut
from possuite.services.payments_report import Invoice, PaymentReport
from possuite.services.perf import REPORT, timed

STATUS_COLOUR = {"paid": GREEN, "overdue": RED, "partially_paid": RED, "pending": RED, "void": MUTED,
                 "complimentary": MUTED}
# Invoice | Date | Customer | Status | Total | Paid | Remaining (A4 portrait, 180 mm)
COLS = [26 * mm, 21 * mm, 43 * mm, 24 * mm, 22 * mm, 22 * mm, 22 * mm]
HEADINGS = ["Invoice", "Date", "Customer", "Status", "Total", "Paid", "Remaining"]
DETAIL_W = COLS[1] + COLS[2] + COLS[3]


def rate_text(bp: int) -> str:
    whole, frac = divmod(bp, 100)
    return f"{whole}%" if not frac else f"{whole}.{frac:02d}".rstrip("0") + "%"


def _status_text(status: str) -> str:
    return status_label(status).upper() if status == VOID else status_label(status)   # a void stands out


def _detail(text: str, *, total: str = "", paid: str = "") -> Row:
    return Row(["", cut(text, DETAIL_W, 7), "", "", total, paid, ""], size=7, color=MUTED, starts_group=False,
               pad=1.0)


def invoice_rows(inv: Invoice, report: PaymentReport) -> list[Row]:
    """One invoice: its heading row, item lines, complimentary/discount notes, and settlements."""
    cur = report.store.currency
    who = inv.customer_name + (f" · {inv.customer_phone}" if inv.customer_phone else "")
    if report.by_store:  # the hub's back office, every store: the invoice's store first
        who = f"{inv.store} · {who}"
    colours = {3: STATUS_COLOUR[inv.status]}
    if inv.remaining > 0:
        colours[6] = RED
    if inv.voided:
        colours.update({4: MUTED, 5: MUTED, 6: MUTED})
    rows = [Row([inv.number, fmt_date(inv.posted_at), cut(who, COLS[2]), _status_text(inv.status),
                 money(inv.total, cur), money_or_dash(inv.paid, cur), money_or_dash(inv.remaining, cur)],
                colours=colours, bold_cols=frozenset({0}), rule_above=RULE)]
    for ln in inv.lines:
        bits = [f"{ln.qty_text} × {ln.description} @ {money(ln.unit_price, cur)}"]
        if ln.discount:
            bits.append(f"less {money(ln.discount, cur)}")
        if ln.tax_rate_bp:
            bits.append(f"GST {rate_text(ln.tax_rate_bp)} {money(ln.tax, cur)}")
        rows.append(_detail(", ".join(bits), total=money(ln.amount, cur)))
    if inv.complimentary:
        rows.append(_detail(f"Complimentary (value {money(inv.retail_value, cur)}): {inv.comp_reason}"))
    if inv.discount:
        rows.append(_detail(f"Bill discount {money(inv.discount, cur)} (spread over the lines above)"))
    for s in inv.settlements:
        if s.kind != "void" and not inv.voided:
            rows.append(_detail(f"{s.label} · {s.document} · {fmt_date(s.posted_at)}", paid=money(s.amount, cur)))
    if inv.voided:
        rows.append(_detail(f"Voided {fmt_date(inv.voided_at)}: {inv.void_reason}"))
    return rows


@timed(REPORT, "payment report PDF")
def write_payment_report_pdf(report: PaymentReport, path: str | os.PathLike,
                             progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the payment report to ``path``; ``progress(done, total)`` is called while assembling."""
    cur = report.store.currency
    t = report.totals
    width = frame_width()
    story: list = []
    scope = period_text(report.date_from, report.date_to)
    if report.customer:
        c = report.customer
        scope += f" · {c.name}" + (f" ({c.phone})" if c.phone else "")
    story.append(para(f"{scope} · figures as at {fmt_date(report.generated_at)}", style("sub", 9, color=MUTED,
                                                                                          space_after=5)))
    story.append(summary_cards([
        ("Invoices", f"{t.invoices}", None),
        ("Billed", money(t.total, cur), None),
        ("Paid", money(t.paid, cur), GREEN),
        ("Written off", money(t.adjusted, cur), None),
        ("Remaining", money(t.remaining, cur), RED if t.remaining else None),
    ], width))
    notes = []
    if t.paid_by_method:
        notes.append("Paid by method: " + ", ".join(f"{k.upper() if k == 'upi' else k.title()} "
                                                     f"{money(v, cur)}" for k, v in t.paid_by_method.items()))
    notes.append(f"Complimentary: {t.complimentary_count} (value {money(t.complimentary_value, cur)})")
    notes.append(f"Voided: {t.void_count} ({money(t.void_value, cur)}, not in the totals)")
    notes.append(f"Discounts {money(t.discount, cur)} · tax {money(t.tax, cur)}")
    story += [Spacer(1, 2 * mm), para(" · ".join(notes), style("notes", 8, color=MUTED)), Spacer(1, 4 * mm)]

    header = RunningHeader(HEADINGS, COLS, right_from=4)
    story.append(header.table())
    rows: list[Row] = []
    n = len(report.invoices)
    for i, inv in enumerate(report.invoices, start=1):
        rows += invoice_rows(inv, report)
        if progress and (i % 200 == 0 or i == n):
            progress(i, n)
    if not rows:
        rows.append(Row(["", "No invoices in this period."], color=MUTED))
    rows.append(Row([f"Total: {t.invoices} invoice{'s' if t.invoices != 1 else ''}", "", "", "",
                     money(t.total, cur), money(t.paid, cur), money(t.remaining, cur)],
                    size=8.5, bold=True, shade=True, rule_above=MUTED, rule_width=1))
    if t.adjusted:
        rows.append(Row([f"Written off / credit adjustments: {money(t.adjusted, cur)} "
                         "(billed = paid + written off + remaining)"], size=7.5, color=MUTED, starts_group=False))
    story.append(RowsFlowable(COLS, rows, right_from=4))
    return build_pdf(path, story, store=report.store, title="Payment report",
                     subtitle=period_text(report.date_from, report.date_to), generated_at=report.generated_at,
                     running_header=header)
