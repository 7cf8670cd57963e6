"""Money: integer minor units, one parser, one formatter, one rounding function.

No float ever touches an amount. ``parse_money`` is the only way user text
becomes money; ``format_money`` is the only way money becomes text.

Digits: amounts keep Indian grouping with Western digits (``₹1,23,456.00``) unless the owner picks
Devanagari digits for Hindi (``₹१,२३,४५६.००``). Which digits is the writer's choice of the moment, like
the language: ``set_digits`` for the process (the till: the screen's language and the store's setting),
``using_digits`` on one thread (a receipt, a slip, a PDF in its own language); ``format_number`` applies
it, so every amount on a screen, receipt or report is written by the one function. ``ascii_only`` text
(printers without ₹) keeps Western digits. What a user types is still read in Western digits only
(``parse_money`` refuses other digits, as before): no input box is filled with a formatted amount.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from possuite.domain.errors import ValidationError

#: Largest amount accepted from a user, in major units (a till never sees a bill this big).
MAX_MAJOR_UNITS = 10**10


@dataclass(frozen=True)
class Currency:
    code: str
    symbol: str
    ascii_symbol: str
    minor_digits: int = 2
    indian_grouping: bool = False
    country: str = "IN"

    @property
    def minor_per_major(self) -> int:
        return 10**self.minor_digits


CURRENCIES: dict[str, Currency] = {
    "INR": Currency("INR", "₹", "Rs.", 2, True, "IN"),
    "USD": Currency("USD", "$", "$", 2, False, "US"),
    "EUR": Currency("EUR", "€", "EUR", 2, False, "DE"),
    "GBP": Currency("GBP", "£", "GBP", 2, False, "GB"),
    "AED": Currency("AED", "AED ", "AED", 2, False, "AE"),
    "LKR": Currency("LKR", "Rs ", "Rs.", 2, False, "LK"),
    "NPR": Currency("NPR", "Rs ", "Rs.", 2, False, "NP"),
    "BDT": Currency("BDT", "৳", "Tk", 2, False, "BD"),
    "JPY": Currency("JPY", "¥", "JPY", 0, False, "JP"),
}
INR = CURRENCIES["INR"]


def currency_for(code: str) -> Currency:
    try:
        return CURRENCIES[code.upper()]
    except KeyError:
        known = ", ".join(sorted(CURRENCIES))
        raise ValidationError("currency", "unknown currency {code!r} (known: {known})",
                              code=code, known=known) from None


#: The digits numbers are written in: Western 0-9 (the default) or Devanagari ०-९.
WESTERN, DEVANAGARI = "western", "devanagari"
DIGIT_SYSTEMS = (WESTERN, DEVANAGARI)
_TO_DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")
_FROM_DEVANAGARI = str.maketrans("०१२३४५६७८९", "0123456789")
_digit_state = threading.local()
_process_digits = WESTERN


def check_digits(system: str) -> str:
    if system not in DIGIT_SYSTEMS:
        raise ValidationError("digits", "must be one of {choices}", choices=", ".join(DIGIT_SYSTEMS))
    return system


def set_digits(system: str) -> str:
    """Write numbers in ``system`` in this process (every thread without its own ``using_digits``)."""
    global _process_digits
    _process_digits = check_digits(system)
    return _process_digits


def current_digits() -> str:
    return getattr(_digit_state, "system", None) or _process_digits


class using_digits:  # lower case: read as a context manager, like ``i18n.using_language``
    """``with using_digits(DEVANAGARI): ...`` writes numbers in Devanagari digits on this thread only."""

    def __init__(self, system: str) -> None:
        self.system = check_digits(system)

    def __enter__(self) -> str:
        self._saved = getattr(_digit_state, "system", None)
        _digit_state.system = self.system
        return self.system

    def __exit__(self, *exc) -> None:
        _digit_state.system = self._saved


def localise_digits(text: str, system: str | None = None) -> str:
    """``text``'s Western digits written in ``system`` (the current digits by default)."""
    return text.translate(_TO_DEVANAGARI) if (system or current_digits()) == DEVANAGARI else text


