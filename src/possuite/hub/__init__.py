"""The hub: one PostgreSQL database where the tills of a business meet.

- ``spec``: which tables and columns travel, facts or masters (one place for the rule);
- ``schema``: ``hub init`` (the Alembic schema, the owner and till roles, row-level security);
- ``connect``: hub URLs, passwords kept out of the book, clear errors when the hub is away;
- ``register``: a book becomes a till of a store (the first till publishes the store);
- ``push``: the till's outbox sent in batches that are harmless to send twice; ``sync status``.
"""
