"""GST at the counter: registration types, rates, HSN/SAC codes, place of supply and the tax split.

Everything here is a pure function of its arguments. The GSTIN and the state
table live in :mod:`possuite.domain.gstin` (re-exported here).

**The rounding rule, written once.** A line's tax is what the cart already
computes: ``taxable × rate`` rounded half-up to the paisa, once per line
(:func:`line_tax`, the same :func:`~possuite.domain.money.apply_basis_points`
the cart uses). That one figure is then *split*, never recomputed:

- inter-state: IGST = the line's tax;
- intra-state: CGST = the larger half, SGST (or UTGST) = the smaller half:
  ``SGST = tax // 2``, ``CGST = tax − SGST``. When the tax is an odd number of
  paise, the odd paisa goes to CGST, always (for a credit note's negative tax,
  the mirror image, so a full return reverses the original split exactly).

Why split rather than compute 9 % + 9 % separately: CGST + SGST is then exactly
the tax on the line, the bill's total does not move when the cashier picks a
buyer from another state, and the GSTR-1 figures add up to the day report. The
price is that CGST may exceed SGST by one paisa on a line whose tax is odd; in
return every figure reconciles to the paisa, which is what a chartered
accountant checks first. (E-invoicing, which applies only above a turnover a
counter shop does not reach, may want equal halves per item; it would round
each half instead.)

Naming: ``tax`` is always the GST proper (CGST + SGST + IGST), ``cess`` is kept
apart, and ``value`` is taxable value + tax + cess.

Cess (compensation cess, optional) is ad valorem in basis points (an item's
``cess_rate_bp``), rounded the same way per line (:func:`line_tax`) and never
split. Cess charged per unit (a specific cess: some tobacco, so many rupees per
thousand sticks) is not supported. A bill line stores the cess apart
(``bill_lines.cess``) *and* inside its ``tax`` column, the line's whole tax, so
every total of the book adds it; its CGST + SGST + IGST is ``tax − cess``. A
credit note reverses the cess in proportion, like the tax
(``credit_note_lines.cess``, ``domain/returns.py``).

**Place of supply.** A walk-in customer (no buyer state) is supplied in the
store's state. A buyer with a state (a B2B customer) is supplied in that state:
IGST when it differs from the store's. An over-the-counter sale of goods to an
out-of-state buyer who carries them away is, strictly, an intra-state supply;
callers that know this pass ``place_of_supply`` explicitly.

**Composition and unregistered stores** collect no tax: the document is a BILL
OF SUPPLY and :func:`billing_rate_bp` is 0 for every item, whatever rate the
item carries for reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from possuite.domain.errors import ValidationError
from possuite.domain.gstin import (  # noqa: F401  (re-exported: one import for GST callers)
    STATES,
    State,
    gstin_check_character,
    gstin_pan,
    gstin_state,
    is_valid_gstin,
    parse_state,
    state,
    state_name,
    validate_gstin,
)
from possuite.domain.money import apply_basis_points, parse_percent_bp

# --- registration types and the document heading ----------------------------------------------------

REGULAR = "regular"
COMPOSITION = "composition"
UNREGISTERED = "unregistered"
REGISTRATION_TYPES = (REGULAR, COMPOSITION, UNREGISTERED)

TAX_INVOICE = "TAX INVOICE"
BILL_OF_SUPPLY = "BILL OF SUPPLY"


def parse_registration(text: str, field: str = "GST registration") -> str:
    s = str(text or "").strip().lower()
    if s not in REGISTRATION_TYPES:
        raise ValidationError(field, "{text!r} is not a registration type (use regular, composition or unregistered)",
                              text=text)
    return s


def collects_tax(registration: str) -> bool:
    """Only a regular registration may charge GST on its bills."""
    return parse_registration(registration) == REGULAR


def document_heading(registration: str) -> str:
    """TAX INVOICE for a regular registration; BILL OF SUPPLY for composition or unregistered."""
    return TAX_INVOICE if collects_tax(registration) else BILL_OF_SUPPLY


def invoice_heading(store_registration: str) -> str:
    """A sale's heading at a store: ``document_heading``, where ``""`` (GST not set up) keeps TAX INVOICE."""
    return document_heading(store_registration) if store_registration else TAX_INVOICE


