"""A big book opens at once: a light check before the window, the full quick_check in the background."""

from __future__ import annotations

import sqlite3

from possuite.services import backup
from possuite.ui import damaged_db_dialog as ddd


def _break_pages(path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    with open(path, "r+b") as fh:
        for n in range(3, pages, 2):
            fh.seek(n * page)
            fh.write(b"\xde\xad\xbe\xef" * 64)


def test_only_files_over_the_limit_are_checked_in_the_background(ctx, monkeypatch):
    assert not ddd.needs_background_check(ctx.db_path)
    monkeypatch.setattr(ddd, "SYNC_CHECK_MAX_BYTES", 1024)
    assert ddd.needs_background_check(ctx.db_path)


def test_the_light_check_passes_a_sound_book_and_refuses_garbage(ctx, tmp_path):
    assert backup.light_check(ctx.db_path) == []
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    assert backup.light_check(junk) == ["is not a SQLite database (its first bytes are wrong)"]


def test_the_background_check_reports_damage_on_the_gui_thread(ctx, qtbot):
    ctx.engine.dispose()
    _break_pages(ctx.db_path)
    found: list[list[str]] = []
    watcher = ddd.BackgroundCheck()
    watcher.damaged.connect(found.append)
    watcher.start(ctx.db_path)
    qtbot.waitUntil(lambda: bool(found), timeout=10_000)
    assert found[0] and all(isinstance(p, str) for p in found[0])


def test_the_background_check_stays_quiet_for_a_sound_book(ctx, qtbot):
    found: list = []
    watcher = ddd.BackgroundCheck()
    watcher.damaged.connect(found.append)
    thread = watcher.start(ctx.db_path)
    thread.join(10)
    qtbot.wait(50)
    assert found == []
