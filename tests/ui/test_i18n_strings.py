"""Every user-visible string of the screen is translatable, and Hindi translates every one of them.

(a) An AST scan of ``src/possuite/ui/*.py``: a string literal (or an f-string, a ``"…" + x``, a
``"…".format(…)``) handed to something that shows text — ``setText``, ``setWindowTitle``, ``QLabel(…)``,
``QPushButton(…)``, our ``TouchButton(…)``, ``addAction``, ``setToolTip``, ``setPlaceholderText``,
``QMessageBox`` texts, column headers, combo items, form rows … — must come out of ``tr``/``translate``
(tables of titles at module level: ``QT_TRANSLATE_NOOP``). (b) The Hindi catalog holds every string
lupdate extracts from the code, none ``unfinished``, and no translation drops a placeholder.
docs/architecture.md §9.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "src" / "possuite" / "ui"
CATALOGS = ROOT / "resources" / "translations"

#: Methods and constructors whose string arguments a user reads.
TEXT_SINKS = {
    # Qt setters
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setStatusTip", "setWhatsThis",
    "setTitle", "setSubTitle", "setButtonText", "setSpecialValueText", "setSuffix", "setPrefix",
    "setLabelText", "setInformativeText", "setDetailedText", "setFormat", "setTabText", "setTabToolTip",
    "showMessage", "setHtml", "setPlainText", "setItemText",
    # adding things that show a text
    "addAction", "addTab", "insertTab", "addItem", "addItems", "insertItem", "addRow", "insertRow",
    "addButton", "addMenu", "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setHeaderLabels",
    # Qt widgets built with a text
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton",
    "QListWidgetItem", "QTableWidgetItem", "QStandardItem", "QMessageBox", "QBarSet", "QPieSlice",
    "information", "warning", "critical", "question", "about", "getText", "getInt", "getItem",
    # our own widgets and helpers (ui/widgets.py, ui/state.py)
    "TouchButton", "PrimaryButton", "CollectButton", "heading", "AlertBox", "set_text", "show_error",
    "show_info", "MoneyLabel", "PendingLabel", "Column", "money_col", "StatCard", "_chart", "run_export",
    "AuthoriseDialog", "explain", "ask_folder", "getSaveFileName", "getOpenFileName", "getExistingDirectory",
    "QProgressDialog",
}
#: Sinks whose first argument only is the text (the next one is an accessible name, or the item's data).
FIRST_ONLY = {"TouchButton", "PrimaryButton", "CollectButton", "heading", "AlertBox", "MoneyLabel", "PendingLabel",
              "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QToolButton", "QAction",
              "addItem", "QListWidgetItem", "QStandardItem", "QBarSet", "Column", "money_col", "StatCard", "_chart"}
#: Keyword arguments that carry a text wherever they appear.
TEXT_KEYWORDS = {"text", "title", "prefix", "label", "placeholder", "tooltip", "caption", "message", "explanation",
                 "reason_label", "confirm_text", "reason"}
#: Module-level tables of titles: their strings are marked with QT_TRANSLATE_NOOP and translated where shown.
TITLE_TABLE = re.compile(r"(HEADERS|COLUMNS|TITLES|LABELS|TABS|TEXTS|NAMES|FILTERS)$")
TRANSLATORS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP", "QT_TRANSLATE_N_NOOP", "QT_TR_N_NOOP"}
WORDS = re.compile(r"[A-Za-z]{2,}")


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _is_translated(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) in TRANSLATORS


def _is_log(call: ast.Call) -> bool:
    """``log.warning(...)``: the log is read by whoever supports the shop, in English."""
    func = call.func
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in LOGGERS


LOGGERS = {"log", "logger", "logging"}


def _untranslated(node: ast.expr) -> list[ast.expr]:
    """The literal parts of ``node`` a user would read in English whatever the language."""
    if isinstance(node, ast.Constant):
        return [node] if isinstance(node.value, str) and WORDS.search(node.value) else []
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return [node] if WORDS.search(text) else []
    if isinstance(node, ast.BinOp):
        return _untranslated(node.left) + _untranslated(node.right)
    if isinstance(node, ast.IfExp):
        return _untranslated(node.body) + _untranslated(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [bad for v in node.values for bad in _untranslated(v)]
    if isinstance(node, ast.Call) and not _is_translated(node) and _name(node.func) in ("format", "arg", "join"):
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        return _untranslated(receiver) if receiver is not None else []
    if isinstance(node, (ast.Tuple, ast.List)):
        return [bad for v in node.elts for bad in _untranslated(v)]
    return []


def untranslated_strings(path: Path) -> list[str]:
    """``file:line: text`` for each user-visible literal of ``path`` not wrapped in tr/translate."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and not _is_translated(node) and not _is_log(node):
            args: list[ast.expr] = []
            name = _name(node.func)
            if name in TEXT_SINKS:
                args += node.args[:1] if name in FIRST_ONLY else node.args
            args += [kw.value for kw in node.keywords if kw.arg in TEXT_KEYWORDS]
            for arg in args:
                found += [(bad.lineno, ast.unparse(bad)) for bad in _untranslated(arg)]
    for node in tree.body:  # module-level tables of titles
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) else []
        value = getattr(node, "value", None)
        if value is None or not any(isinstance(t, ast.Name) and TITLE_TABLE.search(t.id) for t in targets):
            continue
        values = value.values if isinstance(value, ast.Dict) else [value]
        for v in values:
            found += [(bad.lineno, ast.unparse(bad)) for bad in _untranslated(v)]
    rel = path.relative_to(ROOT)
    return [f"{rel}:{line}: {text}" for line, text in sorted(set(found))]


