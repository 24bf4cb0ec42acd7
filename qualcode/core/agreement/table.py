"""The agreement report as a ``Table`` for the screen and for chapter III (Markdown, DOCX).

"Tabel 3.x Hasil Uji Reliabilitas Antarkoder": one row overall, one per dimension, one per
code under it; units, what each coder marked, percent agreement, Cohen's kappa, Krippendorff's
alpha, and polarity agreement with its count. An undefined statistic reads "tak terdefinisi".
"""

from __future__ import annotations

from qualcode.core.agreement.compare import OVERALL, AgreementReport, AgreementRow
from qualcode.core.table import Cell, Column, Row, Table
from qualcode.i18n import get_language, t

INDENT = "  – "
LEVELS = ("sentences", "characters")


def number(value: float | None, digits: int = 2) -> str:
    """Format a statistic the way the active language writes decimals; None is 'undefined'."""
    if value is None:
        return t("agreement.undefined")
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if get_language() == "id" else text


def label_of(codebook, key: str) -> str:
    """The label of a report row: 'Keseluruhan', or the code's label in the active language."""
    if key == OVERALL:
        return t("agreement.overall")
    if not codebook.has(key):
        return key
    return codebook.code(key).display_label(get_language())


def _row(codebook, row: AgreementRow, level: str) -> Row:
    sentences = level == "sentences"
    f = row.sentences if sentences else row.characters
    first, second = (row.marked_first, row.marked_second) if sentences else row.characters_marked
    label = label_of(codebook, row.key)
    if row.level == "code":
        label = INDENT + label
    cells = [
        Cell(label, style="strong" if row.level != "code" else ""),
        Cell(str(f.units), value=f.units),
        Cell(str(first), value=first),
        Cell(str(second), value=second),
        # Statistics as formatted text: the decimal comma and "undefined" reach every exporter.
        Cell(number(f.percent, 1) + ("%" if f.percent is not None else "")),
        Cell(number(f.kappa)),
        Cell(number(f.alpha)),
    ]
    if sentences:
        polarity = row.polarity_percent
        text = f"{number(polarity, 1)}% (n={row.polarity_pairs})" if polarity is not None else "–"
        cells.append(Cell(text))
    # A dimension coded directly has a dimension row and a code row: the level keeps keys unique.
    return Row(f"{row.level}:{row.key}", tuple(cells))


def report_table(
    report: AgreementReport,
    codebook,
    coders: tuple[str, str],
    level: str = "sentences",
    after: bool = False,
) -> Table:
    """Return the report at sentence or character level, before or after consensus."""
    # keys: agreement.unit_{sentences,characters}
    unit = t(f"agreement.unit_{level}")
    title = t("agreement.title_after" if after else "agreement.title")
    if level == "characters":
        title = t("agreement.title_characters", title=title)
    # keys: agreement.note_{sentences,characters}
    notes = [
        t(
            "agreement.note_coders",
            a=coders[0],
            b=coders[1],
            sources=len(report.sources),
            units=report.units,
            characters=report.characters,
        ),
        t(f"agreement.note_{level}"),
        t("agreement.note_undefined"),
    ]
    if after:
        notes.append(
            t("agreement.note_after", decided=report.decided, total=len(report.disagreements))
        )
    columns = [
        Column("code", t("agreement.col_code")),
        Column("units", t("agreement.col_units", unit=unit), numeric=True),
        Column("a", t("agreement.col_marked", coder="A"), numeric=True),
        Column("b", t("agreement.col_marked", coder="B"), numeric=True),
        Column("percent", t("agreement.col_percent")),
        Column("kappa", t("agreement.col_kappa")),
        Column("alpha", t("agreement.col_alpha")),
    ]
    if level == "sentences":
        columns.append(Column("polarity", t("agreement.col_polarity")))
    return Table(
        kind="agreement",
        title=title,
        columns=tuple(columns),
        rows=tuple(_row(codebook, row, level) for row in report.rows),
        notes=tuple(notes),
        landscape=True,
    )
