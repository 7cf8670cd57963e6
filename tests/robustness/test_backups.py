"""Backups and restore: a round trip, refusals that leave the live file alone, rotation, privacy."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from possuite.db import engine as db_engine
from possuite.db.engine import open_database
from possuite.domain.clock import FixedClock
from possuite.domain.errors import Conflict, PermissionDenied, ValidationError
from possuite.services import backup
from possuite.services.app import open_context
from possuite.services.context import Actor
from possuite.services.customers import add_customer, get_customer
from possuite.services.integrity import run_checks
from possuite.services.users import authorise
from testkit import sell


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def customers_in(path: Path) -> list[tuple[str, int]]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT name, balance FROM customers ORDER BY name").fetchall()
    finally:
        con.close()


@pytest.fixture
def shop(ctx):
    asha = add_customer(ctx, "Asha Rao", "9822000001")
    sell(ctx, asha.id, 60000, pay=[("cash", 20000)], pending=True)
    return ctx, asha


def test_backup_then_restore_brings_back_the_book_and_keeps_the_replaced_file(shop, db_path, clock):
    ctx, asha = shop
    taken = backup.backup_now(db_path, clock=clock)
    assert taken.path.parent == db_path.parent / "backups" and taken.kind == "manual"
    ravi = add_customer(ctx, "Ravi Kumar", "9822000002")
    sell(ctx, ravi.id, 30000, no_payment=True)
    after_backup = customers_in(db_path)

    ctx.engine.dispose()  # the app closes its connections before a restore
    clock.set(clock.now() + timedelta(hours=2))
    result = backup.restore(db_path, taken.path, clock=clock)

    assert customers_in(db_path) == [("Asha Rao", 40000)]
    assert result.replaced is not None and customers_in(result.replaced) == after_backup
    assert result.replaced in [b.path for b in backup.list_backups(db_path)]
    reopened = open_context(db_path, clock=clock)
    try:
        assert run_checks(reopened) == []
        assert get_customer(reopened, asha.id).balance == 40000
        sell(reopened, asha.id, 1000, pay=[("cash", 1000)])  # the till works on the restored file
    finally:
        reopened.engine.dispose()


def _damage(path: Path) -> None:
    """Overwrite pages in the middle of a SQLite file, the way a bad sector would."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file, none left in the WAL
    page = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    with open(path, "r+b") as fh:
        for n in range(2, pages, 3):
            fh.seek(n * page)  # the b-tree page header itself: no check can miss it
            fh.write(b"\xde\xad\xbe\xef" * 64)


def _not_possuite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()


def _tampered(path: Path) -> None:
    """A sound SQLite file whose book is wrong: a cached balance that the ledger does not explain."""
    con = sqlite3.connect(path)
    con.execute("UPDATE customers SET balance = balance + 100")
    con.commit()
    con.close()


