"""Settings › Language: each user's screen language, the signed-in user's own switching the screen at once.

A change runs ``services.users.set_language`` on the task runner (the one service ``possuite user edit
--language`` and the login use: a user may change their own language, another user's needs "manage users",
checked there, audited). When the signed-in user's own language changed, the screen switches to it without a
restart (``ui.translation.set_language``: Qt sends ``LanguageChange``; the main window retranslates and builds
its pages again, Settings opening on this tab). Receipts keep the store's receipt language (Settings › Store).
"""

from __future__ import annotations

from dataclasses import replace

import shiboken6
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from possuite.services.users import UserInfo, list_users, set_language
from possuite.ui import translation
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MessageLine

# The tab Settings shows first after the screen switched language from here (a page is rebuilt then).
REOPEN_TAB: list[str] = []


class LanguageTab(QWidget):
    """One language box per user; the signed-in user's first."""

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        lay = QVBoxLayout(self)
        self.note = QLabel(self.tr("The language each user's screen speaks. Yours changes the screen at once; "
                                   "another user's, at their next sign-in. Receipts print in the store's receipt "
                                   "language (Store tab)."))
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        self.form = QFormLayout()
        lay.addLayout(self.form)
        self.message = MessageLine("languageMessage")
        lay.addWidget(self.message)
        lay.addStretch(1)
        self.boxes: dict[str, QComboBox] = {}
        self.state.tasks.search(list_users, state.ctx, on_done=self._show_users,
                                on_error=lambda exc: self.message.show_error(error_text(exc)))

    def _box(self, user: UserInfo) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(f"languageBox:{user.name}")
        box.setObjectName("languageBox")
        box.setMinimumHeight(44)
        for code, autonym in translation.LANGUAGE_AUTONYMS.items():
            box.addItem(autonym, code)
        box.setCurrentIndex(max(box.findData(user.language or translation.SOURCE_LANGUAGE), 0))
        box.currentIndexChanged.connect(lambda _i, name=user.name, b=box: self._picked(name, b.currentData()))
        return box

    def _show_users(self, users: list[UserInfo]) -> None:
        if not shiboken6.isValid(self):
            return
        me = self.state.actor.name
        for user in sorted(users, key=lambda u: (u.name != me, u.name.casefold())):
            if not user.active:
                continue
            box = self._box(user)
            self.boxes[user.name] = box
            label = self.tr("{name} (you)").format(name=user.name) if user.name == me else user.name
            self.form.addRow(label, box)

    def _picked(self, name: str, code: str) -> None:
        ctx = self.state.ctx
        self.message.show_info(self.tr("Saving…"))
        self.state.tasks.run(set_language, ctx, name, code, on_done=lambda _r: self._saved(name, code),
                             on_error=self._failed)

    def _saved(self, name: str, code: str) -> None:
        if name != self.state.actor.name:
            if shiboken6.isValid(self):
                self.message.show_info(self.tr("Saved: {name} sees this language at their next sign-in.")
                                       .format(name=name))
            return
        self.state.set_actor(replace(self.state.actor, language=code))
        REOPEN_TAB[:] = ["language"]
        translation.set_language(code)  # last: the settings page is built again in the new language
        if shiboken6.isValid(self):
            self.message.show_info(self.tr("Saved."))

    def _failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self.message.show_error(error_text(exc))
