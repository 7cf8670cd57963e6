"""Extract the messages ``possuite.i18n`` translates into ``src/possuite/locale/possuite.pot``, and merge
them into every language's ``possuite.po`` (new messages empty, gone ones dropped).

What is extracted (docs/architecture.md §5, translations):

- ``_("…")``, ``gettext``, ``ngettext``, ``pgettext``, ``N_`` calls in ``src/possuite`` (not ``ui/``: the
  screens use Qt's ``tr`` and ``pyside6-lupdate``), and ``_("…")`` in the receipt templates (``*.j2``);
- the labels of ``domain/labels.py`` and the GST headings of ``domain/gst.py`` (the domain imports only
  the standard library, so its words are collected here and translated where they are shown);
- the errors a user reads: ``ValidationError("field", "problem")`` and every other ``PossuiteError``
  class raised with literal text, anywhere in ``src/possuite``. The field goes in with message context
  ``field``; the problem as written (a template when the call passes values by name).

Usage: python scripts/extract_messages.py [--check]   (--check: exit 1 when the .pot is out of date)
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "possuite"
LOCALE = SRC / "locale"
POT = LOCALE / "possuite.pot"

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None}
METHODS = [
    ("ui/**.py", "ignore"),
    ("locale/**", "ignore"),
    ("**.py", "python"),
    ("printing/templates/**.j2", "jinja2.ext:babel_extract"),
    ("reports/templates/**.j2", "jinja2.ext:babel_extract"),
]
FIELD_CONTEXT = "field"


def _error_classes() -> set[str]:
    """Names of PossuiteError and every class derived from it in src/possuite."""
    names = {"PossuiteError", "ValidationError", "NotFound", "Conflict", "PermissionDenied",
             "CreditLimitExceeded", "AuthenticationFailed"}
    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in SRC.rglob("*.py")]
    grew = True
    while grew:
        grew = False
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names and any(
                        isinstance(b, ast.Name) and b.id in names for b in node.bases):
                    names.add(node.name)
                    grew = True
    return names


def _error_messages(catalog: Catalog) -> None:
    classes = _error_classes()
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in classes):
                continue
            args = node.args
            if node.func.id == "PermissionDenied":
                args = args[1:]  # its first argument is an action, named in the message as given
            elif args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                catalog.add(args[0].value, context=FIELD_CONTEXT, locations=[(rel, node.lineno)])
            if len(args) > 1 and isinstance(args[1], ast.Constant) and isinstance(args[1].value, str):
                flags = ("python-brace-format",) if node.keywords else ()
                catalog.add(args[1].value, locations=[(rel, node.lineno)], flags=flags)


def _domain_labels(catalog: Catalog) -> None:
    """Every string value of the ``*_LABELS`` tables in domain/labels.py and domain/cash.py (the drawer's
    movements and variance words), and gst.py's document headings."""
    sys.path.insert(0, str(ROOT / "src"))
    from possuite.domain import cash, gst, labels

    for module, rel in ((labels, "src/possuite/domain/labels.py"), (cash, "src/possuite/domain/cash.py")):
        for name in sorted(vars(module)):
            table = getattr(module, name)
            if name.endswith("_LABELS") and isinstance(table, dict):
                for value in table.values():
                    catalog.add(value, locations=[(rel, 0)])
    for heading in (gst.TAX_INVOICE, gst.BILL_OF_SUPPLY):
        catalog.add(heading, locations=[("src/possuite/domain/gst.py", 0)])


def build_template() -> Catalog:
    catalog = Catalog(project="possuite", domain="possuite", charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            SRC, METHODS, KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        catalog.add(message, locations=[(f"src/possuite/{filename}", lineno)], auto_comments=comments,
                    context=context)
    _error_messages(catalog)
    _domain_labels(catalog)
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=120, omit_header=False, sort_output=True, ignore_obsolete=True, no_location=True)
    # The header's creation date changes every run; keep the file stable for git.
    return b"\n".join(line for line in out.getvalue().split(b"\n") if not line.startswith(b'"POT-Creation-Date'))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the .pot is out of date")
    args = parser.parse_args(argv)
    template = build_template()
    data = _po_bytes(template)
    if args.check:
        stale = not POT.exists() or POT.read_bytes() != data
        print("possuite.pot is out of date: run scripts/extract_messages.py" if stale else "possuite.pot is up to date")
        return 1 if stale else 0
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(data)
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/possuite.po")):
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=po_path.parent.parent.name, domain="possuite")
        catalog.update(template, no_fuzzy_matching=True)
        po_path.write_bytes(_po_bytes(catalog))
        print(f"updated {po_path.relative_to(ROOT)}")
    print(f"wrote {POT.relative_to(ROOT)}: {len(template)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
