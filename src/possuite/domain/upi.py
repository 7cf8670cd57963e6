"""The UPI payment link (``upi://pay?...``) behind every pay-by-UPI QR code and message.

Built as the NPCI UPI linking specification describes: ``pa`` (payee VPA), ``pn`` (payee name),
``am`` (amount, plain decimal with the currency's two decimals), ``cu`` (INR) and ``tn``
(transaction note). Values are percent-encoded except the characters a VPA is made of
(``@ . - _``): the specification's examples keep ``@`` literal and some UPI apps refuse ``%40``.
The note is kept within ``NOTE_MAX`` characters (the length UPI apps display).
Standard library only.
"""

from __future__ import annotations

from urllib.parse import quote

from possuite.domain.money import Currency, to_major_string

NOTE_MAX = 50


def upi_pay_link(payee_vpa: str | None, payee_name: str, amount: int, currency: Currency, note: str) -> str | None:
    """The link to pay ``amount`` (minor units) to ``payee_vpa``, or None without a VPA or anything to pay."""
    vpa = (payee_vpa or "").strip()
    if not vpa or amount <= 0:
        return None
    parts = [("pa", vpa), ("pn", payee_name.strip()), ("am", to_major_string(amount, currency)),
             ("cu", currency.code), ("tn", note.strip()[:NOTE_MAX].rstrip())]
    return "upi://pay?" + "&".join(f"{k}={quote(v, safe='@.-_')}" for k, v in parts)
