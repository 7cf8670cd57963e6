"""A shift's X or Z report as an A4 PDF, from the same sections as the slip (``reports/shift.py``)."""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from possuite.domain.cash import variance_label
from possuite.domain.money import format_money
from possuite.reports.pdf_common import (
    FONT,
    FONT_BOLD,
    GREEN,
    INK,
    MUTED,
    RED,
    build_pdf,
    fmt_datetime,
    frame_width,
    grid_style,
    para,
    style,
    summary_cards,
)
from possuite.reports.shift import Section, amount_text, shift_sections
from possuite.services.perf import REPORT, timed
from possuite.services.shifts import ShiftReport


def _section_table(sec: Section, r: ShiftReport, width: float) -> Table:
    rows = [[sec.title, ""]]
    cmds = []
    note = style("shift-note", 7.5, color=MUTED)
    for i, ln in enumerate(sec.lines, start=1):
        value = amount_text(ln, r)
        if not value:                                # a note: wraps across both columns
            rows.append([Paragraph(escape(ln.label), note), ""])
            cmds += [("SPAN", (0, i), (1, i)), ("LEFTPADDING", (0, i), (0, i), 3 + 10 * ln.indent)]
            continue
        rows.append([("    " * ln.indent) + ln.label, value])
        if ln.strong:
            cmds.append(("FONT", (0, i), (-1, i), FONT_BOLD, 8.5))
        if ln.amount is not None and ln.amount < 0:
            cmds.append(("TEXTCOLOR", (1, i), (1, i), RED))
    t = Table(rows, colWidths=[width * 0.62, width * 0.38])
    t.setStyle(grid_style(("FONT", (0, 1), (-1, -1), FONT, 8.5), *cmds, money_from=1))
    return t


@timed(REPORT, "shift report PDF")
def write_shift_report_pdf(r: ShiftReport, path: str | os.PathLike) -> Path:
    cur = r.store.currency
    s = r.shift
    width = frame_width()
    cards = [("Bills", str(r.bills), None), ("Sales", format_money(r.sales_total, cur), INK),
             ("Expected cash", format_money(r.expected_cash, cur), None)]
    if s.counted_cash is not None:
        diff = s.variance or 0
        cards += [("Counted", format_money(s.counted_cash, cur), None),
                  (f"Variance ({variance_label(diff)})", format_money(diff, cur),
                   RED if diff < 0 else (GREEN if diff == 0 else INK))]
    else:
        cards += [("Card", format_money(r.figures.methods.get("card", 0), cur), None),
                  ("UPI", format_money(r.figures.methods.get("upi", 0), cur), None)]
    story: list = [para(f"Shift {s.number}" + (f" at till {s.till}" if s.till else "") +
                        f", opened {fmt_datetime(s.opened_at)} by {s.user_name}" +
                        (f", closed {fmt_datetime(s.closed_at)} by {s.closed_by}" if s.closed_at else " (still open)"),
                        style("shift-head", 10, color=MUTED, space_after=5)),
                   summary_cards(cards, width), Spacer(1, 5 * mm)]
    half = (width - 6 * mm) / 2
    secs = [_section_table(sec, r, half) for sec in shift_sections(r)]
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
        para("Cashier: ______________________        Checked by: ______________________", style("sig", 9)),
    ]))
    title = "Shift X report (so far)" if r.kind == "X" else "Shift Z report (closed)"
    return build_pdf(path, story, store=r.store, title=title, subtitle=s.number, generated_at=r.generated_at)
