"""The one UPI payment link (NPCI linking spec): amounts, encoding, the note's length, no UPI id."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, urlparse

import pytest

from possuite.domain.money import INR
from possuite.domain.receipt import CollectionReceipt, StoreHeader
from possuite.domain.upi import NOTE_MAX, upi_pay_link


def test_the_link_carries_payee_name_amount_currency_and_note_in_the_spec_order():
    link = upi_pay_link("glowsalon@okaxis", "Glow Salon", 60050, INR, "SAL-26-0001")
    assert link == "upi://pay?pa=glowsalon@okaxis&pn=Glow%20Salon&am=600.50&cu=INR&tn=SAL-26-0001"


@pytest.mark.parametrize(("minor", "am"), [(1, "0.01"), (100, "1.00"), (60000, "600.00"), (12345678, "123456.78")])
def test_the_amount_is_plain_decimal_with_two_places(minor, am):
    q = parse_qs(urlparse(upi_pay_link("shop@upi", "Shop", minor, INR, "x")).query)
    assert q["am"] == [am]


def test_the_vpa_keeps_its_at_sign_and_other_text_is_percent_encoded():
    link = upi_pay_link(" asha.rao-1@ok_hdfc ", "Asha & Sons #1", 100, INR, "Dues Zoya/ 50% off?")
    assert "pa=asha.rao-1@ok_hdfc&" in link and "%40" not in link
    assert "pn=Asha%20%26%20Sons%20%231&" in link
    assert link.endswith("tn=Dues%20Zoya%2F%2050%25%20off%3F")
    q = parse_qs(urlparse(link).query)
    assert q["pn"] == ["Asha & Sons #1"] and q["tn"] == ["Dues Zoya/ 50% off?"]


def test_a_long_note_is_cut_to_what_upi_apps_show():
    q = parse_qs(urlparse(upi_pay_link("shop@upi", "Shop", 100, INR, "Glow Salon dues " + "x" * 80)).query)
    assert len(q["tn"][0]) == NOTE_MAX == 50 and q["tn"][0].startswith("Glow Salon dues xxx")


@pytest.mark.parametrize("vpa", [None, "", "   "])
def test_no_upi_id_gives_no_link(vpa):
    assert upi_pay_link(vpa, "Shop", 100, INR, "x") is None


@pytest.mark.parametrize("amount", [0, -500])
def test_nothing_to_pay_gives_no_link(amount):
    assert upi_pay_link("shop@upi", "Shop", amount, INR, "x") is None


def test_the_receipt_qr_uses_the_same_link():
    r = CollectionReceipt(StoreHeader("Glow Salon", upi_id="glowsalon@okaxis"), INR, "RCP-26-0001",
                          datetime(2026, 11, 1, 10, 0), "Neha", "Asha Rao", "", 100000, 40000, "upi", 60000)
    assert r.upi_uri == upi_pay_link("glowsalon@okaxis", "Glow Salon", 60000, INR, "RCP-26-0001")
    assert r.method_label == "UPI"
    settled = CollectionReceipt(StoreHeader("Glow Salon", upi_id="glowsalon@okaxis"), INR, "RCP-26-0002",
                                datetime(2026, 11, 1, 10, 0), "Neha", "Asha Rao", "", 40000, 40000, "cash", 0)
    assert settled.upi_uri is None
