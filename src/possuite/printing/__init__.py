"""Receipts on paper and on screen: layout from templates, then text, ESC/POS and PDF renderers,
printer connections and the worker that drains the persistent print queue."""
