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
