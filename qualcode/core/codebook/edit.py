"""Codebook evolution: add, rename, move, merge and delete codes; codings follow their code.

Each operation reads the project's codebook file, refuses with a specific message when the file
has problems or the request does not fit, edits the YAML round-trip (``codebook.document``), checks
the new text with the codebook loader BEFORE anything is written, then writes the file and
re-points codings (and memos, comments, conclusions, verdicts on the code) in ONE store event —
so undo restores both. A dimension's effort code ``upaya.<id>`` follows the dimension.
"""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.core.codebook.document import NewCode, new_node
from qualcode.core.codebook.model import Code
from qualcode.core.codebook.session import Edit, check_collisions, follow, kinds, open_edit
from qualcode.core.store import codebook_sql as repo
from qualcode.errors import CodebookError
from qualcode.i18n import t


@dataclass(frozen=True, slots=True)
class EditResult:
    """What an edit did: the code, its target, the codings that followed, one line per change."""

    action: str
    code_id: str
    target: str | None = None
    codings: int = 0
    messages: tuple[str, ...] = ()


def _moved_lines(moved: int, target: str, followers: int = 0, twins: int = 0) -> list[str]:
    lines = [t("codebook_edit.codings_moved", n=moved, target=target)] if moved else []
    if followers:
        lines.append(t("codebook_edit.notes_moved", n=followers, target=target))
    if twins:
        lines.append(t("codebook_edit.twins", n=twins, target=target))
    return lines


# -- operations ---------------------------------------------------------------------------------
def add_code(project, code: NewCode, parent: str | None = None) -> EditResult:
    """Add a dimension (with at least one indicator) or an indicator under ``parent``."""
    edit = open_edit(project)
    if parent is not None:
        dimension = edit.code(parent)
        if dimension.kind != "dimension":
            # keys: codebook_edit.kind_{indicator,effort,effort_category}
            raise CodebookError(
                t(
                    "codebook_edit.parent_not_dimension",
                    code=parent,
                    kind=t(f"codebook_edit.kind_{dimension.kind}"),
                ),
                hint=t("codebook_edit.parent_hint", dimension=dimension.parent or parent),
            )
    ids = [code.id, *(child.id for child in code.indicators)]
    for new_id in ids:
        edit.check_new_id(new_id)
    if len(set(ids)) < len(ids):
        raise CodebookError(t("codebook_edit.duplicate_id_in_add", ids=", ".join(ids)))
    for item in (code, *code.indicators):
        if not item.definition.strip():
            raise CodebookError(
                t("codebook_edit.needs_definition", code=item.id),
                hint=t("codebook_edit.needs_definition_hint"),
            )
    edit.check_label(code.label, parent)
    if parent is None and not code.indicators:
        raise CodebookError(
            t("codebook_edit.needs_indicator", code=code.id),
            hint=t("codebook_edit.needs_indicator_hint"),
        )
    if parent is not None and code.indicators:
        raise CodebookError(t("codebook_edit.two_levels", code=code.id))
    edit.doc.append(parent, new_node(code))
    where = (
        t("codebook_edit.under", dimension=parent) if parent else t("codebook_edit.as_dimension")
    )
    description = t("codebook_edit.event_add", code=code.id, where=where)
    edit.commit("codebook.add", description, {})
    lines = [t("codebook_edit.added", code=code.id, label=code.label, where=where)]
    lines += [
        t(
            "codebook_edit.added",
            code=c.id,
            label=c.label,
            where=t("codebook_edit.under", dimension=code.id),
        )
        for c in code.indicators
    ]
    return EditResult("add", code.id, parent, 0, tuple(lines))


