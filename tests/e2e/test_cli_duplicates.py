"""``possuite customer duplicates`` and ``customer merge``: the contract's keys, exit codes, nothing half-written."""

from __future__ import annotations


def _two_priyas(cli):
    a = cli.ok("customer", "add", "--name", "Priya Sharma", "--phone", "98765 43210")
    b = cli.ok("customer", "add", "--name", "Priya Sharma", "--phone", "98765 43201")  # digits swapped
    cli.ok("sell", "--customer", a["id"], "--line-custom", "A=500", "--no-payment")
    cli.ok("sell", "--customer", b["id"], "--line-custom", "B=300", "--no-payment")
    return a, b


def test_duplicates_lists_the_pair_and_merge_sums_the_balance(cli):
    a, b = _two_priyas(cli)
    (pair,) = cli.ok("customer", "duplicates")
    assert set(pair) == {"keep", "other", "why"} and pair["why"] == "same name, similar phone"
    assert (pair["keep"]["id"], pair["other"]["id"]) == (a["id"], b["id"])
    human = cli("customer", "duplicates")
    assert human.code == 0 and f"possuite customer merge {a['id']} {b['id']}" in human.out
    merged = cli.ok("customer", "merge", a["id"], b["id"], "--reason", "same person")
    assert {"keep", "merged", "moved", "documents", "merged_into"} <= set(merged)
    assert merged["moved"] == 30000 and merged["keep"]["balance"] == 80000 and merged["merged"]["balance"] == 0
    assert merged["merged"]["active"] is False and merged["merged_into"] == a["id"]
    assert all(d.startswith("ADJ-") for d in merged["documents"])
    assert cli.ok("customer", "duplicates") == []
    assert cli("check").code == 0


def test_merge_with_bad_input_exits_2_and_writes_nothing(cli):
    a, b = _two_priyas(cli)
    before = cli.dump()
    same = cli("customer", "merge", a["id"], a["id"])
    assert same.code == 2 and same.err.startswith("error: customer: ") and "same customer" in same.err
    missing = cli("customer", "merge", a["id"], "9999999999")
    assert missing.code == 2 and missing.err == "error: customer: no customer with id or phone '9999999999'\n"
    assert cli.dump() == before
