"""Sign in: pick the user, type the PIN. A wrong PIN says so; repeated wrong PINs lock the user.

The PIN check (scrypt) and the failure counter run on the worker (``services.users.login``).
Picking a user shows the screen in their language (``users.language``); the language picker changes
it, and the choice is saved with the sign-in (docs/architecture.md §9).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from possuite.services.context import Context
from possuite.services.users import UserInfo, list_users, login
from possuite.ui.resources import icon
from possuite.ui.state import TaskRunner, error_text
from possuite.ui.translation import LANGUAGE_AUTONYMS, current_language, set_language
from possuite.ui.widgets import MessageLine, PrimaryButton, TouchButton, heading, role_title, set_role

UserRole = Qt.ItemDataRole.UserRole + 1
LanguageRole = Qt.ItemDataRole.UserRole + 2
RoleRole = Qt.ItemDataRole.UserRole + 3


class LoginDialog(QDialog):
    signed_in = Signal(object)

    def __init__(self, ctx: Context, tasks: TaskRunner, *, locked_by: str | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.setWindowIcon(icon("possuite"))
        self.setAccessibleName("loginDialog")
        self.setObjectName("loginDialog")
        self.setMinimumSize(460, 520)
        lay = QVBoxLayout(self)
        self.store_heading = heading(ctx.store.name, "loginStore")
        lay.addWidget(self.store_heading)
        self._locked = bool(locked_by)
        top = QHBoxLayout()
        self.sub = QLabel()
        set_role(self.sub, "muted")
        top.addWidget(self.sub, 1)
        self.language_label = QLabel()
        top.addWidget(self.language_label)
        self.language = QComboBox()
        self.language.setAccessibleName("languageSelect")
        self.language.setMinimumHeight(44)
        for code, name in LANGUAGE_AUTONYMS.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))
        self.language.currentIndexChanged.connect(self._language_picked)
        top.addWidget(self.language)
        lay.addLayout(top)
        self.users = QListWidget()
        self.users.setAccessibleName("userList")
        # A lambda, not the bound method: PySide let the items handed to a method slot be freed off the GUI
        # thread later (a crash at the next event loop).
        self.users.currentItemChanged.connect(lambda item, _prev: self._user_picked(item))
        lay.addWidget(self.users, 1)
        self.pin = QLineEdit()
        self.pin.setAccessibleName("pinInput")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.setMinimumHeight(44)
        self.pin.returnPressed.connect(self.sign_in)
        lay.addWidget(self.pin)
        self.message = MessageLine("loginMessage")
        lay.addWidget(self.message)
        row = QHBoxLayout()
        self.quit_button = TouchButton("", "quitButton")
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        self.sign_in_button = PrimaryButton("", "signInButton")
        self.sign_in_button.setAutoDefault(False)
        self.sign_in_button.clicked.connect(self.sign_in)
        row.addWidget(self.quit_button)
        row.addStretch(1)
        row.addWidget(self.sign_in_button)
        lay.addLayout(row)
        self._preselect = locked_by
        self.retranslate_ui()
        self.load_users()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("possuite — {store}").format(store=self.ctx.store.name))
        self.sub.setText(self.tr("Locked — sign in to continue") if self._locked else self.tr("Who is at the till?"))
        self.language_label.setText(self.tr("Language"))
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.quit_button.setText(self.tr("Quit"))
        self.sign_in_button.setText(self.tr("Sign in"))
        for i in range(self.users.count()):
            item = self.users.item(i)
            item.setText(self._user_text(item.data(UserRole), item.data(RoleRole)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _language_picked(self, index: int) -> None:
        # -1: the box is being emptied (the dialog is being destroyed): no language to switch to then.
        if index >= 0 and self.isVisible():
            set_language(self.language.itemData(index))

    def _user_text(self, name: str, role: str) -> str:
        return self.tr("{name}   ({role})").format(name=name, role=role_title(role))

    def _user_picked(self, item: QListWidgetItem | None) -> None:
        """The screen (and the picker) switch to the picked user's language."""
        if item is not None:
            self.language.setCurrentIndex(max(self.language.findData(item.data(LanguageRole)), 0))
        self.pin.setFocus()

    def load_users(self) -> None:

        self.tasks.search(list_users, self.ctx, on_done=self._show_users,
                          on_error=lambda exc: self.message.show_error(error_text(exc)))

    def book_changed(self, what: str) -> None:
        """While the till is locked its sync goes on: a user added or deactivated elsewhere (pulled, or written by
        another process) shows in the list, the one picked stays picked; the store's new name shows
        (``ui/book_watch.py``)."""
        if not self.isVisible():
            return
        if what in ("settings", "*"):
            self.store_heading.setText(self.ctx.store.name)  # read off the GUI thread by the book watch
            self.retranslate_ui()
        if what in ("users", "book", "*"):
            self.tasks.search(list_users, self.ctx, on_done=self._users_again, on_error=lambda _exc: None)

    def _users_again(self, users: list[UserInfo]) -> None:
        shown = [(self.users.item(i).data(UserRole), self.users.item(i).data(RoleRole),
                  self.users.item(i).data(LanguageRole)) for i in range(self.users.count())]
        if [(u.name, u.role, u.language) for u in users] == shown:
            return
        item = self.users.currentItem()
        if item is not None:
            self._preselect = item.data(UserRole)
        self._show_users(users, focus=False)

    def _show_users(self, users: list[UserInfo], focus: bool = True) -> None:
        self.users.clear()
        for u in users:
            item = QListWidgetItem(self._user_text(u.name, u.role))
            item.setData(UserRole, u.name)
            item.setData(LanguageRole, u.language)
            item.setData(RoleRole, u.role)
            item.setSizeHint(QSize(200, 48))
            self.users.addItem(item)
            if u.name == self._preselect:
                self.users.setCurrentItem(item)
        if self.users.currentItem() is None and self.users.count():
            self.users.setCurrentRow(0)
        if focus:
            self.pin.setFocus()

    def select_user(self, name: str) -> None:
        for i in range(self.users.count()):
            if self.users.item(i).data(UserRole) == name:
                self.users.setCurrentRow(i)
                return

    def sign_in(self) -> None:
        item = self.users.currentItem()
        if item is None:
            self.message.show_error(self.tr("User: pick who you are first"))
            return
        pin = self.pin.text().strip()
        if not pin:
            self.message.show_error(self.tr("PIN: type your PIN"))
            return

        self.sign_in_button.setEnabled(False)
        self.message.show_info(self.tr("Checking…"))
        self.tasks.run(login, self.ctx, item.data(UserRole), pin, self.language.currentData(), on_done=self._ok,
                       on_error=self._wrong)

    def _ok(self, actor) -> None:
        self.message.clear_message()
        self.signed_in.emit(actor)
        self.accept()

    def _wrong(self, exc: BaseException) -> None:
        self.sign_in_button.setEnabled(True)
        self.pin.clear()
        self.message.show_error(error_text(exc))
        self.pin.setFocus()
