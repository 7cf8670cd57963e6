"""Ids that stay unique across tills: ULIDs (time-ordered, 26 characters)."""

from ulid import ULID


def new_id() -> str:
    return str(ULID())
