"""The counter's hold on the app's sync process (``hub/sync_process.py::Counter``): one open sale holds the sync
``max_pause_s`` in all, however many batches wait for it, so a cart left open cannot stop the sync, and a sale
closing lets the waiting batch go even when the next sale opens at once (a till selling without a break)."""

from __future__ import annotations

import threading
import time

from possuite.hub.sync_process import Counter


def _timed_wait(counter: Counter) -> float:
    t0 = time.monotonic()
    counter.wait()
    return time.monotonic() - t0


def test_one_open_sale_holds_the_sync_max_pause_s_in_all_not_at_every_batch():
    counter = Counter(max_pause_s=0.3)
    assert _timed_wait(counter) < 0.05  # no sale open: no wait
    counter.pause()
    assert 0.25 <= _timed_wait(counter) < 2  # the open sale holds the first batch
    counter.pause()  # the same sale (said again): no new budget
    # the same sale still open: the next batches go at once instead of waiting 0.3 s each
    assert _timed_wait(counter) < 0.05 and _timed_wait(counter) < 0.05
    counter.resume()
    counter.pause()  # the next sale opens: it holds the sync again
    assert 0.25 <= _timed_wait(counter) < 2


def test_a_sale_closing_lets_the_waiting_batch_go_even_when_the_next_sale_opens_at_once():
    counter = Counter(max_pause_s=60)
    counter.pause()
    waited: list[float] = []
    t = threading.Thread(target=lambda: waited.append(_timed_wait(counter)))
    t.start()
    time.sleep(0.2)
    assert not waited  # held while the sale is open
    counter.resume()
    counter.pause()  # back to back: the next customer's first line
    t.join(5)
    assert waited and waited[0] < 5  # the batch went between the two sales, not after 60 s


def test_the_sync_process_checkpoints_the_wal_only_between_sales(tmp_path):
    """The sync process's checkpoints (``pacer``) wait for an open sale like its batches: no thread of their own,
    however many commits are due; a due one runs when the round's pace lets it go."""
    import sqlite3

    from possuite.db.engine import Checkpointer
    from possuite.hub.sync_process import pacer

    path = tmp_path / "book.sqlite3"
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE t (x)")
    counter, checkpointer = Counter(max_pause_s=60), Checkpointer(path, every=5)
    pace = pacer(counter, checkpointer)
    for i in range(3 * checkpointer.every):  # the sync's commits: due, yet nothing runs on its own
        con.execute("INSERT INTO t VALUES (?)", (i,))
        con.commit()
        checkpointer.poke()
    time.sleep(0.2)
    assert checkpointer.runs == 0 and checkpointer._thread is None
    counter.pause()  # a sale opens at the counter
    t = threading.Thread(target=pace)
    t.start()
    time.sleep(0.2)
    assert checkpointer.runs == 0 and t.is_alive()  # held with the round
    counter.resume()
    t.join(5)
    assert not t.is_alive() and checkpointer.runs == 1  # the sale closed: the due checkpoint ran, once
    pace()
    assert checkpointer.runs == 1  # nothing due any more
    busy, frames, done = con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and frames == done
    con.close()
