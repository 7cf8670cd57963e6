"""Receipt markup: the small line language the templates write and every renderer reads.

One template output line is one printed line. A line may start with a flag group in
braces, ``{center,bold}TAX INVOICE``; flags: ``left`` (default), ``center``, ``right``,
``bold``, ``big`` (bold and double height), ``qr`` (the rest of the line is QR data).
``{}`` alone is a blank line; raw empty lines are ignored, so template logic can leave
gaps without changing the paper. Lines are padded to the paper width here, once, so the
text preview, the printer and the PDF show the same columns.

A column is a code point (a line of ``width`` code points never overflows the paper; Devanagari drawn
shaped is narrower than its code points). Text is only ever broken between grapheme clusters
(``clusters``: Unicode's extended clusters with its conjunct rule, so क्ष, स्थि or श्री stay whole -- a
matra or virama is never split from its consonant); ``fit`` is the one wrapping function.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

import regex

FLAGS = frozenset({"left", "center", "right", "bold", "big", "qr"})
_FLAG_RE = re.compile(r"^\{([a-z, ]*)\}")
#: C0/C1 control characters (ESC, GS, BEL…): in text they would drive the printer, so they are dropped.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Row:
    """One printed line (already exactly ``width`` columns or less), or a QR block."""

    text: str
    bold: bool = False
    big: bool = False
    qr: str | None = None
    align: str = "left"

    @property
    def is_qr(self) -> bool:
        return self.qr is not None


class MarkupError(ValueError):
    def __init__(self, line_no: int, why: str) -> None:
        super().__init__(f"output line {line_no}: {why}")
        self.line_no = line_no
        self.why = why


def escape(text: str) -> str:
    """Make plain text safe to start a markup line (a leading ``{`` would read as flags)."""
    return "{}" + text if text.startswith("{") else text


_CLUSTER = regex.compile(r"\X")


def clusters(text: str) -> list[str]:
    """``text`` as grapheme clusters: ``"क्षमा"`` -> ``["क्ष", "मा"]`` (what must never be split)."""
    return _CLUSTER.findall(text)


def clip(text: str, width: int) -> str:
    """The longest start of ``text`` of at most ``width`` columns that ends between two clusters."""
    if len(text) <= width:
        return text
    end = 0
    for cl in clusters(text):
        if end + len(cl) > width:
            break
        end += len(cl)
    return text[:end]


class _ClusterWrapper(textwrap.TextWrapper):
    """textwrap, but a word longer than the line is broken between grapheme clusters, never inside one
    (ASCII text wraps exactly as textwrap wraps it)."""

    def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width):
        space_left = 1 if width < 1 else width - cur_len
        chunk = reversed_chunks[-1]
        head = clip(chunk, space_left)
        if not head and not cur_line:  # one cluster wider than the paper: it goes whole on its own line
            head = clusters(chunk)[0]
        if head:  # nothing fits the rest of this line: the word starts the next one
            cur_line.append(head)
            reversed_chunks[-1] = chunk[len(head):]


def fit(text: str, width: int) -> list[str]:
    """Wrap ``text`` to ``width`` columns (words first, long words broken between grapheme clusters)."""
    text = " ".join(text.replace("\t", " ").split()) if text.strip() else ""
    if not text:
        return [""]
    wrapper = _ClusterWrapper(width, break_long_words=True, break_on_hyphens=False)
    return wrapper.wrap(text) or [""]


def align(text: str, width: int, how: str) -> str:
    if how == "center":
        pad = max(0, width - len(text))
        return " " * (pad // 2) + text
    if how == "right":
        return text.rjust(width)
    return text


def parse(markup: str, width: int) -> list[Row]:
    """Template output -> rows no wider than ``width``."""
    rows: list[Row] = []
    for no, raw in enumerate(markup.replace("\r", "").split("\n"), start=1):
        line = _CONTROL_RE.sub("", raw.replace("\t", " ")).rstrip()  # text never carries printer codes
        if not line:
            continue
        flags: set[str] = set()
        m = _FLAG_RE.match(line)
        if m:
            flags = {f.strip() for f in m.group(1).split(",") if f.strip()}
            unknown = flags - FLAGS
            if unknown:
                raise MarkupError(no, f"unknown flag {sorted(unknown)[0]!r} (known: {', '.join(sorted(FLAGS))})")
            line = line[m.end():]
        if "qr" in flags:
            if line.strip():
                rows.append(Row("", qr=line.strip()))
            continue
        how = "center" if "center" in flags else "right" if "right" in flags else "left"
        big = "big" in flags
        bold = big or "bold" in flags
        if how != "left":
            line = line.strip()
        pieces = [line] if len(line) <= width else fit(line, width)
        for piece in pieces:
            rows.append(Row(align(piece, width, how).rstrip(), bold=bold, big=big, align=how))
    return rows
