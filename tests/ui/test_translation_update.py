"""``make translations-update`` (scripts/update_translations.py) keeps every message and translation the
catalogs hold while the code still asks for it: pyside6-lupdate alone dropped the plural messages of
``QCoreApplication.translate(context, "%n ...", "", view.count)`` and their Hindi forms."""

from __future__ import annotations

import importlib.util
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(path: Path) -> dict:
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        for m in context.iter("message"):
            t = m.find("translation")
            out[(context.findtext("name"), m.findtext("source"))] = (
                m.get("numerus"), t.text, t.get("type"), tuple(f.text for f in t.findall("numerusform")))
    return out


def test_an_update_of_the_catalogs_loses_no_message_no_plural_and_no_translation(tmp_path):
    for lang in ("en", "hi"):
        shutil.copy(ROOT / "resources" / "translations" / f"possuite_{lang}.ts", tmp_path)
    assert _script().main(tmp_path) == 0
    for lang in ("en", "hi"):
        before = _messages(ROOT / "resources" / "translations" / f"possuite_{lang}.ts")
        after = _messages(tmp_path / f"possuite_{lang}.ts")
        assert after == before, [k for k in before if after.get(k) != before[k]][:5]
    plurals = {k for k, v in _messages(tmp_path / "possuite_hi.ts").items() if v[0] == "yes"}
    assert ("customer_search", "%n visit(s)") in plurals and ("CustomerDetailDialog", "%n visit(s)") in plurals
