"""Ids that stay unique across tills: ULIDs (time-ordered, 26 characters), made in writing order.

Within one process the ids increase strictly in the order they are made (docs/architecture.md §3.1,
"Ids"): in the same millisecond the next id is the previous one + 1 in its random part, and a block
(``new_ids``) takes consecutive values. The ledger replays a customer's entries by ``(posted_at, id)``
and every entry of one posting shares its posting time (a cash return's credit and its refund, a sale's
charge and its payments), so the id is what keeps the replay in the order the entries were written.

python-ulid (3.x) is monotonic for single ids too (its ``ULID.provider``), but it cannot hand out a
block: the importer's batch of ids used to be the provider's id + 0..n-1, which the provider did not
know about, so the next ``new_id()`` in the same millisecond equalled the batch's second id. One
generator here makes both, under one lock. A clock that steps back (NTP) does not step the ids back:
the previous millisecond is kept until the clock passes it.
"""

from __future__ import annotations

import os
import threading
import time

from ulid import base32

_RANDOM_BITS = 80
_RANDOM_MAX = (1 << _RANDOM_BITS) - 1
_lock = threading.Lock()
_last_ms = 0
_last_random = 0


def _reserve(n: int) -> int:
    """The first of ``n`` consecutive 128-bit ULID values after every value this process has made."""
    global _last_ms, _last_random
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms and _last_random + n <= _RANDOM_MAX:
            ms, first = _last_ms, _last_random + 1          # same (or an earlier) millisecond: go on counting
        else:
            ms = max(ms, _last_ms + 1)
            # A fresh random part, with room below the maximum for the block (and for a few more ids).
            first = int.from_bytes(os.urandom(10), "big") >> 1 if n < (1 << 78) else 0
        _last_ms, _last_random = ms, first + n - 1
        return (ms << _RANDOM_BITS) | first


def _text(value: int) -> str:
    return base32.encode(value.to_bytes(16, "big"))


def new_id() -> str:
    """A fresh id, greater than every id this process made before."""
    return _text(_reserve(1))


def new_ids(n: int) -> list[str]:
    """``n`` fresh ids in increasing order (one reservation: a bulk load's rows)."""
    if n <= 0:
        return []
    first = _reserve(n)
    return [_text(first + i) for i in range(n)]
