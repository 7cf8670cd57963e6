"""Fixtures for receipt tests: the seven outcome documents, and a loopback network printer."""

from __future__ import annotations

import pytest
from loopback import LoopbackPrinter, free_port
from receipt_scenarios import Posted, post_all_outcomes


@pytest.fixture
def posted(ctx) -> Posted:
    return post_all_outcomes(ctx)


@pytest.fixture
def loopback():
    printer = LoopbackPrinter(free_port()).start()
    try:
        yield printer
    finally:
        printer.stop()
