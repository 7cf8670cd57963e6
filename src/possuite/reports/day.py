"""The day-end (Z) report as an A4 PDF and as a thermal slip (``services.day_report.DayReport``).

Both come from the same sections (``day_sections``), so the paper slip and the PDF always agree. The PDF
is written in the reader's language (``pdf_common.report_language``); the slip, like a receipt, in the
store's receipt language, as receipt markup (``day_markup``): its text preview and its printed rows are
the same columns, and a Hindi line prints through the raster path, shaped (``printing/escpos_render.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table

from possuite.domain.cash import CASH_IN, CASH_OUT, MOVEMENT_LABELS
from possuite.domain.dates import format_long_date, format_time, format_weekday_date
from possuite.domain.labels import method_label
from possuite.domain.money import format_money, using_digits
from possuite.i18n import SOURCE_LANGUAGE, digits_for, localise_dates, translator
from possuite.printing.markup import Row, parse
from possuite.printing.text import render_text
from possuite.reports.pdf_common import (
    GREEN,
    INK,
    MUTED,
    RED,
    build_pdf,
    fmt_date,
    fmt_datetime,
    frame_width,
    in_report_digits,
    para,
    report_language,
    section_table,
    style,
    summary_cards,
)
from possuite.reports.sections import Line, Section, slip_lines
from possuite.services.day_report import DayReport
from possuite.services.perf import REPORT, timed


def day_sections(r: DayReport, *, ascii_only: bool = False, lang: str = SOURCE_LANGUAGE) -> list[Section]:
    """The report's sections with their words in ``lang`` (the PDF's ``report_language``; the slip: the
    store's receipt language)."""
    tr = translator(lang)
    _ = tr.gettext
    cur = r.store.currency
    bills_text = str(r.bills)
    sales = [Line(_("Bills"), text=bills_text)]
    if r.first_number:
        sales.append(Line(f"{r.first_number} .. {r.last_number}", text="", indent=1))
    sales += [
        Line(_("Gross sales"), r.gross),
        Line(_("Discounts"), -r.discounts),
        Line(_("Tax added"), r.tax_added),
        Line(_("Sales total"), r.sales_total, strong=True),
        Line(_("Voids ({count})").format(count=r.voids_count), -r.voids_value),
        Line(_("Returns ({count} credit notes)").format(count=r.returns_count), -r.returns_value),
        Line(_("Net sales"), r.net_sales, strong=True),
        Line(_("Tax in sales"), r.tax),
        *([Line(_("of which cess"), r.cess, indent=1)] if r.cess else []),
        Line(_("Tax returned"), -r.returns_tax),
        Line(_("Complimentary ({count}) value").format(count=r.complimentary_count), r.complimentary_value),
    ]
    received = [Line(_(method_label(m)), v, indent=1) for m, v in r.tenders.items()] or [
        Line(_("Nothing received"), 0, indent=1)]
    received.append(Line(_("Total received"), r.received, strong=True))
    if r.refunds:
        received += [Line(_("Refund {method}").format(method=_(method_label(m))), -v, indent=1)
                     for m, v in r.refunds.items()]
        received.append(Line(_("Total refunded"), -r.refunded, strong=True))
    credit = [
        Line(_("Pending created (new dues)"), r.pending_created),
        Line(_("Customer credit used"), r.advance_used),
        Line(_("Dues collected"), r.dues_collected, strong=True),
        Line(_("Collections ({count})").format(count=r.collections_count), r.collections, indent=1),
        Line(_("Paid with a new bill"), r.dues_at_checkout, indent=1),
    ]
    cash = [Line(_("Opening float"), r.opening_float)] if r.shifts else []
    cash += [
        Line(_("Cash received (after change)"), r.tenders.get("cash", 0)),
        Line(_("Cash refunded"), -r.refunds.get("cash", 0)),
    ]
    if r.shifts:
        cash += [Line(_(MOVEMENT_LABELS[CASH_IN]), r.cash_in), Line(_(MOVEMENT_LABELS[CASH_OUT]), r.cash_out)]
    note = (_("Cash tendered {tendered}, change given {change}; the shifts' floats and cash in/out included")
            if r.shifts else _("Cash tendered {tendered}, change given {change}; no shift: no float"))
    cash += [
        # domain/cash.expected_cash: the rule the shifts' Z reports use
        Line(_("Expected cash in drawer"), r.expected_cash, strong=True),
        Line(note.format(tendered=format_money(r.cash_tendered, cur, ascii_only=ascii_only),
                         change=format_money(r.change_given, cur, ascii_only=ascii_only)), indent=1),
    ]
    sections = [Section(_("Sales"), tuple(sales)), Section(_("Money received"), tuple(received)),
                Section(_("Customer credit"), tuple(credit)), Section(_("Cash drawer"), tuple(cash))]
    if r.shifts:
        sections.append(Section(_("Shifts and tills"), tuple(_shift_lines(r, lang))))
    if r.stores:
        sections.append(Section(_("By store"), tuple(
            Line(tr.ngettext("{store}: {count} bill", "{store}: {count} bills", n).format(store=name, count=n),
                 total, indent=1)
            for name, (n, total) in r.stores.items())))
    if r.cashiers:
        sections.append(Section(_("Bills by cashier"), tuple(Line(name, text=str(n), indent=1)
                                                             for name, n in sorted(r.cashiers.items()))))
    return sections


