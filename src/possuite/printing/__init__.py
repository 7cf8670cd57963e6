"""Receipts on paper and on screen: layout from templates, then text, ESC/POS and PDF renderers,
and printer connections. Depends only on ``domain`` (and libraries); importing it has no side
effects (python-escpos's cache folder is set up by ``printing.escpos_cache``, called at start-up).
The worker that drains the print queue is ``services.print_worker``."""
