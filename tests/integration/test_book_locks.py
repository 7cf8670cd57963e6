"""Looking at the book again never drops this process's locks on it (docs/architecture.md §7).

On POSIX, closing any descriptor of a file drops every lock the process holds on it. A process that
re-read the book's header with a plain ``open()`` while its connections were open lost their locks;
another process (the app's sync child, ``possuite sync``) closing its last connection then took the
book for unused and deleted the WAL from under them, which damaged the book.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from possuite.db.engine import has_sqlite_header, open_database
from possuite.services import backup

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX advisory locks (Windows locks are per handle)")

OTHER_PROCESS = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
con.execute("PRAGMA journal_mode=WAL")
for _ in range(20):
    con.execute("INSERT INTO notes(body) VALUES (randomblob(4000))")
con.close()
"""


@pytest.mark.parametrize("look", ["open_database", "quick_check", "light_check", "has_sqlite_header"])
def test_another_process_closing_the_book_leaves_the_wal_of_this_process_in_place(tmp_path, look):
    path = tmp_path / "book.sqlite3"
    engine = open_database(path)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE notes(id INTEGER PRIMARY KEY, body BLOB)"))
        with engine.connect() as reader:  # this process is using the book: a read transaction stays open
            reader.execute(text("SELECT count(*) FROM notes")).scalar()
            again = {"open_database": lambda: open_database(path).dispose(),
                     "quick_check": lambda: backup.quick_check(path), "light_check": lambda: backup.light_check(path),
                     "has_sqlite_header": lambda: has_sqlite_header(path)}[look]
            again()
            subprocess.run([sys.executable, "-c", OTHER_PROCESS, str(path)], check=True, timeout=60)
            assert Path(f"{path}-wal").exists(), "the other process took the book for unused and removed its WAL"
            reader.execute(text("SELECT count(*) FROM notes")).scalar()
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO notes(body) VALUES (randomblob(4000))"))
            assert conn.execute(text("SELECT count(*) FROM notes")).scalar() == 21
    finally:
        engine.dispose()
    assert backup.quick_check(path) == []
