"""Small validators for text a person types: names, notes, reasons."""

from __future__ import annotations

import unicodedata

from possuite.domain.cart import BIDI_CONTROLS
from possuite.domain.errors import ValidationError


def clean_text(value: str | None, field: str, *, required: bool = False, max_len: int = 200,
               multiline: bool = False) -> str:
    text = "" if value is None else str(value)
    if "\x00" in text:
        raise ValidationError(field, "contains a NUL character")
    bad = [ch for ch in text if unicodedata.category(ch) == "Cc" and not (multiline and ch in "\n\t")]
    if bad:
        raise ValidationError(field, "contains control characters")
    if any(ch in BIDI_CONTROLS for ch in text):  # right-to-left *text* is fine; invisible direction overrides are not
        raise ValidationError(field, "contains invisible text-direction controls")
    text = text.strip()
    if required and not text:
        raise ValidationError(field, "is required")
    if len(text) > max_len:
        raise ValidationError(field, "is too long ({text_count} characters; at most {max_len})",
                              text_count=len(text), max_len=max_len)
    return text
