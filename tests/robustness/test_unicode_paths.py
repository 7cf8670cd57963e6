"""The book on a path with spaces and non-ASCII characters, under a Windows-like user name (issue 16).

A real ``possuite`` process (``LC_ALL=C``: the file names must not depend on the locale) opens, sells,
backs up, lists the backups, restores and checks a book in ``दुकान के खाते/Ledger Ü #1 100%.sqlite3``,
with ``HOME`` a user folder named like ``C:\\Users\\Rāhul O'Brien-Śarmā (Shop #1)``: the default book,
the log and the backups' names all live there. docs/architecture.md §8.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from robust_helpers import verify_file

USER = "Rāhul O'Brien-Śarmā (Shop #1)"
FOLDER = "दुकान के खाते"
BOOK = "Ledger Ü #1 100%.sqlite3"


@pytest.fixture
def possuite(tmp_path):
    home = tmp_path / "Users" / USER
    home.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "POSSUITE_", "LC_", "LANG"))}
    env.update(HOME=str(home), LC_ALL="C", POSSUITE_NOW="2026-11-01T10:00:00",
               PYTHONPATH=os.pathsep.join(sys.path))

    def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "possuite", *args], capture_output=True, env=env,
                              timeout=120)
        out = subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"),
                                          done.stderr.decode("utf-8"))
        if ok:
            assert out.returncode == 0, out.stderr
        return out

    run.home = home
    return run


def test_the_book_on_a_non_ascii_path_with_spaces_sells_backs_up_restores_and_checks(possuite, tmp_path):
    book = tmp_path / FOLDER / BOOK
    db = ["--db", str(book)]
    possuite(*db, "init", "--store", "दुकान Ü", "--owner", USER, "--pin", "1234")
    possuite(*db, "item", "add", "--name", "Haircut", "--price", "300", "--sku", "HC")
    first = json.loads(possuite(*db, "--json", "sell", "--line", "HC", "--pay", "cash:300").stdout)["number"]
    taken = json.loads(possuite(*db, "--json", "backup").stdout)
    backup = Path(taken["path"])
    assert backup.parent == book.parent / "backups" and backup.name.startswith("Ledger Ü #1 100%-20261101-")
    assert backup.is_file()
    listed = json.loads(possuite(*db, "--json", "backup", "--list").stdout)
    assert [b["path"] for b in listed] == [str(backup)]
    second = json.loads(possuite(*db, "--json", "sell", "--line", "HC", "--pay", "cash:300").stdout)["number"]

    restored = json.loads(possuite(*db, "--json", "restore", "--yes", str(backup)).stdout)
    assert restored["restored_from"] == str(backup)
    assert Path(restored["replaced"]).name.startswith("Ledger Ü #1 100%-") and Path(restored["replaced"]).is_file()
    con = sqlite3.connect(book)
    try:
        assert [r[0] for r in con.execute("SELECT number FROM bills")] == [first]
    finally:
        con.close()
    assert second != first
    assert "no findings" in possuite(*db, "check").stdout
    assert verify_file(book, full=True).findings == []

    log = possuite.home / ".local" / "state" / "possuite" / "log" / "possuite.log"
    assert log.is_file()  # the log lives in the user's folder, whatever its name
    assert possuite(*db, "restore", "--yes", str(book.parent / "nope Ü.sqlite3"), ok=False).returncode == 2


def test_the_default_book_lives_in_a_windows_like_user_folder(possuite):
    possuite("init", "--store", "Glow", "--owner", "Owner", "--pin", "1234")
    possuite("item", "add", "--name", "Haircut", "--price", "300", "--sku", "HC")
    possuite("sell", "--line", "HC", "--pay", "cash:300")
    book = possuite.home / ".local" / "share" / "possuite" / "possuite.sqlite3"
    assert book.is_file()
    assert "no findings" in possuite("check").stdout
    taken = json.loads(possuite("--json", "backup").stdout)
    assert Path(taken["path"]).parent == book.parent / "backups" and Path(taken["path"]).is_file()