def western_digits(text: str) -> str:
    """Devanagari digits written as Western ones (text drawn where Devanagari is not shaped: a chart's labels)."""
    return text.translate(_FROM_DEVANAGARI)


def round_half_up(numerator: int, denominator: int) -> int:
    """The one rounding function: ``numerator / denominator`` rounded half away from zero."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    sign = -1 if numerator < 0 else 1
    q, r = divmod(abs(numerator), denominator)
    if 2 * r >= denominator:
        q += 1
    return sign * q


def apply_basis_points(amount: int, basis_points: int) -> int:
    """``amount × basis_points / 10000`` rounded half-up (tax rates and percent discounts)."""
    return round_half_up(amount * basis_points, 10_000)


# Thousands grouping, western (1,000,000) or Indian (10,00,000): the last group always has three
# digits, so a decimal comma ("12,50") is refused instead of read as ₹1,250.
_GROUPED = re.compile(r"^(\d{1,3}(,\d{3})+|\d{1,2}(,\d{2})*,\d{3})$")
_PLAIN = re.compile(r"^\d+$")


def parse_money(
    text: str | int,
    field: str = "amount",
    currency: Currency = INR,
    *,
    allow_negative: bool = False,
    allow_zero: bool = True,
    allow_sign: bool = False,
) -> int:
    """Parse what a person typed into minor units, or raise ValidationError naming ``field``.

    Accepts ``600``, ``600.5``, ``₹1,000.50``, ``1,00,000``, ``Rs. 600``, `` 12 ``.
    With ``allow_sign`` a leading ``+`` is accepted too (and ``-`` when
    ``allow_negative``).
    """
    if isinstance(text, bool):
        raise ValidationError(field, "not an amount")
    if isinstance(text, int):
        text = str(text)
    if not isinstance(text, str):
        raise ValidationError(field, "not an amount")
    raw = text
    s = text.strip()
    if not s:
        raise ValidationError(field, "is empty; type an amount such as 600 or 600.50")
    if len(s) > 40:
        raise ValidationError(field, "is too long to be an amount")
    negative = False
    if s[0] in "+-":
        if s[0] == "-":
            negative = True
            if not allow_negative:
                raise ValidationError(field, "must not be negative (got {raw!r})", raw=raw.strip())
        elif not allow_sign and not allow_negative:
            raise ValidationError(field, "must be a plain amount without a sign (got {raw!r})", raw=raw.strip())
        s = s[1:].strip()
    symbols = {currency.symbol.strip(), currency.ascii_symbol, currency.code, "₹", "Rs.", "Rs", "INR"}
    for sym in sorted(symbols, key=len, reverse=True):
        if sym and s.upper().startswith(sym.upper()):
            s = s[len(sym):].strip()
            break
    if s.startswith("-"):
        if not allow_negative:
            raise ValidationError(field, "must not be negative (got {raw!r})", raw=raw.strip())
        if negative or raw.strip()[0] == "+":
            raise ValidationError(field, "{raw!r} is not a number (two signs)", raw=raw.strip())
        negative = True
        s = s[1:].strip()
    if not s:
        raise ValidationError(field, "{raw!r} has no digits", raw=raw.strip())
    if not s.isascii():
        raise ValidationError(field, "{raw!r} is not a number (use the digits 0-9)", raw=raw.strip())
    whole, dot, frac = s.partition(".")
    if dot and not frac and not whole:
        raise ValidationError(field, "{raw!r} is not a number", raw=raw.strip())
    if "," in whole:
        if not _GROUPED.match(whole):
            raise ValidationError(field, "{raw!r} is not a number (misplaced commas)", raw=raw.strip())
        whole = whole.replace(",", "")
    if whole == "":
        whole = "0"
    if not _PLAIN.match(whole) or (frac and not _PLAIN.match(frac)) or "." in frac:
        raise ValidationError(field, "{raw!r} is not a number", raw=raw.strip())
    if len(frac) > currency.minor_digits:
        if currency.minor_digits == 0:
            raise ValidationError(field, "{code} has no decimals (got {raw!r})", code=currency.code, raw=raw.strip())
        raise ValidationError(
            field, "has more than {minor_digits} decimals (got {raw!r})",
            minor_digits=currency.minor_digits, raw=raw.strip())
    if len(whole.lstrip("0")) > len(str(MAX_MAJOR_UNITS)):
        raise ValidationError(field, "{raw!r} is too large", raw=raw.strip())
    major = int(whole)
    if major > MAX_MAJOR_UNITS:
        raise ValidationError(field, "{raw!r} is too large", raw=raw.strip())
    minor = major * currency.minor_per_major + int(frac.ljust(currency.minor_digits, "0") or "0")
    if negative:
        minor = -minor
    if minor == 0 and not allow_zero:
        raise ValidationError(field, "must be more than zero")
    return minor


def _group(digits: str, indian: bool) -> str:
    if len(digits) <= 3:
        return digits
    if not indian:
        parts = []
        while len(digits) > 3:
            parts.insert(0, digits[-3:])
            digits = digits[:-3]
        return ",".join([digits, *parts])
    head, tail = digits[:-3], digits[-3:]
    parts = []
    while len(head) > 2:
        parts.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *parts, tail]) if head else ",".join([*parts, tail])


def format_number(minor: int, currency: Currency = INR, *, digits: str | None = None) -> str:
    """``100000_00`` -> ``1,00,000.00`` (no symbol), in ``digits`` (the current digits by default:
    ``१,००,०००.००`` in Devanagari)."""
    if not isinstance(minor, int) or isinstance(minor, bool):
        raise TypeError(f"money must be int minor units, got {type(minor).__name__}")
    sign = "-" if minor < 0 else ""
    major, frac = divmod(abs(minor), currency.minor_per_major)
    text = _group(str(major), currency.indian_grouping)
    if currency.minor_digits:
        text += "." + str(frac).rjust(currency.minor_digits, "0")
    return localise_digits(sign + text, digits)


def format_money(minor: int, currency: Currency = INR, *, ascii_only: bool = False) -> str:
    """``60000`` -> ``₹600.00`` (``₹६००.००`` in Devanagari digits); with ``ascii_only`` -> ``Rs. 600.00``
    (printers without ₹: Western digits whatever the current digits)."""
    number = format_number(minor, currency, digits=WESTERN if ascii_only else None)
    sign = ""
    if number.startswith("-"):
        sign, number = "-", number[1:]
    if ascii_only:
        return f"{sign}{currency.ascii_symbol} {number}"
    return f"{sign}{currency.symbol}{number}"


def to_major_string(minor: int, currency: Currency = INR) -> str:
    """Plain decimal text without grouping (``60050`` -> ``600.50``), for UPI links and CSV."""
    sign = "-" if minor < 0 else ""
    major, frac = divmod(abs(minor), currency.minor_per_major)
    if currency.minor_digits == 0:
        return f"{sign}{major}"
    return f"{sign}{major}.{str(frac).rjust(currency.minor_digits, '0')}"


def parse_percent_bp(text: str, field: str, maximum_bp: int = 10_000) -> int:
    """``"12.5"`` or ``"12.5%"`` -> 1250 basis points (0..100%, or up to ``maximum_bp``: some cess is above
    100 %)."""
    s = str(text).strip().rstrip("%").strip()
    if not s:
        raise ValidationError(field, "is empty; type a percentage such as 18 or 12.5")
    whole, dot, frac = s.partition(".")
    digits_ok = (whole == "" or whole.isdigit()) and (frac == "" or frac.isdigit())
    if not (whole or frac) or not digits_ok or not s.isascii():
        raise ValidationError(field, "{text!r} is not a percentage", text=text)
    if len(frac) > 2:
        raise ValidationError(field, "{text!r} has more than 2 decimals", text=text)
    bp = int(whole or "0") * 100 + int(frac.ljust(2, "0") or "0")
    if bp > maximum_bp:
        if maximum_bp == 10_000:
            raise ValidationError(field, "{text!r} is more than 100%", text=text)
        raise ValidationError(field, "{text!r} is more than {maximum}%", text=text, maximum=maximum_bp // 100)
    return bp
