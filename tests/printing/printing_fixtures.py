"""Fixtures for receipt tests: the seven outcome documents, and a loopback network printer.

Imported by the test modules (not a conftest: a second module named ``conftest`` shadows
others when the whole suite runs in one process)."""

from __future__ import annotations

import pytest
from loopback import LoopbackPrinter, free_port
from receipt_scenarios import Credits, Posted, post_all_outcomes, post_credit_notes


@pytest.fixture
def posted(ctx) -> Posted:
    return post_all_outcomes(ctx)


@pytest.fixture
def credits(ctx, posted) -> Credits:
    return post_credit_notes(ctx, posted)


@pytest.fixture
def loopback():
    printer = LoopbackPrinter(free_port()).start()
    try:
        yield printer
    finally:
        printer.stop()
