"""A customer's statement of account as a PDF: who and which period, opening balance, every movement
with its running balance, closing balance, aging, and a UPI QR code to pay when the store has a UPI id
(``services.statement.CustomerStatement``).

Written in ``report_language(store)`` (``reports/pdf_common.py``): English, or Hindi with every word
translated and its Devanagari shaped.
"""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from possuite.domain.status import AGING_BUCKETS
from possuite.i18n import N_, translator
from possuite.reports.pdf_common import (
    FONT,
    GREEN,
    INK,
    MUTED,
    RED,
    RULE,
    RunningHeader,
    build_pdf,
    cell,
    fmt_date,
    frame_width,
    grid_style,
    in_report_digits,
    money,
    para,
    period_text,
    report_language,
    style,
    summary_cards,
)
from possuite.reports.rows import Row, RowsFlowable, cut
from possuite.services.perf import REPORT, timed
from possuite.services.statement import CustomerStatement

# Date | Document | Description | Debit | Credit | Balance (A4 portrait, 180 mm)
COLS = [22 * mm, 30 * mm, 56 * mm, 24 * mm, 24 * mm, 24 * mm]
HEADINGS = [N_("Date"), N_("Document"), N_("Description"), N_("Debit"), N_("Credit"), N_("Balance")]


def _parties(st: CustomerStatement, width: float, lang: str) -> Table:
    _ = translator(lang).gettext
    c = st.customer
    label = style("party-label", 7.5, color=MUTED)
    name = style("party-name", 11, bold=True)
    body = style("party-body", 8.5)
    left = [para(_("Statement for"), label), para(c.name, name)]
    if c.phone:
        left.append(para(c.phone, body))
    right = [para(_("Period"), label), para(period_text(st.date_from, st.date_to, lang), body),
             para(_("Statement date"), label), para(fmt_date(st.date_to, lang), body)]
    if c.credit_limit is not None:
        right += [para(_("Credit limit"), label), para(money(c.credit_limit, st.store.currency), body)]
    t = Table([[left, right]], colWidths=[width * 0.6, width * 0.4])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return t


def _aging_table(st: CustomerStatement, width: float, lang: str) -> Table:
    _ = translator(lang).gettext
    cur = st.store.currency
    a = st.aging
    heads = [cell(text, bold=True) for text in
             [_("{bucket} days").format(bucket=b) for b in AGING_BUCKETS] + [_("Unapplied credit"), _("Total due")]]
    values = [cell(money(a.buckets[b], cur), 8, right=True) for b in AGING_BUCKETS] + [
        cell(money(a.unapplied_credit, cur), 8, right=True), cell(money(a.total, cur), 8, bold=True, right=True)]
    t = Table([heads, values], colWidths=[width / len(heads)] * len(heads))
    extra = [("ALIGN", (0, 0), (-1, -1), "RIGHT"), ("BOX", (0, 0), (-1, -1), 0.6, RULE),
             ("FONT", (-1, 1), (-1, 1), "PossuiteSans-Bold", 8.5)]
    if a.total > 0:
        extra.append(("TEXTCOLOR", (-1, 1), (-1, 1), RED))
    for i, b in enumerate(AGING_BUCKETS):
        if b != "0-30" and a.buckets[b] > 0:
            extra.append(("TEXTCOLOR", (i, 1), (i, 1), RED))
    t.setStyle(grid_style(*extra))
    return t


def _pay_block(st: CustomerStatement, width: float, lang: str) -> Table:
    _ = translator(lang).gettext
    cur = st.store.currency
    size = 32 * mm
    widget = QrCodeWidget(st.upi_link, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, initialFontName=FONT, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    text = [para(_("Pay by UPI"), style("upi-h", 11, bold=True)),
            para(_("Scan with any UPI app to pay {amount} to {upi_id} ({store}).").format(
                amount=money(st.closing, cur), upi_id=st.store.upi_id, store=st.store.name),
                style("upi-b", 9, leading=12)),
            para(_("Please mention your name or phone number if you pay another way."),
                 style("upi-n", 8, color=MUTED)),
            Spacer(1, 1.5 * mm), para(st.upi_link, style("upi-l", 6.5, color=MUTED))]
    t = Table([[drawing, text]], colWidths=[size + 6 * mm, width - size - 6 * mm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                           ("LEFTPADDING", (0, 0), (-1, -1), 4)]))
    return t


@timed(REPORT, "statement PDF")
@in_report_digits
def write_statement_pdf(st: CustomerStatement, path: str | os.PathLike) -> Path:
    lang = report_language(st.store)
    _ = translator(lang).gettext
    cur = st.store.currency
    width = frame_width()
    story: list = [_parties(st, width, lang), Spacer(1, 4 * mm)]
    story.append(summary_cards([
        (_("Opening balance"), money(st.opening, cur), None),
        (_("Charges"), money(st.total_debit, cur), None),
        (_("Payments and credits"), money(st.total_credit, cur), GREEN),
        (_("Closing balance"), money(st.closing, cur), RED if st.closing > 0 else INK),
    ], width))
    story.append(Spacer(1, 4 * mm))
    header = RunningHeader([_(h) for h in HEADINGS], COLS, right_from=3)
    story.append(header.table())
    opening_label = (_("Opening balance on {date}").format(date=fmt_date(st.date_from, lang)) if st.date_from
                     else _("Opening balance"))
    rows = [Row(["", "", opening_label, "", "", money(st.opening, cur)], bold_cols=frozenset({2, 5}))]
    for ln in st.lines:
        colours = {5: RED} if ln.balance > 0 else {}
        rows.append(Row([fmt_date(ln.posted_at, lang), cut(ln.document, COLS[1]), cut(ln.description_in(lang), COLS[2]),
                         money(ln.debit, cur) if ln.debit else "", money(ln.credit, cur) if ln.credit else "",
                         money(ln.balance, cur)], colours=colours, rule_above=RULE, rule_width=0.3))
    if not st.lines:
        rows.append(Row(["", "", _("No movements in this period.")], color=MUTED))
    closing_label = _("Closing balance on {date}").format(date=fmt_date(st.date_to, lang))
    rows.append(Row(["", "", closing_label, money(st.total_debit, cur),
                     money(st.total_credit, cur), money(st.closing, cur)], bold=True, shade=True,
                    rule_above=MUTED, rule_width=1, size=8.5,
                    colours={5: RED} if st.closing > 0 else {}))
    story.append(RowsFlowable(COLS, rows, right_from=3))
    story.append(Spacer(1, 5 * mm))
    aging_on = _("Aging of the balance on {date} (days past the due date)").format(date=fmt_date(st.aging.as_of, lang))
    aging = [para(aging_on, style("aging-h", 9, bold=True, space_after=2)), _aging_table(st, width, lang)]
    story.append(KeepTogether(aging))
    if st.upi_link:
        story += [Spacer(1, 5 * mm), KeepTogether([_pay_block(st, width, lang)])]
    closing = (_("Please pay the balance of {amount}. Thank you for your custom.").format(amount=money(st.closing, cur))
               if st.closing > 0 else _("Nothing is due on this account. Thank you for your custom."))
    story += [Spacer(1, 4 * mm), para(closing, style("closing", 9, color=INK))]
    if st.store.phone:
        story.append(para(_("Questions about this statement? Call {phone}.").format(phone=st.store.phone),
                          style("q", 8, color=MUTED)))
    return build_pdf(path, story, store=st.store, title=_("Statement of account"),
                     subtitle=f"{st.customer.name} · {period_text(st.date_from, st.date_to, lang)}",
                     generated_at=st.generated_at, running_header=header, lang=lang)


