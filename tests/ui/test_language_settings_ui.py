"""Settings › Language: each user's screen language, chosen after the login too. The owner's own box switches
the whole screen at once (no restart; Settings opens again on this tab, in the new language); a cashier's box
is kept for the cashier's next sign-in and leaves the owner's screen as it is. The service checks who may."""

from __future__ import annotations

import pytest
from till_driver import CASHIER_PIN, OWNER_PIN, WAIT_MS, find, make_shop, temp_settings, type_into

from possuite.services import users
from possuite.ui.main import AppController
from possuite.ui.translation import current_language, set_language


@pytest.fixture
def controller(qtbot, ctx, clock, tmp_path):
    users.add_user(ctx, "Ravi", "cashier", CASHIER_PIN)
    make_shop(ctx)
    ctl = AppController(ctx.engine, ctx.db_path, clock, temp_settings(tmp_path))
    yield ctl
    for w in (ctl.window, ctl.login, ctl.wizard):
        if w is not None:
            w.close()
    ctl.shutdown()
    set_language("en")


def _language_tab(qtbot, win):
    win.show_page("settings")
    tabs = find(win, "settingsTabs")
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: _has(win, "languageBox:Ravi"), timeout=WAIT_MS)
    return tabs, titles


def _has(win, name: str) -> bool:
    try:
        return find(win, name).isVisible()
    except LookupError:
        return False


def test_the_owner_switches_a_cashier_and_then_their_own_screen_from_settings(qtbot, ctx, controller):
    ctl = controller
    ctl.start()
    qtbot.waitUntil(lambda: ctl.login is not None and ctl.login.users.count() == 2, timeout=WAIT_MS)
    ctl.login.select_user("Owner")
    type_into(qtbot, ctl.login, "pinInput", OWNER_PIN, enter=True)
    qtbot.waitUntil(lambda: ctl.window is not None and ctl.window.isVisible(), timeout=WAIT_MS)
    win = ctl.window
    tabs, titles = _language_tab(qtbot, win)
    assert titles[1] == "Language"

    ravi = find(win, "languageBox:Ravi")
    ravi.setCurrentIndex(ravi.findData("hi"))
    qtbot.waitUntil(lambda: {u.name: u.language for u in users.list_users(ctx)}["Ravi"] == "hi", timeout=WAIT_MS)
    assert current_language() == "en" and win.nav_buttons["checkout"].text() == "Checkout"  # the owner's screen

    mine = find(win, "languageBox:Owner")
    assert mine.height() >= 44
    mine.setCurrentIndex(mine.findData("hi"))
    qtbot.waitUntil(lambda: current_language() == "hi", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: win.nav_buttons["checkout"].text() != "Checkout", timeout=WAIT_MS)  # no restart
    assert {u.name: u.language for u in users.list_users(ctx)}["Owner"] == "hi"
    assert win.state.actor.language == "hi"
    tabs = find(win, "settingsTabs")
    qtbot.waitUntil(lambda: tabs.isVisible() and tabs.currentIndex() == 1, timeout=WAIT_MS)  # back on Language
    assert tabs.tabText(1) == "भाषा" and tabs.tabText(0) != "Store"
