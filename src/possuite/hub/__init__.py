"""The hub: one PostgreSQL database where the tills of a business meet.

- ``spec``: which tables and columns travel, facts or masters (one place for the rule);
- ``schema``: ``hub init`` (the Alembic schema, the owner and till roles, row-level security);
- ``connect``: hub URLs, passwords kept out of the book, clear errors when the hub is away;
- ``register``: a book becomes a till of a store (the first till publishes the store);
- ``push``: the till's outbox sent in batches that are harmless to send twice; ``sync status``;
- ``backoffice``: the owner's reads on the hub (``possuite --db postgresql://…``), ``checks`` its check.

Kept light: importing ``possuite.hub`` loads nothing (the ``possuite`` command asks ``is_hub_url``
of every ``--db``).
"""


def is_hub_url(text: str | None) -> bool:
    """True when ``--db`` names a PostgreSQL hub (the owner's back office) rather than a book file."""
    return bool(text) and str(text).strip().lower().startswith(("postgresql:", "postgres:", "postgresql+"))
