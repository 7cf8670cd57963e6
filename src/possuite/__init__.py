"""possuite: an offline-first point of sale with customer credit."""

__version__ = "0.1.0"

import gc as _gc
import logging as _logging
from contextlib import contextmanager as _contextmanager

# Library silence by default: nothing (and never a traceback) reaches stderr unless a handler is set up.
_logging.getLogger("possuite").addHandler(_logging.NullHandler())


@_contextmanager
def loading_modules():
    """Python's cyclic garbage collector paused while the till's modules load, and what they made set aside
    from it after (issue 15, cold start).

    Loading a module makes long-lived objects (classes, functions, tables), hardly any garbage: each collection
    on the way to the window scanned them all again (about 35 ms of the start's 0.6 s of CPU, and 70-140 ms for
    the first full collection after the window painted, on the first keys typed). On leaving, the objects made
    so far are frozen (``gc.freeze``: never scanned again) and the collector is as it was before."""
    was = _gc.isenabled()
    _gc.disable()
    try:
        yield
    finally:
        _gc.freeze()
        if was:
            _gc.enable()


_start_frozen = False


def freeze_start_objects() -> None:
    """Once the window has first painted: what the start made since its imports (the window's widgets and their
    wrappers, the book's first reads) set aside from the collector too, as ``loading_modules`` does. Once a
    process: what a later sign-in makes is collected as usual."""
    global _start_frozen
    if not _start_frozen:
        _start_frozen = True
        _gc.freeze()  # no collection first: that would be a full scan on the GUI thread
