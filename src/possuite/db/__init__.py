"""Persistence: SQLAlchemy models, the SQLite engine and its pragmas, Alembic migrations."""
