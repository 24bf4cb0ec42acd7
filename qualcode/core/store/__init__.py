"""The project store (SQLite). SQL lives only in this package."""

from qualcode.core.store.db import Event, Store, Tx, utc_now

__all__ = ["Event", "Store", "Tx", "utc_now"]
