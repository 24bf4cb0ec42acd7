"""What every exporter shares: options from the project settings, captions, source lines, cells."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from qualcode.core.table import Cell, Column, Table
from qualcode.i18n import get_language, t

# The earliest date a zip member can carry: used for every member so that exports are identical.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How tables are numbered, captioned and typeset; read from ``qualcode.yaml`` and the CLI."""

    chapter: int = 4
    first_number: int = 1
    year: int = 2026
    source_line: str = ""
    title: str = ""
    researcher: str = ""
    font: str = "Times New Roman"
    font_size: float = 12
    table_font_size: float | None = None
    landscape_columns: int = 5
    quotes: bool = False
    lang: str | None = None
    timestamp: datetime | None = None

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> ExportOptions:
        """Build options from a project's settings, then apply the non-None ``overrides``."""
        base = cls(
            chapter=settings.table_chapter,
            year=settings.year,
            source_line=settings.source_line,
            title=settings.title,
            researcher=settings.researcher,
            font=settings.font,
            font_size=settings.font_size,
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})

    @property
    def language(self) -> str:
        return self.lang or get_language()

    @property
    def stamp(self) -> datetime:
        """The fixed creation time written into files: from the data, never the clock."""
        return self.timestamp or datetime(self.year, 1, 1)

    def number(self, index: int) -> str:
        """Return the printed number of the ``index``-th table (0-based): "4.1", "4.2"…"""
        return f"{self.chapter}.{self.first_number + index}"

    def cell_font_size(self, wide: bool) -> float:
        """Return the font size inside every table, portrait or landscape: one size, a point
        below the text's (11 pt beside 12 pt text), unless ``table_font_size`` is set."""
        if self.table_font_size:
            return self.table_font_size
        return self.font_size - 1


def caption(table: Table, index: int, options: ExportOptions) -> str:
    """Return the caption above a table: "Tabel 4.1 Matriks Faktor …"."""
    return t(
        "export.caption",
        lang=options.language,
        label=t("export.table_label", lang=options.language),
        number=options.number(index),
        title=table.title,
    )


def source_line(options: ExportOptions) -> str:
    """Return the line under every table: the settings' own text, or "Sumber: Data olahan …"."""
    if options.source_line:
        return options.source_line
    return t("export.source_line", lang=options.language, year=options.year)


def header_label(column: Column) -> str:
    """Return a column's header as one line (its group, if any, before its label)."""
    return f"{column.group} — {column.label}" if column.group else column.label


def cell_value(cell: Cell, column: Column) -> str | int | float:
    """Return a cell as a number when its column is numeric and it holds one, else its text."""
    if column.numeric and cell.value is not None:
        value = cell.value
        return int(value) if float(value).is_integer() else value
    return cell.text


_SLUG_DROP = re.compile(r"[^\w\s-]", re.UNICODE)
_SLUG_SPACE = re.compile(r"[\s_-]+")


def slug(text: str, max_words: int = 6) -> str:
    """Return a file-name-safe lower-case form of ``text`` ("Matriks Faktor" → "matriks-faktor")."""
    words = _SLUG_SPACE.split(_SLUG_DROP.sub(" ", text.lower()).strip())
    return "-".join(w for w in words[:max_words] if w) or "tabel"


def unique_names(names: Iterable[str], limit: int, forbidden: str = "") -> list[str]:
    """Return names cut to ``limit`` characters, without ``forbidden`` characters, made unique."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in names:
        clean = " ".join("".join(" " if ch in forbidden else ch for ch in raw).split()) or "Tabel"
        name = clean[:limit].strip()
        n = 2
        while name.lower() in seen:
            suffix = f" ({n})"
            name = clean[: limit - len(suffix)].strip() + suffix
            n += 1
        seen.add(name.lower())
        out.append(name)
    return out


class FixedTimeZip(zipfile.ZipFile):
    """A zip writer stamping every member with one date: equal content gives equal bytes."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):  # noqa: D102
        if isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            name = zinfo_or_arcname.filename
        else:
            name = zinfo_or_arcname
        info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
        info.compress_type = self.compression if compress_type is None else compress_type
        info.external_attr = 0o600 << 16
        super().writestr(info, data, compresslevel=compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):  # noqa: D102
        with open(filename, "rb") as fh:
            data = fh.read()
        self.writestr(arcname or str(filename), data, compress_type, compresslevel)


def all_codings(tables: Sequence[Table]) -> list[int]:
    """Return every coding id behind any cell of ``tables``, once each, in first-seen order."""
    seen: dict[int, None] = {}
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                for cid in cell.codings:
                    seen.setdefault(cid, None)
    return list(seen)
