"""Plain-text rendering: exactly the columns the printer prints (₹ stays ₹)."""

from __future__ import annotations

from possuite.printing.markup import Row, align

QR_PLACEHOLDER = "[UPI QR code]"


def render_text(rows: list[Row], width: int) -> str:
    """Rows -> text, one line per printed line, none longer than ``width``; ends with a newline."""
    out = []
    for row in rows:
        if row.is_qr:
            out.append(align(QR_PLACEHOLDER, width, "center"))
        else:
            out.append(row.text)
    return "\n".join(line.rstrip() for line in out) + "\n"
