"""Weighing-scale barcodes: EAN-13 codes beginning with 2 that carry an item code and a weight or a price.

GS1 keeps the prefixes 20-29 for in-store use, so each shop sets up its scale's
layout (:class:`ScaleLayout`). Supported layouts, 13 digits in all:

==========================  ===========================================================
``PP IIIII WWWWW C``        prefix 20-29, 5-digit item code, 5-digit weight, check digit
``PP IIIII $$$$$ C``        the same with the price in paise
``PP IIII V WWWWW C``       4-digit item code, a check digit V over the 5-digit value
``PP IIIII V WWWW C``       5-digit item code, V over a 4-digit value
``P IIIIII WWWWW C``        a one-digit prefix 2 with a 6-digit item code
==========================  ===========================================================

In general: a prefix of one digit (2) or two (20-29), an item code, an
optional value check digit placed just before the value, the value (4-6
digits, or 4-5 when it has a check digit: GS1 defines that check for 4- and
5-digit fields only), and the EAN-13 check digit; the parts must fill exactly
13 digits. The value is grams (weight) or paise (price), times an optional
``multiplier`` (a scale that prints 10-gram steps or whole rupees sets 10 or
100). A weight in grams is a quantity in thousandths of a kilogram, the unit
weighed items are priced in.

The value check digit is the GS1 price/weight verifier (GS1 General
Specifications, section 7.9.3): weighting factors 2-, 2-, 3, 5- for four digits
(check = units digit of 3 × the sum); 5+, 2-, 5-, 5+, 2- for five digits (the
check is the digit whose 5- product equals ``(10 − sum mod 10) mod 10``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from possuite.domain import quantity
from possuite.domain.errors import ValidationError
from possuite.domain.money import round_half_up

WEIGHT = "weight"
PRICE = "price"
EAN13_LENGTH = 13
FIELD = "barcode"


def ean13_check_digit(first12: str) -> int:
    """The EAN-13 check digit: weights 1, 3, 1, 3 … from the left, to the next multiple of ten."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def _weighted(digit: int, factor: str) -> int:
    """GS1 weighting factors for price/weight fields: 2-, 3, 5+, 5-."""
    if factor == "3":
        return digit * 3 % 10
    product = digit * (2 if factor == "2-" else 5)
    tens, units = divmod(product, 10)
    return (units + tens) % 10 if factor == "5+" else (units - tens) % 10


def value_check_digit(value: str) -> int:
    """The GS1 verifier digit for a 4- or 5-digit price or weight field."""
    digits = [int(d) for d in value]
    if len(digits) == 4:
        total = sum(_weighted(d, f) for d, f in zip(digits, ("2-", "2-", "3", "5-"), strict=True))
        return total * 3 % 10
    if len(digits) == 5:
        total = sum(_weighted(d, f) for d, f in zip(digits, ("5+", "2-", "5-", "5+", "2-"), strict=True))
        wanted = (10 - total % 10) % 10
        return next(d for d in range(10) if _weighted(d, "5-") == wanted)
    raise ValueError("a price/weight check digit covers 4 or 5 digits")


