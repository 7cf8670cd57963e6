"""What every possuite PDF shares: the embedded DejaVu font (it has ₹), styles, money text, and a
page frame with the store's letterhead on top and ``<store> · <report> · generated … · Page x of y``
at the foot of every page.

Language: a report is written in ``report_language(store)`` -- the process's language (``possuite.i18n``)
when it is not English, else the store's receipt language. Its words go through ``translator(lang)``
and every piece of Devanagari text (paragraphs, table cells, the rows of long tables, the letterhead
and footer) is drawn shaped by HarfBuzz with the bill PDF's one helper (``printing/pdf.py::segments``,
through ``draw_string``, ``shaped``, ``cell``); text without Devanagari is drawn exactly as before, so
an English report is unchanged. A report whose words are not translated yet passes no ``lang`` to
``build_pdf``, and its first page says, in the reader's language, that it is in English
(``LanguageNotice``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from possuite.domain.dates import format_date, format_datetime
from possuite.domain.money import Currency, format_money, using_digits
from possuite.i18n import N_, SOURCE_LANGUAGE, current_language, digits_for, localise_dates, translator
from possuite.printing.pdf import draw_text, has_devanagari, text_width
from possuite.reports.sections import Section, amount_text
from possuite.services.context import StoreSettings

try:
    from possuite.resources import font_path
except ImportError:  # an odd layout without the resources package: the system DejaVu is used
    font_path = None

FONT = "PossuiteSans"
FONT_BOLD = "PossuiteSans-Bold"
_SYSTEM_FONTS = Path("/usr/share/fonts/truetype/dejavu")

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#cbd2d9")
SHADE = colors.HexColor("#f0f4f8")
RED = colors.HexColor("#c62828")
GREEN = colors.HexColor("#2e7d32")
ACCENT = colors.HexColor("#1565c0")

MARGIN = 15 * mm


def _font_file(bold: bool) -> Path:
    try:
        path = Path(font_path(bold=bold))
        if path.exists():
            return path
    except (FileNotFoundError, TypeError):
        pass
    path = _SYSTEM_FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if not path.exists():
        raise FileNotFoundError(f"no font with the rupee sign found (looked for {path})")
    return path


def register_fonts() -> None:
    """Embed DejaVu Sans (regular and bold) once per process."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(_font_file(False))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(_font_file(True))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def style(name: str, size: float = 9, *, bold: bool = False, color=INK, align=TA_LEFT, leading=None,
          space_after: float = 0) -> ParagraphStyle:
    register_fonts()
    return ParagraphStyle(name, fontName=FONT_BOLD if bold else FONT, fontSize=size,
                          leading=leading or size * 1.25, textColor=color, alignment=align,
                          spaceAfter=space_after)


def para(text: str, st: ParagraphStyle) -> Flowable:
    """A paragraph of ``text`` in style ``st``; Devanagari text is set shaped (``ShapedPara``)."""
    if has_devanagari(text):
        return ShapedPara(text, st)
    return Paragraph(escape(text), st)


def cell(text: str, size: float = 8, *, bold: bool = False, color=INK, right: bool = False):
    """A table cell: the text itself, or a shaped paragraph when it has Devanagari (reportlab's own table
    text is not shaped; an amount in Devanagari digits too), flush right when ``right``."""
    if not has_devanagari(text):
        return text
    return ShapedPara(text, style("cell", size, bold=bold, color=color, align=TA_RIGHT if right else TA_LEFT))


def draw_string(canv, x: float, y: float, text: str, font: str, size: float, *, right: bool = False) -> None:
    """``canv.drawString`` (``drawRightString`` when ``right``), Devanagari shaped (``printing/pdf.py``)."""
    if not has_devanagari(text):
        canv.setFont(font, size)
        (canv.drawRightString if right else canv.drawString)(x, y, text)
        return
    bold = font == FONT_BOLD
    if right:
        x -= text_width(text, bold, size)
    draw_text(canv, x, y, text, bold, size)


