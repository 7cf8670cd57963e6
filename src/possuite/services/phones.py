"""Phone numbers: normalised with ``phonenumbers`` in the store's country."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata, PhoneNumber

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


@lru_cache(maxsize=1024)
def national_digits(term: str, country: str) -> str | None:
    """The digits a customer's phone is stored by (``Phone.digits``, its national significant number) when
    ``term`` (digits, spaces, ``+``, ``-``, brackets) is a whole valid number written with its country code or
    a prefix (``+91 98220 00031``, ``91 9822000031``, ``098220 00031``, ``+44 7911 123456``); else None.

    Only a term long enough and starting with ``+``, ``0`` or the store country's code is parsed (the search
    runs per keystroke), and only a valid number counts, so partial digits stay partial digits."""
    digits = re.sub(r"[\s\-+()]", "", term)
    if len(digits) < 8 or not (term.startswith("+") or digits.startswith("0")
                                or digits.startswith(str(phonenumbers.country_code_for_region(country)))):
        return None
    try:
        number = phonenumbers.parse(term, country)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    national = str(number.national_number)
    return national if national != digits else None


@lru_cache(maxsize=16384)
def display_phone(e164: str | None, as_typed: str | None) -> str:
    """``+91 98765 43210`` for a stored E.164 number (as typed when there is none): phonenumbers' own
    INTERNATIONAL format. Cached: lists and the checkout's search show the same customers again and again."""
    if not e164:
        return as_typed or ""
    fast = _international(e164)
    if fast is not None:
        return fast
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
    split = _split_e164(e164)
    if split is None:
        return None
    country_code, national = split
    zeros = len(national) - len(national.lstrip("0"))
    if zeros:
        return PhoneNumber(country_code=country_code, national_number=int(national),
                           italian_leading_zero=True, number_of_leading_zeros=zeros if zeros > 1 else None)
    return PhoneNumber(country_code=country_code, national_number=int(national))


def _split_e164(e164: str) -> tuple[int, str] | None:
    """A stored E.164 number's country code and national significant number: ``+``, then the first 1-3 digits
    naming a country code (they are prefix-free), then the rest, leading zeros included. None: not such a
    number, or no national digits but zeros (leave it to ``phonenumbers``)."""
    digits = e164[1:]
    if not (e164.startswith("+") and digits.isascii() and digits.isdigit() and 3 <= len(digits) <= 17):
        return None
    for n in (1, 2, 3):
        country_code = int(digits[:n])
        if country_code in COUNTRY_CODE_TO_REGION_CODE:
            national = digits[n:]
            return (country_code, national) if national.strip("0") else None
    return None


def _international(e164: str) -> str | None:
    """``format_number(…, INTERNATIONAL)`` of a stored E.164 number with its country's patterns compiled once
    (None: leave it to ``phonenumbers``).

    The steps are phonenumbers' own (``_format_nsn`` for the INTERNATIONAL format): the country's
    international formats (its national ones when it has none), the first whose last leading-digits pattern
    matches the start of the national significant number and whose pattern matches all of it, rewritten by
    its rule; the number as it is when none does; then ``+``, the country code and a space. For the forms
    ``_stored_number`` reads, the national significant number is the digits after the country code (the
    Italian leading zeros included). The library compiles (looks up) every pattern again on each call, which
    was most of a search result's cost when the phone was new to the cache (tests/bench/test_fast_paths.py
    compares both on every region's example numbers).
    """
    split = _split_e164(e164)
    if split is None:
        return None
    country_code, national = split
    rules = _formats(country_code)
    if rules is None:
        return None
    for leading, pattern, rule, template in rules:
        if (leading is None or leading.match(national)) and pattern.fullmatch(national):
            if template is not None:  # what ``sub`` makes of its one match, without reading the rule again
                found = pattern.match(national)
                if found.end() == len(national):
                    return f"+{country_code} {template.format(*found.groups())}"
            return f"+{country_code} {pattern.sub(rule, national)}"
    return f"+{country_code} {national}"


_FORMATS: dict[int, tuple | None] = {}
#: A pattern of digit groups only (``(\d{3})(\d{3,4})``): it matches no empty text, and where it matches at
#: the start up to the end, that is the one match ``sub`` replaces.
_DIGIT_GROUPS = re.compile(r"(?:\(\\d\{[1-9]\d*(?:,\d+)?\}\))+")
#: A rule of group references ``\1``-``\9`` and plain characters (``\1 \2-\3``).
_PLAIN_RULE = re.compile(r"(?:\\[1-9](?!\d)|[^\\])*")


def _template(pattern: str, rule: str) -> str | None:
    """``rule`` as a ``str.format`` template of the match's groups (``{0} {1}-{2}``) when ``pattern`` is digit
    groups only and ``rule`` plain (else None: ``sub`` it)."""
    if not (_DIGIT_GROUPS.fullmatch(pattern) and _PLAIN_RULE.fullmatch(rule)):
        return None
    text = rule.replace("{", "{{").replace("}", "}}")
    return re.sub(r"\\([1-9])", lambda m: "{" + str(int(m.group(1)) - 1) + "}", text)


def _formats(country_code: int) -> tuple | None:
    """A country's formats for the INTERNATIONAL format as (leading-digits pattern or None, pattern, rule,
    the rule as a template or None), compiled; None when phonenumbers has no metadata for it."""
    try:
        return _FORMATS[country_code]
    except KeyError:
        pass
    region = phonenumbers.region_code_for_country_code(country_code)
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region.upper())
    rules = None
    if metadata is not None:
        formats = metadata.intl_number_format if len(metadata.intl_number_format) else metadata.number_format
        rules = tuple((re.compile(f.leading_digits_pattern[-1]) if len(f.leading_digits_pattern) else None,
                       re.compile(f.pattern), f.format, _template(f.pattern, f.format)) for f in formats)
    _FORMATS[country_code] = rules
    return rules