@dataclass(frozen=True)
class ScaleLayout:
    """How the shop's scale lays out its barcodes (the owner sets this once)."""

    prefix: str = "21"
    item_digits: int = 5
    value: str = WEIGHT          # WEIGHT (grams) or PRICE (paise)
    value_digits: int = 5
    value_check: bool = False    # a GS1 verifier digit just before the value
    multiplier: int = 1          # value × multiplier = grams or paise

    def validate(self, field: str = "scale barcode layout") -> ScaleLayout:
        if not (self.prefix.isascii() and self.prefix.isdigit()) or not (
            self.prefix == "2" or (len(self.prefix) == 2 and self.prefix[0] == "2")
        ):
            raise ValidationError(field, "the prefix must be 2 or 20-29 (got {prefix!r})", prefix=self.prefix)
        if self.value not in (WEIGHT, PRICE):
            raise ValidationError(field, "the value must be {weight} or {price} (got {value!r})",
                                  weight=WEIGHT, price=PRICE, value=self.value)
        if not 1 <= self.item_digits <= 7:
            raise ValidationError(field, "the item code must have 1 to 7 digits")
        if self.value_check and self.value_digits not in (4, 5):
            raise ValidationError(field, "a value check digit covers a 4- or 5-digit value only")
        if not 4 <= self.value_digits <= 6:
            raise ValidationError(field, "the value must have 4 to 6 digits")
        if self.multiplier not in (1, 10, 100, 1000):
            raise ValidationError(field, "the multiplier must be 1, 10, 100 or 1000")
        used = len(self.prefix) + self.item_digits + self.value_check + self.value_digits + 1
        if used != EAN13_LENGTH:
            raise ValidationError(field, "prefix, item code, value and check digits make {used} digits; an EAN-13 has "
                                         "{ean13_length}",
                                  used=used, ean13_length=EAN13_LENGTH)
        return self

    @property
    def pattern(self) -> str:
        """``21 IIIII WWWWW C``: the layout as the scale's manual draws it."""
        v = ("W" if self.value == WEIGHT else "$") * self.value_digits
        check = "V " if self.value_check else ""
        return f"{self.prefix} {'I' * self.item_digits} {check}{v} C"


_PATTERN = re.compile(r"^(2[0-9]?)(I{1,7})(V?)(W{4,6}|\${4,6})C(?:[x×\*](\d{1,4}))?$")


def parse_layout(text: str, field: str = "scale barcode") -> ScaleLayout | None:
    """The owner's layout as the scale's manual draws it -> a ScaleLayout; ``""``/``none``: no scale.

    ``21 IIIII WWWWW C`` (weight in grams), ``22 IIIII $$$$$ C`` (price in paise), ``2 IIIIII WWWWW C``,
    ``28 IIII V $$$$$ C`` (a value check digit), and ``x10`` after it for a scale that counts 10-gram steps
    or ``x100`` for whole rupees. Spaces do not matter."""
    raw = str(text or "").strip()
    if raw.casefold() in ("", "none", "off"):
        return None
    m = _PATTERN.match("".join(raw.split()).upper().replace("X", "x"))
    if not m:
        raise ValidationError(field, f"{raw!r} is not a layout: write it as the scale's manual does, e.g. "
                                     "21 IIIII WWWWW C (weight) or 22 IIIII $$$$$ C (price), x10 after it for "
                                     "10-gram steps")
    prefix, item, check, value, mult = m.groups()
    return ScaleLayout(prefix=prefix, item_digits=len(item), value=WEIGHT if value[0] == "W" else PRICE,
                       value_digits=len(value), value_check=bool(check),
                       multiplier=int(mult) if mult else 1).validate(field)


def layout_text(layout: ScaleLayout | None) -> str:
    """The stored form of a layout (``parse_layout`` reads it back): ``21 IIIII WWWWW C``, ``… C x10``."""
    if layout is None:
        return ""
    return layout.pattern + (f" x{layout.multiplier}" if layout.multiplier != 1 else "")


@dataclass(frozen=True)
class ScaleReading:
    item_code: str
    quantity: int | None     # thousandths of a kilogram (grams) for a weight layout
    price: int | None        # paise for a price layout


def matches(code: str, layout: ScaleLayout) -> bool:
    """Whether a scanned code is this scale's (13 digits starting with the layout's prefix)."""
    s = str(code).strip()
    return len(s) == EAN13_LENGTH and s.isascii() and s.isdigit() and s.startswith(layout.prefix)


