"""Receipt lines in a script that needs shaping (Devanagari), drawn by Qt: HarfBuzz inside Qt shapes them.

Hindi is not letters in a row: क + ् + ष makes the conjunct क्ष, ि is drawn before the consonant it
follows, श + ् + र + ी makes श्री. Pillow's basic layout draws the code points one after another
(broken conjuncts, a dotted circle for a matra), so such a line is drawn here with ``QPainter`` on a
``QImage``, whose text layout runs HarfBuzz, in the bundled Noto Sans Devanagari (DejaVu Sans for
Latin letters, which Noto Sans Devanagari does not have). The line keeps the receipt's columns as
``raster.rasterise`` does (amounts flush right, a centred heading centred) and comes out as the same
1-bit ``PIL.Image`` the ESC/POS renderer sends as a raster line: the printer never sees a Devanagari
character, so there is never a ``?`` or a box (docs/architecture.md §5, translations).

Qt needs a ``QGuiApplication`` for its font database: the till has one; a command-line process gets
an off-screen one on first use (no window, no display needed).
"""

from __future__ import annotations

import math
import re
import threading
from functools import cache

from PIL import Image
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QImage, QPainter, QTextLayout
from PySide6.QtWidgets import QApplication

from possuite.printing.markup import Row
from possuite.printing.raster import piece_x
from possuite.resources import devanagari_font_path, font_path

_RUN = re.compile(r"\S+(?: \S+)*")

#: Font size in dots of a normal line (a big line is twice as high); Noto Sans Devanagari needs
#: 1.3 em of height for its matras above and below, so these lines are a little taller than 24 dots.
PIXEL_SIZE = 22
_EXTENT_EM = 1.304  # (ascender 896 + descender 408) / 1000 units per em, Noto Sans Devanagari

_app_lock = threading.Lock()
_app: QApplication | None = None


def _ensure_gui() -> None:
    """Qt's fonts need a QGuiApplication: use the till's, or start an off-screen one for this process.

    It is a ``QApplication`` (widgets), not a bare ``QGuiApplication``: a process may open windows after it
    printed (the tests do), and Qt allows one application object per process.
    """
    global _app
    if QCoreApplication.instance() is not None:
        return
    with _app_lock:
        if QCoreApplication.instance() is None:
            _app = QApplication(["possuite", "-platform", "offscreen"])


@cache
def _family_names() -> tuple[str, str]:
    """Register the bundled fonts with Qt once; (Devanagari family, Latin family)."""
    names = []
    for path in (devanagari_font_path(False), devanagari_font_path(True), font_path(False), font_path(True)):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            raise FileNotFoundError(f"Qt could not load the bundled font {path}")
        names.append(QFontDatabase.applicationFontFamilies(font_id)[0])
    return names[0], names[2]


def receipt_font(pixel_size: int, bold: bool) -> QFont:
    """Noto Sans Devanagari first, DejaVu Sans for what it lacks (Latin letters), at ``pixel_size`` dots."""
    _ensure_gui()
    devanagari, latin = _family_names()
    font = QFont()
    font.setFamilies([devanagari, latin])
    font.setPixelSize(pixel_size)
    font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.NoAntialias | QFont.StyleStrategy.NoSubpixelAntialias)
    font.setKerning(True)
    return font


def shaped_glyphs(text: str, bold: bool = False, pixel_size: int = PIXEL_SIZE) -> list[tuple[str, int]]:
    """The glyphs Qt draws for ``text``: ``[(font family, glyph id), ...]`` in visual order."""
    layout = QTextLayout(text, receipt_font(pixel_size, bold))
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e6)
    layout.endLayout()
    out: list[tuple[str, int]] = []
    for run in sorted(layout.glyphRuns(), key=lambda r: r.positions()[0].x() if r.positions() else 0):
        family = run.rawFont().familyName()
        out.extend((family, int(g)) for g in run.glyphIndexes())
    return out


def rasterise_shaped(row: Row, width: int, dots: int) -> Image.Image:
    """One receipt row (with Devanagari) as a 1-bit image ``dots`` wide, columns as in ``raster.rasterise``."""
    size = PIXEL_SIZE * (2 if row.big else 1)
    font = receipt_font(size, row.bold)
    metrics = QFontMetricsF(font)
    cell = dots / width
    pieces = [(m.start(), m.group(0)) for m in _RUN.finditer(row.text)]
    total = sum(metrics.horizontalAdvance(t) for _, t in pieces)
    room = dots - cell * (len(pieces) - 1)
    if pieces and total > room:  # shrink when the words would not fit the columns the text was laid out for
        size = max(8, int(size * room / total))
        font = receipt_font(size, row.bold)
        metrics = QFontMetricsF(font)
    height = math.ceil(PIXEL_SIZE * (2 if row.big else 1) * _EXTENT_EM) + 4
    baseline = 2 + round(size * 0.896)
    image = QImage(dots, height, QImage.Format.Format_Grayscale8)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    try:
        painter.setFont(font)
        painter.setPen(QColor(Qt.GlobalColor.black))
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, False)
        for start, piece in pieces:
            length = metrics.horizontalAdvance(piece)
            x = piece_x(row, start, piece, length, len(pieces), width, dots)
            painter.drawText(QPointF(round(x), baseline), piece)
    finally:
        painter.end()
    return _to_one_bit(image)


def _to_one_bit(image: QImage) -> Image.Image:
    """A grey QImage as the 1-bit PIL image python-escpos prints (dark = printed dot)."""
    stride = image.bytesPerLine()
    data = bytes(image.constBits())[: stride * image.height()]
    grey = Image.frombuffer("L", (image.width(), image.height()), data, "raw", "L", stride, 1)
    return grey.point(lambda v: 255 if v >= 128 else 0, mode="1")
