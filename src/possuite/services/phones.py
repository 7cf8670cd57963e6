"""Phone numbers: normalised with ``phonenumbers`` in the store's country."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers

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


def display_phone(e164: str | None, as_typed: str | None) -> str:
    if not e164:
        return as_typed or ""
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164, None),
                                          phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return as_typed or e164
