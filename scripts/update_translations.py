"""Extract every translatable string of the screen (src/possuite/ui/*.py) into the catalogs.

    python scripts/update_translations.py        (make translations-update)

Runs ``pyside6-lupdate`` over ``src/possuite/ui`` into ``resources/translations/possuite_en.ts``
(the English source list) and ``possuite_hi.ts`` (Hindi: new strings arrive ``unfinished`` for a
translator; strings no longer in the code are dropped). Then ``make translations`` compiles them.
docs/architecture.md §9.

pyside6-lupdate's Python parser skips ``QCoreApplication.translate(context, text, "", n)`` when ``n`` is
more than a plain name (``view.visits``, ``len(rows)``: the form module-level functions use for plurals),
and writes a plain message for a plain name, so an update dropped those plural messages and their Hindi
translations. After lupdate, ``keep_plurals`` puts back each such call found in the code (``plural_calls``,
an AST scan) as the plural message the catalog had (its forms and translation), or a new unfinished one.
"""

from __future__ import annotations

import ast
import copy
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "src" / "possuite" / "ui"
CATALOGS = ROOT / "resources" / "translations"
LANGUAGES = ("en", "hi")


def lupdate() -> str:
    here = Path(sys.executable).parent
    for name in ("pyside6-lupdate", "pyside6-lupdate.exe"):
        if (here / name).exists():
            return str(here / name)
    return "pyside6-lupdate"


def plural_calls(paths) -> set[tuple[str, str]]:
    """(context, text) of each ``QCoreApplication.translate(context, text, disambiguation, n)`` whose text
    holds ``%n`` (implicitly concatenated literals are one constant in the syntax tree)."""
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "translate"
                    and len(node.args) == 4 and all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                                    for a in node.args[:2]) and "%n" in node.args[1].value):
                found.add((node.args[0].value, node.args[1].value))
    return found


def _plurals(tree: ET.ElementTree) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            if message.get("numerus") == "yes":
                found[(name, message.findtext("source", ""))] = message
    return found


def _new_plural(source: str, forms: int) -> ET.Element:
    message = ET.Element("message", numerus="yes")
    ET.SubElement(message, "source").text = source
    translation = ET.SubElement(message, "translation", type="unfinished")
    for _ in range(forms):
        ET.SubElement(translation, "numerusform")
    return message


def _xml(text: str) -> str:
    return escape(text, {"'": "&apos;", '"': "&quot;"})


def _block(message: ET.Element) -> str:
    """The message as lupdate writes it (four spaces a level, the message one level in)."""
    message = copy.deepcopy(message)
    message.tail = None
    ET.indent(message, space="    ", level=1)
    text = ET.tostring(message, encoding="unicode").replace("'", "&apos;").replace("&#x27;", "&apos;")
    return "    " + text.rstrip() + "\n"


def keep_plurals(before: ET.ElementTree, catalog: str, calls: set[tuple[str, str]], forms: int) -> tuple[str, int]:
    """Put each plural call of ``calls`` into the ``catalog`` text lupdate wrote, as a plural message:
    ``before``'s message (its forms and translation) when it had one, else ``forms`` empty unfinished forms.
    Only those messages' text changes. Returns the text and how many were mended."""
    old = _plurals(before)
    mended = 0
    for name, source in sorted(calls):
        context = re.search(rf"<context>\s*<name>{re.escape(_xml(name))}</name>\n(.*?)</context>\n", catalog, re.S)
        if context is None:
            catalog = catalog.replace("</TS>", f"<context>\n    <name>{_xml(name)}</name>\n</context>\n</TS>")
            context = re.search(rf"<context>\s*<name>{re.escape(_xml(name))}</name>\n(.*?)</context>\n", catalog,
                                re.S)
        body = context.group(1)
        src = f"<source>{_xml(source)}</source>"
        plain = re.search(rf"    <message>\n\s*{re.escape(src)}\n.*?</message>\n", body, re.S)
        if plain is None and src in body:
            continue  # already a plural message
        kept = old.get((name, source))
        block = _block(kept if kept is not None else _new_plural(source, forms))
        new_body = (body.replace(plain.group(0), "") if plain else body) + block
        catalog = catalog[:context.start(1)] + new_body + catalog[context.end(1):]
        mended += 1
    return catalog, mended


def main(catalogs: Path = CATALOGS) -> int:
    sources = sorted(str(p) for p in UI.glob("*.py"))
    for lang in LANGUAGES:
        ts = catalogs / f"possuite_{lang}.ts"
        before = ET.parse(ts)
        subprocess.run([lupdate(), "-silent", "-no-obsolete", "-locations", "none", "-source-language", "en",
                        "-target-language", lang, *sources, "-ts", str(ts)], check=True)
        catalog, _ = keep_plurals(before, ts.read_text(encoding="utf-8"), plural_calls(sources), forms=2)
        ts.write_text(catalog, encoding="utf-8")  # English and Hindi both have two plural forms
        print(f"updated {ts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
