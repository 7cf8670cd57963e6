"""The day-end (Z) report as an A4 PDF and as thermal-receipt text (``services.day_report.DayReport``).

Both come from the same sections (``day_sections``), so the paper slip and the PDF always agree.
"""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table

from possuite.domain.dates import format_long_date, format_weekday_date
from possuite.domain.labels import method_label
from possuite.domain.money import format_money
from possuite.reports.pdf_common import (
    GREEN,
    INK,
    MUTED,
    RED,
    build_pdf,
    fmt_date,
    fmt_datetime,
    frame_width,
    para,
    section_table,
    style,
    summary_cards,
)
from possuite.reports.sections import Line, Section, amount_text
from possuite.services.day_report import DayReport
from possuite.services.perf import REPORT, timed


def day_sections(r: DayReport, *, ascii_only: bool = False) -> list[Section]:
    bills_text = str(r.bills)
    sales = [Line("Bills", text=bills_text)]
    if r.first_number:
        sales.append(Line(f"{r.first_number} .. {r.last_number}", text="", indent=1))
    sales += [
        Line("Gross sales", r.gross),
        Line("Discounts", -r.discounts),
        Line("Tax added", r.tax_added),
        Line("Sales total", r.sales_total, strong=True),
        Line(f"Voids ({r.voids_count})", -r.voids_value),
        Line(f"Returns ({r.returns_count} credit notes)", -r.returns_value),
        Line("Net sales", r.net_sales, strong=True),
        Line("Tax in sales", r.tax),
        Line("Tax returned", -r.returns_tax),
        Line(f"Complimentary ({r.complimentary_count}) value", r.complimentary_value),
    ]
    received = [Line(method_label(m), v, indent=1) for m, v in r.tenders.items()] or [Line("Nothing received", 0,
                                                                                         indent=1)]
    received.append(Line("Total received", r.received, strong=True))
    if r.refunds:
        received += [Line(f"Refund {method_label(m)}", -v, indent=1) for m, v in r.refunds.items()]
        received.append(Line("Total refunded", -r.refunded, strong=True))
    credit = [
        Line("Pending created (new dues)", r.pending_created),
        Line("Customer credit used", r.advance_used),
        Line("Dues collected", r.dues_collected, strong=True),
        Line(f"Collections ({r.collections_count})", r.collections, indent=1),
        Line("Paid with a new bill", r.dues_at_checkout, indent=1),
    ]
    cash = [Line("Opening float", r.opening_float)] if r.shifts else []
    cash += [
        Line("Cash received (after change)", r.tenders.get("cash", 0)),
        Line("Cash refunded", -r.refunds.get("cash", 0)),
    ]
    if r.shifts:
        cash += [Line("Cash in", r.cash_in), Line("Cash out", r.cash_out)]
    cash += [
        # domain/cash.expected_cash: the rule the shifts' Z reports use
        Line("Expected cash in drawer", r.expected_cash, strong=True),
        Line(f"Cash tendered {format_money(r.cash_tendered, r.store.currency, ascii_only=ascii_only)}, change "
             f"given {format_money(r.change_given, r.store.currency, ascii_only=ascii_only)}"
             + ("; the shifts' floats and cash in/out included" if r.shifts else "; no shift: no float"),
             indent=1),
    ]
    sections = [Section("Sales", tuple(sales)), Section("Money received", tuple(received)),
                Section("Customer credit", tuple(credit)), Section("Cash drawer", tuple(cash))]
    if r.shifts:
        sections.append(Section("Shifts and tills", tuple(_shift_lines(r))))
    if r.stores:
        sections.append(Section("By store", tuple(
            Line(f"{name}: {n} bill{'s' if n != 1 else ''}", total, indent=1)
            for name, (n, total) in r.stores.items())))
    if r.cashiers:
        sections.append(Section("Bills by cashier", tuple(Line(name, text=str(n), indent=1)
                                                          for name, n in sorted(r.cashiers.items()))))
    return sections