class ShapedPara(Flowable):
    """A paragraph with Devanagari: words wrapped to the width, each line drawn shaped (``draw_text``)."""

    def __init__(self, text: str, st: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.st = text, st
        self.bold = st.fontName == FONT_BOLD
        self.spaceAfter = st.spaceAfter
        self.lines: list[str] = [text]

    def _width(self, text: str) -> float:
        return text_width(text, self.bold, self.st.fontSize)

    def wrap(self, avail_width, avail_height):
        lines: list[str] = []
        for words in (p.split(" ") for p in self.text.split("\n")):
            line = ""
            for word in words:
                trial = f"{line} {word}" if line else word
                if line and self._width(trial) > avail_width:
                    lines.append(line)
                    line = word
                else:
                    line = trial
            lines.append(line)
        self.lines = lines
        self.avail = avail_width
        self.width = min(avail_width, max(self._width(ln) for ln in lines))
        if self.st.alignment == TA_RIGHT:
            self.width = avail_width
        self.height = self.st.leading * len(lines)
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setFillColor(self.st.textColor)
        size = self.st.fontSize
        for i, line in enumerate(self.lines):
            y = self.height - (i + 1) * self.st.leading + (self.st.leading - size) / 2 + size * 0.2
            x = self.width - self._width(line) if self.st.alignment == TA_RIGHT else 0
            draw_text(self.canv, x, y, line, self.bold, size)


def fit(text: str, width: float, font: str = FONT, size: float = 8) -> str:
    """``text`` cut with an ellipsis to fit ``width`` points (table cells never overflow)."""
    register_fonts()
    if has_devanagari(text):
        def measure(t: str) -> float:
            return text_width(t, font == FONT_BOLD, size)
    else:
        def measure(t: str) -> float:
            return pdfmetrics.stringWidth(t, font, size)
    if measure(text) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(text[:mid] + "…") <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def money(minor: int, currency: Currency) -> str:
    return format_money(minor, currency)


def money_or_dash(minor: int, currency: Currency) -> str:
    return "-" if minor == 0 else format_money(minor, currency)


def fmt_date(d: date | datetime | None, lang: str | None = None) -> str:
    """The domain's date format; a dash for none (a PDF cell is never blank); with ``lang`` its month named in
    that language (``i18n.localise_dates``: "01 अक्तू॰ 2026" for a Hindi reader)."""
    return localise_dates(format_date(d, blank="-"), lang)


def fmt_datetime(d: datetime | None, lang: str | None = None) -> str:
    return localise_dates(format_datetime(d, blank="-"), lang)


def period_text(date_from: date | None, date_to: date | None, lang: str = SOURCE_LANGUAGE) -> str:
    _ = translator(lang).gettext
    if date_from and date_to:
        return f"{fmt_date(date_from, lang)} – {fmt_date(date_to, lang)}"
    if date_to:
        return _("up to {date}").format(date=fmt_date(date_to, lang))
    return _("from {date}").format(date=fmt_date(date_from, lang)) if date_from else _("all dates")


def grid_style(*extra, header: bool = True, money_from: int | None = None) -> TableStyle:
    """The house table: small DejaVu text, a shaded bold header, hairline rules, money right-aligned."""
    cmds = [
        ("FONT", (0, 0), (-1, -1), FONT, 8),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        cmds += [("FONT", (0, 0), (-1, 0), FONT_BOLD, 8), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                 ("LINEBELOW", (0, 0), (-1, 0), 0.6, MUTED)]
    if money_from is not None:
        cmds.append(("ALIGN", (money_from, 0), (-1, -1), "RIGHT"))
    return TableStyle(cmds + list(extra))


def summary_cards(items: Sequence[tuple[str, str, object]], width: float) -> Table:
    """A row of figure boxes: (label, value, colour)."""
    label = style("card-label", 7.5, color=MUTED)
    cells = [[para(lbl, label) for lbl, _v, _c in items],
             [para(val, style(f"card-value-{i}", 11.5, bold=True, color=col or INK))
              for i, (_, val, col) in enumerate(items)]]
    t = Table(cells, colWidths=[width / len(items)] * len(items))
    t.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.6, RULE), ("INNERGRID", (0, 0), (-1, -1), 0.6, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), colors.white), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, 0), 4), ("BOTTOMPADDING", (0, 1), (-1, 1), 5),
        ("LINEBELOW", (0, 0), (-1, 0), 0, colors.white),
    ]))
    return t