def billing_rate_bp(registration: str, item_rate_bp: int) -> int:
    """The rate a bill charges for an item: its GST rate when the store collects tax, else 0."""
    return item_rate_bp if collects_tax(registration) else 0


def charged_rate_bp(store_registration: str, item_rate_bp: int) -> int:
    """The rate a sale charges at a store: ``billing_rate_bp``, where ``""`` (a book that has not set GST
    up) charges the item's rate as it always did."""
    return item_rate_bp if not store_registration else billing_rate_bp(store_registration, item_rate_bp)


# --- rates ------------------------------------------------------------------------------------------

#: Today's slabs (since 22 September 2025): nil, 5 %, 18 %, 40 %.
GST_SLABS_BP = (0, 500, 1800, 4000)
#: Special rates for particular goods: 0.25 % (rough precious stones), 3 % (gold, silver, jewellery).
SPECIAL_RATES_BP = (25, 300)
#: What a rate field offers; the owner may type any rate from 0 to 100 %.
SUGGESTED_RATES_BP = tuple(sorted(GST_SLABS_BP + SPECIAL_RATES_BP))
MAX_RATE_BP = 10_000
#: Cess can exceed 100 % (some tobacco products); anything beyond this is a typing slip.
MAX_CESS_BP = 100_000


def parse_gst_rate(text: str | int, field: str = "GST rate") -> int:
    """``"18"``, ``"18%"``, ``"0.25"`` -> basis points (0-100 %)."""
    return parse_percent_bp(str(text), field)


