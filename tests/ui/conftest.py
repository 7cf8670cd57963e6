"""Fixtures for the till's UI tests (names start with ``till_`` so other UI tests keep their own)."""

from __future__ import annotations

import pytest
from till_driver import WAIT_MS, make_shop, signed_in_state, temp_settings

from possuite.services import users


@pytest.fixture
def till_shop(ctx):
    return make_shop(ctx)


@pytest.fixture
def till_cashier(ctx):
    return users.add_user(ctx, "Ravi", "cashier", "4321")


def _window(qtbot, state, tmp_path):
    from possuite.ui.main_window import MainWindow

    win = MainWindow(state, temp_settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    page = win.checkout
    qtbot.waitUntil(lambda: bool(page.tiles) or state.tasks.pending == 0, timeout=WAIT_MS)
    return win


@pytest.fixture
def till_owner(ctx, till_shop, qtbot, tmp_path):
    """The main window, signed in as the owner, on the checkout page."""
    state = signed_in_state(ctx)
    win = _window(qtbot, state, tmp_path)
    yield win
    win.close()
    state.shutdown()


@pytest.fixture
def till_as_cashier(ctx, till_shop, till_cashier, qtbot, tmp_path):
    """The main window, signed in as the cashier Ravi."""
    state = signed_in_state(ctx, "Ravi", "4321")
    win = _window(qtbot, state, tmp_path)
    yield win
    win.close()
    state.shutdown()
