"""Rasterising a receipt line the printer's code pages cannot hold (₹, Devanagari…).

The line is drawn in the bundled DejaVu Sans at the printer's dot width, its words
placed at the same columns the text would occupy (amounts stay flush right), so an
image line sits in the receipt like any other line. A line with Devanagari is drawn by Qt
(``printing.shaped_raster``), which shapes it.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from possuite.printing.markup import Row

try:
    from possuite.resources import font_path
except ImportError:  # an odd layout without the resources package: the system DejaVu is used
    font_path = None

_SYSTEM_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_RUN = re.compile(r"\S+(?: \S+)*")
#: Scripts that must be shaped (Devanagari and its extensions): drawn by ``printing.shaped_raster``.
_SHAPED = re.compile("[\u0900-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff]")


def needs_shaping(text: str) -> bool:
    """True when ``text`` has a character of a script that must be shaped (drawn by Qt, never sent as text)."""
    return bool(_SHAPED.search(text))

#: Dot height of one normal text line (ESC/POS font A is 24 dots high).
LINE_DOTS = 24


def font_file(bold: bool = False) -> Path:
    """The bundled DejaVu Sans (it has ₹), or the system copy when running from an odd layout."""
    try:
        return Path(font_path(bold=bold))
    except (TypeError, FileNotFoundError, AttributeError):
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        path = _SYSTEM_DEJAVU / name
        if not path.exists():
            raise FileNotFoundError(f"no font with the rupee sign found (looked for {name})") from None
        return path


@lru_cache(maxsize=32)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_file(bold)), size)


def runs(text: str) -> list[tuple[int, str]]:
    """Words separated by single spaces kept together: ``[(start column, text), ...]``."""
    return [(m.start(), m.group(0)) for m in _RUN.finditer(text)]


def rasterise(row: Row, width: int, dots: int) -> Image.Image:
    """One receipt row as a 1-bit image ``dots`` wide (double height when the row is big).

    A row with Devanagari is drawn by Qt instead (``printing.shaped_raster``: shaped by HarfBuzz, in
    Noto Sans Devanagari); Pillow's basic layout would break its conjuncts.
    """
    if needs_shaping(row.text):
        # Imported here on purpose: Qt is loaded only by a process that prints a Hindi line.
        from possuite.printing.shaped_raster import rasterise_shaped

        return rasterise_shaped(row, width, dots)
    height = LINE_DOTS * (2 if row.big else 1)
    cell = dots / width
    size = int(height * 0.8)
    font = _font(size, row.bold)
    img = Image.new("1", (dots, height + 4), 1)
    text = row.text
    pieces = runs(text)
    total = sum(_length(t, size, row.bold) for _, t in pieces)
    # Shrink when proportional glyphs would not fit the columns the text was laid out for.
    if pieces and total > dots - cell * (len(pieces) - 1):
        size = max(8, int(size * (dots - cell * (len(pieces) - 1)) / total))
        font = _font(size, row.bold)
    ascent = font.getmetrics()[0]
    top = max(0, (height - size) // 2 - (ascent - size) // 2)
    for start, piece in pieces:
        length = _length(piece, size, row.bold)
        x = piece_x(row, start, piece, length, len(pieces), width, dots)
        stamp = _stamp(piece, size, row.bold, math.modf(x)[0])
        img.paste(0, (int(x) - _MARGIN, top - _MARGIN), stamp)
    return img


#: Dots of blank border around a cached stamp (a glyph may reach left of its origin or above the line).
_MARGIN = 16


@lru_cache(maxsize=4096)
def _length(piece: str, size: int, bold: bool) -> float:
    """The drawn width of ``piece`` (laying text out is most of a raster line's cost; labels and amounts repeat)."""
    return _font(size, bold).getlength(piece)


@lru_cache(maxsize=2048)
def _stamp(piece: str, size: int, bold: bool, frac_x: float) -> Image.Image:
    """``piece`` drawn once as a 1-bit mask, origin at (``_MARGIN`` + ``frac_x``, ``_MARGIN``).

    Pasting it (``paste(0, box, stamp)``) at the whole-dot part of the position sets exactly the dots
    ``ImageDraw.text`` would set there: Pillow draws a glyph run at ``int(x)`` from a mask it renders
    with the fractional part ``frac_x`` as its start, which is what is cached here. Repeated texts
    (labels, header lines, common amounts) are therefore shaped and rendered once per process."""
    font = _font(size, bold)
    left, top, right, bottom = font.getbbox(piece)
    canvas = Image.new("1", (int(max(right, 0) + 2 * _MARGIN + 2), int(max(bottom, 0) + 2 * _MARGIN + 2)), 0)
    ImageDraw.Draw(canvas).text((_MARGIN + frac_x, _MARGIN), piece, font=font, fill=1)
    return canvas


def piece_x(row: Row, start: int, piece: str, length: float, count: int, width: int, dots: int) -> float:
    """Where a run of a raster line starts, in dots: the one placement rule of both rasterisers (this one and
    ``shaped_raster``). A centred heading is centred; a run reaching the last column sits flush right, like an
    amount; any other run starts at its column. ``length`` is the run's drawn width, ``count`` the runs of the line."""
    cell = dots / width
    if row.align == "center":
        x = (dots - length) / 2 if count == 1 else start * cell
    elif start + len(piece) >= width and start > 0:
        x = dots - length
    else:
        x = start * cell
    return min(max(0.0, x), max(0.0, dots - length))
