"""Where the owner's receipt templates live, and the first-run copy of the shipped samples there.

One folder: ``receipts/`` beside the database file, or the folder the wiring was given (from
``POSSUITE_RECEIPTS``). ``install_samples`` copies the shipped templates (``printing/templates/``)
and their README into it when they were never copied, and keeps copies the owner left unedited
equal to this version's samples; an edited or deleted copy is never touched. Standard library
only, so the start-up can call it without loading Jinja2.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

log = logging.getLogger("possuite.printing")

#: The built-in templates, shipped inside the package.
BUILTIN_DIR = Path(__file__).with_name("templates")
KINDS = ("sale", "collection", "credit")
#: The owner's folder beside the database file.
USER_DIR_NAME = "receipts"
#: What ``install_samples`` copies: the templates and the README that explains them.
SAMPLES = tuple(f"{kind}.j2" for kind in KINDS) + ("README.md",)
#: In the owner's folder: the checksum of each sample as last copied, so an unedited copy can
#: follow a newer version's sample while an edited (or deleted) one is left alone.
MANIFEST = ".shipped.json"


def user_template_dir(db_path: Path | None, configured: Path | None = None) -> Path | None:
    """The owner's template folder: ``configured`` (``POSSUITE_RECEIPTS``), else ``receipts/`` beside the file."""
    if configured is not None:
        return Path(configured)
    if db_path is not None:
        return Path(db_path).parent / USER_DIR_NAME
    return None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def install_samples(folder: Path) -> list[Path]:
    """Copy the shipped templates into the owner's ``folder``; returns the files written.

    A sample is copied when it was never copied before; an earlier copy the owner left unedited is
    refreshed to this version's sample. An edited copy, or one the owner deleted (to use the
    built-in template), is never touched. Trouble writing the folder is logged, never raised: the
    built-in templates still print.
    """
    folder = Path(folder)
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        manifest_path = folder / MANIFEST
        try:
            shipped = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            shipped = {}
        if not isinstance(shipped, dict):
            shipped = {}
        for name in SAMPLES:
            sample = (BUILTIN_DIR / name).read_bytes()
            target = folder / name
            if target.exists():
                if shipped.get(name) != _digest(target.read_bytes()) or shipped[name] == _digest(sample):
                    continue  # the owner's own edit, or already this version's sample
            elif name in shipped:
                continue  # copied once and deleted since: the owner chose the built-in template
            target.write_bytes(sample)
            shipped[name] = _digest(sample)
            written.append(target)
        if written:
            manifest_path.write_text(json.dumps(shipped, indent=1, sort_keys=True), encoding="utf-8")
    except OSError as exc:
        log.warning("receipt templates: could not copy the samples into %s: %s", folder, exc)
    return written
