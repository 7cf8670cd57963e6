"""The fast paths taken for the benchmark give exactly what the plain ones gave: the checkout's customer
search (one statement, sorted and cut by SQLite) and the phone number display (no phonenumbers.parse)."""

from __future__ import annotations

import random

import phonenumbers
from sqlalchemy import select

from possuite.db import models as m
from possuite.services import customers, phones
from possuite.services.customers import _view, search_ids

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


def test_phone_display_without_parse_matches_phonenumbers():
    def reference(e164):
        return phonenumbers.format_number(phonenumbers.parse(e164, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    rng = random.Random(11)
    numbers = []
    for region in ("IN", "US", "GB", "IT", "AR", "RU", "DE", "BR", "MX", "AU", "SG", "AE", "CN", "JP", "NG", "BD"):
        for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example:
                numbers.append(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164))
        cc = phonenumbers.country_code_for_region(region)
        numbers += [f"+{cc}{rng.randrange(10**7, 10**11)}" for _ in range(40)]
    numbers += [f"+91{p}{rng.randrange(10**5):05d}" for p in range(60000, 100000, 97)]
    numbers += [f"+91{p}{rng.randrange(10**6):06d}" for p in range(1000, 6000, 37)]
    phones.display_phone.cache_clear()
    for e164 in numbers:
        try:
            want = reference(e164)
        except phonenumbers.NumberParseException:
            want = "typed"
        assert phones.display_phone(e164, "typed") == want, e164
    assert phones.display_phone(None, "98765 43210") == "98765 43210"
    assert phones.display_phone("+3906123456", None) == reference("+3906123456")  # leading zero: parse's path