def parse_scale_barcode(code: str, layout: ScaleLayout) -> ScaleReading:
    """Read the item code and the weight or price from a scale barcode, or raise ValidationError('barcode')."""
    layout.validate()
    s = str(code).strip()
    if not s:
        raise ValidationError(FIELD, "is empty")
    if not (s.isascii() and s.isdigit()):
        raise ValidationError(FIELD, "{s!r} must be digits only", s=s)
    if len(s) != EAN13_LENGTH:
        raise ValidationError(FIELD, "{s!r} has {s_count} digits; a scale barcode (EAN-13) has {ean13_length}",
                              s=s, s_count=len(s), ean13_length=EAN13_LENGTH)
    if not s.startswith(layout.prefix):
        raise ValidationError(FIELD, "{s!r} does not begin with the scale prefix {prefix}", s=s, prefix=layout.prefix)
    expected = ean13_check_digit(s[:12])
    if int(s[12]) != expected:
        raise ValidationError(FIELD, "{s!r} has a wrong check digit: expected {expected}, got {s2} (scan it again)",
                              s=s, expected=expected, s2=s[12])
    at = len(layout.prefix)
    item = s[at:at + layout.item_digits]
    at += layout.item_digits
    verifier = None
    if layout.value_check:
        verifier = int(s[at])
        at += 1
    value = s[at:at + layout.value_digits]
    if verifier is not None and verifier != value_check_digit(value):
        what = "weight" if layout.value == WEIGHT else "price"
        raise ValidationError(FIELD, "{s!r}: the {what} {value} fails its check digit (expected {value_check_digit}, "
                                     "got {verifier})",
                                     s=s, what=what, value=value, value_check_digit=value_check_digit(value),
                                     verifier=verifier)
    amount = int(value) * layout.multiplier
    if amount == 0:
        raise ValidationError(FIELD, "{s!r} carries a zero {value}",
                              s=s, value='weight' if layout.value == WEIGHT else 'price')
    if layout.value == WEIGHT:
        return ScaleReading(item, amount, None)
    return ScaleReading(item, None, amount)


def item_codes(reading: ScaleReading) -> tuple[str, ...]:
    """What the label's item code may be stored as on the item (its SKU or barcode): ``00123`` or ``123``."""
    short = reading.item_code.lstrip("0") or "0"
    return (reading.item_code, short) if short != reading.item_code else (reading.item_code,)


def quantity_of(reading: ScaleReading, unit: str, unit_price: int, pack_size: int = 1) -> int:
    """The line quantity (thousandths of the item's unit) a label means for an item sold in ``unit``.

    A weight label (grams) sells a kilogram item ``grams`` thousandths and a gram item ``grams × 1000``. A
    price label sells what that price buys: the quantity whose line value (``quantity.line_amount``, rounded
    once) is the printed price, in thousandths (whole pieces for a piece item); ValidationError('barcode')
    when the label cannot be the item's."""
    u = quantity.unit_of(unit)
    if reading.quantity is not None:
        if u.code == "kg":
            return reading.quantity
        if u.code == "g":
            return reading.quantity * quantity.SCALE
        raise ValidationError(FIELD, f"a weight label, but the item is sold by the {u.code}, not by weight")
    label = reading.price or 0
    if unit_price <= 0:
        raise ValidationError(FIELD, "a price label, but the item has no price to weigh it by")
    guess = round_half_up(label * quantity.SCALE * pack_size, unit_price)
    if u.whole:
        guess = round_half_up(guess, quantity.SCALE) * quantity.SCALE
    steps = (quantity.SCALE,) if u.whole else (1,)
    for q in (guess, guess - steps[0], guess + steps[0]):
        if q > 0 and quantity.line_amount(unit_price, q, pack_size) == label:
            return q
    if u.whole or guess <= 0:
        raise ValidationError(FIELD, f"the label's price is not a whole number of {u.code}s at this item's price")
    return guess


def make_scale_barcode(item_code: str, amount: int, layout: ScaleLayout) -> str:
    """The barcode a scale would print (for tests and for labels printed from the till)."""
    layout.validate()
    value, rest = divmod(amount, layout.multiplier)
    if rest or value <= 0 or len(str(value)) > layout.value_digits:
        raise ValidationError("amount", "{amount} does not fit {value_digits} digits of {multiplier}",
                              amount=amount, value_digits=layout.value_digits, multiplier=layout.multiplier)
    if not (item_code.isascii() and item_code.isdigit()) or len(item_code) > layout.item_digits:
        raise ValidationError("item code", "{item_code!r} must be at most {item_digits} digits",
                              item_code=item_code, item_digits=layout.item_digits)
    digits = str(value).zfill(layout.value_digits)
    body = layout.prefix + item_code.zfill(layout.item_digits)
    body += (str(value_check_digit(digits)) if layout.value_check else "") + digits
    return body + str(ean13_check_digit(body))
