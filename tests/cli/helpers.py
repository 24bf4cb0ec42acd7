"""Helpers shared by the CLI tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def row_counts(root: Path, tables: tuple[str, ...]) -> dict[str, int]:
    """Row counts of TABLES in the project at ROOT, read straight from its database."""
    conn = sqlite3.connect(root / ".qualcode" / "project.db")
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()
