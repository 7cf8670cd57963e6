"""``RowsFlowable``: a long, plain table drawn straight onto the canvas.

reportlab's ``Table`` is general (spans, wrapping, per-cell styles) and gets slow on thousands of
rows; report tables need none of that: every cell is one line cut to fit (``pdf_common.fit``), rows
have a fixed height, and page breaks fall between groups of rows (an invoice and its detail lines
stay together unless the group is taller than a page).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from possuite.reports.pdf_common import FONT, FONT_BOLD, INK, SHADE, draw_string, fit

PAD_X = 3.0


@dataclass
class Row:
    cells: Sequence[str]
    size: float = 8
    bold: bool = False
    color: Color = INK
    colours: dict[int, Color] = field(default_factory=dict)   # per-column text colour
    bold_cols: frozenset[int] = frozenset()
    shade: bool = False
    rule_above: Color | None = None
    rule_width: float = 0.5
    starts_group: bool = True           # a page may break before this row
    pad: float = 2.0                    # above and below the text

    @property
    def height(self) -> float:
        return self.size * 1.2 + 2 * self.pad


class RowsFlowable(Flowable):
    def __init__(self, widths: Sequence[float], rows: list[Row], right_from: int):
        super().__init__()
        self.widths = list(widths)
        self.rows = rows
        self.right_from = right_from
        self._cum = list(accumulate(r.height for r in rows))
        self._deferred = False

    def wrap(self, avail_width, avail_height):
        self.width = sum(self.widths)
        self.height = self._cum[-1] if self._cum else 0
        return self.width, self.height

    def split(self, avail_width, avail_height):
        if not self.rows or self._cum[-1] <= avail_height:
            return [self]
        fits = bisect_right(self._cum, avail_height)   # rows [0, fits) fit
        k = fits
        while k > 0 and not self.rows[k].starts_group:
            k -= 1
        if k == 0:
            # The first group does not fit in what is left of this page: try a fresh page first, and
            # cut inside the group only when it does not fit on a whole page either.
            if not self._deferred:
                self._deferred = True
                return []
            k = fits
        if k == 0:
            return []
        return [RowsFlowable(self.widths, self.rows[:k], self.right_from),
                RowsFlowable(self.widths, self.rows[k:], self.right_from)]

    def draw(self):
        canv = self.canv
        total_w = sum(self.widths)
        lefts = list(accumulate([0.0, *self.widths[:-1]]))
        y = self.height
        for row in self.rows:
            top = y
            y -= row.height
            if row.shade:
                canv.setFillColor(SHADE)
                canv.rect(0, y, total_w, row.height, stroke=0, fill=1)
            if row.rule_above is not None:
                canv.setStrokeColor(row.rule_above)
                canv.setLineWidth(row.rule_width)
                canv.line(0, top, total_w, top)
            base = y + row.pad + row.size * 0.25
            for i, text in enumerate(row.cells):
                if not text:
                    continue
                font = FONT_BOLD if (row.bold or i in row.bold_cols) else FONT
                canv.setFillColor(row.colours.get(i, row.color))
                if i >= self.right_from:
                    draw_string(canv, lefts[i] + self.widths[i] - PAD_X, base, text, font, row.size, right=True)
                else:
                    draw_string(canv, lefts[i] + PAD_X, base, text, font, row.size)


def cut(text: str, width: float, size: float = 8, bold: bool = False) -> str:
    """``text`` cut to a column of ``width`` points (less the cell padding)."""
    return fit(text, width - 2 * PAD_X, FONT_BOLD if bold else FONT, size)