BAD_FILES = {
    "garbage": (lambda p: p.write_bytes(b"this is a shopping list, not a database\n" * 100),
                "is not a SQLite database"),
    "empty": (lambda p: p.write_bytes(b""), "is not a SQLite database"),
    "damaged": (_damage, "is damaged"),
    "not possuite": (_not_possuite, "not a possuite database"),
    "fails the check": (_tampered, "fails the possuite check"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_restore_refuses_a_bad_file_clearly_and_leaves_the_live_database_alone(shop, db_path, clock, tmp_path, kind):
    ctx, _ = shop
    make_bad, message = BAD_FILES[kind]
    candidate = tmp_path / "candidate.sqlite3"
    if kind in ("damaged", "fails the check"):
        shutil.copy(backup.backup_now(db_path, clock=clock).path, candidate)
    make_bad(candidate)
    ctx.engine.dispose()
    before = digest(db_path)
    backups_before = backup.list_backups(db_path)

    with pytest.raises(ValidationError) as err:
        backup.restore(db_path, candidate, clock=clock)

    assert err.value.field == "backup file" and message in err.value.why
    assert "candidate.sqlite3" in err.value.why
    assert digest(db_path) == before
    assert backup.list_backups(db_path) == backups_before  # no "before-restore" copy: nothing was replaced
    assert not [p for p in (db_path.parent / "backups").iterdir() if p.name.startswith(".restore")]


def test_restore_refuses_while_another_till_has_the_file_open(shop, db_path, clock):
    ctx, _ = shop
    taken = backup.backup_now(db_path, clock=clock)
    add_customer(ctx, "Ravi Kumar", "9822000002")  # ctx keeps a pooled connection open: "another till"
    before = customers_in(db_path)
    with pytest.raises(Conflict, match="open in another window or till"):
        backup.restore(db_path, taken.path, clock=clock)
    assert customers_in(db_path) == before
    assert [b.kind for b in backup.list_backups(db_path)] == ["manual"]


def test_restore_over_a_damaged_live_file_keeps_it_aside(shop, db_path, clock):
    ctx, _ = shop
    taken = backup.backup_now(db_path, clock=clock)
    ctx.engine.dispose()
    _damage(db_path)
    assert backup.quick_check(db_path) != []
    assert backup.newest_good_backup(db_path) == taken
    result = backup.restore(db_path, taken.path, clock=clock)
    assert backup.quick_check(db_path) == [] and customers_in(db_path) == [("Asha Rao", 40000)]
    assert backup.quick_check(result.replaced) != []  # the damaged file is kept, not lost
    assert backup.newest_good_backup(db_path) == taken  # and never offered as a good backup


def test_newest_good_backup_skips_a_damaged_one(shop, db_path, clock):
    older = backup.backup_now(db_path, clock=clock)
    clock.set(clock.now() + timedelta(days=1))
    newer = backup.backup_now(db_path, clock=clock)
    _damage(newer.path)
    assert backup.newest_good_backup(db_path) == older


def test_quick_check_finds_damage_and_passes_a_sound_file(shop, db_path, tmp_path):
    ctx, _ = shop
    ctx.engine.dispose()
    assert backup.quick_check(db_path) == []
    assert backup.quick_check(tmp_path / "missing.sqlite3") == []  # a first run
    bad = tmp_path / "bad.sqlite3"
    shutil.copy(db_path, bad)
    _damage(bad)
    assert backup.quick_check(bad)
    (tmp_path / "text.sqlite3").write_text("hello")
    assert backup.quick_check(tmp_path / "text.sqlite3") == ["is not a SQLite database (its first bytes are wrong)"]


def _fake_backups(db_path: Path, stamps: list[datetime], kind: str = "start") -> None:
    folder = db_path.parent / "backups"
    folder.mkdir(exist_ok=True)
    for when in stamps:
        db_engine.backup_path(db_path, kind, when).write_bytes(b"x")


def test_rotation_keeps_14_daily_and_12_monthly(db_path):
    first = datetime(2025, 1, 1, 21, 0)
    _fake_backups(db_path, [first + timedelta(days=d) for d in range(400)])
    stranger = db_path.parent / "backups" / "notes.txt"
    stranger.write_text("mine")
    other_db = db_path.parent / "backups" / "other-20250101-210000-start.sqlite3"
    other_db.write_bytes(b"x")

    removed = backup.rotate(db_path)

    kept = sorted(b.taken_at for b in backup.list_backups(db_path))
    last = first + timedelta(days=399)
    daily = [last - timedelta(days=d) for d in range(13, -1, -1)]
    assert kept[-14:] == daily
    monthly = kept[:-14]
    assert len(monthly) == 12 and len(removed) == 400 - 26
    assert len({(m.year, m.month) for m in monthly}) == 12
    for m in monthly:  # each is the last backup of its month (or the last before the daily window)
        nxt = m + timedelta(days=1)
        assert nxt.month != m.month or nxt == daily[0]
    assert stranger.exists() and other_db.exists()


def test_rotation_keeps_every_backup_of_the_recent_days(db_path):
    day = datetime(2026, 11, 1, 9, 0)
    _fake_backups(db_path, [day, day + timedelta(hours=1)], "start")
    _fake_backups(db_path, [day + timedelta(hours=12)], "day-end")
    _fake_backups(db_path, [day + timedelta(hours=2)], "pre-upgrade-0001")
    assert backup.rotate(db_path) == []
    assert len(backup.list_backups(db_path)) == 4


def test_automatic_backup_at_start_runs_at_most_once_a_day(shop, db_path):
    day1 = FixedClock(datetime(2026, 11, 1, 9, 0))
    first = backup.auto_backup_at_start(db_path, clock=day1)
    assert first is not None and first.kind == "start"
    assert backup.auto_backup_at_start(db_path, clock=FixedClock(datetime(2026, 11, 1, 18, 0))) is None
    day2 = backup.auto_backup_at_start(db_path, clock=FixedClock(datetime(2026, 11, 2, 8, 30)))
    assert day2 is not None and day2.taken_at.date().day == 2
    assert [b.kind for b in backup.list_backups(db_path)] == ["start", "start"]
    end = backup.backup_at_day_end(db_path, clock=FixedClock(datetime(2026, 11, 2, 21, 0)))
    assert end.kind == "day-end" and backup.quick_check(end.path) == []


def test_backup_to_a_chosen_file_or_folder(shop, db_path, tmp_path, clock):
    usb = tmp_path / "usb"
    usb.mkdir()
    one = backup.backup_to(db_path, usb / "shop-copy.sqlite3", clock=clock)
    assert customers_in(one.path) == customers_in(db_path)
    two = backup.backup_to(db_path, usb, clock=clock)
    assert two.path.parent == usb and two.path.name.endswith("-manual.sqlite3")
    with pytest.raises(Conflict, match="already exists"):
        backup.backup_to(db_path, usb / "shop-copy.sqlite3", clock=clock)
    with pytest.raises(ValidationError, match="live database itself"):
        backup.backup_to(db_path, db_path, clock=clock)
    with pytest.raises(ValidationError, match="does not exist"):
        backup.backup_to(db_path, tmp_path / "nowhere" / "x.sqlite3", clock=clock)


def test_a_schema_upgrade_first_copies_the_file_into_the_backups(shop, db_path, monkeypatch):
    ctx, _ = shop
    ctx.engine.dispose()
    monkeypatch.setattr(db_engine, "SCHEMA_REVISION", "9999")  # as if this possuite were newer
    open_database(db_path).dispose()
    kinds = [b.kind for b in backup.list_backups(db_path)]
    assert kinds == ["pre-upgrade-0004"]  # the newest revision on disk (was 0001 before migration 0004)
    assert customers_in(backup.list_backups(db_path)[0].path) == customers_in(db_path)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_database_and_backups_are_private_to_the_owner(tmp_path, clock):
    old = os.umask(0o022)
    try:
        from possuite.services.users import init_store

        path = tmp_path / "private.sqlite3"
        engine = open_database(path)
        init_store(engine, clock, store="Glow", pin="1234")
        ctx = open_context(engine=engine, path=path, clock=clock)
        asha = add_customer(ctx, "Asha", "9822000001")
        sell(ctx, asha.id, 1000, no_payment=True)
        files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        taken = backup.backup_now(path, clock=clock)
        ctx.engine.dispose()
        restored = backup.restore(path, taken.path, clock=clock)
        files += [taken.path, restored.replaced, path]
        for f in files:
            if f.exists():
                assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
        assert stat.S_IMODE((tmp_path / "backups").stat().st_mode) == 0o700
    finally:
        os.umask(old)


def test_backing_up_and_restoring_from_the_app_is_owner_only(shop, db_path, clock):
    ctx, _ = shop
    cashier = ctx.as_actor(Actor("Cash", "cashier"))
    with pytest.raises(PermissionDenied, match="backup and restore"):
        backup.create_backup(cashier)
    taken = backup.create_backup(authorise(cashier, "1234"))
    with pytest.raises(PermissionDenied, match="backup and restore"):
        backup.restore_backup(cashier, taken.path)
    result = backup.restore_backup(ctx, taken.path)  # disposes the context's own connections first
    assert result.restored_from == taken.path