def check_rate_bp(rate_bp: int, field: str = "GST rate", maximum: int = MAX_RATE_BP) -> int:
    if not isinstance(rate_bp, int) or isinstance(rate_bp, bool):
        raise ValidationError(field, "must be a whole number of basis points")
    if not 0 <= rate_bp <= maximum:
        raise ValidationError(field, "must be between 0% and {value}% (got {value2:g}%)",
                              value=maximum // 100, value2=rate_bp / 100)
    return rate_bp


# --- HSN / SAC ----------------------------------------------------------------------------------------

HSN_LENGTHS = (4, 6, 8)
SAC_LENGTH = 6


def is_sac(code: str) -> bool:
    """A services accounting code: HSN chapter 99."""
    return code.startswith("99")


def validate_hsn(text: str, field: str = "HSN") -> str:
    """Normalise (spaces and dots dropped) and check an HSN (goods) or SAC (services) code.

    HSN: 4, 6 or 8 digits. SAC: 6 digits beginning 99.
    """
    code = re.sub(r"[\s.]+", "", str(text or ""))
    if not code:
        raise ValidationError(field, "is empty; give the HSN (goods) or SAC (services) code")
    if not code.isascii() or not code.isdigit():
        raise ValidationError(field, "{text!r} must be digits only", text=str(text).strip())
    if is_sac(code):
        if len(code) != SAC_LENGTH:
            raise ValidationError(field, "{code!r} begins 99, a SAC (services) code, which has {sac_length} digits "
                                         "(got {code_count})",
                                  code=code, sac_length=SAC_LENGTH, code_count=len(code))
    elif len(code) not in HSN_LENGTHS:
        raise ValidationError(field, "{code!r} has {code_count} digits; an HSN code has 4, 6 or 8",
                              code=code, code_count=len(code))
    return code


# --- place of supply --------------------------------------------------------------------------------

#: Union territories without a legislature (and "other territory"): the state half is UTGST.
UTGST_STATES = frozenset({"04", "26", "31", "35", "38", "97"})


def state_tax_name(state_code: str) -> str:
    """``SGST``, or ``UTGST`` where the store is in a union territory without a legislature."""
    return "UTGST" if state_code in UTGST_STATES else "SGST"


def place_of_supply(store_state: str, buyer_state: str | None = None) -> str:
    """The buyer's state when known (B2B), else the store's (walk-in, B2C)."""
    store = parse_state(store_state, "store state")
    return parse_state(buyer_state, "buyer state") if buyer_state else store


def is_inter_state(store_state: str, supply_state: str) -> bool:
    return parse_state(store_state, "store state") != parse_state(supply_state, "place of supply")


def sale_place_of_supply(store_state: str, buyer_gstin: str = "", buyer_state: str = "") -> str:
    """Where a counter sale is supplied: a registered (B2B) buyer's state, else the store's own.

    An unregistered buyer from elsewhere who carries the goods away is supplied at the counter
    (an intra-state supply), so only a buyer with a GSTIN moves the place of supply. ``""`` when
    neither is known (a store that has not given its state).
    """
    if buyer_gstin and buyer_state:
        return buyer_state
    return store_state


# --- the tax split ----------------------------------------------------------------------------------

def line_tax(taxable: int, rate_bp: int) -> int:
    """The tax on one line: ``taxable × rate`` half-up to the paisa (the cart's own rule)."""
    return apply_basis_points(taxable, rate_bp)


def split_intra_state(tax: int) -> tuple[int, int]:
    """(CGST, SGST) of one line's tax: halves adding up exactly; an odd paisa goes to CGST."""
    sign = -1 if tax < 0 else 1
    smaller = abs(tax) // 2
    return sign * (abs(tax) - smaller), sign * smaller


def split_line_tax(tax: int, inter_state: bool) -> tuple[int, int, int]:
    """(CGST, SGST, IGST) of one line's tax: all IGST across states, else halves (odd paisa to CGST)."""
    if inter_state:
        return 0, 0, tax
    cgst, sgst = split_intra_state(tax)
    return cgst, sgst, 0


@dataclass(frozen=True)
class TaxLine:
    """One bill line as GST sees it. Money in paise, rates in basis points, quantity in thousandths.

    ``tax``/``cess`` may carry what the bill already computed (tax-inclusive
    prices carve the tax out, which can differ by a paisa from taxable × rate);
    left as None they are computed here with :func:`line_tax`.
    """

    taxable: int
    rate_bp: int
    hsn: str = ""
    description: str = ""
    uqc: str = "OTH"
    quantity: int = 0
    cess_bp: int = 0
    tax: int | None = None
    cess: int | None = None


@dataclass(frozen=True)
class SplitLine:
    line: TaxLine
    tax: int      # cgst + sgst + igst (cess apart)
    cgst: int
    sgst: int     # SGST or UTGST
    igst: int
    cess: int

    @property
    def value(self) -> int:
        """Taxable value plus every tax: what the line costs the buyer."""
        return self.line.taxable + self.tax + self.cess


@dataclass(frozen=True)
class RateRow:
    """One row of the receipt's tax summary: a rate and what the bill carries at it."""

    rate_bp: int
    taxable: int = 0
    cgst: int = 0
    sgst: int = 0
    igst: int = 0
    cess: int = 0

    @property
    def tax(self) -> int:
        return self.cgst + self.sgst + self.igst

    @property
    def value(self) -> int:
        return self.taxable + self.tax + self.cess


@dataclass(frozen=True)
class HsnRow:
    """One row of the GSTR-1 HSN summary (per HSN, unit and rate)."""

    hsn: str
    description: str
    uqc: str
    quantity: int   # thousandths of the UQC; 0 for services
    rate_bp: int
    taxable: int
    igst: int
    cgst: int
    sgst: int
    cess: int

    @property
    def value(self) -> int:
        """The template's "Total Value": taxable value plus every tax."""
        return self.taxable + self.igst + self.cgst + self.sgst + self.cess


@dataclass(frozen=True)
class TaxSplit:
    store_state: str
    place_of_supply: str
    inter_state: bool
    lines: tuple[SplitLine, ...]

    @property
    def state_tax_name(self) -> str:
        return state_tax_name(self.place_of_supply)

    @property
    def taxable(self) -> int:
        return sum(s.line.taxable for s in self.lines)

    @property
    def cgst(self) -> int:
        return sum(s.cgst for s in self.lines)

    @property
    def sgst(self) -> int:
        return sum(s.sgst for s in self.lines)

    @property
    def igst(self) -> int:
        return sum(s.igst for s in self.lines)

    @property
    def cess(self) -> int:
        return sum(s.cess for s in self.lines)

    @property
    def tax(self) -> int:
        """CGST + SGST + IGST on the bill (cess apart)."""
        return sum(s.tax for s in self.lines)

    @property
    def value(self) -> int:
        """Taxable value plus every tax and cess: what the bill's lines cost the buyer."""
        return self.taxable + self.tax + self.cess

    def by_rate(self) -> tuple[RateRow, ...]:
        return tax_summary(self.lines)

    def by_hsn(self) -> tuple[HsnRow, ...]:
        return hsn_summary(self.lines)


def _checked(line: TaxLine, position: int) -> tuple[int, int]:
    where = f"line {position}"
    if not isinstance(line.taxable, int) or isinstance(line.taxable, bool):
        raise ValidationError(f"{where} taxable value", "must be whole paise")
    check_rate_bp(line.rate_bp, f"{where} GST rate")
    check_rate_bp(line.cess_bp, f"{where} cess rate", MAX_CESS_BP)
    if line.hsn:
        validate_hsn(line.hsn, f"{where} HSN")
    if not isinstance(line.quantity, int) or isinstance(line.quantity, bool):
        raise ValidationError(f"{where} quantity", "must be whole thousandths")
    tax, cess = line_tax(line.taxable, line.rate_bp), line_tax(line.taxable, line.cess_bp)
    for name, given, expected in (("tax", line.tax, tax), ("cess", line.cess, cess)):
        # A tax-inclusive price carves the tax out of the price: at most a paisa from taxable × rate.
        if given is not None and abs(given - expected) > 1:
            raise ValidationError(f"{where} {name}", "{given} paise does not match {expected} ({taxable} paise at the "
                                                     "line's rate)",
                                  given=given, expected=expected, taxable=line.taxable)
    return (tax if line.tax is None else line.tax), (cess if line.cess is None else line.cess)


def split_tax(
    store_state: str,
    lines: list[TaxLine] | tuple[TaxLine, ...],
    buyer_state: str | None = None,
    *,
    supply_state: str | None = None,
) -> TaxSplit:
    """Split every line's tax into CGST + SGST (intra-state) or IGST (inter-state).

    ``supply_state`` overrides the place of supply the buyer's state implies.
    """
    store = parse_state(store_state, "store state")
    pos = parse_state(supply_state, "place of supply") if supply_state else place_of_supply(store, buyer_state)
    inter = pos != store
    out = []
    for i, line in enumerate(lines, start=1):
        tax, cess = _checked(line, i)
        cgst, sgst, igst = split_line_tax(tax, inter)
        out.append(SplitLine(line, tax, cgst, sgst, igst, cess))
    return TaxSplit(store, pos, inter, tuple(out))


def tax_summary(lines: tuple[SplitLine, ...] | list[SplitLine]) -> tuple[RateRow, ...]:
    """Rows by rate, lowest rate first: what a receipt prints under the lines."""
    rows: dict[int, list[int]] = {}
    for s in lines:
        acc = rows.setdefault(s.line.rate_bp, [0, 0, 0, 0, 0])
        for k, v in enumerate((s.line.taxable, s.cgst, s.sgst, s.igst, s.cess)):
            acc[k] += v
    return tuple(RateRow(rate, *acc) for rate, acc in sorted(rows.items()))


def hsn_summary(lines: tuple[SplitLine, ...] | list[SplitLine]) -> tuple[HsnRow, ...]:
    """The HSN summary (GSTR-1 table 12): one row per HSN, unit and rate, in HSN order.

    Services (SAC, chapter 99) are reported with UQC ``NA`` and no quantity, as
    the return expects. The description is the first one the lines give.
    """
    rows: dict[tuple[str, str, int], list] = {}
    for s in lines:
        hsn = s.line.hsn
        service = bool(hsn) and is_sac(hsn)
        uqc = "NA" if service else (s.line.uqc or "OTH")
        acc = rows.setdefault((hsn, uqc, s.line.rate_bp), [s.line.description, 0, 0, 0, 0, 0, 0])
        if not acc[0]:
            acc[0] = s.line.description
        acc[1] += 0 if service else s.line.quantity
        for k, v in enumerate((s.line.taxable, s.igst, s.cgst, s.sgst, s.cess), start=2):
            acc[k] += v
    return tuple(
        HsnRow(hsn, acc[0], uqc, acc[1], rate, *acc[2:]) for (hsn, uqc, rate), acc in sorted(rows.items())
    )


# --- GSTR-1: what the later report must produce -----------------------------------------------------

#: The offline tool's Excel workbook template the column lists follow. Since the portal's 2025 change
#: (HSN summary "Phase III") table 12 is two tabs, hsn(b2b) and hsn(b2c), with the same columns.
GSTR1_TEMPLATE = "GSTR1_Excel_Workbook_Template_V2.0"
GSTR1_SHEETS = {"b2b": "b2b,sez,de", "b2cs": "b2cs", "cdnr": "cdnr", "hsn_b2b": "hsn(b2b)", "hsn_b2c": "hsn(b2c)"}
GSTR1_B2B_COLUMNS = (
    "GSTIN/UIN of Recipient", "Receiver Name", "Invoice Number", "Invoice date", "Invoice Value",
    "Place Of Supply", "Reverse Charge", "Applicable % of Tax Rate", "Invoice Type", "E-Commerce GSTIN",
    "Rate", "Taxable Value", "Cess Amount",
)
GSTR1_B2CS_COLUMNS = (
    "Type", "Place Of Supply", "Applicable % of Tax Rate", "Rate", "Taxable Value", "Cess Amount",
    "E-Commerce GSTIN",
)
GSTR1_CDNR_COLUMNS = (
    "GSTIN/UIN of Recipient", "Receiver Name", "Note Number", "Note Date", "Note Type", "Place Of Supply",
    "Reverse Charge", "Note Supply Type", "Note Value", "Applicable % of Tax Rate", "Rate", "Taxable Value",
    "Cess Amount",
)
GSTR1_HSN_COLUMNS = (
    "HSN", "Description", "UQC", "Total Quantity", "Total Value", "Rate", "Taxable Value",
    "Integrated Tax Amount", "Central Tax Amount", "State/UT Tax Amount", "Cess Amount",
)
#: How the template spells values: dates as 24-May-2017; Rate as a percentage (18); Reverse Charge "N";
#: Invoice Type / Note Supply Type "Regular B2B"; b2cs Type "OE" (not through an e-commerce operator);
#: Note Type "C" (credit) or "D" (debit); UQC as "KGS-KILOGRAMS"; Place Of Supply as "29-Karnataka".
GSTR1_DATE_FORMAT = "%d-%b-%Y"
#: The offline tool's drop-down spells these places with "&" (and "Lakshdweep" as it stands there).
GSTR1_PLACE_LABELS = {
    "01": "01-Jammu & Kashmir",
    "26": "26-Dadra & Nagar Haveli & Daman & Diu",
    "31": "31-Lakshdweep",
    "35": "35-Andaman & Nicobar Islands",
}
#: Inter-state invoices to unregistered buyers above this go to b2cl, not b2cs (₹1 lakh since
#: 1 August 2024; ₹2.5 lakh before).
B2CL_THRESHOLD_PAISE = 1_00_000_00


def gstr1_place_label(code: str) -> str:
    """``29`` -> ``29-Karnataka``, as the GSTR-1 template's Place Of Supply column wants it."""
    return GSTR1_PLACE_LABELS.get(code, state(code).label)
