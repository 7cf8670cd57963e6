"""Phone numbers: normalised with ``phonenumbers`` in the store's country."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata

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
        raise ValidationError(field, f"{raw!r} has letters; a phone number is digits")
    try:
        num = phonenumbers.parse(raw, country)
    except phonenumbers.NumberParseException:
        raise ValidationError(field, f"{raw!r} is not a phone number") from None
    if not phonenumbers.is_valid_number(num):
        raise ValidationError(field, f"{raw!r} is not a valid phone number for {country}")
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
    """``+91 98765 43210`` for a stored E.164 number (as typed when there is none). Cached: lists and the
    checkout's search format the same customers again and again."""
    if not e164:
        return as_typed or ""
    split = _split_e164(e164)
    if split is not None:
        formatted = _format_international(*split)
        if formatted is not None:
            return formatted
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return as_typed or e164


def _split_e164(e164: str) -> tuple[int, str] | None:
    """(country code, national number) of the E.164 form we store, when ``phonenumbers.parse`` would give
    exactly that: the country code is the first 1-3 digits that name one (ITU codes are prefix-free, and
    parse takes the first match too); the rest is kept unchanged when it has no leading zero and no
    national prefix to strip. None: leave it to parse."""
    digits = e164[1:]
    if not (e164.startswith("+") and digits.isascii() and digits.isdigit() and 4 <= len(digits) <= 17
            and digits[0] != "0"):
        return None
    for n in (1, 2, 3):
        cc = int(digits[:n])
        if cc in COUNTRY_CODE_TO_REGION_CODE:
            nsn = digits[n:]
            md = PhoneMetadata.metadata_for_region_or_calling_code(cc, COUNTRY_CODE_TO_REGION_CODE[cc][0])
            prefix = md.national_prefix_for_parsing if md is not None else None
            if md is not None and len(nsn) >= 2 and nsn[0] != "0" and not (prefix and re.match(prefix, nsn)):
                return cc, nsn
            return None
    return None


@lru_cache(maxsize=256)
def _international_formats(cc: int) -> tuple | None:
    """A country's INTERNATIONAL formats as ``phonenumbers.format_number`` picks them, compiled once:
    (last leading-digits pattern or None, pattern, rule), in metadata order."""
    region = COUNTRY_CODE_TO_REGION_CODE[cc][0]
    md = PhoneMetadata.metadata_for_region_or_calling_code(cc, region.upper())
    if md is None:
        return None
    formats = md.intl_number_format if len(md.intl_number_format) else md.number_format
    return tuple((re.compile(f.leading_digits_pattern[-1]) if f.leading_digits_pattern else None,
                  re.compile(f.pattern), f.format) for f in formats)


def _format_international(cc: int, nsn: str) -> str | None:
    """``format_number(…, INTERNATIONAL)`` for a number without extension: the first format whose leading
    digits and whole pattern match, applied to the national number (phonenumbers' own steps, with the
    patterns compiled once instead of looked up on every call)."""
    formats = _international_formats(cc)
    if formats is None:
        return None
    for leading, pattern, rule in formats:
        if (leading is None or leading.match(nsn)) and pattern.fullmatch(nsn):
            return f"+{cc} {pattern.sub(rule, nsn)}"
    return f"+{cc} {nsn}"
