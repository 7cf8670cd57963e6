"""possuite: an offline-first point of sale with customer credit."""

__version__ = "0.1.0"

import logging as _logging

# Library silence by default: nothing (and never a traceback) reaches stderr unless a handler is set up.
_logging.getLogger("possuite").addHandler(_logging.NullHandler())