def _numbered_canvas(footer: Callable[[int], str], store: StoreSettings, title: str, subtitle: str,
                     pagesize, lang: str = SOURCE_LANGUAGE) -> type:
    _ = translator(lang).gettext

    class NumberedCanvas(rl_canvas.Canvas):
        """Draws the letterhead and footer once the page count is known (Page x of y)."""

        def __init__(self, *args, **kwargs):
            kwargs.setdefault("initialFontName", FONT)   # no stray Helvetica in the file
            kwargs.setdefault("initialFontSize", 9)
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            w, h = pagesize
            page = self._pageNumber
            self.saveState()
            self.setFillColor(INK)
            draw_string(self, MARGIN, h - MARGIN + 1 * mm, store.name, FONT_BOLD, 13)
            draw_string(self, w - MARGIN, h - MARGIN + 1 * mm, title, FONT_BOLD, 13, right=True)
            self.setFillColor(MUTED)
            contact = " · ".join(x for x in (store.address.replace("\n", ", "),
                                              store.phone and _("Tel {phone}").format(phone=store.phone),
                                              store.tax_id and _("GSTIN {gstin}").format(gstin=store.tax_id)) if x)
            draw_string(self, MARGIN, h - MARGIN - 3.5 * mm, contact[:120], FONT, 8)
            draw_string(self, w - MARGIN, h - MARGIN - 3.5 * mm, subtitle, FONT, 8, right=True)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.8)
            self.line(MARGIN, h - MARGIN - 5.5 * mm, w - MARGIN, h - MARGIN - 5.5 * mm)
            self.line(MARGIN, MARGIN - 2 * mm, w - MARGIN, MARGIN - 2 * mm)
            draw_string(self, MARGIN, MARGIN - 5.5 * mm, footer(page), FONT, 7.5)
            draw_string(self, w - MARGIN, MARGIN - 5.5 * mm, _("Page {page} of {total}").format(page=page, total=total),
                        FONT, 7.5, right=True)
            self.restoreState()

    return NumberedCanvas


@dataclass(frozen=True)
class RunningHeader:
    """Column headings repeated at the top of every page after the first (for long tables built from
    many small tables: one long reportlab table is quadratic to split)."""

    labels: Sequence[str]
    widths: Sequence[float]
    right_from: int          # columns from here on are right-aligned (money)
    height: float = 5.5 * mm

    def table(self) -> Table:
        t = Table([[cell(label, bold=True) for label in self.labels]], colWidths=list(self.widths), hAlign="LEFT")
        t.setStyle(grid_style(money_from=self.right_from))
        return t

    def draw(self, canv, x: float, top: float) -> None:
        canv.saveState()
        canv.setFillColor(SHADE)
        canv.rect(x, top - self.height, sum(self.widths), self.height, stroke=0, fill=1)
        canv.setStrokeColor(MUTED)
        canv.setLineWidth(0.6)
        canv.line(x, top - self.height, x + sum(self.widths), top - self.height)
        canv.setFillColor(INK)
        left = x
        y = top - self.height + 1.7 * mm
        for i, (label, w) in enumerate(zip(self.labels, self.widths, strict=True)):
            if i >= self.right_from:
                draw_string(canv, left + w - 3, y, label, FONT_BOLD, 8, right=True)
            else:
                draw_string(canv, left + 3, y, label, FONT_BOLD, 8)
            left += w
        canv.restoreState()


