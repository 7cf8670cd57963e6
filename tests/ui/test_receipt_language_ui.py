"""Settings › Store: the owner picks the language receipts print in; the screen's language stays as it is."""

from __future__ import annotations

import pytest

from possuite import i18n
from possuite.services.store_settings import show_store
from possuite.ui.state import AppState
from possuite.ui.store_settings import StoreTab

WAIT = 20000


@pytest.fixture
def state(ctx):
    s = AppState(ctx)
    yield s
    s.shutdown()


def test_the_owner_sets_hindi_receipts_and_the_till_prints_them_at_once(qtbot, state, ctx):
    tab = StoreTab(state)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.name_input.text() == "Glow Salon", timeout=WAIT)
    assert tab.receipt_language.currentData() == "en"
    assert [tab.receipt_language.itemText(i) for i in range(tab.receipt_language.count())] == ["English", "हिन्दी"]
    tab.receipt_language.setCurrentIndex(tab.receipt_language.findData("hi"))
    tab.save_button.click()
    qtbot.waitUntil(lambda: tab.message.text() == "Saved.", timeout=WAIT)
    assert show_store(ctx).receipt_language == "hi"
    assert state.ctx.store.receipt_language == "hi"  # the next receipt prints in Hindi without a restart
    assert i18n.current_language() == "en"  # the screen's language is not the receipt's


def test_devanagari_digits_show_on_a_hindi_screen_once_the_owner_saves_them(qtbot, state, ctx):
    from possuite.domain.money import format_money
    from possuite.ui.translation import set_language

    tab = StoreTab(state)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.name_input.text() == "Glow Salon", timeout=WAIT)
    assert not tab.devanagari_digits.isChecked() and tab.devanagari_digits.height() >= 44
    set_language("hi")
    assert format_money(125000) == "₹1,250.00"     # not chosen yet: Western digits on a Hindi screen
    tab.devanagari_digits.setChecked(True)
    tab.save_button.click()
    qtbot.waitUntil(lambda: show_store(ctx).devanagari_digits, timeout=WAIT)
    qtbot.waitUntil(lambda: format_money(125000) == "₹१,२५०.००", timeout=WAIT)   # at once, no restart
    set_language("en")
    assert format_money(125000) == "₹1,250.00"     # an English screen keeps Western digits
