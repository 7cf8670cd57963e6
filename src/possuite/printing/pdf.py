"""PDF rendering: the receipt on one page of roll width (58 mm or 80 mm), DejaVu Sans embedded (it has ₹).

Words sit at the columns the text layout gave them (amounts flush right, headings
centred), so the PDF reads like the printed slip. The UPI QR is drawn with ``qrcode``.

Devanagari (a receipt in Hindi) is set in the bundled Noto Sans Devanagari and shaped by reportlab's
HarfBuzz support (``reportlab.pdfbase.ttfonts.shapeStr``, which needs ``uharfbuzz``): each run of
Devanagari words is drawn as shaped glyphs, the rest of the line in DejaVu Sans (Noto Sans Devanagari
has no Latin letters). ``canvas.drawString(..., shaping=True)`` is not used: reportlab 4.5 ignores it
unless ``rlbidi`` is installed too.
"""

from __future__ import annotations

import io
import re

import qrcode
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeStr
from reportlab.pdfgen import canvas

from possuite.printing.markup import Row
from possuite.printing.raster import font_file, runs
from possuite.resources import devanagari_font_path

REGULAR, BOLD = "PossuiteDejaVuSans", "PossuiteDejaVuSans-Bold"
DEVANAGARI, DEVANAGARI_BOLD = "PossuiteNotoSansDevanagari", "PossuiteNotoSansDevanagari-Bold"
#: A run of Devanagari words (spaces between them included): set in Noto Sans Devanagari and shaped.
_DEVANAGARI_RUN = re.compile("[\u0900-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff\u200c\u200d]+"
                             "(?: +[\u0900-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff\u200c\u200d]+)*")
MARGIN = 3 * mm
QR_SIZE = 30 * mm


def paper_mm(width: int) -> int:
    return 58 if width <= 32 else 80


def _register_fonts() -> None:
    registered = pdfmetrics.getRegisteredFontNames()
    if REGULAR not in registered:
        pdfmetrics.registerFont(TTFont(REGULAR, str(font_file(False))))
    if BOLD not in registered:
        pdfmetrics.registerFont(TTFont(BOLD, str(font_file(True))))
    if DEVANAGARI not in registered:
        pdfmetrics.registerFont(TTFont(DEVANAGARI, str(devanagari_font_path(False))))
    if DEVANAGARI_BOLD not in registered:
        pdfmetrics.registerFont(TTFont(DEVANAGARI_BOLD, str(devanagari_font_path(True))))


#: Noto Sans Devanagari's letters look smaller than DejaVu Sans's at the same size: set a little larger.
DEVANAGARI_SCALE = 1.15


def segments(text: str, bold: bool, size: float) -> list[tuple[str, str, float, float]]:
    """``text`` as (font, text or shaped text, size, width) pieces: Devanagari runs shaped in Noto, the rest
    in DejaVu."""
    _register_fonts()
    latin, deva = (BOLD, DEVANAGARI_BOLD) if bold else (REGULAR, DEVANAGARI)
    out: list[tuple[str, str, float, float]] = []
    at = 0
    for m in _DEVANAGARI_RUN.finditer(text):
        if m.start() > at:
            piece = text[at:m.start()]
            out.append((latin, piece, size, pdfmetrics.stringWidth(piece, latin, size)))
        deva_size = size * DEVANAGARI_SCALE
        shaped = shapeStr(m.group(0), deva, deva_size)
        data = getattr(shaped, "__shapeData__", None)
        width = (sum(g.x_advance for g in data) * deva_size / 1000 if data
                 else pdfmetrics.stringWidth(m.group(0), deva, deva_size))
        out.append((deva, shaped, deva_size, width))
        at = m.end()
    if at < len(text):
        out.append((latin, text[at:], size, pdfmetrics.stringWidth(text[at:], latin, size)))
    return out


def has_devanagari(text: str) -> bool:
    """Whether ``text`` has a Devanagari run (drawn shaped by ``segments``, not as plain text)."""
    return _DEVANAGARI_RUN.search(text) is not None


def draw_text(c: canvas.Canvas, x: float, y: float, text: str, bold: bool, size: float) -> None:
    """Draw ``text`` at (x, y), Devanagari shaped (see ``segments``)."""
    for font, piece, piece_size, width in segments(text, bold, size):
        c.setFont(font, piece_size)
        c.drawString(x, y, piece)
        x += width


def text_width(text: str, bold: bool, size: float) -> float:
    return sum(width for _font, _piece, _size, width in segments(text, bold, size))


def _qr_image(data: str):

    qr = qrcode.QRCode(border=1, box_size=8, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(data)
    qr.make(fit=True)
    buf = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buf, format="PNG")
    buf.seek(0)
    return ImageReader(buf)


def render_pdf(rows: list[Row], width: int, title: str = "Receipt") -> bytes:
    """Rows -> PDF bytes (one page, as long as the receipt)."""
    _register_fonts()
    page_w = paper_mm(width) * mm
    usable = page_w - 2 * MARGIN
    cell = usable / width
    base = round(cell / 0.62, 1)  # DejaVu digits are ~0.64 em wide: columns of digits fit the cells
    heights = [QR_SIZE + 2 * mm if r.is_qr else base * (2.3 if r.big else 1.25) for r in rows]
    page_h = sum(heights) + 2 * MARGIN
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(page_w, page_h))
    c.setTitle(title)
    c.setAuthor("possuite")
    y = page_h - MARGIN
    for row, h in zip(rows, heights, strict=True):
        y -= h
        if row.is_qr:
            c.drawImage(_qr_image(row.qr), (page_w - QR_SIZE) / 2, y + mm, QR_SIZE, QR_SIZE)
            continue
        if len(row.text) == width and len(set(row.text)) == 1 and row.text[0] in "-=":
            mid = y + h / 2
            c.setLineWidth(0.5 if row.text[0] == "-" else 0.7)
            if row.text[0] == "-":
                c.setDash(1.5, 1.5)
                c.line(MARGIN, mid, page_w - MARGIN, mid)
                c.setDash()
            else:
                c.line(MARGIN, mid + 1, page_w - MARGIN, mid + 1)
                c.line(MARGIN, mid - 1, page_w - MARGIN, mid - 1)
            continue
        size = base * (1.8 if row.big else 1.0)
        pieces = runs(row.text)
        total = sum(text_width(t, row.bold, size) for _, t in pieces) + cell * max(0, len(pieces) - 1)
        if total > usable:
            size *= usable / total
        baseline = y + (h - size) / 2 + size * 0.2
        for start, piece in pieces:
            length = text_width(piece, row.bold, size)
            if row.align == "center" and len(pieces) == 1:
                x = (page_w - length) / 2
            elif start + len(piece) >= width and start > 0:
                x = page_w - MARGIN - length
            else:
                x = MARGIN + start * cell
            draw_text(c, max(MARGIN, min(x, page_w - MARGIN - length)), baseline, piece, row.bold, size)
    c.showPage()
    c.save()
    return buf.getvalue()
