"""Ids are made in writing order within a process (docs/architecture.md §3.1, "Ids")."""

from __future__ import annotations

import threading

import pytest
from ulid import ULID

from possuite.db import ids
from possuite.db.ids import new_id, new_ids


@pytest.fixture(autouse=True)
def fresh_generator(monkeypatch):
    """Each test starts the generator anew (its frozen clocks lie before ids made earlier in the run);
    the state of the run is put back afterwards, so later ids still come after earlier ones."""
    monkeypatch.setattr(ids, "_last_ms", 0)
    monkeypatch.setattr(ids, "_last_random", 0)

def test_ids_made_in_one_millisecond_increase_in_the_order_they_are_made(monkeypatch):
    monkeypatch.setattr(ids.time, "time_ns", lambda: 1_765_000_000_000 * 1_000_000)   # a frozen clock
    made = [new_id() for _ in range(5000)]
    assert made == sorted(made) and len(set(made)) == len(made)
    assert {ULID.from_str(i).milliseconds for i in made} == {1_765_000_000_000}


def test_a_block_and_the_ids_after_it_neither_collide_nor_sort_before_it(monkeypatch):
    monkeypatch.setattr(ids.time, "time_ns", lambda: 1_765_000_000_000 * 1_000_000)
    before = new_id()
    block = new_ids(1000)
    after = [new_id() for _ in range(3)]
    made = [before, *block, *after]
    assert made == sorted(made) and len(set(made)) == len(made) == 1004
    assert new_ids(0) == []


def test_a_clock_that_steps_back_does_not_step_the_ids_back(monkeypatch):
    now = [1_765_000_000_500]
    monkeypatch.setattr(ids.time, "time_ns", lambda: now[0] * 1_000_000)
    first = new_id()
    now[0] -= 400                      # NTP corrects the clock
    second = new_id()
    now[0] += 1000
    third = new_id()
    assert first < second < third
    assert ULID.from_str(third).milliseconds == 1_765_000_001_100


def test_a_full_random_part_moves_on_to_the_next_millisecond(monkeypatch):
    monkeypatch.setattr(ids.time, "time_ns", lambda: 1_765_000_000_000 * 1_000_000)
    new_id()
    monkeypatch.setattr(ids, "_last_random", ids._RANDOM_MAX - 1)
    a, b, c = new_id(), new_id(), new_id()
    assert a < b < c
    assert ULID.from_str(a).milliseconds + 1 == ULID.from_str(b).milliseconds


def test_threads_get_unique_ids_each_in_its_own_writing_order():
    per_thread: list[list[str]] = [[] for _ in range(4)]

    def make(out: list[str]) -> None:
        for _ in range(3000):
            out.append(new_id())

    threads = [threading.Thread(target=make, args=(out,)) for out in per_thread]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(out == sorted(out) for out in per_thread)
    assert len({i for out in per_thread for i in out}) == 12000
