"""What every possuite PDF shares: the embedded DejaVu font (it has ₹), styles, money text, and a
page frame with the store's letterhead on top and ``<store> · <report> · generated … · Page x of y``
at the foot of every page.

Language: the reports' words are not translated yet. When the reader asked for another language (the
process's language, ``possuite.i18n``, or the store's receipt language), the first page says so in that
language, in Devanagari shaped by HarfBuzz (``LanguageNotice``), above the English report.
"""

from __future__ import annotations

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
from possuite.domain.money import Currency, format_money
from possuite.i18n import N_, SOURCE_LANGUAGE, current_language, translator
from possuite.printing.pdf import draw_text, text_width
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


def para(text: str, st: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), st)


def fit(text: str, width: float, font: str = FONT, size: float = 8) -> str:
    """``text`` cut with an ellipsis to fit ``width`` points (table cells never overflow)."""
    register_fonts()
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if pdfmetrics.stringWidth(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def money(minor: int, currency: Currency) -> str:
    return format_money(minor, currency)


def money_or_dash(minor: int, currency: Currency) -> str:
    return "-" if minor == 0 else format_money(minor, currency)


def fmt_date(d: date | datetime | None) -> str:
    """The domain's date format; a dash for none (a PDF cell is never blank)."""
    return format_date(d, blank="-")


def fmt_datetime(d: datetime | None) -> str:
    return format_datetime(d, blank="-")


def period_text(date_from: date | None, date_to: date | None) -> str:
    if date_from and date_to:
        return f"{fmt_date(date_from)} – {fmt_date(date_to)}"
    if date_to:
        return f"up to {fmt_date(date_to)}"
    return f"from {fmt_date(date_from)}" if date_from else "all dates"


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
    cells = [[para(lbl, label) for lbl, _, _ in items],
             [Paragraph(escape(val), style(f"card-value-{i}", 11.5, bold=True, color=col or INK))
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
                     pagesize) -> type:
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
            self.setFont(FONT_BOLD, 13)
            self.drawString(MARGIN, h - MARGIN + 1 * mm, store.name)
            self.setFont(FONT_BOLD, 13)
            self.drawRightString(w - MARGIN, h - MARGIN + 1 * mm, title)
            self.setFont(FONT, 8)
            self.setFillColor(MUTED)
            contact = " · ".join(x for x in (store.address.replace("\n", ", "), store.phone and f"Tel {store.phone}",
                                              store.tax_id and f"GSTIN {store.tax_id}") if x)
            self.drawString(MARGIN, h - MARGIN - 3.5 * mm, contact[:120])
            self.drawRightString(w - MARGIN, h - MARGIN - 3.5 * mm, subtitle)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.8)
            self.line(MARGIN, h - MARGIN - 5.5 * mm, w - MARGIN, h - MARGIN - 5.5 * mm)
            self.line(MARGIN, MARGIN - 2 * mm, w - MARGIN, MARGIN - 2 * mm)
            self.setFont(FONT, 7.5)
            self.drawString(MARGIN, MARGIN - 5.5 * mm, footer(page))
            self.drawRightString(w - MARGIN, MARGIN - 5.5 * mm, f"Page {page} of {total}")
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
        t = Table([list(self.labels)], colWidths=list(self.widths), hAlign="LEFT")
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
        canv.setFont(FONT_BOLD, 8)
        left = x
        y = top - self.height + 1.7 * mm
        for i, (label, w) in enumerate(zip(self.labels, self.widths, strict=True)):
            if i >= self.right_from:
                canv.drawRightString(left + w - 3, y, label)
            else:
                canv.drawString(left + 3, y, label)
            left += w
        canv.restoreState()


def build_pdf(path: str | os.PathLike, story: list, *, store: StoreSettings, title: str, subtitle: str,
              generated_at: datetime, landscape_pages: bool = False,
              running_header: RunningHeader | None = None) -> Path:
    """Write ``story`` to ``path`` (atomically: a partial file never replaces a good one)."""
    register_fonts()
    lang = notice_language(store)
    if lang is not None:
        story = [LanguageNotice(lang), *story]
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
    footer_text = f"{store.name} · {title} · {subtitle} · generated {fmt_datetime(generated_at)}"
    try:
        doc.build(story, canvasmaker=_numbered_canvas(lambda _p: footer_text, store, title, subtitle, pagesize))
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


def frame_width(landscape_pages: bool = False) -> float:
    w = (landscape(A4) if landscape_pages else A4)[0]
    return w - 2 * MARGIN


RIGHT = TA_RIGHT


def section_table(sec: Section, currency: Currency, width: float, *, label_share: float) -> Table:
    """A report section (``reports/sections.py``) as a two-column table: title row, label and amount per
    line, notes spanning both columns, strong lines bold, negative amounts red."""
    rows = [[sec.title, ""]]
    cmds = []
    note = style("section-note", 7.5, color=MUTED)
    for i, ln in enumerate(sec.lines, start=1):
        value = amount_text(ln, currency)
        if not value:                                # a note: wraps across both columns
            rows.append([Paragraph(escape(ln.label), note), ""])
            cmds += [("SPAN", (0, i), (1, i)), ("LEFTPADDING", (0, i), (0, i), 3 + 10 * ln.indent)]
            continue
        rows.append([("    " * ln.indent) + ln.label, value])
        if ln.strong:
            cmds.append(("FONT", (0, i), (-1, i), FONT_BOLD, 8.5))
        if ln.amount is not None and ln.amount < 0:
            cmds.append(("TEXTCOLOR", (1, i), (1, i), RED))
    t = Table(rows, colWidths=[width * label_share, width * (1 - label_share)])
    t.setStyle(grid_style(("FONT", (0, 1), (-1, -1), FONT, 8.5), *cmds, money_from=1))
    return t
