"""Disk and file faults while the till runs (issue 16): a full disk, a read-only folder, a deleted WAL.

A full disk is a real one: a small tmpfs mounted for the test (``mount -t tmpfs -o size=…``; the tests run
as root here and in CI, and are skipped with the reason where mounting is not allowed). The book is
seeded there, the rest of the disk filled with a file, and the real services (and the ``possuite``
command) asked to sell and back up. The property each test holds: the write is refused with a message
naming the problem (the CLI's ``error: <field>: <problem>``, exit 2), nothing is half-written (``possuite
check`` clean, series gapless: robust_helpers.verify_file), the same running till sells again as soon as
the space is back, and a failed backup leaves nothing in the backups folder that rotation or a restore
would take for a good backup.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import apsw
import pytest
from power_cut import Recorder, powered
from robust_helpers import seed_store, verify_file

import diskkit
from possuite.db.storage_faults import StorageFault
from possuite.domain.cart import CartLine
from possuite.domain.clock import FixedClock
from possuite.domain.ledger import Tender
from possuite.services import backup
from possuite.services.app import open_context
from possuite.services.bills import list_bills
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.context import CLI_ACTOR
from possuite.services.integrity import run_checks
from possuite.services.logs import log_path
from testkit import Cli

NOW = datetime(2026, 11, 1, 12, 0)


@pytest.fixture
def small_disk():
    with diskkit.small_disk() as disk:
        yield disk


def sale(ctx, amount: int = 35_000):
    return complete_sale(ctx, SaleRequest([CartLine("Haircut", 1000, amount)], tenders=[Tender("cash", amount)]))


def bills(path: Path) -> list[str]:
    con = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT number FROM bills ORDER BY seq")]
    finally:
        con.close()


@pytest.fixture
def till_on_small_disk(small_disk):
    book = small_disk / "till.sqlite3"
    seed_store(book, customers=3)
    ctx = open_context(book, clock=FixedClock(NOW), actor=CLI_ACTOR)
    try:
        yield small_disk, book, ctx
    finally:
        ctx.engine.dispose()


def test_a_full_disk_refuses_the_sale_clearly_and_the_running_till_sells_again_when_space_returns(
        till_on_small_disk):
    disk, book, ctx = till_on_small_disk
    first = sale(ctx).number
    filler = diskkit.fill(disk)

    refused = None
    for _ in range(30):  # a sale may still fit in WAL pages the file already has; the disk runs out soon
        try:
            sale(ctx)
        except StorageFault as exc:
            refused = exc
            break
    assert refused is not None, "no sale was refused on a full disk"
    assert refused.kind == "full"
    assert refused.message.startswith("disk: the disk holding the book (") and "is full, so nothing was saved" \
        in refused.message, refused.message
    # The till keeps running: it still reads (the check of the book from this same context is clean).
    assert run_checks(ctx) == []
    sold_while_full = bills(book)

    filler.unlink()
    after = sale(ctx)  # the same context, the same engine: no restart needed
    assert bills(book) == [*sold_while_full, after.number]
    assert first in sold_while_full
    ctx.engine.dispose()
    verdict = verify_file(book, full=True)
    assert verdict.findings == []


def test_a_full_disk_fails_the_sale_command_with_one_line_and_exit_2(small_disk, capsys, monkeypatch):
    book = small_disk / "till.sqlite3"
    seed_store(book, customers=1)
    cli = Cli(book, capsys, monkeypatch)
    assert cli("sell", "--line", "Haircut", "--pay", "cash:350").code == 0
    before = bills(book)
    filler = diskkit.fill(small_disk)
    result = None
    for _ in range(30):
        result = cli("sell", "--line", "Haircut", "--pay", "cash:350")
        if result.code != 0:
            break
    assert result.code == 2, result.err
    assert result.err.startswith("error: disk: the disk holding the book (") and "is full" in result.err, result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    filler.unlink()
    assert cli("sell", "--line", "Haircut", "--pay", "cash:350").code == 0
    assert bills(book)[:len(before)] == before
    assert verify_file(book, full=True).findings == []


def test_a_backup_on_a_full_disk_fails_clearly_and_leaves_no_half_backup(till_on_small_disk):
    disk, book, ctx = till_on_small_disk
    sale(ctx)
    good = backup.create_backup(ctx)  # one good backup before the disk fills
    folder = backup.backups_dir(book)
    before = sorted(p.name for p in folder.iterdir())
    # Leave room for the sale's pages but not for a whole copy of the book.
    filler = diskkit.fill(disk)
    os.truncate(filler, filler.stat().st_size - book.stat().st_size // 2)

    with pytest.raises(StorageFault) as caught:
        backup.create_backup(ctx)
    assert caught.value.kind == "full"
    assert caught.value.message.startswith("backup: the disk holding ") and "no backup was written" \
        in caught.value.message, caught.value.message
    assert sorted(p.name for p in folder.iterdir()) == before, "a failed backup left a file behind"
    assert [b.path for b in backup.list_backups(book)] == [good.path]
    assert backup.newest_good_backup(book).path == good.path

    filler.unlink()
    again = backup.create_backup(ctx)
    assert backup.quick_check(again.path) == []
    assert sale(ctx).number


# -- the book's folder turning read-only ----------------------------------------------------------------

def test_a_read_only_folder_refuses_sales_and_backups_clearly_and_still_reads(small_disk, capsys, monkeypatch):
    """The folder is read-only when possuite starts (a share or stick mounted read-only, a disk the kernel
    turned read-only after an error): the book opens for reading, every write says why it was refused.
    The book's name has spaces, ``#`` and ``%`` (the read-only open goes through a SQLite URI)."""
    book = small_disk / "दुकान के खाते" / "Ledger Ü #1 100%.sqlite3"
    book.parent.mkdir()
    seed_store(book, customers=1)
    cli = Cli(book, capsys, monkeypatch)
    assert cli("sell", "--line", "Haircut", "--pay", "cash:350").code == 0
    before = bills(book)
    good = cli("--json", "backup")
    assert good.code == 0, good.err
    kept = Path(good.json["path"])
    # The till's start-up checks pass on the sound book ('#' in its name: a URI must encode it) ...
    assert backup.light_check(book) == [] and backup.quick_check(book) == []
    gc.collect()  # the in-process command's engines let go of the files, as a process that ended would
    diskkit.remount(small_disk, "ro")
    try:
        # ... and in the read-only folder too: no "damaged book" dialog for a folder that is only read-only.
        assert backup.light_check(book) == [] and backup.quick_check(book) == []
        refused = cli("sell", "--line", "Haircut", "--pay", "cash:350")
        assert refused.code == 2
        assert refused.err == (f"error: disk: the book's folder ({book.parent}) cannot be written to (read-only), "
                               "so nothing was saved; reading still works. Make the folder writable again "
                               "(check the disk or its permissions) and try again\n")
        listed = cli("--json", "bills")
        assert listed.code == 0, listed.err
        assert sorted(b["number"] for b in listed.json["bills"]) == before
        checked = cli("check")
        assert checked.code == 0 and "no findings" in checked.out, checked.err
        backed = cli("backup")
        assert backed.code == 2
        assert backed.err.startswith(f"error: backup: {book.parent / 'backups'} cannot be written to (read-only), "
                                     "so no backup was written"), backed.err
        restored = cli("restore", str(kept), "--yes")
        assert restored.code == 2
        assert restored.err.startswith(f"error: restore: {book.parent / 'backups'} cannot be written to "
                                       "(read-only), so the book was not replaced"), restored.err
        # The log says it too, the non-ASCII folder readable (UTF-8).
        assert f"disk: the book's folder ({book.parent}) cannot be written to" in \
            log_path().read_text(encoding="utf-8")
    finally:
        gc.collect()
        diskkit.remount(small_disk, "rw")
    assert cli("sell", "--line", "Haircut", "--pay", "cash:350").code == 0
    assert bills(book)[:len(before)] == before and len(bills(book)) == len(before) + 1
    assert verify_file(book, full=True).findings == []


