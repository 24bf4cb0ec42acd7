"""The project store (SQLite). SQL lives only in this package."""
