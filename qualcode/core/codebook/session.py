"""A codebook edit in progress: the file as read, its checks, and the one-event commit.

``open_edit`` refuses a codebook file that has problems; ``Edit`` checks ids and labels against
it and, once ``codebook.edit`` has changed the YAML, validates the new text with the codebook
loader before writing the file and re-pointing codings in a single store transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qualcode.core.codebook.document import CodebookDocument
from qualcode.core.codebook.format import ID_PATTERN, RESERVED_IDS, slugify
from qualcode.core.codebook.model import Code, Codebook, effort_id, parse_codebook
from qualcode.core.limits import MAX_CODEBOOK_BYTES, check_size
from qualcode.core.store import codebook_sql as repo
from qualcode.errors import CodebookError
from qualcode.i18n import t


@dataclass(slots=True)
class Edit:
    """One edit in progress: the file as read, its codebook, and its editable YAML."""

    project: object
    path: Path
    name: str
    codebook: Codebook
    doc: CodebookDocument

    def code(self, code_id: str, *, editable: bool = True) -> Code:
        """Return a code of the file, or refuse naming close ids (efforts are built in)."""
        code_id = str(code_id).strip()
        if not self.codebook.has(code_id):
            close = self.codebook.close_matches(code_id) if code_id else ()
            hint = t("codebook_edit.did_you_mean", ids=", ".join(close)) if close else None
            raise CodebookError(
                t("codebook_edit.unknown_code", code=code_id, path=self.name),
                hint=hint or t("codebook_edit.list_hint"),
            )
        code = self.codebook.code(code_id)
        if editable and code.kind in ("effort", "effort_category"):
            raise CodebookError(
                t("codebook_edit.builtin", code=code_id), hint=t("codebook_edit.builtin_hint")
            )
        return code

    def check_new_id(self, new_id: str) -> None:
        """Refuse an id that is badly formed, reserved or already used."""
        if "." in new_id or not ID_PATTERN.match(new_id) or new_id in RESERVED_IDS:
            suggestion = slugify(new_id.replace(".", "-"))
            hint = t("codebook_edit.id_hint", suggestion=suggestion) if suggestion else None
            key = "reserved_id" if new_id in RESERVED_IDS else "bad_id"
            # keys: codebook_edit.{reserved_id,bad_id}
            raise CodebookError(t(f"codebook_edit.{key}", id=new_id), hint=hint)
        if self.codebook.has(new_id):
            other = self.codebook.code(new_id)
            raise CodebookError(
                t("codebook_edit.duplicate_id", id=new_id, label=other.label, path=self.name),
                hint=t("codebook_edit.duplicate_id_hint"),
            )

    def check_label(self, label: str, parent: str | None, exclude: str | None = None) -> None:
        """Refuse an empty label, or one a sibling has (displays could not tell them apart)."""
        if not label.strip():
            raise CodebookError(t("codebook_edit.empty_label"))
        siblings = self.codebook.dimensions if parent is None else self.codebook.children(parent)
        for other in siblings:
            if other.id != exclude and other.label.casefold() == label.strip().casefold():
                raise CodebookError(
                    t("codebook_edit.duplicate_label", label=label, other=other.id),
                    hint=t("codebook_edit.duplicate_label_hint"),
                )

    def check_not_last(self, code: Code) -> None:
        """Refuse to leave a dimension without indicators (the format needs at least one)."""
        if code.kind == "indicator" and len(self.codebook.children(code.parent or "")) == 1:
            raise CodebookError(
                t("codebook_edit.last_indicator", code=code.id, dimension=code.parent),
                hint=t("codebook_edit.last_indicator_hint", dimension=code.parent),
            )

    def commit(self, action: str, description: str, mapping: dict[str, str]) -> int:
        """Validate the new text, then write it and re-point codings as one event."""
        text = self.doc.dump()
        try:
            parse_codebook(text, self.name)
        except CodebookError as error:
            raise CodebookError(
                t("codebook_edit.would_be_invalid", path=self.name),
                error.problems or [error.message],
                hint=t("codebook_edit.would_be_invalid_hint"),
            ) from None
        project = self.project
        with project.store.transaction(action, description) as tx:  # type: ignore[attr-defined]
            tx.write_file(self.path, text)
            moved = repo.repoint(tx, mapping)
        project.reload_codebook()  # type: ignore[attr-defined]
        return moved


def open_edit(project) -> Edit:
    """Read the project's codebook; refuse to edit a file that has problems."""
    path = project.codebook_path
    name = project.paths.relative(path)
    check_size(path, MAX_CODEBOOK_BYTES)  # then parse_codebook refuses aliases and deep nesting
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise CodebookError(
            t("codebook_edit.missing", path=name), hint=t("codebook_edit.missing_hint")
        ) from None
    except UnicodeDecodeError:
        text = None
    try:
        if text is None:
            raise CodebookError(t("codebook_edit.not_utf8", path=name))
        codebook = parse_codebook(text, name)
    except CodebookError as error:
        raise CodebookError(
            t("codebook_edit.invalid_file", path=name),
            error.problems or [error.message],
            hint=t("codebook_edit.invalid_file_hint", path=name),
        ) from None
    return Edit(project, path, name, codebook, CodebookDocument(text))


def follow(codebook: Codebook, old: Code, new_id: str) -> dict[str, str]:
    """The ids that move when ``old`` becomes ``new_id``: the code, and a dimension's efforts."""
    mapping = {old.id: new_id}
    if old.kind == "dimension":
        target = new_id if not codebook.has(new_id) else codebook.dimension_of(new_id).id
        mapping[effort_id(old.id)] = effort_id(target)
    return mapping


def check_collisions(edit: Edit, mapping: dict[str, str], kinds: dict[str, str]) -> None:
    """Refuse when a conclusion or indicator verdict would be lost or would collide."""
    conn = edit.project.store.conn  # type: ignore[attr-defined]
    for old, new in mapping.items():
        if repo.has_conclusion(conn, old) and (
            kinds.get(new, "dimension") != "dimension" or repo.has_conclusion(conn, new)
        ):
            raise CodebookError(
                t("codebook_edit.conclusion_conflict", code=old, target=new),
                hint=t("codebook_edit.conflict_hint"),
            )
        if repo.has_verdict(conn, old) and (
            kinds.get(new, "indicator") != "indicator" or repo.has_verdict(conn, new)
        ):
            raise CodebookError(
                t("codebook_edit.verdict_conflict", code=old, target=new),
                hint=t("codebook_edit.conflict_hint"),
            )


def kinds(codebook: Codebook) -> dict[str, str]:
    return {code.id: code.kind for code in codebook.all_codes()}
