"""The payment report as a PDF: summary figures, then every invoice with its items, what settled it,
and what remains, and a totals row equal to the sum of the invoices (``services.payments_report.PaymentReport``).

Written in ``report_language(store)`` (``reports/pdf_common.py``): English, or Hindi with every word
translated (statuses and methods through ``domain/labels.py``'s words) and its Devanagari shaped.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from possuite.domain.labels import customer_label, method_label, status_label
from possuite.domain.status import VOID
from possuite.i18n import N_, SOURCE_LANGUAGE, translator
from possuite.reports.pdf_common import (
    GREEN,
    MUTED,
    RED,
    RULE,
    RunningHeader,
    build_pdf,
    fmt_date,
    frame_width,
    in_report_digits,
    money,
    money_or_dash,
    para,
    period_text,
    report_language,
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
HEADINGS = [N_("Invoice"), N_("Date"), N_("Customer"), N_("Status"), N_("Total"), N_("Paid"), N_("Remaining")]
DETAIL_W = COLS[1] + COLS[2] + COLS[3]


def rate_text(bp: int) -> str:
    whole, frac = divmod(bp, 100)
    return f"{whole}%" if not frac else f"{whole}.{frac:02d}".rstrip("0") + "%"


def _status_text(status: str, lang: str = SOURCE_LANGUAGE) -> str:
    label = translator(lang).gettext(status_label(status))
    return label.upper() if status == VOID else label   # a void stands out


def _detail(text: str, *, total: str = "", paid: str = "") -> Row:
    return Row(["", cut(text, DETAIL_W, 7), "", "", total, paid, ""], size=7, color=MUTED, starts_group=False,
               pad=1.0)


def invoice_rows(inv: Invoice, report: PaymentReport, lang: str = SOURCE_LANGUAGE) -> list[Row]:
    """One invoice: its heading row, item lines, complimentary/discount notes, and settlements."""
    _ = translator(lang).gettext
    cur = report.store.currency
    who = customer_label(inv.customer_name if inv.customer_id else None, _)
    who += f" · {inv.customer_phone}" if inv.customer_phone else ""
    if report.by_store:  # the hub's back office, every store: the invoice's store first
        who = f"{inv.store} · {who}"
    colours = {3: STATUS_COLOUR[inv.status]}
    if inv.remaining > 0:
        colours[6] = RED
    if inv.voided:
        colours.update({4: MUTED, 5: MUTED, 6: MUTED})
    rows = [Row([inv.number, fmt_date(inv.posted_at, lang), cut(who, COLS[2]), _status_text(inv.status, lang),
                 money(inv.total, cur), money_or_dash(inv.paid, cur), money_or_dash(inv.remaining, cur)],
                colours=colours, bold_cols=frozenset({0}), rule_above=RULE)]
    for ln in inv.lines:
        bits = [f"{ln.qty_text} × {ln.description} @ {money(ln.unit_price, cur)}"]
        if ln.discount:
            bits.append(_("less {amount}").format(amount=money(ln.discount, cur)))
        if ln.tax_rate_bp:
            bits.append(f"GST {rate_text(ln.tax_rate_bp)} {money(ln.tax, cur)}")
        rows.append(_detail(", ".join(bits), total=money(ln.amount, cur)))
    if inv.complimentary:
        rows.append(_detail(_("Complimentary (value {amount}): {reason}").format(
            amount=money(inv.retail_value, cur), reason=inv.comp_reason)))
    if inv.discount:
        rows.append(_detail(_("Bill discount {amount} (spread over the lines above)").format(
            amount=money(inv.discount, cur))))
    for s in inv.settlements:
        if s.kind != "void" and not inv.voided:
            rows.append(_detail(f"{s.label_in(lang)} · {s.document} · {fmt_date(s.posted_at, lang)}",
                                paid=money(s.amount, cur)))
    if inv.voided:
        rows.append(_detail(_("Voided {date}: {reason}").format(date=fmt_date(inv.voided_at, lang),
                                                                reason=inv.void_reason)))
    return rows


@timed(REPORT, "payment report PDF")
@in_report_digits
def write_payment_report_pdf(report: PaymentReport, path: str | os.PathLike,
                             progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the payment report to ``path``; ``progress(done, total)`` is called while assembling."""
    lang = report_language(report.store)
    _ = translator(lang).gettext
    cur = report.store.currency
    t = report.totals
    width = frame_width()
    story: list = []
    scope = period_text(report.date_from, report.date_to, lang)
    if report.customer:
        c = report.customer
        scope += f" · {c.name}" + (f" ({c.phone})" if c.phone else "")
    story.append(para(scope + " · " + _("figures as at {date}").format(date=fmt_date(report.generated_at, lang)),
                      style("sub", 9, color=MUTED, space_after=5)))
    story.append(summary_cards([
        (_("Invoices"), f"{t.invoices}", None),
        (_("Billed"), money(t.total, cur), None),
        (_("Paid"), money(t.paid, cur), GREEN),
        (_("Written off"), money(t.adjusted, cur), None),
        (_("Remaining"), money(t.remaining, cur), RED if t.remaining else None),
    ], width))
    notes = []
    if t.paid_by_method:
        # English: the method's code title-cased (UPI in capitals), as before; another language: its label
        names = {k: (k.upper() if k == "upi" else k.title()) if lang == SOURCE_LANGUAGE else _(method_label(k))
                 for k in t.paid_by_method}
        notes.append(_("Paid by method: {methods}").format(
            methods=", ".join(f"{names[k]} {money(v, cur)}" for k, v in t.paid_by_method.items())))
    notes.append(_("Complimentary: {count} (value {amount})").format(
        count=t.complimentary_count, amount=money(t.complimentary_value, cur)))
    notes.append(_("Voided: {count} ({amount}, not in the totals)").format(count=t.void_count,
                                                                            amount=money(t.void_value, cur)))
    notes.append(_("Discounts {discount} · tax {tax}").format(discount=money(t.discount, cur), tax=money(t.tax, cur)))
    story += [Spacer(1, 2 * mm), para(" · ".join(notes), style("notes", 8, color=MUTED)), Spacer(1, 4 * mm)]

    header = RunningHeader([_(h) for h in HEADINGS], COLS, right_from=4)
    story.append(header.table())
    rows: list[Row] = []
    n = len(report.invoices)
    for i, inv in enumerate(report.invoices, start=1):
        rows += invoice_rows(inv, report, lang)
        if progress and (i % 200 == 0 or i == n):
            progress(i, n)
    if not rows:
        rows.append(Row(["", _("No invoices in this period.")], color=MUTED))
    total_label = translator(lang).ngettext("Total: {count} invoice", "Total: {count} invoices",
                                            t.invoices).format(count=t.invoices)
    rows.append(Row([total_label, "", "", "",
                     money(t.total, cur), money(t.paid, cur), money(t.remaining, cur)],
                    size=8.5, bold=True, shade=True, rule_above=MUTED, rule_width=1))
    if t.adjusted:
        rows.append(Row([_("Written off / credit adjustments: {amount} (billed = paid + written off + remaining)")
                         .format(amount=money(t.adjusted, cur))], size=7.5, color=MUTED, starts_group=False))
    story.append(RowsFlowable(COLS, rows, right_from=4))
    return build_pdf(path, story, store=report.store, title=_("Payment report"),
                     subtitle=period_text(report.date_from, report.date_to, lang), generated_at=report.generated_at,
                     running_header=header, lang=lang)