def rename_code(
    project, code_id: str, *, new_id: str | None = None, label: str | None = None
) -> EditResult:
    """Change a code's id and/or label; codings (and a dimension's efforts) follow a new id."""
    edit = open_edit(project)
    code = edit.code(code_id)
    new_id = new_id.strip() if new_id else None
    if new_id == code.id:
        new_id = None
    if label is not None and label.strip() == code.label:
        label = None
    if new_id is None and label is None:
        raise CodebookError(
            t("codebook_edit.nothing_to_rename", code=code.id), hint=t("codebook_edit.rename_hint")
        )
    lines: list[str] = []
    mapping: dict[str, str] = {}
    if new_id is not None:
        edit.check_new_id(new_id)
        mapping = follow(edit.codebook, code, new_id)
        new_kinds = {new: code.kind if old == code.id else "effort" for old, new in mapping.items()}
        check_collisions(edit, mapping, new_kinds)
        edit.doc.set_value(code.id, "id", new_id)
        lines.append(t("codebook_edit.renamed_id", old=code.id, new=new_id))
    if label is not None:
        edit.check_label(label, code.parent, exclude=code.id)
        edit.doc.set_value(code.id if new_id is None else new_id, "label", label.strip())
        lines.append(t("codebook_edit.renamed_label", old=code.label, new=label.strip()))
    usage = repo.usage(project.store.conn, mapping)
    description = t("codebook_edit.event_rename", code=code.id, new=new_id or label)
    moved = edit.commit("codebook.rename", description, mapping)
    lines += _moved_lines(moved, new_id or code.id, usage.total - usage.codings)
    return EditResult("rename", new_id or code.id, None, moved, tuple(lines))


def move_code(project, code_id: str, dimension_id: str) -> EditResult:
    """Move an indicator under another dimension; its id, and so its codings, stay the same."""
    edit = open_edit(project)
    code = edit.code(code_id)
    target = edit.code(dimension_id)
    if code.kind != "indicator":
        raise CodebookError(
            t("codebook_edit.move_not_indicator", code=code.id), hint=t("codebook_edit.move_hint")
        )
    if target.kind != "dimension":
        # keys: codebook_edit.kind_{indicator,effort,effort_category}
        raise CodebookError(
            t(
                "codebook_edit.parent_not_dimension",
                code=target.id,
                kind=t(f"codebook_edit.kind_{target.kind}"),
            ),
            hint=t("codebook_edit.parent_hint", dimension=target.parent or target.id),
        )
    if code.parent == target.id:
        raise CodebookError(t("codebook_edit.already_there", code=code.id, dimension=target.id))
    edit.check_not_last(code)
    edit.check_label(code.label, target.id)
    edit.doc.append(target.id, edit.doc.remove(code.id))
    description = t("codebook_edit.event_move", code=code.id, dimension=target.id)
    edit.commit("codebook.move", description, {})
    count = repo.usage(project.store.conn, [code.id]).codings
    lines = [t("codebook_edit.moved", code=code.id, old=code.parent, new=target.id, n=count)]
    return EditResult("move", code.id, target.id, 0, tuple(lines))


def merge_code(project, source_id: str, target_id: str) -> EditResult:
    """Merge code A into B: A's codings become B's, keywords join, A's indicators move, A goes."""
    edit = open_edit(project)
    source = edit.code(source_id)
    target = edit.code(target_id, editable=False)
    _check_target(edit, source, target, "merge")
    edit.check_not_last(source)
    mapping = follow(edit.codebook, source, target.id)
    check_collisions(edit, mapping, kinds(edit.codebook))
    lines: list[str] = []
    if source.kind == "dimension":
        moved_ids = [str(node["id"]) for node in edit.doc.indicator_nodes(source.id)]
        for indicator in moved_ids:
            edit.doc.append(target.id, edit.doc.remove(indicator))
        lines.append(
            t("codebook_edit.indicators_moved", ids=", ".join(moved_ids), dimension=target.id)
        )
    if target.kind in ("dimension", "indicator"):
        added = edit.doc.add_keywords(target.id, source.keywords)
        if added:
            lines.append(
                t("codebook_edit.keywords_added", target=target.id, words=", ".join(added))
            )
    edit.doc.remove(source.id)
    usage = repo.usage(project.store.conn, mapping)
    twins = repo.same_place(project.store.conn, source.id, target.id)
    description = t("codebook_edit.event_merge", code=source.id, target=target.id, n=usage.codings)
    project.store.backup("before-merge")
    moved = edit.commit("codebook.merge", description, mapping)
    lines = [*_moved_lines(moved, target.id, usage.total - usage.codings, twins), *lines]
    lines.append(t("codebook_edit.removed", code=source.id))
    return EditResult("merge", source.id, target.id, moved, tuple(lines))


