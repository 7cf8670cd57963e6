"""Receipts on paper and on screen: layout from templates, then text, ESC/POS and PDF renderers,
printer connections and the worker that drains the persistent print queue."""

import os


def _keep_escpos_printer_database() -> None:
    """Give python-escpos a lasting folder for its parsed printer database.

    Without one it makes a new temporary folder in every process and parses its 1 MB capabilities
    file with YAML again (a quarter of a second at every start of the till, and a stray folder in the
    temp directory each time). An ``ESCPOS_CAPABILITIES_PICKLE_DIR`` already set wins.
    """
    if os.environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR"):
        return
    try:
        from platformdirs import user_cache_path

        folder = user_cache_path("possuite", appauthor=False) / "escpos"
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)


_keep_escpos_printer_database()