class TurningReadOnly(Recorder):
    """power_cut's storage layer, never cutting the power: while ``read_only``, every write, truncate and
    sync of an open file fails as the kernel fails them on a file system that turned read-only (EROFS,
    which SQLite reports as an I/O error)."""

    def __init__(self) -> None:
        super().__init__(None, "synced")
        self.read_only = False

    def _tick(self) -> None:
        if self.read_only:
            raise apsw.IOError("disk I/O error")
        super()._tick()


def test_the_folder_turning_read_only_under_the_running_till_refuses_sales_then_recovers(tmp_path):
    """While the till runs: its open files stop taking writes (the storage layer of power_cut.py) and the
    folder is remounted read-only over itself (a bind mount), so new files cannot be made either."""
    folder = tmp_path / "shop"
    folder.mkdir()
    book = folder / "till.sqlite3"
    seed_store(book, customers=2)
    disk = TurningReadOnly()
    with powered(disk):
        ctx = open_context(book, clock=FixedClock(NOW), actor=CLI_ACTOR)
        try:
            sold = [sale(ctx).number]
            disk.read_only = True
            diskkit.mount("--bind", str(folder), str(folder))
            try:
                diskkit.remount_bind(folder, "ro")
                with pytest.raises(StorageFault) as caught:
                    sale(ctx)
                assert caught.value.kind == "read-only"
                assert caught.value.message.startswith(f"disk: the book's folder ({folder}) cannot be written to "
                                                       "(read-only), so nothing was saved; reading still works")
                assert [b.number for b in list_bills(ctx, limit=50).rows] == sold  # reads still work
                assert run_checks(ctx) == []
            finally:
                diskkit.unmount(folder)
                disk.read_only = False
            sold.append(sale(ctx).number)  # writable again: the same till sells, the next number in the series
        finally:
            ctx.engine.dispose()
    assert bills(book) == sold
    assert verify_file(book, full=True).findings == []


