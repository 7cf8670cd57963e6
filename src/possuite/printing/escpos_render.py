"""ESC/POS rendering through python-escpos onto any ``Escpos`` printer object.

python-escpos silently prints ``?`` for a character none of the profile's code pages
hold (₹ among them). Here every row is checked first: rows the code pages can hold are
sent as text with their style (bold, double height); the others are, per printer,
either rasterised as an image of just that line (``image`` mode, the default) or, in
``symbol`` mode, laid out with ``Rs.`` by the template and transliterated — and if
something still cannot be encoded, that line is rasterised anyway. Nothing is ever
sent as ``?``.
"""

from __future__ import annotations

import copy
import unicodedata
from functools import lru_cache

from escpos.escpos import Escpos
from escpos.magicencode import Encoder
from escpos.printer import Dummy

from possuite.printing.markup import Row
from possuite.printing.raster import rasterise

SYMBOL_MODES = ("image", "symbol")

#: Plain stand-ins used in ``symbol`` mode before falling back to an image.
ASCII_STANDINS = {
    "₹": "Rs.", "×": "x", "–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...",
    "•": "*", "€": "EUR", "£": "GBP", "৳": "Tk", "¥": "JPY", "\u00a0": " ",
}


def dot_width(printer: Escpos, width: int) -> int:
    """Printable dots across the paper: the profile's figure, else 384 (58 mm) or 576 (80 mm)."""
    try:
        pixels = printer.profile.profile_data["media"]["width"]["pixels"]
        if isinstance(pixels, int) and pixels > 0:
            return pixels
    except (KeyError, TypeError, AttributeError):
        pass
    return 384 if width <= 32 else 576


def _pin_media_width(printer: Escpos, dots: int) -> None:
    """Give this printer's profile a dot width when it has none (python-escpos prints a warning
    on stdout for every image otherwise); the shared profile data is copied, not changed."""
    data = printer.profile.profile_data
    try:
        if isinstance(data["media"]["width"]["pixels"], int):
            return
    except (KeyError, TypeError):
        pass
    data = copy.deepcopy(data)
    data.setdefault("media", {}).setdefault("width", {})["pixels"] = dots
    printer.profile.profile_data = data


def encodable(printer: Escpos, text: str) -> bool:
    """True when python-escpos can send every character of ``text`` in one of the profile's code pages.

    The same answer as asking python-escpos's ``find_suitable_encoding`` for each character (and the same
    code page then marked used, which steers the code page python-escpos picks when the text is sent), but
    which code pages hold a character is looked up once per process (``_pages_holding``), not rebuilt from
    the code page tables for every character of every receipt."""
    if text.isascii():
        return True
    encoder = printer.magic.encoder
    pages = tuple(encoder.codepages.items())
    for ch in text:
        if ord(ch) < 128:
            continue
        holding = _pages_holding(pages, ch)
        if not holding:
            return False
        used = [name for name in holding if name in encoder.used_encodings]
        encoder.used_encodings.add(used[0] if used else holding[0])
    return True


@lru_cache(maxsize=4096)
def _pages_holding(pages: tuple[tuple[str, int], ...], ch: str) -> tuple[str, ...]:
    """The code pages of ``pages`` (a profile's name -> slot) that hold ``ch``, lowest slot first (the
    order python-escpos tries them in when none of them is used yet)."""
    encoder = _encoder(pages)
    return tuple(name for name, _ in sorted(pages, key=lambda page: page[1]) if encoder.can_encode(name, ch))


@lru_cache(maxsize=16)
def _encoder(pages: tuple[tuple[str, int], ...]) -> Encoder:
    """One python-escpos ``Encoder`` per profile's code pages, its character maps built once and kept."""
    return Encoder(dict(pages))


def _share_code_page_maps(printer: Escpos) -> None:
    """Let this printer's encoder reuse the character maps already built for its profile's code pages
    (python-escpos builds them again for every new printer object, i.e. for every receipt)."""
    encoder = printer.magic.encoder
    encoder.available_characters = _encoder(tuple(encoder.codepages.items())).available_characters


def transliterate(text: str) -> str:
    """Best plain form of ``text`` for ``symbol`` mode (same length where it can be)."""
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch)
        elif ch in ASCII_STANDINS:
            out.append(ASCII_STANDINS[ch])
        else:
            base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
            out.append(base or ch)
    return "".join(out)


def _supports(printer: Escpos, feature: str) -> bool:
    try:
        return bool(printer.profile.supports(feature))
    except Exception:  # noqa: BLE001 - an odd profile means "assume not"
        return False


def render_escpos(rows: list[Row], printer: Escpos, *, width: int, symbol_mode: str = "image", cut: bool = True,
                  drawer_kick: bool = False) -> None:
    """Send ``rows`` to ``printer`` (any python-escpos printer, ``Dummy`` included)."""
    if symbol_mode not in SYMBOL_MODES:
        raise ValueError(f"symbol mode must be one of {SYMBOL_MODES}")
    dots = dot_width(printer, width)
    _pin_media_width(printer, dots)
    _share_code_page_maps(printer)
    printer.hw("INIT")  # ESC @: left aligned, normal size, not bold
    style = (False, False)  # (bold, big) the printer is in now

    def use(bold: bool, big: bool) -> None:
        nonlocal style
        if (bold, big) != style:
            if big != style[1]:
                printer.set(double_height=big, normal_textsize=not big)  # ESC ! also clears bold
                printer.set(bold=bold)
            elif bold != style[0]:
                printer.set(bold=bold)
            style = (bold, big)

    for row in rows:
        if row.is_qr:
            use(False, False)
            printer.set(align="center")
            printer.qr(row.qr, size=6 if width > 32 else 5, native=_supports(printer, "qrCode"), center=False)
            printer.set(align="left")
            continue
        text = row.text
        if symbol_mode == "symbol" and not encodable(printer, text):
            text = transliterate(text)
            if len(text) > width:  # a stand-in made it longer than the paper: keep columns, use the image
                text = row.text
        if encodable(printer, text):
            use(row.bold, row.big)
            printer.textln(text)
        else:
            use(False, False)
            printer._raw(_image_line(row, width, dots))
    use(False, False)
    printer.ln(3)
    if drawer_kick:
        printer.cashdraw(2)
    if cut:
        printer.cut()


@lru_cache(maxsize=2048)
def _image_line(row: Row, width: int, dots: int) -> bytes:
    """The bytes python-escpos's ``image`` sends for ``row`` drawn ``dots`` wide (GS v 0, not centred).

    Kept per row (a line's picture depends only on its text, style, width and dots: the profile only limits
    how wide a picture may be, and ``dot_width`` never exceeds it), so a line seen before (a header, an item
    at its usual price, PREVIOUS BALANCE ₹0.00) costs no drawing and no conversion."""
    scratch = Dummy()
    _pin_media_width(scratch, dots)
    scratch.image(rasterise(row, width, dots), impl="bitImageRaster", center=False)
    return scratch.output


def escpos_bytes(rows: list[Row], *, width: int, profile: str = "default", symbol_mode: str = "image",
                 cut: bool = True, drawer_kick: bool = False) -> bytes:
    """The exact bytes a printer with ``profile`` receives (rendered onto python-escpos ``Dummy``)."""

    dummy = Dummy(profile=profile or "default")
    render_escpos(rows, dummy, width=width, symbol_mode=symbol_mode, cut=cut, drawer_kick=drawer_kick)
    return dummy.output
