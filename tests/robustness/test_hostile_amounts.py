"""Hostile amounts through every command that takes money: one clear line naming the field,
exit 2, and the database byte-for-byte as before (its full SQL dump compared). The cases share one
shop per module: each proves it left it exactly as it found it.

(The money parser itself is fuzzed with hypothesis in tests/unit; this proves every command
hands it the input and reports its verdict without writing anything.)
"""

from __future__ import annotations

import pytest
from robust_helpers import SHOP_PHONE as CUSTOMER

#: What a tired cashier, a sticky key or a mischievous one may type.
AMOUNTS = {
    "negative": "-5",
    "zero": "0",
    "NaN": "NaN",
    "inf": "inf",
    "-inf": "-inf",
    "Infinity": "Infinity",
    "1e9": "1e9",
    "three decimals": "12.345",
    "commas everywhere": "1,2,3",
    "symbol only": "₹",
    "empty": "",
    "blank": "   ",
    "40 digits": "1" * 40,
    "absurdly large": "99999999999",
    "Arabic-Indic digits": "١٢٣",
    "Devanagari digits": "१२३",
    "full-width digits": "１２",
    "hex": "0x10",
    "underscores": "1_000",
    "two dots": "12.5.1",
    "two signs": "+-5",
    "words": "five hundred",
    "NUL": "5\x000",
    "SQL": "1; DROP TABLE bills",
}

#: command -> (argv for an amount, the field its error names, amounts it rightly accepts)
COMMANDS = {
    "sell --pay": (lambda a: ["sell", "--line-custom", "Cut=300", f"--pay=cash:{a}"], "pay cash", set()),
    "sell --line-custom": (lambda a: ["sell", f"--line-custom=Cut={a}", "--pay", "cash:1"],
                           "line-custom 'Cut' amount", {"zero"}),
    "collect --amount": (lambda a: ["collect", CUSTOMER, f"--amount={a}", "--method", "cash"], "amount", set()),
    "adjust --amount": (lambda a: ["adjust", CUSTOMER, f"--amount={a}", "--reason", "correction"], "amount",
                        {"negative"}),  # a write-off
    "customer add --credit-limit": (lambda a: ["customer", "add", "--name", "New", f"--credit-limit={a}"],
                                    "credit limit", {"zero", "empty", "blank"}),  # 0 = no credit; empty = none
    "item add --price": (lambda a: ["item", "add", "--name", "New", f"--price={a}"], "price", {"zero"}),
}

CASES = [(cmd, name) for cmd, (_, _, ok) in COMMANDS.items() for name in AMOUNTS if name not in ok]


@pytest.mark.parametrize("command,amount", CASES, ids=[f"{c}:{a}" for c, a in CASES])
def test_a_hostile_amount_is_refused_naming_the_field_and_writes_nothing(shop, command, amount):
    argv, field, _ = COMMANDS[command]
    before = shop.dump()
    r = shop(*argv(AMOUNTS[amount]))
    assert r.code == 2, r.out
    assert r.err.startswith(f"error: {field}: "), r.err
    assert r.err.count("\n") == 1 and "Traceback" not in r.err + r.out
    assert shop.dump() == before


def test_the_accepted_edge_amounts_mean_what_they_say(cli):
    shop = cli
    shop.ok("customer", "add", "--name", "Priya Sharma", "--phone", CUSTOMER)
    shop.ok("adjust", CUSTOMER, "--amount", "+1000", "--reason", "opening balance")
    assert shop.ok("adjust", CUSTOMER, "--amount=-5", "--reason", "goodwill")["amount"] == -500
    assert shop.ok("customer", "add", "--name", "No credit", "--credit-limit=0")["credit_limit"] == 0
    assert shop.ok("customer", "add", "--name", "No limit", "--credit-limit=")["credit_limit"] is None
    assert shop.ok("item", "add", "--name", "Free sample", "--price=0")["price"] == 0
    assert shop("check").code == 0
