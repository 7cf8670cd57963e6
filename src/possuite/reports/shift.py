"""A shift's X report (still open) or Z report (closed) for the thermal printer and as text.

Both the printed slip and the text come from one markup (``shift_markup``), so the paper and the
preview always agree; the slip is in the store's receipt language (Hindi lines print as shaped raster
lines, as on a receipt); the PDF (``reports/shift_pdf.py``) reads the same sections (``shift_sections``).
No reportlab here: the print worker renders slips without loading it.
"""

from __future__ import annotations

from possuite.domain.cash import MOVEMENT_LABELS, variance_label
from possuite.domain.dates import format_datetime, format_time
from possuite.domain.labels import method_label
from possuite.domain.money import using_digits
from possuite.i18n import N_, SOURCE_LANGUAGE, digits_for, localise_dates, translator
from possuite.printing.markup import Row, parse
from possuite.printing.text import render_text
from possuite.reports.sections import Line, Section, slip_lines
from possuite.services.shifts import ShiftReport


def report_title(r: ShiftReport) -> str:
    """The slip's heading in English (a message: the slip translates it)."""
    return N_("SHIFT X REPORT (SO FAR)") if r.kind == "X" else N_("SHIFT Z REPORT (CLOSED)")


def shift_sections(r: ShiftReport, *, ascii_only: bool = False, lang: str = SOURCE_LANGUAGE) -> list[Section]:
    """The report's sections; ``lang``: the words' language (the PDF's ``report_language``; the slip: the
    store's receipt language)."""
    _ = translator(lang).gettext
    s, f = r.shift, r.figures
    cur = r.store.currency
    head = [Line(_("Shift"), text=s.number)]
    if s.till:
        head.append(Line(_("Till"), text=s.till))
    head += [Line(_("Opened"), text=f"{localise_dates(format_datetime(s.opened_at), lang)} {s.user_name}")]
    if s.closed_at:
        closed = f"{localise_dates(format_datetime(s.closed_at), lang)} {s.closed_by or ''}".rstrip()
        head.append(Line(_("Closed"), text=closed))
    sales = [Line(_("Bills"), text=str(r.bills))]
    if r.first_number:
        sales.append(Line(f"{r.first_number} .. {r.last_number}", text="", indent=1))
    sales.append(Line(_("Sales total"), r.sales_total, strong=True))
    if r.voided:
        sales.append(Line(_("Voided since"), text=str(r.voided), indent=1))
    cash = [Line(_("Opening float"), s.opening_float)]
    for kind, amount in f.cash.items():
        label = _(MOVEMENT_LABELS[kind]) if kind in MOVEMENT_LABELS else f"Cash {kind.replace('_', ' ')}"
        cash.append(Line(f"{label} ({f.cash_counts.get(kind, 0)})", amount, indent=1))
    cash.append(Line(_("Expected in drawer"), r.expected_cash, strong=True))
    if s.counted_cash is not None:
        diff = s.variance or 0
        cash += [Line(_("Counted"), s.counted_cash, strong=True),
                 Line(_("Variance ({state})").format(state=_(variance_label(diff))), diff, strong=True)]
        for face, pieces in s.counted_notes.items():
            symbol = (cur.ascii_symbol + " ") if ascii_only else cur.symbol
            cash.append(Line(f"{symbol}{face // cur.minor_per_major} x {pieces}", face * pieces, indent=1))
        if s.close_note:
            cash.append(Line(_("Note: {note}").format(note=s.close_note), indent=1))
    slips = [Line(_(method_label(mth)), amount, indent=1) for mth, amount in sorted(f.methods.items())]
    if not slips:
        slips = [Line(_("No card or UPI payments"), indent=1)]
    sections = [Section(_("Shift"), tuple(head)), Section(_("Sales"), tuple(sales)),
                Section(_("Cash drawer"), tuple(cash)), Section(_("Card and UPI (match the slips)"), tuple(slips))]
    if r.moves:
        went = {"in": _("in"), "out": _("out")}  # outside the f-string: the extractor reads calls, not f-strings
        sections.append(Section(_("Cash in and out"), tuple(
            Line(f"{format_time(mv.posted_at)} {went.get(mv.kind, mv.kind)}: {mv.reason}",
                 mv.amount if mv.kind == "in" else -mv.amount, indent=1) for mv in r.moves)))
    return sections


def slip_language(r: ShiftReport, lang: str | None = None) -> str:
    """The slip's language: ``lang`` when given, else the store's receipt language (like a receipt)."""
    return lang or getattr(r.store, "receipt_language", SOURCE_LANGUAGE) or SOURCE_LANGUAGE


def shift_markup(r: ShiftReport, width: int = 42, *, ascii_only: bool = False, lang: str | None = None) -> str:
    """The slip in receipt markup (``printing/markup.py``): ``width`` columns (32, 42 or 48), in ``lang``
    (by default the store's receipt language; a Hindi line prints through the raster path, shaped)."""
    if width < 24:
        raise ValueError("width must be at least 24 columns")
    lang = slip_language(r, lang)
    with using_digits(digits_for(lang, getattr(r.store, "devanagari_digits", False))):
        return _shift_markup(r, width, ascii_only, lang)


def _shift_markup(r: ShiftReport, width: int, ascii_only: bool, lang: str) -> str:
    _ = translator(lang).gettext
    rule = "-" * width
    out = [f"{{center,bold}}{r.store.name}"]
    out += [f"{{center}}{a.strip()}" for a in r.store.address.splitlines() if a.strip()]
    out += [f"{{center,bold}}{_(report_title(r))}", rule]
    out += slip_lines(shift_sections(r, ascii_only=ascii_only, lang=lang), r.store.currency, width,
                      ascii_only=ascii_only)
    if r.kind == "Z":
        out += ["{}", _("Cashier: ____________________"), "{}", _("Checked: ____________________")]
    out.append("{center}" + _("Printed {when}").format(when=localise_dates(format_datetime(r.generated_at), lang)))
    return "\n".join(out) + "\n"


def shift_rows(r: ShiftReport, width: int = 42, *, ascii_only: bool = False, lang: str | None = None) -> list[Row]:
    return parse(shift_markup(r, width, ascii_only=ascii_only, lang=lang), width)


def shift_report_text(r: ShiftReport, width: int = 42, *, ascii_only: bool = False, lang: str | None = None) -> str:
    """The slip as plain text, exactly the columns the printer prints."""
    return render_text(shift_rows(r, width, ascii_only=ascii_only, lang=lang), width)