# -- the WAL file deleted while the till runs ---------------------------------------------------------

WAL_CHILD = r"""
import logging, os, sys
logging.basicConfig(level=logging.WARNING)  # the till's warnings on stderr, where the test reads them (the app
                                            # writes them to its log file: services/logs.py)
from datetime import datetime
from pathlib import Path
from possuite.domain.cart import CartLine
from possuite.domain.clock import FixedClock
from possuite.domain.ledger import Tender
from possuite.services.app import open_context
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.context import CLI_ACTOR

book = Path(sys.argv[1])
ctx = open_context(book, clock=FixedClock(datetime(2026, 11, 1, 12)), actor=CLI_ACTOR)

def sell():
    r = complete_sale(ctx, SaleRequest([CartLine("Haircut", 1000, 35000)], tenders=[Tender("cash", 35000)]))
    print("SOLD", r.number, flush=True)

for _ in range(5):
    sell()
os.unlink(f"{book}-wal")  # someone "cleans up" the folder while the till runs
print("DELETED", flush=True)
sell()
os._exit(0)  # then the power goes off: no close, no checkpoint
"""


def test_the_wal_deleted_under_the_running_till_loses_no_reported_sale_even_if_it_then_dies(tmp_path):
    """Five sales commit into the WAL (fewer than a background checkpoint waits for); the WAL file is
    deleted; one more sale; the process dies at once. Every reported sale must be in the book: the sale
    after the deletion first has the deleted WAL copied into the book (db/engine.py WalGuard), and its own
    commit goes into a new WAL file where the next start finds it."""
    book = tmp_path / "till.sqlite3"
    seed_store(book, customers=1)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    run = subprocess.run([sys.executable, "-c", WAL_CHILD, str(book)], capture_output=True, text=True, env=env,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    reported = [ln.split()[1] for ln in run.stdout.splitlines() if ln.startswith("SOLD")]
    assert len(reported) == 6 and "DELETED" in run.stdout
    assert bills(book) == reported
    assert "was deleted while the book was open" in run.stderr  # the log says what happened
    assert verify_file(book, full=True).findings == []