def ui_sources() -> list[Path]:
    return sorted(UI.glob("*.py"))


#: Files of ui/ that show no text of their own: the screenshot tool types sample data (names, reasons) into
#: the real screens, as a user would.
NOT_SCREENS = {"screenshots.py"}


def test_every_user_visible_string_in_ui_is_marked_for_translation():
    missing = [hit for path in ui_sources() if path.name not in NOT_SCREENS for hit in untranslated_strings(path)]
    assert not missing, f"{len(missing)} user-visible strings not wrapped in tr()/translate():\n" + "\n".join(missing)


def test_the_scan_catches_an_unwrapped_label_an_fstring_and_a_header(tmp_path):
    """The scan itself must be able to fail: a file with the mistakes it looks for."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "COLUMNS = ('Name', 'Phone')\n"
        "label = QLabel('Total due')\n"
        "button.setText(f'Pay {amount}')\n"
        "box.setToolTip('Ring up ' + name)\n"
        "w.setWindowTitle('Hello {x}'.format(x=1))\n"
        "ok = QLabel(self.tr('Fine'))\n"
        "ok2 = QLabel(QCoreApplication.translate('c', 'Fine {n}').format(n=1))\n"
        "ok3 = QLabel('—')\n", encoding="utf-8")
    hits = untranslated_strings_of(bad)
    assert [h.split(": ", 1)[1] for h in hits] == ["'Name'", "'Phone'", "'Total due'", "f'Pay {amount}'",
                                                   "'Ring up '", "'Hello {x}'"]


def untranslated_strings_of(path: Path) -> list[str]:
    global ROOT
    saved = ROOT
    ROOT = path.parent
    try:
        return untranslated_strings(path)
    finally:
        ROOT = saved


# --- (b) the catalogs --------------------------------------------------------------------------------

def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name"), msg.findtext("source")): msg
            for ctx in root.iter("context") for msg in ctx.iter("message")}


def _lupdate() -> str:
    here = Path(sys.executable).parent
    tool = here / "pyside6-lupdate"
    return str(tool) if tool.exists() else "pyside6-lupdate"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[tuple[str, str], ET.Element]:
    """What lupdate finds in the code today (a fresh catalog, not the committed one)."""
    ts = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    subprocess.run([_lupdate(), "-silent", "-locations", "none", *map(str, ui_sources()), "-ts", str(ts)],
                   check=True)
    return _messages(ts)


PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^}]*)?\}|%n|%L?\d")


def test_the_hindi_catalog_translates_every_string_of_the_screen(extracted):
    hindi = _messages(CATALOGS / "possuite_hi.ts")
    missing = sorted(f"{c}: {s!r}" for c, s in extracted if (c, s) not in hindi)
    assert not missing, (f"{len(missing)} strings missing from possuite_hi.ts "
                         "(run: make translations-update, then translate them):\n" + "\n".join(missing))
    unfinished, dropped = [], []
    for (context, source) in extracted:
        tr = hindi[(context, source)].find("translation")
        forms = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
        if tr.get("type") in ("unfinished", "vanished", "obsolete") or not all(f.strip() for f in forms):
            unfinished.append(f"{context}: {source!r}")
            continue
        wanted = sorted(set(PLACEHOLDER.findall(source)))
        for form in forms:
            if sorted(set(PLACEHOLDER.findall(form))) != wanted:
                dropped.append(f"{context}: {source!r} -> {form!r}")
    assert not unfinished, f"{len(unfinished)} Hindi strings unfinished:\n" + "\n".join(sorted(unfinished))
    assert not dropped, "translations that lose or invent a placeholder:\n" + "\n".join(sorted(dropped))


def test_the_english_source_catalog_lists_every_string_and_spells_its_plurals(extracted):
    """English needs its catalog only for plural forms: ``%n visit(s)`` reads ``1 visit`` / ``2 visits``."""
    english = _messages(CATALOGS / "possuite_en.ts")
    missing = sorted(f"{c}: {s!r}" for c, s in extracted if (c, s) not in english)
    assert not missing, "strings missing from possuite_en.ts (run: make translations-update):\n" + "\n".join(missing)
    plurals = [(c, s) for (c, s), msg in extracted.items() if msg.get("numerus") == "yes"]
    assert plurals, "the screen has counted strings (%n)"
    unspelled = [f"{c}: {s!r}" for c, s in plurals
                 if [f.text for f in english[(c, s)].find("translation").iter("numerusform")].count(None)
                 or "(s)" in "".join(english[(c, s)].find("translation").itertext())]
    assert not unspelled, "English plural forms to write in possuite_en.ts:\n" + "\n".join(unspelled)


def test_the_hindi_catalog_uses_the_glossary_terms():
    """The shop's words (resources/translations/GLOSSARY.md) are the ones the catalog uses."""
    hindi = _messages(CATALOGS / "possuite_hi.ts")
    pairs = {"Pending": "बकाया", "Collect": "जमा", "Complimentary": "मुफ़्त सेवा", "Customer": "ग्राहक",
             "Cash": "नकद"}
    wrong = []
    for (context, source), msg in hindi.items():
        text = "".join(msg.find("translation").itertext())
        for english, hindi_word in pairs.items():
            if re.search(rf"\b{english}\b", source) and hindi_word not in text:
                wrong.append(f"{context}: {source!r} -> {text!r} (expected {hindi_word})")
    assert not wrong, "\n".join(wrong)