def _shift_lines(r: DayReport) -> list[Line]:
    out: list[Line] = []
    for sl in r.shifts:
        s = sl.shift
        until = f"{s.closed_at:%H:%M}" if s.closed_at else "open"
        out.append(Line(f"{s.number}{' till ' + s.till if s.till else ''} {s.user_name} "
                        f"{s.opened_at:%H:%M}-{until}, {sl.bills} bill(s)"))
        out.append(Line("Expected cash", sl.expected_cash, indent=1))
        if s.counted_cash is not None:
            out += [Line("Counted", s.counted_cash, indent=1), Line("Variance", s.variance or 0, indent=1)]
    return out


def day_report_text(r: DayReport, width: int = 42, *, ascii_only: bool = False) -> str:
    """The Z report for a thermal printer: ``width`` columns (32, 42 or 48), one string with newlines."""
    if width < 24:
        raise ValueError("width must be at least 24 columns")
    rule = "-" * width
    out = [r.store.name.center(width).rstrip()]
    if r.store.address:
        out += [a.strip().center(width).rstrip() for a in r.store.address.splitlines() if a.strip()]
    out += ["DAY-END (Z) REPORT".center(width).rstrip(), format_weekday_date(r.day).center(width).rstrip(), rule]
    for sec in day_sections(r, ascii_only=ascii_only):
        out.append(sec.title.upper())
        for ln in sec.lines:
            label = "  " * ln.indent + ln.label
            value = amount_text(ln, r.store.currency, ascii_only)
            if ln.strong:
                label = label.upper()
            if not value:
                while len(label) > width:           # long notes wrap
                    cut = label.rfind(" ", 0, width)
                    cut = cut if cut > 0 else width
                    out.append(label[:cut])
                    label = "  " * (ln.indent + 1) + label[cut:].strip()
                out.append(label)
                continue
            room = width - len(value) - 1
            if len(label) > room:               # label on its own line, the amount under it
                out.append(label[:width])
                label = ""
            out.append(label.ljust(room) + " " + value)
        out.append(rule)
    out.append(f"Printed {fmt_datetime(r.generated_at)}".center(width).rstrip())
    return "\n".join(out) + "\n"


@timed(REPORT, "day report PDF")
def write_day_report_pdf(r: DayReport, path: str | os.PathLike) -> Path:
    cur = r.store.currency
    width = frame_width()
    story: list = [para(f"Business date {format_long_date(r.day)}", style("d", 10, color=MUTED,
                                                                                  space_after=5))]
    story.append(summary_cards([
        ("Bills", str(r.bills), None),
        ("Net sales", format_money(r.net_sales, cur), INK),
        ("Received", format_money(r.received, cur), GREEN),
        ("Pending created", format_money(r.pending_created, cur), RED if r.pending_created else None),
        ("Expected cash", format_money(r.expected_cash, cur), None),
    ], width))
    story.append(Spacer(1, 5 * mm))
    half = (width - 6 * mm) / 2
    secs = [section_table(s, r.store.currency, half, label_share=0.68) for s in day_sections(r)]
    left, right = [secs[0], secs[2]], [secs[1], *secs[3:]]
    col_l: list = []
    for t in left:
        col_l += [t, Spacer(1, 4 * mm)]
    col_r: list = []
    for t in right:
        col_r += [t, Spacer(1, 4 * mm)]
    grid = Table([[col_l, col_r]], colWidths=[half + 6 * mm, half])
    grid.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                   ("RIGHTPADDING", (0, 0), (0, 0), 6 * mm), ("RIGHTPADDING", (1, 0), (1, 0), 0)])
    story.append(grid)
    story.append(Spacer(1, 6 * mm))
    story.append(KeepTogether([
        para("Counted cash: ______________________    Difference: ______________________",
             style("count", 9)),
        Spacer(1, 6 * mm),
        para("Signature: ______________________", style("sig", 9)),
    ]))
    return build_pdf(path, story, store=r.store, title="Day-end (Z) report", subtitle=fmt_date(r.day),
                     generated_at=r.generated_at)
