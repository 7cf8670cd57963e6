"""GST rules: GSTIN, state codes, headings, HSN/SAC, rates, the CGST/SGST/IGST split and its summaries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from possuite.domain.cart import CartLine, Discount, compute_totals
from possuite.domain.errors import ValidationError
from possuite.domain.gst import (
    BILL_OF_SUPPLY,
    COMPOSITION,
    GSTR1_B2B_COLUMNS,
    GSTR1_B2CS_COLUMNS,
    GSTR1_CDNR_COLUMNS,
    GSTR1_HSN_COLUMNS,
    REGULAR,
    SUGGESTED_RATES_BP,
    TAX_INVOICE,
    UNREGISTERED,
    TaxLine,
    billing_rate_bp,
    document_heading,
    gstin_check_character,
    gstr1_place_label,
    is_valid_gstin,
    parse_gst_rate,
    parse_registration,
    parse_state,
    place_of_supply,
    split_intra_state,
    split_tax,
    state_name,
    state_tax_name,
    validate_gstin,
    validate_hsn,
)
from possuite.domain.gstin import GSTIN_ALPHABET, STATES

PROPERTY = settings(max_examples=300, deadline=None)
ACTIVE_CODES = [s.code for s in STATES if s.active]


def make_gstin(state: str = "29", pan: str = "ABCDE1234F", entity: str = "1") -> str:
    body = f"{state}{pan}{entity}Z"
    return body + gstin_check_character(body)


def error_of(call, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value


# --- GSTIN: published numbers whose check character we verify -----------------------------------------

@pytest.mark.parametrize(
    "gstin",
    [
        "27AAPFU0939F1ZV",  # python-stdnum's documented example (Maharashtra)
        "05AEJPP8087R1ZF",  # the GSTR-1 offline tool's help sheet example (Uttarakhand)
        "29AAICA3918J1ZE",  # Amazon Seller Services Pvt Ltd, Karnataka, as printed on its invoices
        "27AAICA3918J1ZI",  # the same company's Maharashtra registration
    ],
)
def test_published_gstins_are_accepted_with_their_check_character(gstin):
    assert validate_gstin(gstin) == gstin
    assert gstin_check_character(gstin[:14]) == gstin[14]


def test_gstin_is_normalised_to_upper_case_without_spaces():
    assert validate_gstin("  27aapfu0939f1zv ") == "27AAPFU0939F1ZV"
    assert validate_gstin("27 AAPFU0939F 1ZV") == "27AAPFU0939F1ZV"


def test_the_portals_placeholder_gstin_is_not_a_real_number():
    # "22AAAAA0000A1Z5" is printed in many guides; its check character would be C.
    err = error_of(validate_gstin, "22AAAAA0000A1Z5")
    assert err.field == "GSTIN"
    assert "expected 'C'" in err.why


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "is empty"),
        ("27AAPFU0939F1Z", "must be 15 characters"),
        ("27AAPFU0939F1ZVX", "must be 15 characters"),
        ("27AAPFU0939F1Z#", "only letters A-Z and digits 0-9"),
        ("2XAAPFU0939F1ZV", "two-digit state code"),
        ("45AAPFU0939F1ZV", "45, which is not a GST state code"),
        (make_gstin("25"), "merged into 26"),
        (make_gstin("28"), "Andhra Pradesh is 37"),
        (make_gstin("99"), "not a state"),
        ("27AAPF10939F1ZV", "must be a PAN (5 letters, 4 digits, 1 letter), got 'AAPF10939F'"),
        ("27AAPFU093XF1ZV", "got 'AAPFU093XF'"),
        ("27AAPFU09391" + "1ZV", "must be a PAN"),
        ("27AAPFU0939F0ZV", "entity number"),
        ("27AAPFU0939F1KV", "14th character"),
        ("27AAPFU0939F1CV", "TCS registration"),
        ("27AAPFU0939F1ZO", "expected 'V', got 'O'"),
    ],
)
def test_each_wrong_gstin_says_what_is_wrong_and_names_the_field(typed, says):
    err = error_of(validate_gstin, typed)
    assert err.field == "GSTIN"
    assert says in err.why


def test_the_field_name_can_be_the_callers():
    assert error_of(validate_gstin, "123", field="customer GSTIN").field == "customer GSTIN"


gstins = st.builds(
    lambda state, letters, digits, last, entity: make_gstin(state, letters + digits + last, entity),
    st.sampled_from(ACTIVE_CODES),
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=5, max_size=5),
    st.text("0123456789", min_size=4, max_size=4),
    st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    st.sampled_from("123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
)


@PROPERTY
@given(gstins)
def test_every_generated_gstin_is_valid_and_knows_its_state(gstin):
    assert validate_gstin(gstin.lower()) == gstin
    assert state_name(gstin[:2])


@PROPERTY
@given(gstins, st.integers(0, 14), st.sampled_from(GSTIN_ALPHABET))
def test_any_single_mistyped_character_is_caught(gstin, position, char):
    if gstin[position] == char:
        return
    mistyped = gstin[:position] + char + gstin[position + 1:]
    assert not is_valid_gstin(mistyped)


# --- states --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "typed", ["29", "KA", "ka", "Karnataka", " karnataka ", "29-Karnataka", "29 - KARNATAKA", "29 Karnataka"]
)
def test_a_state_may_be_typed_as_code_letters_or_name(typed):
    assert parse_state(typed) == "29"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("9", "09"), ("Jammu & Kashmir", "01"), ("Ladakh", "38"), ("LA", "38"), ("Other Territory", "97"),
        ("DD", "26"), ("Daman and Diu", "26"), ("Dadra and Nagar Haveli", "26"), ("DN", "26"),
        ("AP", "37"), ("Andhra Pradesh", "37"), ("TG", "36"), ("Orissa", "21"), ("OD", "21"), ("UA", "05"),
        ("Pondicherry", "34"), ("Delhi", "07"),
    ],
)
def test_old_names_and_letters_find_todays_state(typed, code):
    assert parse_state(typed) == code


def test_state_names_are_the_current_official_ones():
    assert state_name("29") == "Karnataka"
    assert state_name("26") == "Dadra and Nagar Haveli and Daman and Diu"
    assert state_name("38") == "Ladakh"
    assert state_name("97") == "Other Territory"
    assert state_name("99") == "Centre Jurisdiction"


@pytest.mark.parametrize(
    ("typed", "says"),
    [("25", "merged into 26"), ("28", "Andhra Pradesh is 37"), ("99", "not a state"), ("45", "not a GST state"),
     ("Atlantis", "not a state or union territory"), ("", "is empty"), ("29-Kerala", "29 is Karnataka")],
)
def test_a_state_that_cannot_be_a_place_of_supply_is_refused(typed, says):
    err = error_of(parse_state, typed)
    assert err.field == "state"
    assert says in err.why


def test_every_active_state_has_a_unique_code_and_two_letters():
    active = [s for s in STATES if s.active]
    assert len({s.code for s in active}) == len(active)
    assert len({s.abbr for s in active}) == len(active)
    assert all(len(s.abbr) == 2 for s in STATES)


def test_the_gstr1_place_label_uses_the_templates_spelling():
    assert gstr1_place_label("29") == "29-Karnataka"
    assert gstr1_place_label("26") == "26-Dadra & Nagar Haveli & Daman & Diu"


# --- registration and heading --------------------------------------------------------------------------

def test_a_regular_registration_issues_a_tax_invoice_and_others_a_bill_of_supply():
    assert document_heading(REGULAR) == TAX_INVOICE == "TAX INVOICE"
    assert document_heading(COMPOSITION) == BILL_OF_SUPPLY == "BILL OF SUPPLY"
    assert document_heading(UNREGISTERED) == BILL_OF_SUPPLY


def test_only_a_regular_store_charges_the_items_rate():
    assert billing_rate_bp(REGULAR, 1800) == 1800
    assert billing_rate_bp(COMPOSITION, 1800) == 0
    assert billing_rate_bp(UNREGISTERED, 500) == 0


def test_an_unknown_registration_type_is_refused_by_name():
    assert parse_registration(" Regular ") == REGULAR
    err = error_of(parse_registration, "sez")
    assert err.field == "GST registration"


# --- HSN / SAC and rates -------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "code"), [("0401", "0401"), ("040110", "040110"), ("0401.10.10", "04011010"),
                                             ("998111", "998111"), (" 3004 90 ", "300490")])
def test_hsn_and_sac_codes_are_accepted(typed, code):
    assert validate_hsn(typed) == code


@pytest.mark.parametrize(("typed", "says"), [("", "is empty"), ("04O1", "digits only"), ("12345", "4, 6 or 8"),
                                             ("040", "4, 6 or 8"), ("9983", "SAC"), ("99831100", "SAC"),
                                             ("123456789", "4, 6 or 8")])
def test_a_wrong_hsn_or_sac_names_the_field(typed, says):
    err = error_of(validate_hsn, typed)
    assert err.field == "HSN"
    assert says in err.why


def test_any_rate_from_0_to_100_percent_is_accepted_and_slabs_are_suggested():
    assert parse_gst_rate("18") == 1800
    assert parse_gst_rate("0.25%") == 25
    assert parse_gst_rate("12") == 1200  # an owner may still set a rate that is no longer a slab
    assert SUGGESTED_RATES_BP == (0, 25, 300, 500, 1800, 4000)
    assert error_of(parse_gst_rate, "101").field == "GST rate"
    assert error_of(parse_gst_rate, "-5").field == "GST rate"


# --- place of supply and the split: what a shop and its accountant check --------------------------------

def test_1000_rupees_at_18_percent_within_the_state_is_90_cgst_and_90_sgst():
    split = split_tax("29", [TaxLine(1000_00, 1800)])
    line = split.lines[0]
    assert (line.cgst, line.sgst, line.igst) == (90_00, 90_00, 0)
    assert not split.inter_state
    assert split.state_tax_name == "SGST"


def test_the_same_sale_to_a_buyer_in_another_state_is_180_igst():
    split = split_tax("29", [TaxLine(1000_00, 1800)], buyer_state="27")
    line = split.lines[0]
    assert (line.cgst, line.sgst, line.igst) == (0, 0, 180_00)
    assert split.inter_state and split.place_of_supply == "27"


def test_an_odd_paisa_of_tax_goes_to_cgst_and_the_halves_add_up():
    # ₹10.10 at 5 % is 50.5 paise -> 51 paise of tax: CGST 26, SGST 25.
    line = split_tax("29", [TaxLine(10_10, 500)]).lines[0]
    assert (line.tax, line.cgst, line.sgst) == (51, 26, 25)


def test_a_credit_note_mirrors_the_split_so_a_full_return_reverses_it():
    assert split_intra_state(51) == (26, 25)
    assert split_intra_state(-51) == (-26, -25)
    sale = split_tax("29", [TaxLine(10_10, 500)]).lines[0]
    refund = split_tax("29", [TaxLine(-10_10, 500)]).lines[0]
    assert (sale.cgst + refund.cgst, sale.sgst + refund.sgst) == (0, 0)


def test_a_walk_in_customer_is_supplied_in_the_stores_state():
    assert place_of_supply("29") == "29"
    assert place_of_supply("KA", None) == "29"
    assert place_of_supply("29", "Maharashtra") == "27"


def test_the_caller_may_fix_the_place_of_supply_for_a_counter_sale():
    split = split_tax("29", [TaxLine(100_00, 1800)], buyer_state="27", supply_state="29")
    assert not split.inter_state and split.cgst == 9_00


def test_a_union_territory_without_a_legislature_charges_utgst():
    assert split_tax("04", [TaxLine(100_00, 500)]).state_tax_name == "UTGST"
    assert state_tax_name("07") == "SGST"  # Delhi has a legislature


def test_the_bill_total_does_not_depend_on_where_the_buyer_is():
    lines = [TaxLine(333, 1800), TaxLine(10_10, 500), TaxLine(99_99, 4000)]
    assert split_tax("29", lines).tax == split_tax("29", lines, buyer_state="33").tax


def test_cess_is_charged_per_line_and_never_split():
    split = split_tax("29", [TaxLine(1000_00, 4000, cess_bp=1500)])
    line = split.lines[0]
    assert (line.cgst, line.sgst, line.cess) == (200_00, 200_00, 150_00)
    assert line.value == split.value == 1000_00 + 400_00 + 150_00
    assert (split.tax, split.cess) == (400_00, 150_00)  # "tax" is the GST proper; cess stays apart
    row = split.by_rate()[0]
    assert (row.tax, row.cess, row.value) == (400_00, 150_00, 1550_00)


def test_the_tax_the_cart_carved_out_of_an_inclusive_price_is_split_as_it_stands():
    # ₹100 including 18 %: the cart's net is ₹84.75 and its tax ₹15.25 (84.75 × 18 % would be 15.26).
    totals = compute_totals([CartLine("Shampoo", 1000, 100_00, tax_rate_bp=1800, tax_inclusive=True)])
    lt = totals.lines[0]
    split = split_tax("29", [TaxLine(lt.net, 1800, tax=lt.tax)])
    assert (split.cgst, split.sgst, split.tax) == (7_63, 7_62, 15_25)
    assert split.taxable + split.tax == totals.total


def test_a_tax_that_does_not_match_the_rate_is_refused_naming_the_line():
    err = error_of(split_tax, "29", [TaxLine(100_00, 1800), TaxLine(100_00, 1800, tax=0)])
    assert err.field == "line 2 tax"


@pytest.mark.parametrize(
    ("line", "field"),
    [(TaxLine(100, 10_001), "line 1 GST rate"), (TaxLine(100, -1), "line 1 GST rate"),
     (TaxLine(100, 1800, hsn="12"), "line 1 HSN"), (TaxLine(100, 1800, cess_bp=-5), "line 1 cess rate"),
     (TaxLine(1.5, 1800), "line 1 taxable value")],  # type: ignore[arg-type]
)
def test_a_bad_line_is_named(line, field):
    assert error_of(split_tax, "29", [line]).field == field


def test_a_bad_store_or_buyer_state_is_named():
    assert error_of(split_tax, "45", [TaxLine(100, 0)]).field == "store state"
    assert error_of(split_tax, "29", [TaxLine(100, 0)], buyer_state="XX").field == "buyer state"


# --- summaries -----------------------------------------------------------------------------------------

def test_the_tax_summary_has_one_row_per_rate_lowest_first():
    split = split_tax("29", [TaxLine(500_00, 1800), TaxLine(200_00, 500), TaxLine(300_00, 1800), TaxLine(50_00, 0)])
    rows = split.by_rate()
    assert [r.rate_bp for r in rows] == [0, 500, 1800]
    eighteen = rows[2]
    assert (eighteen.taxable, eighteen.cgst, eighteen.sgst, eighteen.igst) == (800_00, 72_00, 72_00, 0)
    assert (eighteen.tax, eighteen.value) == (144_00, 944_00)


def test_the_hsn_summary_groups_by_code_unit_and_rate():
    lines = [
        TaxLine(100_00, 500, hsn="0401", description="Milk", uqc="LTR", quantity=2000),
        TaxLine(50_00, 500, hsn="0401", description="Toned milk", uqc="LTR", quantity=1500),
        TaxLine(300_00, 1800, hsn="998111", description="Consultation", uqc="OTH", quantity=1000),
    ]
    rows = split_tax("29", lines, buyer_state="27").by_hsn()
    milk, service = rows
    assert (milk.hsn, milk.description, milk.uqc, milk.quantity) == ("0401", "Milk", "LTR", 3500)
    assert (milk.taxable, milk.igst, milk.cgst, milk.value) == (150_00, 7_50, 0, 157_50)
    assert (service.uqc, service.quantity) == ("NA", 0)  # services carry no quantity in GSTR-1


def test_the_gstr1_column_lists_match_the_template():
    assert GSTR1_B2B_COLUMNS[0] == "GSTIN/UIN of Recipient" and len(GSTR1_B2B_COLUMNS) == 13
    assert GSTR1_B2CS_COLUMNS[:2] == ("Type", "Place Of Supply") and len(GSTR1_B2CS_COLUMNS) == 7
    assert GSTR1_CDNR_COLUMNS[2:5] == ("Note Number", "Note Date", "Note Type")
    assert GSTR1_HSN_COLUMNS[-4:] == ("Integrated Tax Amount", "Central Tax Amount", "State/UT Tax Amount",
                                      "Cess Amount")


# --- properties ----------------------------------------------------------------------------------------

tax_lines = st.lists(
    st.builds(
        TaxLine,
        taxable=st.integers(-10**9, 10**9),
        rate_bp=st.sampled_from([0, 25, 300, 500, 1200, 1800, 2800, 4000]) | st.integers(0, 10_000),
        hsn=st.sampled_from(["", "0401", "3004", "998111", "61091000"]),
        uqc=st.sampled_from(["PCS", "KGS", "LTR"]),
        quantity=st.integers(0, 10**8),
        cess_bp=st.sampled_from([0, 0, 100, 1500]),
    ),
    max_size=12,
)
states = st.sampled_from(ACTIVE_CODES)


@PROPERTY
@given(tax_lines, states, st.none() | states)
def test_cgst_plus_sgst_is_the_tax_on_every_line(lines, store, buyer):
    for s in split_tax(store, lines, buyer).lines:
        assert s.cgst + s.sgst + s.igst == s.tax
        assert abs(s.cgst - s.sgst) <= 1
        assert s.igst == 0 or s.cgst == s.sgst == 0


@PROPERTY
@given(tax_lines, states, st.none() | states)
def test_the_summaries_add_up_to_the_lines(lines, store, buyer):
    split = split_tax(store, lines, buyer)
    for rows in (split.by_rate(), split.by_hsn()):
        assert sum(r.taxable for r in rows) == split.taxable
        assert sum(r.cgst for r in rows) == split.cgst
        assert sum(r.sgst for r in rows) == split.sgst
        assert sum(r.igst for r in rows) == split.igst
        assert sum(r.cess for r in rows) == split.cess
        assert sum(r.value for r in rows) == split.value == split.taxable + split.tax + split.cess


@PROPERTY
@given(st.lists(st.tuples(st.integers(1, 10**6), st.integers(1, 20), st.sampled_from([0, 500, 1800, 4000])),
                min_size=1, max_size=8),
       st.integers(0, 3000))
def test_splitting_the_carts_lines_keeps_the_carts_tax(items, discount_bp):
    cart = [CartLine(f"Item {i}", qty * 1000, price, tax_rate_bp=rate) for i, (price, qty, rate) in enumerate(items)]
    totals = compute_totals(cart, Discount(percent_bp=discount_bp))
    split = split_tax("29", [TaxLine(lt.net, lt.line.tax_rate_bp, tax=lt.tax) for lt in totals.lines])
    assert split.tax == totals.tax
    assert split.taxable + split.tax == totals.total
