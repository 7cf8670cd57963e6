"""The printing commands: receipt, print, printer add/list/test, queue."""

from __future__ import annotations

import json

import pytest
from escpos_decode import decode
from loopback import LoopbackPrinter, free_port

from possuite.cli import main


class Run:
    def __init__(self, db, capsys, monkeypatch) -> None:
        self.db, self.capsys = db, capsys
        monkeypatch.setenv("POSSUITE_NOW", "2026-11-01T10:00:00")
        monkeypatch.delenv("POSSUITE_RECEIPTS", raising=False)

    def __call__(self, *args: str):
        self.capsys.readouterr()
        code = main(["--db", str(self.db), *args])
        out = self.capsys.readouterr()
        return code, out.out, out.err

    def ok(self, *args: str):
        code, out, err = self("--json", *args)
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def run(tmp_path, capsys, monkeypatch) -> Run:
    r = Run(tmp_path / "shop.sqlite3", capsys, monkeypatch)
    assert r("init", "--store", "Glow Salon", "--pin", "1234", "--upi-id", "glow@okbank",
             "--address", "12 MG Road, Pune")[0] == 0
    r.ok("customer", "add", "--name", "Asha Rao", "--phone", "98450 12345")
    return r


def test_receipt_text_is_what_the_printer_shows_with_the_rupee_sign(run):
    sale = run.ok("sell", "--customer", "9845012345", "--line-custom", "Haircut=1000", "--pay", "cash:400",
                  "--pending")
    code, out, err = run("receipt", sale["number"], "--width", "32")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert "    PENDING BALANCE: ₹600.00" in lines
    assert max(len(ln) for ln in lines) <= 32
    data = run.ok("receipt", sale["number"].lower(), "--width", "48")
    assert data["width"] == 48 and "PENDING BALANCE: ₹600.00" in data["text"]


def test_receipt_writes_escpos_and_pdf_files(run, tmp_path):
    sale = run.ok("sell", "--line-custom", "Haircut=500", "--pay", "card:500")
    esc, pdf = tmp_path / "r.bin", tmp_path / "r.pdf"
    assert run.ok("receipt", sale["number"], "--format", "escpos", "--out", str(esc))["file"] == str(esc)
    assert decode(esc.read_bytes()).find(sale["number"])
    run.ok("receipt", sale["number"], "--format", "pdf", "--out", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_receipt_errors_name_what_and_why(run):
    assert run("receipt", "SAL-26-0099") == (2, "", "error: receipt: no bill or collection numbered 'SAL-26-0099'\n")
    code, _out, err = run("print", "SAL-26-0099")
    assert code == 2 and err.startswith("error: printer: no default printer")
    code, _out, err = run("printer", "add", "P", "--type", "network", "--target", "host:99999")
    assert code == 2 and err.startswith("error: target:")


def test_print_and_queue_with_a_printer_that_is_off_then_on(run):
    port = free_port()
    added = run.ok("printer", "add", "Counter", "--type", "network", "--target", f"127.0.0.1:{port}", "--default")
    assert added["default"] and added["symbol_mode"] == "image"
    sale = run.ok("sell", "--line-custom", "Haircut=500", "--pay", "cash:500")
    res = run.ok("print", sale["number"])
    assert res["status"] == "retry" and "not reachable" in res["error"]
    queue = run.ok("queue")
    # `print` retried the sale's own waiting job rather than queueing a second copy
    assert queue["status"]["message"] == "1 receipt waiting — printer offline"
    assert [j["attempts"] for j in queue["jobs"]] == [1]
    with LoopbackPrinter(port) as printer:
        code, out, _err = run("queue", "--retry")
        assert code == 0 and out.count(f"{sale['number']}: printed") == 1
        assert len(printer.wait_for(1)) == 1
        assert run.ok("print", sale["number"])["status"] == "done"  # printed already: a reprint is a new copy
        assert len(printer.wait_for(2)) == 2
    assert run.ok("queue")["status"]["waiting"] == 0


def test_printer_list_and_test_print(run, tmp_path):
    target = tmp_path / "lp0"
    run.ok("printer", "add", "Counter", "--type", "file", "--target", str(target), "--width", "32")
    listed = run.ok("printer", "list")
    assert [(p["name"], p["width"], p["default"]) for p in listed] == [("Counter", 32, True)]
    assert run.ok("printer", "test")["status"] == "done"
    dec = decode(target.read_bytes())
    assert dec.find("TEST PRINT") and len(dec.images) > 0  # the ₹ lines came out as pictures
    assert all("?" not in t for t in dec.texts)
    code, _out, err = run("printer", "test", "Nope")
    assert code == 2 and err == "error: printer: no printer named 'Nope'\n"
