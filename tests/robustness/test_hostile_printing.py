"""Hostile receipt templates and printer settings that point nowhere.

A broken, nosy or runaway template in the owner's receipts folder never stops a receipt: the
built-in layout is used and the warning names the file; it cannot reach Python's internals
(sandbox). A printer address that cannot be right is refused naming ``target``; one that is
merely unreachable never blocks a sale: the receipt waits in the queue with the reason.
"""

from __future__ import annotations

import pytest

TEMPLATES = {
    "syntax error": ('{{ center("MY SALON") }\n', "line 1"),
    "unknown field": ('{{ center("X") }}\n{{ r.no_such_field }}\n', "no_such_field"),
    "division by zero": ("{{ 1 / 0 }}\n", "ZeroDivisionError"),
    "reaching into Python": ("{{ ''.__class__.__mro__[1].__subclasses__() }}\n", "unsafe"),
    "reading another file": ('{% include "/etc/passwd" %}\n', "TemplateNotFound"),
    "a filter that does not exist": ("{{ r.number | explode }}\n", "explode"),
}


@pytest.fixture
def folder(tmp_path):
    """The owner's receipts folder; its problems are forgotten afterwards (the registry is per process)."""
    from possuite.printing import templates

    path = tmp_path / "receipts"
    path.mkdir()
    yield path
    for kind in templates.KINDS:
        templates._clear(str(path / f"{kind}.j2"))


@pytest.mark.parametrize("case", list(TEMPLATES))
def test_a_broken_or_nosy_template_falls_back_to_the_built_in_receipt(shop, folder, case):
    source, why = TEMPLATES[case]
    (folder / "sale.j2").write_text(source, encoding="utf-8")
    shop.setenv("POSSUITE_RECEIPTS", str(folder))
    before = shop.dump()
    r = shop("receipt", "SAL-26-0001")
    assert r.code == 0
    assert "SAL-26-0001" in r.out and "PAID" in r.out  # the built-in layout, complete
    assert "root:" not in r.out and "subprocess" not in r.out.lower()
    # (in-process, problems of earlier tests' folders are listed too; a real command sees one folder)
    warning = [ln for ln in r.err.splitlines() if ln.startswith(f"warning: {folder / 'sale.j2'}")]
    assert warning and why in warning[0], r.err
    assert "using the built-in template" in warning[0]
    assert shop.dump() == before


def test_a_template_cannot_send_control_codes_to_the_printer(shop, folder, tmp_path):
    (folder / "sale.j2").write_text('{{ center("A\\x1b@B\\x07") }}\n{{ center(r.number) }}\n', encoding="utf-8")
    shop.setenv("POSSUITE_RECEIPTS", str(folder))
    r = shop("receipt", "SAL-26-0001")
    assert r.code == 0 and "SAL-26-0001" in r.out
    assert "\x1b" not in r.out and "\x07" not in r.out
    out = tmp_path / "receipt.bin"
    assert shop("receipt", "SAL-26-0001", "--format", "escpos", "--out", str(out)).code == 0
    data = out.read_bytes()
    assert b"A@B\n" in data and b"A\x1b@B" not in data and b"\x07" not in data  # ESC @ would reset the printer


BAD_TARGETS = {
    "network without an address": ("network", ""),
    "network with port 99999": ("network", "till-printer:99999"),
    "network with a word for a port": ("network", "192.168.1.50:printer"),
    "usb without ids": ("usb", "epson"),
    "usb with one id": ("usb", "0x04b8"),
    "cups without a queue": ("cups", "   "),
}


@pytest.mark.parametrize("case", list(BAD_TARGETS))
def test_a_printer_address_that_cannot_be_right_is_refused_naming_the_target(cli, case):
    kind, target = BAD_TARGETS[case]
    before = cli.dump()
    r = cli("printer", "add", "Counter", "--type", kind, f"--target={target}")
    assert r.code == 2 and r.err.startswith("error: target: "), r.err
    assert r.err.count("\n") == 1
    assert cli.dump() == before


NOWHERE = {
    "a file in a folder that does not exist": ("file", "{tmp}/unplugged/lp0"),
    "a network port nobody listens on": ("network", "127.0.0.1:9"),
    "a file printer that is a folder": ("file", "{tmp}"),
}


@pytest.mark.parametrize("case", list(NOWHERE))
def test_a_printer_that_points_nowhere_never_blocks_a_sale(cli, tmp_path, case):
    kind, target = NOWHERE[case]
    cli.ok("printer", "add", "Counter", "--type", kind, "--target", target.format(tmp=tmp_path), "--default")
    sale = cli.ok("sell", "--line-custom", "Cut=300", "--pay", "cash:300")
    assert sale["number"] == "SAL-26-0001"  # the sale is complete and numbered whatever the printer does

    tried = cli.ok("print", sale["number"])
    assert tried["status"] == "retry" and tried["printer"] == "Counter" and tried["error"]
    waiting = cli.ok("queue")
    assert waiting["status"]["waiting"] == 1
    assert [j["document"] for j in waiting["jobs"]] == ["SAL-26-0001"]
    assert cli("check").code == 0
