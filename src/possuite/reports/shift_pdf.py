"""A shift's X or Z report as an A4 PDF, from the same sections as the slip (``reports/shift.py``).

Written in ``report_language(store)`` (``reports/pdf_common.py``): English, or Hindi with every word
translated and its Devanagari shaped (the thermal slip stays English)."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table

from possuite.domain.cash import variance_label
from possuite.domain.money import format_money
from possuite.i18n import translator
from possuite.reports.pdf_common import (
    GREEN,
    INK,
    MUTED,
    RED,
    build_pdf,
    fmt_datetime,
    frame_width,
    in_report_digits,
    para,
    report_language,
    section_table,
    style,
    summary_cards,
)
from possuite.reports.shift import shift_sections
from possuite.services.perf import REPORT, timed
from possuite.services.shifts import ShiftReport


@timed(REPORT, "shift report PDF")
@in_report_digits
def write_shift_report_pdf(r: ShiftReport, path: str | os.PathLike) -> Path:
    lang = report_language(r.store)
    _ = translator(lang).gettext
    cur = r.store.currency
    s = r.shift
    width = frame_width()
    cards = [(_("Bills"), str(r.bills), None), (_("Sales"), format_money(r.sales_total, cur), INK),
             (_("Expected cash"), format_money(r.expected_cash, cur), None)]
    if s.counted_cash is not None:
        diff = s.variance or 0
        cards += [(_("Counted"), format_money(s.counted_cash, cur), None),
                  (_("Variance ({state})").format(state=_(variance_label(diff))), format_money(diff, cur),
                   RED if diff < 0 else (GREEN if diff == 0 else INK))]
    else:
        cards += [(_("Card"), format_money(r.figures.methods.get("card", 0), cur), None),
                  (_("UPI"), format_money(r.figures.methods.get("upi", 0), cur), None)]
    head = (_("Shift {number} at till {till}").format(number=s.number, till=s.till) if s.till
            else _("Shift {number}").format(number=s.number))
    head += _(", opened {when} by {user}").format(when=fmt_datetime(s.opened_at, lang), user=s.user_name)
    head += (_(", closed {when} by {user}").format(when=fmt_datetime(s.closed_at, lang), user=s.closed_by)
             if s.closed_at else _(" (still open)"))
    story: list = [para(head, style("shift-head", 10, color=MUTED, space_after=5)),
                   summary_cards(cards, width), Spacer(1, 5 * mm)]
    half = (width - 6 * mm) / 2
    secs = [section_table(sec, r.store.currency, half, label_share=0.62) for sec in shift_sections(r, lang=lang)]
    left, right = [secs[1], secs[2]], [secs[3], *secs[4:]]
    cols = []
    for group in (left, right):
        col: list = []
        for t in group:
            col += [t, Spacer(1, 4 * mm)]
        cols.append(col)
    grid = Table([cols], colWidths=[half + 6 * mm, half])
    grid.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                   ("RIGHTPADDING", (0, 0), (0, 0), 6 * mm), ("RIGHTPADDING", (1, 0), (1, 0), 0)])
    story += [grid, Spacer(1, 6 * mm)]
    story.append(KeepTogether([
        para(_("Cashier: ______________________        Checked by: ______________________"), style("sig", 9)),
    ]))
    title = _("Shift X report (so far)") if r.kind == "X" else _("Shift Z report (closed)")
    return build_pdf(path, story, store=r.store, title=title, subtitle=s.number, generated_at=r.generated_at,
                     lang=lang)
