"""Quantities: an ``int`` of thousandths of the item's unit, like money is an ``int`` of paise.

``1.25`` kg is 1250, ``3`` pieces is 3000. One parser (:func:`parse_quantity`),
one formatter (:func:`format_quantity`), and one line amount
(:func:`line_amount`: price × quantity rounded half-up to the paisa once, with
the money module's rounding function).

**Strips and tablets.** A pharmacy prices a strip (the MRP is printed per
strip) and sells loose tablets from it. An item with unit ``strip`` and a pack
size N is priced per strip, and its quantity counts *tablets*: 3 tablets of a
10-strip is 3000, and costs ``price × 3 / 10``, rounded once. Counting strips
in thousandths instead would fail for the common packs of 6, 14 or 15 (one
tablet of a 15-strip is 0.0666… strip); counting tablets is exact for every
pack size, prints what the pharmacist handed over, and reports the HSN summary
in TBS (tablets). Typing ``2 strips`` sells 2 × N tablets.

Units may be typed after the number when they convert exactly: ``250 g`` for a
kilogram item, ``500 ml`` for a litre item, ``30 cm`` for a metre item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from possuite.domain.errors import ValidationError
from possuite.domain.money import round_half_up

#: Thousandths in one unit.
SCALE = 1000
#: The most of anything one line may carry (matches the cart's whole-unit limit).
MAX_UNITS = 100_000
MAX_QUANTITY = MAX_UNITS * SCALE
MAX_PACK_SIZE = 1000


@dataclass(frozen=True)
class Unit:
    code: str            # stored on the item: piece, kg, g, l, m, strip
    symbol: str          # printed after a quantity ("" for pieces)
    whole: bool          # sold only in whole units
    uqc: str             # GST unit quantity code for the HSN summary
    #: other words a person may type after the number, with the thousandths of this unit each one is worth
    typed: tuple[tuple[str, int], ...] = ()


UNITS: dict[str, Unit] = {
    "piece": Unit("piece", "", True, "PCS", (("pc", SCALE), ("pcs", SCALE), ("piece", SCALE), ("pieces", SCALE),
                                             ("nos", SCALE), ("no", SCALE))),
    "kg": Unit("kg", "kg", False, "KGS", (("kg", SCALE), ("kgs", SCALE), ("g", 1), ("gm", 1), ("gms", 1))),
    "g": Unit("g", "g", False, "GMS", (("g", SCALE), ("gm", SCALE), ("gms", SCALE), ("kg", SCALE * SCALE))),
    "l": Unit("l", "l", False, "LTR", (("l", SCALE), ("ltr", SCALE), ("litre", SCALE), ("liter", SCALE),
                                       ("ml", 1))),
    "m": Unit("m", "m", False, "MTR", (("m", SCALE), ("mtr", SCALE), ("metre", SCALE), ("meter", SCALE),
                                       ("cm", 10), ("mm", 1))),
    # Quantity counts tablets; "strip" words are resolved with the pack size in parse_quantity.
    "strip": Unit("strip", "tab", True, "TBS", (("tab", SCALE), ("tabs", SCALE), ("tablet", SCALE),
                                                 ("tablets", SCALE))),
}
_STRIP_WORDS = frozenset({"strip", "strips", "str"})
_UNIT_ALIASES = {
    "pc": "piece", "pcs": "piece", "pieces": "piece", "nos": "piece", "no": "piece", "unit": "piece",
    "kgs": "kg", "kilo": "kg", "kilogram": "kg", "gm": "g", "gms": "g", "gram": "g", "grams": "g",
    "litre": "l", "liter": "l", "ltr": "l", "metre": "m", "meter": "m", "mtr": "m",
    "strips": "strip", "tablet": "strip", "tablets": "strip", "tab": "strip",
}

#: GST unit quantity codes as the GSTR-1 offline tool lists them (code -> drop-down label).
UQC_LABELS = {
    "BAG": "BAG-BAGS", "BAL": "BAL-BALE", "BDL": "BDL-BUNDLES", "BKL": "BKL-BUCKLES",
    "BOU": "BOU-BILLION OF UNITS", "BOX": "BOX-BOX", "BTL": "BTL-BOTTLES", "BUN": "BUN-BUNCHES",
    "CAN": "CAN-CANS", "CBM": "CBM-CUBIC METERS", "CCM": "CCM-CUBIC CENTIMETERS", "CMS": "CMS-CENTIMETERS",
    "CTN": "CTN-CARTONS", "DOZ": "DOZ-DOZENS", "DRM": "DRM-DRUMS", "GGK": "GGK-GREAT GROSS",
    "GMS": "GMS-GRAMMES", "GRS": "GRS-GROSS", "GYD": "GYD-GROSS YARDS", "KGS": "KGS-KILOGRAMS",
    "KLR": "KLR-KILOLITRE", "KME": "KME-KILOMETRE", "LTR": "LTR-LITRES", "MLT": "MLT-MILILITRE",
    "MTR": "MTR-METERS", "MTS": "MTS-METRIC TON", "NOS": "NOS-NUMBERS", "PAC": "PAC-PACKS",
    "PCS": "PCS-PIECES", "PRS": "PRS-PAIRS", "QTL": "QTL-QUINTAL", "ROL": "ROL-ROLLS", "SET": "SET-SETS",
    "SQF": "SQF-SQUARE FEET", "SQM": "SQM-SQUARE METERS", "SQY": "SQY-SQUARE YARDS", "TBS": "TBS-TABLETS",
    "TGM": "TGM-TEN GROSS", "THD": "THD-THOUSANDS", "TON": "TON-TONNES", "TUB": "TUB-TUBES",
    "UGS": "UGS-US GALLONS", "UNT": "UNT-UNITS", "YDS": "YDS-YARDS", "OTH": "OTH-OTHERS", "NA": "NA",
}


def parse_unit(text: str, field: str = "unit") -> str:
    s = str(text or "").strip().lower()
    code = s if s in UNITS else _UNIT_ALIASES.get(s)
    if code is None:
        raise ValidationError(field, "{text!r} is not a unit (use piece, kg, g, l, m or strip)", text=text)
    return code


def unit_of(unit: str | Unit) -> Unit:
    return unit if isinstance(unit, Unit) else UNITS[parse_unit(unit)]


def check_pack_size(pack_size: int, unit: str | Unit, field: str = "pack size") -> int:
    u = unit_of(unit)
    if not isinstance(pack_size, int) or isinstance(pack_size, bool):
        raise ValidationError(field, "must be a whole number")
    if u.code != "strip":
        if pack_size != 1:
            raise ValidationError(field, "applies to strips only; a {code} item has none", code=u.code)
        return 1
    if not 1 <= pack_size <= MAX_PACK_SIZE:
        raise ValidationError(field, "must be between 1 and {max_pack_size} tablets", max_pack_size=MAX_PACK_SIZE)
    return pack_size


def uqc_for(unit: str | Unit) -> str:
    """The GST unit quantity code an item of this unit reports in (strips: tablets)."""
    return unit_of(unit).uqc


_NUMBER = re.compile(r"^(\d*)(?:\.(\d*))?$")


def parse_quantity(text: str | int, unit: str | Unit = "piece", pack_size: int = 1, field: str = "quantity") -> int:
    """What a cashier typed -> thousandths of the item's unit, or ValidationError naming ``field``.

    ``"1.25"`` -> 1250, ``"3"`` -> 3000, ``"250 g"`` of a kg item -> 250,
    ``"2 strips"`` of a 10-strip -> 20000 (tablets).
    """
    u = unit_of(unit)
    pack = check_pack_size(pack_size, u)
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        raise ValidationError(field, "is not a quantity")
    raw = str(text).strip()
    if not raw:
        raise ValidationError(field, "is empty; type how many, e.g. 3 or 1.25")
    if len(raw) > 30:
        raise ValidationError(field, "is too long to be a quantity")
    m = re.match(r"^([+-]?)\s*([0-9.,]*)\s*([a-zA-Z]*)$", raw)
    if not m or not m.group(2):
        raise ValidationError(field, "{raw!r} is not a quantity (type a number such as 3 or 1.25)", raw=raw)
    sign, number, word = m.group(1), m.group(2), m.group(3).lower()
    if "," in number:
        raise ValidationError(field, "{raw!r}: use a dot for decimals and no thousands commas", raw=raw)
    parts = _NUMBER.match(number)
    if not parts or not (parts.group(1) or parts.group(2)):
        raise ValidationError(field, "{raw!r} is not a number", raw=raw)
    whole, frac = parts.group(1) or "0", parts.group(2) or ""
    if sign == "-":
        raise ValidationError(field, "must not be negative (got {raw!r})", raw=raw)
    if len(whole.lstrip("0")) > 12 or len(frac) > 12:
        raise ValidationError(field, "{raw!r} is too large", raw=raw)
    if not word:
        per = SCALE
    elif u.code == "strip" and word in _STRIP_WORDS:
        per = SCALE * pack
    else:
        per = dict(u.typed).get(word)
        if per is None:
            known = ", ".join(w for w, _ in u.typed) + (", strip" if u.code == "strip" else "")
            raise ValidationError(field, "{raw!r}: {word!r} is not a unit for this item (use {known})",
                                  raw=raw, word=word, known=known)
    numerator = int(whole + frac) * per
    denominator = 10 ** len(frac)
    if numerator % denominator:
        if per == SCALE:
            raise ValidationError(field, "has more than 3 decimals (got {raw!r})", raw=raw)
        raise ValidationError(field, "{raw!r} is finer than a thousandth of a {code}", raw=raw, code=u.code)
    q = numerator // denominator
    if q == 0:
        raise ValidationError(field, "must be more than zero")
    if u.whole and q % SCALE:
        what = "tablets" if u.code == "strip" else "pieces"
        raise ValidationError(field, "{raw!r}: this item is sold in whole {what}, not fractions", raw=raw, what=what)
    if q > MAX_QUANTITY:
        raise ValidationError(field, "{raw!r} is too large (at most {max_units:,} {value})",
                              raw=raw, max_units=MAX_UNITS, value=u.symbol or 'pieces')
    return q


def number_text(q: int) -> str:
    """The bare number of units, for editing: ``1250`` -> ``1.25``, ``3000`` -> ``3`` (a strip's tablets)."""
    return _decimal(q)


def _decimal(q: int) -> str:
    whole, frac = divmod(abs(q), SCALE)
    text = str(whole) + (("." + str(frac).rjust(3, "0").rstrip("0")) if frac else "")
    return ("-" if q < 0 else "") + text


def format_quantity(q: int, unit: str | Unit = "piece", pack_size: int = 1) -> str:
    """``1250 kg`` -> ``1.25 kg``, ``3000 piece`` -> ``3``, ``500 l`` -> ``0.5 l``; strips: ``2 strips``/``3 tab``."""
    if not isinstance(q, int) or isinstance(q, bool):
        raise TypeError(f"quantity must be int thousandths, got {type(q).__name__}")
    u = unit_of(unit)
    if u.code == "strip" and pack_size > 1 and q and q % (SCALE * pack_size) == 0:
        strips = q // (SCALE * pack_size)
        return f"{strips} strip" + ("s" if abs(strips) != 1 else "")
    number = _decimal(q)
    return f"{number} {u.symbol}" if u.symbol else number


def line_amount(unit_price: int, qty: int, pack_size: int = 1) -> int:
    """Price × quantity in paise, rounded half-up once.

    ``unit_price`` is per unit (per strip for strip items), ``qty`` in
    thousandths (of tablets for strip items, ``pack_size`` tablets a strip).
    """
    for name, value in (("unit_price", unit_price), ("qty", qty), ("pack_size", pack_size)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if pack_size < 1:
        raise ValueError("pack_size must be at least 1")
    return round_half_up(unit_price * qty, SCALE * pack_size)


def line_value_sql(table: str = "") -> str:
    """The SQL twin of :func:`line_amount` over a ``bill_lines`` row (``table``: its alias), the same text on
    SQLite and PostgreSQL (both divide integers exactly): price × qty / (1000 × pack_size), half-up.
    The integrity checks and the day report recompute a line's value with it."""
    t = f"{table}." if table else ""
    return (f"((2 * {t}qty * {t}unit_price + {SCALE} * {t}pack_size) / ({2 * SCALE} * {t}pack_size))")


def json_qty(q: int) -> int | float:
    """A quantity for a JSON document's ``qty`` key, which has always been a number of units: ``3000`` -> ``3``,
    ``1250`` -> ``1.25``. JSON has one number type, so a fraction goes out as the float whose shortest text
    is exactly the three-decimal value (``repr`` round-trips); nothing computes with it. The exact value is
    beside it as ``qty_milli`` (int thousandths)."""
    whole, frac = divmod(q, SCALE)
    return whole if not frac else q / SCALE


def receipt_qty(q: int, unit: str | Unit = "piece", pack_size: int = 1) -> str:
    """A quantity as a receipt prints it: ``3`` (pieces, as always), ``1.250 kg`` (three decimals for
    what is weighed or measured), ``3 TAB`` (a strip item's tablets), in plain ASCII."""
    u = unit_of(unit)
    if u.code == "piece":
        return _decimal(q)
    if u.code == "strip":
        return f"{_decimal(q)} TAB"
    whole, frac = divmod(q, SCALE)
    return f"{whole}.{frac:03d} {u.symbol}"


def price_basis(unit: str | Unit, pack_size: int = 1) -> str:
    """What a unit price is per, for a receipt: ``kg``, ``piece``, ``strip of 10``."""
    u = unit_of(unit)
    if u.code == "strip":
        return f"strip of {pack_size}"
    return u.code if u.code == "piece" else u.symbol
