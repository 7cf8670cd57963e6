"""The fast paths taken for the benchmark give exactly what the plain ones gave: the checkout's customer
search (one statement, sorted and cut by SQLite) and the phone number display (the stored E.164 form read
without phonenumbers.parse, then formatted by phonenumbers itself)."""

from __future__ import annotations

import random

import phonenumbers
from sqlalchemy import select

from possuite.db import models as m
from possuite.services import customers, phones
from possuite.services.customers import _view, search_ids
from possuite.services.phones import normalise_phone, try_normalise

NAMES = ["Priya Sharma", "priya sharma", "PRIYA Shah", "Priyanka Rao", "Asha Priya", "Straße Müller",
         "strasse Mueller", "Ölaf Öberg", "Zara Khan", "Ravi  Kumar", "ravi kumar", "Sharmila Priya", "Ārya",
         "Priya Sharma", "Shahid Ali", "Asha Bhosle", "Ash Ketchum", "Āsha", "Kiran", "Kiran Bedi"]


def _reference_lookup(ctx, term: str, limit: int = 20):
    """The lookup as it was: candidates by id, fetched, sorted in Python, cut."""
    C = m.Customer.__table__
    with ctx.read() as conn:
        ids = search_ids(conn, ctx, term, limit * 3)
        if not ids:
            return []
        rows = conn.execute(select(C).where(C.c.id.in_(ids))).mappings().all()
    key = term.strip().casefold()
    views = sorted((_view(r) for r in rows), key=lambda v: (not v.name.casefold().startswith(key),
                                                             v.name.casefold(), v.id))
    return views[:limit]


def test_the_one_statement_lookup_matches_the_old_one(ctx):
    rng = random.Random(7)
    for i in range(90):
        name = NAMES[i % len(NAMES)] if i < 60 else f"{rng.choice(NAMES)} {i}"
        customers.add_customer(ctx, name, f"98{rng.randrange(10**8):08d}" if i % 3 else None)
    terms = ["pr", "Pr", "priya", "PRIYA", "sha", "arm", "strasse", "straße", "ss", "öl", "ā", "ravi  ku", "ravi k",
             "kiran", "zz", "qxq", "98", "987", "0987654", "43", " priya ", "as", "ash"]
    for term in terms:
        for limit in (3, 20):
            got = [v.id for v in customers.lookup(ctx, term, limit)]
            want = [v.id for v in _reference_lookup(ctx, term, limit)]
            assert got == want, (term, limit)


def _stored_forms() -> list[str]:
    """E.164 forms as ``normalise_phone`` stores them: Indian mobiles and landlines as people type them, and
    every region's example numbers of every kind (Italy's leading zero, the non-geographic +800, …)."""
    typed = ["98765 43210", "+91 98765 43210", "098765 43210", "(020) 2612 3456", "080-2222 3333", "1800 180 1234",
             "011 2345 6789", "+44 20 7946 0958", "+1 (650) 253-0000", "+39 06 1234 5678",
             "+971 4 312 3456", "+49 30 123456", "+81 3-1234-5678"]
    forms = [normalise_phone(t, "IN").e164 for t in typed]
    rng = random.Random(11)
    forms += [normalise_phone(f"{p}{rng.randrange(10**5):05d}", "IN").e164 for p in range(60000, 100000, 397)
              if try_normalise(f"{p}00000", "IN")]
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in range(12):
            example = phonenumbers.example_number_for_type(region, kind)
            if example:
                forms.append(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164))
    for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS:
        example = phonenumbers.example_number_for_non_geo_entity(code)
        if example:
            forms.append(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164))
    return forms


def test_a_stored_phone_is_shown_as_phonenumbers_formats_it():
    forms = _stored_forms()
    assert len(forms) > 1000 and "+390612345678" in forms and "+80012345678" in forms
    phones.display_phone.cache_clear()
    for e164 in forms:
        parsed = phonenumbers.parse(e164, None)
        assert phones.display_phone(e164, "typed") == phonenumbers.format_number(
            parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL), e164
        # The number read off the stored form is parse's own, so every other format agrees too.
        assert phones._stored_number(e164) == parsed, e164
        # ... and the display came from the country's patterns compiled once, not from format_number.
        assert phones._international(e164) == phones.display_phone(e164, "typed"), e164
    for typed in ("98765 43210", "(020) 2612 3456", "1800 180 1234", "+39 06 1234 5678", "+1 (650) 253-0000"):
        phone = normalise_phone(typed, "IN")
        assert phones.display_phone(phone.e164, typed) == phone.display  # what was shown when it was typed
    assert phones.display_phone("+919876543210", None) == "+91 98765 43210"
    assert phones.display_phone("+16502530000", None) == "+1 650-253-0000"
    assert phones.display_phone("+390612345678", None) == "+39 06 1234 5678"
    assert phones.display_phone("+442079460958", None) == "+44 20 7946 0958"


def test_a_phone_without_a_usable_stored_form_is_shown_as_typed():
    assert phones.display_phone(None, "98765 43210") == "98765 43210"
    assert phones.display_phone("", None) == ""
    assert phones.display_phone("+", "98 76") == "98 76"
    assert phones.display_phone("not a number", None) == "not a number"


def test_the_display_of_a_phone_is_formatted_once_then_remembered():
    phones.display_phone.cache_clear()
    first = phones.display_phone("+919822000001", "98220 00001")
    again = [phones.display_phone("+919822000001", "98220 00001") for _ in range(5)]
    assert again == [first] * 5 == ["+91 98220 00001"] * 5
    assert phones.display_phone.cache_info().misses == 1 and phones.display_phone.cache_info().hits == 5
