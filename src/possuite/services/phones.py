"""Phone numbers: normalised with ``phonenumbers`` in the store's country."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneNumber

from possuite.domain.errors import ValidationError


@dataclass(frozen=True)
class Phone:
    as_typed: str
    e164: str           # +919876543210: the uniqueness key
    digits: str         # 9876543210: what people type to search
    display: str        # +91 98765 43210


def normalise_phone(text: str, country: str, field: str = "phone") -> Phone:
    raw = (text or "").strip()
    if len(raw) > 30:
        raise ValidationError(field, "is too long for a phone number")
    if any(ch.isalpha() for ch in raw):
        raise ValidationError(field, "{raw!r} has letters; a phone number is digits", raw=raw)
    try:
        num = phonenumbers.parse(raw, country)
    except phonenumbers.NumberParseException:
        raise ValidationError(field, "{raw!r} is not a phone number", raw=raw) from None
    if not phonenumbers.is_valid_number(num):
        raise ValidationError(field, "{raw!r} is not a valid phone number for {country}", raw=raw, country=country)
    return Phone(
        as_typed=raw,
        e164=phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164),
        digits=str(num.national_number),
        display=phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
    )


def try_normalise(text: str, country: str) -> Phone | None:
    try:
        return normalise_phone(text, country)
    except ValidationError:
        return None


@lru_cache(maxsize=16384)
def display_phone(e164: str | None, as_typed: str | None) -> str:
    """``+91 98765 43210`` for a stored E.164 number (as typed when there is none): phonenumbers' own
    INTERNATIONAL format. Cached: lists and the checkout's search show the same customers again and again."""
    if not e164:
        return as_typed or ""
    try:
        number = _stored_number(e164) or phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return as_typed or e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _stored_number(e164: str) -> PhoneNumber | None:
    """The ``PhoneNumber`` whose E.164 form is ``e164``, read straight off it (None: leave it to ``parse``).

    E.164 is ``+``, a country code, then the national significant number, and the country codes are
    prefix-free, so the first 1-3 digits naming one are it. A leading zero (Italy's fixed lines) is kept as
    the library keeps it. For the forms ``normalise_phone`` stores this is the number ``parse`` returns, for
    a fifth of its cost (``parse`` is made for free text: letters, punctuation, national prefixes).
    """
    digits = e164[1:]
    if not (e164.startswith("+") and digits.isascii() and digits.isdigit() and 3 <= len(digits) <= 17):
        return None
    for n in (1, 2, 3):
        country_code = int(digits[:n])
        if country_code in COUNTRY_CODE_TO_REGION_CODE:
            national = digits[n:]
            zeros = len(national) - len(national.lstrip("0"))
            if zeros == len(national):
                return None
            if zeros:
                return PhoneNumber(country_code=country_code, national_number=int(national),
                                   italian_leading_zero=True, number_of_leading_zeros=zeros if zeros > 1 else None)
            return PhoneNumber(country_code=country_code, national_number=int(national))
    return None
