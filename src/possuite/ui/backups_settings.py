"""Settings › Backups (owner): the backups kept beside the database, "Back up now", and restore.

Every backup and restore runs on the task runner, never on the GUI thread (a large book takes
seconds to copy and verify), with the busy indicator showing. A restore asks first, says
plainly that the current book is kept, and afterwards tells every page to reload.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from possuite.domain.dates import format_datetime, format_datetime_at
from possuite.services import backup
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MessageLine, PrimaryButton, TouchButton, heading, translated

COLUMNS = (
    QT_TRANSLATE_NOOP("backups_settings", "Taken"),
    QT_TRANSLATE_NOOP("backups_settings", "Kind"),
    QT_TRANSLATE_NOOP("backups_settings", "Size"),
    QT_TRANSLATE_NOOP("backups_settings", "File"),
)
#: What each kind of backup is called on screen.
KIND_LABELS = {
    "start": QT_TRANSLATE_NOOP("backups_settings", "When the till started"),
    "day-end": QT_TRANSLATE_NOOP("backups_settings", "Day end"),
    "manual": QT_TRANSLATE_NOOP("backups_settings", "Backed up by hand"),
    "before-restore": QT_TRANSLATE_NOOP("backups_settings", "Replaced by a restore"),
}
#: What pages reload after a restore replaced the whole book.
RELOAD = ("sale", "collection", "customer", "item", "held", "printers", "print", "settings", "void")


def kind_label(kind: str) -> str:
    if kind.startswith("pre-upgrade-"):
        return QCoreApplication.translate("backups_settings", "Before upgrading schema {revision}").format(
            revision=kind.removeprefix("pre-upgrade-"))
    return QCoreApplication.translate("backups_settings", KIND_LABELS[kind]) if kind in KIND_LABELS else kind


class BackupsTab(QWidget):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.backups: list[backup.BackupInfo] = []
        self.db_path = backup.context_db_path(state.ctx)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Backups")))
        folder = backup.backups_dir(self.db_path)
        about = QLabel(
            self.tr("Backups are kept in <b>{folder}</b>. One is taken when the till starts (once a day) and at day "
                    "end. Every backup of the last {days} days with one is kept, and one for each of the "
                    "{months} months before. Copy one to a USB stick now and then.").format(
                        folder=folder, days=backup.KEEP_DAYS, months=backup.KEEP_MONTHS))
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(about)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("backupsTable")
        self.table.setHorizontalHeaderLabels(translated("backups_settings", COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        lay.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.backup_button = PrimaryButton(self.tr("Back up now"), "backupNowButton")
        self.backup_to_button = TouchButton(self.tr("Back up to a file…"), "backupToButton")
        self.restore_button = TouchButton(self.tr("Restore selected…"), "restoreSelectedButton")
        self.restore_file_button = TouchButton(self.tr("Restore from a file…"), "restoreFileButton")
        self.folder_button = TouchButton(self.tr("Open folder"), "openBackupsFolderButton")
        for b in (self.backup_button, self.backup_to_button, self.restore_button, self.restore_file_button,
                  self.folder_button):
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.restore_button.setEnabled(False)
        self.backup_button.clicked.connect(lambda: self.back_up())
        self.backup_to_button.clicked.connect(self._choose_backup_file)
        self.restore_button.clicked.connect(self._restore_selected)
        self.restore_file_button.clicked.connect(self._choose_restore_file)
        self.folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(backup.backups_dir(self.db_path)))))
        self.message = MessageLine("backupMessage")
        lay.addWidget(self.message)
        self.busy = False
        self.refresh()

    # --- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.state.tasks.search(backup.list_backups, self.db_path, on_done=self._show,
                                on_error=lambda exc: self.message.show_error(error_text(exc)))

    def _show(self, backups: list[backup.BackupInfo]) -> None:
        self.backups = backups
        self.table.setRowCount(len(backups))
        for r, b in enumerate(backups):
            values = (format_datetime(b.taken_at), kind_label(b.kind), backup.human_size(b.size), b.path.name)
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self._selection_changed()

    def selected(self) -> backup.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows and rows[0].row() < len(self.backups) else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None and not self.busy)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for b in (self.backup_button, self.backup_to_button, self.restore_file_button):
            b.setEnabled(not busy)
        self._selection_changed()

    # --- back up --------------------------------------------------------------------------------

    def _choose_backup_file(self) -> None:
        suggested = str(Path.home() / backup.suggested_name(self.db_path, self.state.ctx.clock))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Back up to a file"), suggested,
                                              self.tr("possuite backup (*.sqlite3)"))
        if path:
            self.back_up(Path(path))

    def back_up(self, dest: Path | None = None) -> None:
        """Take a backup (into the backups folder, or ``dest``) off the GUI thread."""
        self._set_busy(True)
        self.message.show_info(self.tr("Backing up…"))
        self.state.tasks.run(backup.create_backup, self.state.ctx, dest, label=self.tr("Backing up the database"),
                             on_done=self._backed_up, on_error=self._failed)

    def _backed_up(self, info: backup.BackupInfo) -> None:
        self._set_busy(False)
        self.message.show_info(self.tr("Backed up to {path} ({human_size}).").format(path=info.path,
                                                                                     human_size=backup.human_size(info.size)))
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.show_error(error_text(exc))
        self.refresh()

    # --- restore --------------------------------------------------------------------------------

    def _restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.ask_and_restore(chosen.path, self.tr("the backup taken {when}").format(
                when=format_datetime_at(chosen.taken_at)))

    def _choose_restore_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Restore from a file"), str(Path.home()),
                                              self.tr("possuite backup (*.sqlite3);;All files (*)"))
        if path:
            self.ask_and_restore(Path(path), Path(path).name)

    def confirm(self, text: str) -> bool:
        """Ask before replacing the book (tests replace this)."""
        answer = QMessageBox.question(self, self.tr("Restore a backup"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_and_restore(self, candidate: Path, described: str) -> None:
        text = self.tr("Replace the shop's book with {described}?\n\nEverything recorded after it will no longer "
                       "show. The current book is kept among the backups (\"Replaced by a restore\"), so this can be "
                       "undone. Close possuite on any other till that uses this database first.").format(
            described=described)
        if self.confirm(text):
            self.restore_from(candidate)

    def restore_from(self, candidate: Path) -> None:
        """Verify and swap in ``candidate`` off the GUI thread; pages reload afterwards."""
        self._set_busy(True)
        self.message.show_info(self.tr("Checking the backup and restoring…"))
        self.state.tasks.run(backup.restore_backup, self.state.ctx, candidate, label=self.tr("Restoring the database"),
                             on_done=self._restored, on_error=self._failed)

    def _restored(self, result: backup.RestoreResult) -> None:
        self._set_busy(False)
        self.state.ctx.refresh_store()
        kept = self.tr(" The book it replaced is kept as {name}.").format(name=result.replaced.name) \
            if result.replaced else ""
        self.message.show_info(self.tr("Restored from {name}; it passed every check.{kept}").format(
            name=result.restored_from.name, kept=kept))
        for what in RELOAD:
            self.state.data_changed.emit(what)
        self.refresh()
