"""possuite: an offline-first point of sale with customer credit."""

__version__ = "0.1.0"
