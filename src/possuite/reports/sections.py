"""A report made of titled sections of label/amount lines: the day (Z) report and the shift X/Z slip.

One line type and one amount text for both, so the printer slip, the text and the PDF of either report
lay out the same thing the same way. No reportlab here (the slips print without it); the PDF table of a
section is ``pdf_common.section_table``, the slip's lines ``slip_lines`` (receipt markup, so a Hindi slip
prints through the receipts' raster path: ``printing/escpos_render.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from possuite.domain.money import Currency, format_money
from possuite.printing.markup import clip, escape, fit


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


def pair_lines(label: str, value: str, width: int) -> list[str]:
    """A label and its amount flush right on one line of ``width`` columns; a label too long for that goes
    on its own line (cut between grapheme clusters) with the amount right-aligned under it."""
    room = width - len(value) - 1
    if len(label) > room:
        return [escape(clip(label, width)), escape(value.rjust(width))]
    return [escape(label.ljust(room) + " " + value)]


def note_lines(text: str, indent: int, width: int) -> list[str]:
    """A note wrapped to ``width`` columns (``markup.fit``), indented, its later lines one step further in."""
    first, rest = "  " * indent, "  " * (indent + 1)
    lines = fit(text, width - len(first))
    if len(lines) > 1:
        lines = [lines[0], *fit(" ".join(lines[1:]), width - len(rest))]
    return [escape(first + lines[0]), *(escape(rest + ln) for ln in lines[1:])]


def slip_lines(sections: list[Section], currency: Currency, width: int, *, ascii_only: bool = False,
               upper_strong: bool = False) -> list[str]:
    """The sections as receipt markup lines: a bold title, each line's label and amount, a rule after each."""
    rule = "-" * width
    out: list[str] = []
    for sec in sections:
        out.append(f"{{bold}}{sec.title.upper()}")
        for ln in sec.lines:
            value = amount_text(ln, currency, ascii_only)
            if not value:
                out += note_lines(ln.label, ln.indent, width)
                continue
            label = "  " * ln.indent + (ln.label.upper() if ln.strong and upper_strong else ln.label)
            out += [("{bold}" + x) if ln.strong else x for x in pair_lines(label, value, width)]
        out.append(rule)
    return out
