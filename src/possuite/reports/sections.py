"""A report made of titled sections of label/amount lines: the day (Z) report and the shift X/Z slip.

One line type and one amount text for both, so the printer slip, the text and the PDF of either report
lay out the same thing the same way. No reportlab here (the slips print without it); the PDF table of a
section is ``pdf_common.section_table``.
"""

from __future__ import annotations

from dataclasses import dataclass

from possuite.domain.money import Currency, format_money


@dataclass(frozen=True)
class Line:
    label: str
    amount: int | None = None     # minor units; None for a text-only line
    text: str = ""                # shown instead of an amount
    strong: bool = False
    indent: int = 0


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[Line, ...]


def amount_text(line: Line, currency: Currency, ascii_only: bool = False) -> str:
    """What a line shows in its amount column ("" for a note that spans both columns)."""
    if line.amount is None:
        return line.text
    return format_money(line.amount, currency, ascii_only=ascii_only)