def build_pdf(path: str | os.PathLike, story: list, *, store: StoreSettings, title: str, subtitle: str,
              generated_at: datetime, landscape_pages: bool = False,
              running_header: RunningHeader | None = None, lang: str | None = None) -> Path:
    """Write ``story`` to ``path`` (atomically: a partial file never replaces a good one).

    ``lang``: the language the report's words were translated into (``report_language``); None for a
    report still in English only, which then starts with the ``LanguageNotice`` when the reader asked for
    another language."""
    register_fonts()
    if lang is None:
        notice = notice_language(store)
        if notice is not None:
            story = [LanguageNotice(notice), *story]
    _ = translator(lang or SOURCE_LANGUAGE).gettext
    path = Path(path)
    pagesize = landscape(A4) if landscape_pages else A4
    tmp = path.with_name(f".{path.name}.part")
    top, bottom = MARGIN + 9 * mm, MARGIN + 2 * mm
    width, height = pagesize[0] - 2 * MARGIN, pagesize[1] - top - bottom
    doc = BaseDocTemplate(str(tmp), pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=top,
                          bottomMargin=bottom, title=f"{title} – {store.name}", author=store.name,
                          creator="possuite", subject=subtitle)
    first = Frame(MARGIN, bottom, width, height, id="first", leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    if running_header is None:
        doc.addPageTemplates([PageTemplate("all", [first])])
    else:
        later = Frame(MARGIN, bottom, width, height - running_header.height, id="later", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([
            PageTemplate("first", [first], autoNextPageTemplate="later"),
            PageTemplate("later", [later], onPage=lambda canv, _doc: running_header.draw(canv, MARGIN,
                                                                                           bottom + height)),
        ])
    footer_text = f"{store.name} · {title} · {subtitle} · " + _("generated {when}").format(
        when=fmt_datetime(generated_at, lang))
    try:
        doc.build(story, canvasmaker=_numbered_canvas(lambda _p: footer_text, store, title, subtitle, pagesize,
                                                      lang or SOURCE_LANGUAGE))
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


#: What a report says, in the reader's language, while its own words are still English only.
ENGLISH_ONLY = N_("This report is in English.")


class LanguageNotice(Flowable):
    """One line in the reader's language (Devanagari shaped), saying the report below is in English."""

    def __init__(self, lang: str, size: float = 9) -> None:
        super().__init__()
        translated = translator(lang).gettext(ENGLISH_ONLY)
        self.text = translated if translated == ENGLISH_ONLY else f"{translated} ({ENGLISH_ONLY})"
        self.size = size

    def wrap(self, avail_width, avail_height):
        self.width = min(avail_width, text_width(self.text, False, self.size))
        self.height = self.size * 2
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setFillColor(MUTED)
        draw_text(self.canv, 0, self.size * 0.7, self.text, False, self.size)


def notice_language(store: StoreSettings) -> str | None:
    """The language a reader of this store's report asked for when it is not English, else None."""
    for lang in (current_language(), getattr(store, "receipt_language", SOURCE_LANGUAGE)):
        if lang and lang != SOURCE_LANGUAGE:
            return lang
    return None


def report_language(store: StoreSettings) -> str:
    """The language a report for this store is written in: the reader's (``notice_language``), else English."""
    return notice_language(store) or SOURCE_LANGUAGE


def in_report_digits(write: Callable) -> Callable:
    """A report writer whose amounts are written in the digits its reader is given (``i18n.digits_for`` the
    report's language and the store's choice): ``write(report, path, ...)``, the report carrying ``.store``."""

    @functools.wraps(write)
    def run(report, path, *args, **kwargs):
        store = report.store
        digits = digits_for(report_language(store), getattr(store, "devanagari_digits", False))
        with using_digits(digits):
            return write(report, path, *args, **kwargs)

    return run


def frame_width(landscape_pages: bool = False) -> float:
    w = (landscape(A4) if landscape_pages else A4)[0]
    return w - 2 * MARGIN


RIGHT = TA_RIGHT


def section_table(sec: Section, currency: Currency, width: float, *, label_share: float) -> Table:
    """A report section (``reports/sections.py``) as a two-column table: title row, label and amount per
    line, notes spanning both columns, strong lines bold, negative amounts red."""
    rows = [[cell(sec.title, bold=True), ""]]
    cmds = []
    note = style("section-note", 7.5, color=MUTED)
    for i, ln in enumerate(sec.lines, start=1):
        value = amount_text(ln, currency)
        if not value:                                # a note: wraps across both columns
            rows.append([para(ln.label, note), ""])
            cmds += [("SPAN", (0, i), (1, i)), ("LEFTPADDING", (0, i), (0, i), 3 + 10 * ln.indent)]
            continue
        negative = ln.amount is not None and ln.amount < 0
        rows.append([cell(("    " * ln.indent) + ln.label, 8.5, bold=ln.strong),
                     cell(value, 8.5, bold=ln.strong, color=RED if negative else INK, right=True)])
        if ln.strong:
            cmds.append(("FONT", (0, i), (-1, i), FONT_BOLD, 8.5))
        if ln.amount is not None and ln.amount < 0:
            cmds.append(("TEXTCOLOR", (1, i), (1, i), RED))
    t = Table(rows, colWidths=[width * label_share, width * (1 - label_share)])
    t.setStyle(grid_style(("FONT", (0, 1), (-1, -1), FONT, 8.5), *cmds, money_from=1))
    return t