def delete_code(project, code_id: str, *, into: str | None = None) -> EditResult:
    """Delete a code; one that codings (or memos...) refer to needs ``into`` to take them over."""
    edit = open_edit(project)
    code = edit.code(code_id)
    if code.kind == "dimension":
        raise CodebookError(
            t(
                "codebook_edit.delete_dimension",
                code=code.id,
                n=len(edit.codebook.children(code.id)),
            ),
            hint=t("codebook_edit.delete_dimension_hint", code=code.id),
        )
    mapping: dict[str, str] = {}
    target: Code | None = None
    if into is not None:
        target = edit.code(into, editable=False)
        _check_target(edit, code, target, "delete")
        mapping = follow(edit.codebook, code, target.id)
        check_collisions(edit, mapping, kinds(edit.codebook))
    else:
        usage = repo.usage(project.store.conn, [code.id])
        if usage.total:
            raise CodebookError(
                t(
                    "codebook_edit.delete_in_use",
                    code=code.id,
                    codings=usage.codings,
                    other=usage.total - usage.codings,
                ),
                hint=t("codebook_edit.delete_in_use_hint", code=code.id),
            )
    edit.check_not_last(code)
    edit.doc.remove(code.id)
    usage = repo.usage(project.store.conn, mapping)
    twins = repo.same_place(project.store.conn, code.id, target.id) if target else 0
    description = t("codebook_edit.event_delete", code=code.id)
    project.store.backup("before-delete")
    moved = edit.commit("codebook.delete", description, mapping)
    lines = _moved_lines(moved, target.id, usage.total - usage.codings, twins) if target else []
    lines.append(t("codebook_edit.removed", code=code.id))
    return EditResult("delete", code.id, target.id if target else None, moved, tuple(lines))


def _check_target(edit: Edit, source: Code, target: Code, verb: str) -> None:
    """Refuse merging a code into itself, into the efforts category, or across levels."""
    if target.id == source.id:
        # keys: codebook_edit.verb_{merge,delete}
        raise CodebookError(
            t("codebook_edit.merge_self", code=source.id, verb=t(f"codebook_edit.verb_{verb}"))
        )
    if target.kind == "effort_category":
        raise CodebookError(
            t("codebook_edit.into_category", code=target.id),
            hint=t("codebook_edit.into_category_hint"),
        )
    if source.kind == "dimension" and target.kind != "dimension":
        key = "merge_into_own" if target.parent == source.id else "merge_dimension_kind"
        # keys: codebook_edit.{merge_into_own,merge_dimension_kind}
        raise CodebookError(
            t(f"codebook_edit.{key}", code=source.id, target=target.id),
            hint=t("codebook_edit.merge_dimension_hint"),
        )


def orphan_counts(project, counts: dict[str, int] | None = None) -> dict[str, int]:
    """Return codings per code id that the project's codebook does not define (e.g. hand edits)."""
    counts = repo.coding_counts(project.store) if counts is None else counts
    return {code: n for code, n in sorted(counts.items()) if not project.codebook.has(code)}


def coding_counts(project) -> tuple[dict[str, int], dict[str, int]]:
    """Return (codings, flagged codings) per code id, for showing the codebook with its use."""
    return repo.coding_counts(project.store), repo.flagged_counts(project.store)