def _shift_lines(r: DayReport, lang: str) -> list[Line]:
    _ = translator(lang).gettext
    out: list[Line] = []
    for sl in r.shifts:
        s = sl.shift
        until = format_time(s.closed_at) if s.closed_at else _("open")
        shift = f"{s.number} " + _("till {till}").format(till=s.till) if s.till else s.number
        out.append(Line(_("{shift} {user} {opened}-{until}, {count} bill(s)").format(
            shift=shift, user=s.user_name, opened=format_time(s.opened_at), until=until, count=sl.bills)))
        out.append(Line(_("Expected cash"), sl.expected_cash, indent=1))
        if s.counted_cash is not None:
            out += [Line(_("Counted"), s.counted_cash, indent=1), Line(_("Variance"), s.variance or 0, indent=1)]
    return out


def slip_language(r: DayReport, lang: str | None = None) -> str:
    """The slip's language: ``lang`` when given, else the store's receipt language (like a receipt)."""
    return lang or getattr(r.store, "receipt_language", SOURCE_LANGUAGE) or SOURCE_LANGUAGE


def day_markup(r: DayReport, width: int = 42, *, ascii_only: bool = False, lang: str | None = None) -> str:
    """The Z report for a thermal printer in receipt markup (``printing/markup.py``): ``width`` columns (32, 42
    or 48), in ``lang`` (by default the store's receipt language; Hindi lines print shaped, as raster lines)."""
    if width < 24:
        raise ValueError("width must be at least 24 columns")
    lang = slip_language(r, lang)
    with using_digits(digits_for(lang, getattr(r.store, "devanagari_digits", False))):
        return _day_markup(r, width, ascii_only, lang)


def _day_markup(r: DayReport, width: int, ascii_only: bool, lang: str) -> str:
    _ = translator(lang).gettext
    out = [f"{{center,bold}}{r.store.name}"]
    out += [f"{{center}}{a.strip()}" for a in r.store.address.splitlines() if a.strip()]
    out += ["{center,bold}" + _("DAY-END (Z) REPORT"), "{center}" + localise_dates(format_weekday_date(r.day), lang),
            "-" * width]
    out += slip_lines(day_sections(r, ascii_only=ascii_only, lang=lang), r.store.currency, width,
                      ascii_only=ascii_only, upper_strong=True)
    if r.last_hash:   # the book's chain at the day's end (docs/architecture.md §3.6): keep this slip
        out.append("{center}" + _("Last hash {hash}").format(hash=r.last_hash_short))
    out.append("{center}" + _("Printed {when}").format(when=fmt_datetime(r.generated_at, lang)))
    return "\n".join(out) + "\n"


def day_rows(r: DayReport, width: int = 42, *, ascii_only: bool = False, lang: str | None = None) -> list[Row]:
    """The slip's printed rows (``printing/escpos_render.escpos_bytes`` sends them)."""
    return parse(day_markup(r, width, ascii_only=ascii_only, lang=lang), width)


def day_report_text(r: DayReport, width: int = 42, *, ascii_only: bool = False, lang: str | None = None) -> str:
    """The slip as plain text: exactly the columns the printer prints, one string with newlines."""
    return render_text(day_rows(r, width, ascii_only=ascii_only, lang=lang), width)


@timed(REPORT, "day report PDF")
@in_report_digits
def write_day_report_pdf(r: DayReport, path: str | os.PathLike) -> Path:
    """The A4 day report, written in ``report_language(store)``: English, or Hindi with every word translated
    and its Devanagari shaped."""
    lang = report_language(r.store)
    _ = translator(lang).gettext
    cur = r.store.currency
    width = frame_width()
    heading = _("Business date {date}").format(date=localise_dates(format_long_date(r.day), lang))
    story: list = [para(heading, style("d", 10, color=MUTED, space_after=5))]
    story.append(summary_cards([
        (_("Bills"), str(r.bills), None),
        (_("Net sales"), format_money(r.net_sales, cur), INK),
        (_("Received"), format_money(r.received, cur), GREEN),
        (_("Pending created"), format_money(r.pending_created, cur), RED if r.pending_created else None),
        (_("Expected cash"), format_money(r.expected_cash, cur), None),
    ], width))
    story.append(Spacer(1, 5 * mm))
    half = (width - 6 * mm) / 2
    secs = [section_table(s, r.store.currency, half, label_share=0.68) for s in day_sections(r, lang=lang)]
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
        para(_("Counted cash: ______________________    Difference: ______________________"),
             style("count", 9)),
        Spacer(1, 6 * mm),
        para(_("Signature: ______________________"), style("sig", 9)),
        *([Spacer(1, 4 * mm), para(_("Last hash of the day in this till's ledger chain: {hash}").format(
            hash=r.last_hash_short), style("hash", 8, color=MUTED))] if r.last_hash else []),
    ]))
    return build_pdf(path, story, store=r.store, title=_("Day-end (Z) report"),
                     subtitle=fmt_date(r.day, lang), generated_at=r.generated_at, lang=lang)
