"""What a review thread can be on, each by a stable key that survives re-ordering and re-export.

coding      the coding's uid
cell        ``display kind|row key|column key`` (a display cell)
conclusion  the dimension id
verdict     the indicator id
memo        the memo's uid
source      the source's path
code        a code id
project     "" (the project as a whole; also where unplaced Word comments go)
"""

from __future__ import annotations

from qualcode.core.store.review_sql import TARGET_KINDS
from qualcode.errors import QualcodeError
from qualcode.i18n import t

CELL_SEP = "|"
MARKABLE = ("coding", "conclusion", "verdict")


def cell_key(kind: str, row_key: str, column_key: str) -> str:
    """Return the stored target of a display cell."""
    return CELL_SEP.join((kind, row_key, column_key))


def split_cell(target: str) -> tuple[str, str, str]:
    """Return (display kind, row key, column key) of a cell target."""
    kind, _, rest = target.partition(CELL_SEP)
    row, _, column = rest.rpartition(CELL_SEP)
    return kind, row, column


def check_kind(kind: str) -> None:
    """Refuse an unknown target kind, listing the known ones."""
    if kind not in TARGET_KINDS:
        raise QualcodeError(
            t("review.bad_kind", kind=kind), t("review.kinds", kinds=", ".join(TARGET_KINDS))
        )


def resolve_target(project, kind: str, ref: str | None) -> str:
    """Turn a user's reference into the stored target key, or raise naming what is wrong."""
    check_kind(kind)
    ref = (ref or "").strip()
    if kind == "project":
        return ""
    if not ref:
        raise QualcodeError(t("review.no_target", kind=kind_label(kind)))
    if kind == "coding":
        from qualcode.core.coding.operations import get_coding

        return get_coding(project.store, ref).uid
    if kind == "memo":
        from qualcode.core.coding.memos import get_memo

        return get_memo(project.store, ref).uid
    if kind == "source":
        from qualcode.core.store.sources import one_source

        return one_source(project.store, ref).path
    if kind == "cell":
        return _cell(ref)
    codebook = project.codebook
    wanted = {"conclusion": "dimension", "verdict": "indicator"}.get(kind)
    if not codebook.has(ref) or (wanted and codebook.code(ref).kind != wanted):
        close = ", ".join(codebook.close_matches(ref)) or "—"
        raise QualcodeError(
            t("review.unknown_code", kind=kind_label(kind), ref=ref),
            t("review.close_codes", ids=close),
        )
    return ref


def _cell(ref: str) -> str:
    from qualcode.core.displays import DISPLAYS

    sep = CELL_SEP if CELL_SEP in ref else ":"
    kind, _, rest = ref.partition(sep)
    row, _, column = rest.rpartition(sep)
    if kind not in DISPLAYS or not row or not column:
        raise QualcodeError(
            t("review.bad_cell", ref=ref), t("review.cell_hint", kinds=", ".join(DISPLAYS))
        )
    return cell_key(kind, row, column)


def kind_label(kind: str) -> str:
    """Return the name of a kind of target ("koding", "sel", "kesimpulan"…)."""
    # keys: review.kind_{coding,cell,conclusion,verdict,memo,source,code,project}
    return t(f"review.kind_{kind}")


def state_label(state: str, mark: str = "") -> str:
    """Return a thread's state, with its mark when it has one ("dijawab · perlu revisi")."""
    # keys: review.state_{open,answered,resolved}
    label = t(f"review.state_{state}")
    # keys: review.mark_{approved,needs_revision}
    return f"{label} · {t(f'review.mark_{mark}')}" if mark else label


def who_label(author: str, role: str) -> str:
    """Return a person with their role when known ("Dr. Sari (pembimbing)")."""
    # keys: review.role_{mahasiswa,pembimbing}
    return f"{author} ({t(f'review.role_{role}')})" if role else author


def display_title(kind: str) -> str:
    """Return a display's title ("Matriks Faktor Pendukung dan Penghambat"), else its kind."""
    from qualcode.core.displays import DISPLAYS

    spec = DISPLAYS.get(kind)
    return t(spec.title_key) if spec is not None else kind


def target_label(kind: str, target: str) -> str:
    """Return how a target reads to a person: "koding 3fa2…", "sel matrix D1 × I2"."""
    if kind == "project":
        return t("review.on_project")
    if kind == "cell":
        display, row, column = split_cell(target)
        return t("review.cell_label", display=display_title(display), row=row, column=column)
    return f"{kind_label(kind)} {target}"
