"""``possuite backup``, ``possuite restore`` and ``possuite audit`` as an owner uses them."""

from __future__ import annotations

import csv
import gc
import sqlite3


def _names(db) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT name FROM customers ORDER BY name")]
    finally:
        con.close()


def test_backup_then_restore_with_the_command(cli, tmp_path):
    cli.ok("customer", "add", "--name", "Asha Rao", "--phone", "9822000001")
    made = cli.ok("backup")
    assert made["kind"] == "manual" and made["path"].startswith(str(tmp_path / "backups"))
    usb = cli.ok("backup", "--to", str(tmp_path / "usb.sqlite3"))
    assert usb["path"] == str(tmp_path / "usb.sqlite3")
    cli.ok("customer", "add", "--name", "Ravi Kumar", "--phone", "9822000002")
    assert [b["kind"] for b in cli.ok("backup", "--list")] == ["manual"]

    gc.collect()  # each in-process command leaves its engine to the garbage collector; a real one exits
    done = cli.ok("restore", made["path"], "--yes")

    assert _names(cli.db) == ["Asha Rao"]
    assert _names(done["replaced"]) == ["Asha Rao", "Ravi Kumar"]
    assert cli("check").code == 0
    restore_entry = cli.ok("audit", "--limit", "1")[0]
    assert (restore_entry["action"], restore_entry["user_name"]) == ("restore", "cli")


def test_restore_without_yes_changes_nothing(cli, tmp_path):
    made = cli.ok("backup")
    before = cli.dump()
    r = cli("restore", made["path"])
    assert r.code == 2 and r.err == "error: restore: replaces the whole database; add --yes to confirm\n"
    assert cli.dump() == before


def test_restore_of_a_bad_file_is_one_clear_line_and_changes_nothing(cli, tmp_path):
    junk = tmp_path / "holiday.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 2000)
    before = cli.dump()
    r = cli("restore", str(junk), "--yes")
    assert r.code == 2
    assert r.err == "error: backup file: holiday.jpg is not a SQLite database, so not a possuite backup\n"
    r = cli("restore", str(tmp_path / "missing.sqlite3"), "--yes")
    assert r.code == 2 and r.err.startswith("error: backup file: ") and "does not exist" in r.err
    assert cli.dump() == before


def test_backup_to_an_existing_file_is_refused(cli, tmp_path):
    (tmp_path / "taken.sqlite3").write_text("keep me")
    r = cli("backup", "--to", str(tmp_path / "taken.sqlite3"))
    assert r.code == 2 and r.err.startswith("error: to: ") and "already exists" in r.err
    assert (tmp_path / "taken.sqlite3").read_text() == "keep me"


def test_the_owner_reads_and_exports_the_audit_log(cli, tmp_path):
    c = cli.ok("customer", "add", "--name", "Asha Rao", "--phone", "9822000001")
    cli.ok("adjust", c["id"], "--amount", "+500", "--reason", "=SUM(A1:A9) opening book")
    sale = cli.ok("sell", "--line-custom", "Cut=300", "--customer", c["id"], "--no-payment")
    cli.ok("void", sale["number"], "--reason", "wrong customer")

    human = cli("audit")
    assert human.code == 0
    assert "void" in human.out and sale["number"] in human.out and "wrong customer" in human.out

    entries = cli.ok("audit", "--limit", "2")
    assert [e["action"] for e in entries] == ["void", "adjustment"]

    out = tmp_path / "audit.csv"
    assert cli.ok("audit", "--csv", str(out))["rows"] == 3  # store created, adjustment, void
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["at", "user", "authorised_by", "action", "target", "reason", "details"]
    adjustment = next(r for r in rows if r["action"] == "adjustment")
    assert adjustment["reason"] == "'=SUM(A1:A9) opening book"  # a spreadsheet must not run it
    r = cli("audit", "--limit", "0")
    assert r.code == 2 and r.err.startswith("error: limit: ")
