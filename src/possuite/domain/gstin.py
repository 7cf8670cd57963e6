"""Who and where under Indian GST: the state/UT code table and the GSTIN.

The state table is the one the GST portal uses for GSTINs and for the place of
supply (the codes come from the 2011 census; 38 Ladakh since 2019). Decisions:

- **25 / 26**: Daman and Diu (25) and Dadra and Nagar Haveli (26) merged on
  26 January 2020 into "Dadra and Nagar Haveli and Daman and Diu", code **26**.
  Code 25 stays in the table (old documents still name it) but is retired: a
  GSTIN or a place of supply with 25 is refused with a message saying so, and
  typing "Daman and Diu" or "DD" finds 26, where those places are today.
- **28** is undivided Andhra Pradesh (before 2014) and likewise retired; Andhra
  Pradesh is 37. **99** (Centre Jurisdiction) is a registration authority, not a
  place: it has a name for display but is neither a GSTIN prefix we accept nor a
  place of supply. **97** (Other Territory: offshore areas beyond the states) is
  both. 96 (Foreign Country, exports) is not in this table: this till does not
  make exports.
- Abbreviations are the two letters Indian invoices print (vehicle-registration
  style, as on GST state-code lists): UK for Uttarakhand, OD for Odisha, TS for
  Telangana, AP for Andhra Pradesh (37), DN for 26. Older or alternative forms
  (UA, OR, TG, AD, DH, CT, BH) are accepted when typed but never printed.

GSTIN (15 characters): 2-digit state code, a PAN (5 letters, 4 digits, 1
letter), the entity number (1-9 then A-Z: the registrations of one PAN in one
state), a 14th character that is "Z" for ordinary taxpayers, and a check
character. The 14th character is "Z" on every regular and composition
registration issued so far; GSTN's published pattern for ordinary taxpayers
reserves 1-9 and A-J there too, and we accept those (refusing a real buyer's
number is worse than accepting a reserved letter the check character still
guards) except C, which marks an e-commerce operator's TCS registration: that
number collects tax at source and is never the party on a tax invoice. The check character is Luhn
mod N over the alphabet 0-9A-Z (N = 36): from the right of the first 14
characters, code points are multiplied alternately by 2 and 1, each product is
folded as ``product // 36 + product % 36``, and the check is
``(36 - sum % 36) % 36``. Special registrations with other shapes (UN bodies,
OIDAR, TDS/TCS with a TAN) are not accepted here: a shop's seller or buyer on a
tax invoice is an ordinary taxpayer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from possuite.domain.errors import ValidationError


@dataclass(frozen=True)
class State:
    """A state or union territory as GST numbers it."""

    code: str                 # two digits, "29"
    name: str                 # "Karnataka"
    abbr: str                 # two letters printed on invoices, "KA"
    active: bool = True       # False: retired (25, 28) or not a place (99)
    aliases: tuple[str, ...] = ()   # other names or letters a person may type
    retired_why: str = ""     # what to tell someone who types a retired code

    @property
    def label(self) -> str:
        """``29-Karnataka``: the form GST returns and the offline tool use."""
        return f"{self.code}-{self.name}"


_D_AND_D = "Dadra and Nagar Haveli and Daman and Diu"

STATES: tuple[State, ...] = (
    State("01", "Jammu and Kashmir", "JK"),
    State("02", "Himachal Pradesh", "HP"),
    State("03", "Punjab", "PB"),
    State("04", "Chandigarh", "CH"),
    State("05", "Uttarakhand", "UK", aliases=("UA", "Uttaranchal")),
    State("06", "Haryana", "HR"),
    State("07", "Delhi", "DL", aliases=("New Delhi", "NCT of Delhi")),
    State("08", "Rajasthan", "RJ"),
    State("09", "Uttar Pradesh", "UP"),
    State("10", "Bihar", "BR", aliases=("BH",)),
    State("11", "Sikkim", "SK"),
    State("12", "Arunachal Pradesh", "AR"),
    State("13", "Nagaland", "NL"),
    State("14", "Manipur", "MN"),
    State("15", "Mizoram", "MZ"),
    State("16", "Tripura", "TR"),
    State("17", "Meghalaya", "ML"),
    State("18", "Assam", "AS"),
    State("19", "West Bengal", "WB"),
    State("20", "Jharkhand", "JH"),
    State("21", "Odisha", "OD", aliases=("OR", "Orissa")),
    State("22", "Chhattisgarh", "CG", aliases=("CT", "Chattisgarh")),
    State("23", "Madhya Pradesh", "MP"),
    State("24", "Gujarat", "GJ"),
    State("25", "Daman and Diu", "DD", active=False,
          retired_why=f"Daman and Diu (25) merged into 26 {_D_AND_D} on 26 January 2020; use 26"),
    State("26", _D_AND_D, "DN",
          aliases=("DH", "DD", "DNHDD", "Dadra and Nagar Haveli", "Daman and Diu", "Daman", "Diu", "Silvassa")),
    State("27", "Maharashtra", "MH"),
    State("28", "Andhra Pradesh (before division)", "AP", active=False,
          retired_why="28 is undivided Andhra Pradesh (before 2014); Andhra Pradesh is 37, Telangana 36"),
    State("29", "Karnataka", "KA"),
    State("30", "Goa", "GA"),
    State("31", "Lakshadweep", "LD"),
    State("32", "Kerala", "KL"),
    State("33", "Tamil Nadu", "TN"),
    State("34", "Puducherry", "PY", aliases=("Pondicherry",)),
    State("35", "Andaman and Nicobar Islands", "AN"),
    State("36", "Telangana", "TS", aliases=("TG",)),
    State("37", "Andhra Pradesh", "AP", aliases=("AD",)),
    State("38", "Ladakh", "LA"),
    State("97", "Other Territory", "OT"),
    State("99", "Centre Jurisdiction", "CJ", active=False,
          retired_why="99 (Centre Jurisdiction) is a registration authority, not a state or place of supply"),
)

_BY_CODE: dict[str, State] = {s.code: s for s in STATES}


def _key(text: str) -> str:
    """Fold a typed state name for lookup: case, '&' vs 'and', punctuation and spacing ignored."""
    s = text.casefold().replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def _build_lookup() -> dict[str, State]:
    table: dict[str, State] = {}
    # Retired entries first, so an active state's name or letters win ("AP" is 37, "DD" is 26).
    for state in sorted(STATES, key=lambda s: s.active):
        for word in (state.name, state.abbr, *state.aliases):
            table[_key(word)] = state
    return table


_BY_WORD = _build_lookup()


def state(code: str) -> State:
    """The table entry for a two-digit code (retired ones included), or ValidationError('state')."""
    found = _BY_CODE.get(str(code).strip().zfill(2))
    if found is None:
        raise ValidationError("state", "{code!r} is not a GST state code", code=code)
    return found


def state_name(code: str) -> str:
    """``"29"`` -> ``"Karnataka"``."""
    return state(code).name


def parse_state(text: str, field: str = "state") -> str:
    """What a person typed -> the two-digit code of an active state.

    Accepts the code (``29``, ``9``), the letters printed on invoices (``KA``),
    the name in any case (``karnataka``, ``Jammu & Kashmir``), and the return
    label (``29-Karnataka``).
    """
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(field, "is empty; give the two-digit GST state code, e.g. 29 (Karnataka)")
    raw = text.strip()
    head = re.match(r"^(\d{1,2})(?:\s*[-–:]?\s*(\D.*))?$", raw)
    if head:
        found = _BY_CODE.get(head.group(1).zfill(2))
        if found is None:
            raise ValidationError(field, "{raw!r}: {zfill} is not a GST state code",
                                  raw=raw, zfill=head.group(1).zfill(2))
        if head.group(2) and _BY_WORD.get(_key(head.group(2))) not in (found, None):
            raise ValidationError(field, "{raw!r}: code {code} is {name}, not {group}",
                                  raw=raw, code=found.code, name=found.name, group=head.group(2).strip())
    else:
        found = _BY_WORD.get(_key(raw))
        if found is None:
            raise ValidationError(field, "{raw!r} is not a state or union territory GST knows (type the code, e.g. 29, "
                                         "the letters, e.g. KA, or the name)",
                                  raw=raw)
    if not found.active:
        raise ValidationError(field, found.retired_why)
    return found.code


# --- GSTIN -------------------------------------------------------------------------------------------

GSTIN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
GSTIN_LENGTH = 15
_PAN = re.compile(r"^[A-Z]{5}[0-9]{4}[A-Z]$")
#: 14th character: Z for ordinary taxpayers; GSTN's pattern also reserves 1-9 and A-J (C is TCS, refused).
_FOURTEENTH = frozenset("Z123456789ABDEFGHIJ")


def gstin_check_character(first14: str) -> str:
    """The check character for the first 14 characters of a GSTIN (Luhn mod 36)."""
    n = len(GSTIN_ALPHABET)
    total = 0
    for position, char in enumerate(reversed(first14.upper())):
        value = GSTIN_ALPHABET.index(char)
        product = value * (2 if position % 2 == 0 else 1)
        total += product // n + product % n
    return GSTIN_ALPHABET[(n - total % n) % n]


def validate_gstin(text: str, field: str = "GSTIN") -> str:
    """Normalise (spaces dropped, upper case) and check a GSTIN; return it or raise ValidationError(field).

    The message says exactly what is wrong: the length, the state code, the PAN
    part, the entity number, the 14th character, or the check character expected.
    """
    if not isinstance(text, str):
        raise ValidationError(field, "must be text such as 29ABCDE1234F1Z5")
    gstin = re.sub(r"[\s-]+", "", text).upper()
    if not gstin:
        raise ValidationError(field, "is empty")
    bad = sorted({ch for ch in gstin if ch not in GSTIN_ALPHABET})
    if bad:
        raise ValidationError(field, "{text!r} may contain only letters A-Z and digits 0-9 (found {found!r})",
                              text=text.strip(), found=''.join(bad))
    if len(gstin) != GSTIN_LENGTH:
        raise ValidationError(field, "must be {gstin_length} characters, {gstin!r} has {gstin_count}",
                              gstin_length=GSTIN_LENGTH, gstin=gstin, gstin_count=len(gstin))
    code = gstin[:2]
    if not code.isdigit():
        raise ValidationError(field, "{gstin!r} must begin with the two-digit state code (got {code!r})",
                              gstin=gstin, code=code)
    known = _BY_CODE.get(code)
    if known is None:
        raise ValidationError(field, "{gstin!r} begins with {code}, which is not a GST state code",
                              gstin=gstin, code=code)
    if not known.active:
        raise ValidationError(field, "{gstin!r} begins with {code}: {retired_why}",
                              gstin=gstin, code=code, retired_why=known.retired_why)
    pan = gstin[2:12]
    if not _PAN.match(pan):
        raise ValidationError(field, "characters 3-12 of {gstin!r} must be a PAN (5 letters, 4 digits, 1 letter), got "
                                     "{pan!r}",
                              gstin=gstin, pan=pan)
    if gstin[12] == "0":
        raise ValidationError(field, "the 13th character of {gstin!r} (entity number) must be 1-9 or A-Z, not 0",
                              gstin=gstin)
    if gstin[13] == "C":
        raise ValidationError(field, "{gstin!r} is an e-commerce operator's TCS registration (14th character C), not a "
                                     "GSTIN a tax invoice can name",
                              gstin=gstin)
    if gstin[13] not in _FOURTEENTH:
        raise ValidationError(field, "the 14th character of {gstin!r} must be Z, got {gstin2!r}",
                              gstin=gstin, gstin2=gstin[13])
    expected = gstin_check_character(gstin[:14])
    if gstin[14] != expected:
        raise ValidationError(field, "{gstin!r} has a wrong check character: expected {expected!r}, got {gstin2!r} (a "
                                     "character was probably mistyped)",
                              gstin=gstin, expected=expected, gstin2=gstin[14])
    return gstin


def is_valid_gstin(text: str) -> bool:
    try:
        validate_gstin(text)
    except ValidationError:
        return False
    return True


def gstin_state(gstin: str) -> str:
    """The state code a (valid) GSTIN is registered in: its first two digits."""
    return validate_gstin(gstin)[:2]


def gstin_pan(gstin: str) -> str:
    """The PAN inside a (valid) GSTIN."""
    return validate_gstin(gstin)[2:12]
