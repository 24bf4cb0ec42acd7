"""Informant operations: set the attributes that displays group and filter by."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qualcode.core.records import CATEGORIES, GROUPS, Informant
from qualcode.core.store import memos as memo_repo
from qualcode.core.store import sources as repo
from qualcode.errors import QualcodeError
from qualcode.i18n import t

CODE_PATTERN = re.compile(r"^[A-Za-z]{1,3}[-_.]?\d{1,5}$")

# Words of a role that tell its group, for informants whose transcript names a role but no group
# (the student's own setting always wins: import only fills an empty group). Residents are
# checked first: "pegawai swasta", "kepala keluarga" and "ketua RT" are masyarakat, not aparatur.
_RESIDENT_WORDS = (
    "pegawai swasta",
    "karyawan swasta",
    "kepala keluarga",
    "kepala rumah tangga",
    "irt",
    "wirausaha",
    "pengusaha",
    "umkm",
    "siswa",
    "dosen",
    "peternak",
    "pengemudi",
    "tukang",
    "penjahit",
    "warga",
    "masyarakat",
    "penduduk",
    "pemohon",
    "pengguna layanan",
    "ketua rt",
    "ketua rw",
    "tokoh",
    "petani",
    "pedagang",
    "mahasiswa",
    "pelajar",
    "ibu rumah tangga",
    "wiraswasta",
    "swasta",
    "buruh",
    "nelayan",
    "ojek",
    "sopir",
    "karyawan",
    "pensiunan",
    "guru",
)
_STAFF_WORDS = (
    "camat",
    "sekcam",
    "sekretaris",
    "kasi",
    "kepala seksi",
    "kasubag",
    "kepala sub",
    "kepala",
    "staf",
    "staff",
    "pegawai",
    "petugas",
    "operator",
    "pns",
    "asn",
    "honorer",
    "pelaksana",
    "lurah",
    "kades",
    "perangkat desa",
    "aparatur",
    "pejabat",
    "bupati",
    "dinas",
)


def infer_group(role: str | None) -> str:
    """Guess aparatur / masyarakat from a role such as "Kepala Seksi Pelayanan" or "Warga
    (pedagang pasar)"; "" when the role says neither (the student sets it)."""
    words = f" {re.sub(r'[^a-z ]+', ' ', (role or '').lower())} "
    for group, markers in (("masyarakat", _RESIDENT_WORDS), ("aparatur", _STAFF_WORDS)):
        if any(f" {marker} " in words for marker in markers):
            return group
    return ""


def set_attributes(
    project,
    ref: str,
    *,
    code: str | None = None,
    pseudonym: str | None = None,
    role: str | None = None,
    group: str | None = None,
    category: str | None = None,
    attributes: dict[str, str] | None = None,
) -> Informant:
    """Change an informant's code, pseudonym, role, group, category or attributes (undoable)."""
    store = project.store
    informant = _informant(store, ref)
    if group is not None and group not in GROUPS:
        raise QualcodeError(t("informants.bad_group", value=group, choices=", ".join(GROUPS)))
    if category is not None and category not in CATEGORIES:
        raise QualcodeError(
            t("informants.bad_category", value=category, choices=", ".join(CATEGORIES))
        )
    changes: dict[str, object] = {}
    if code is not None and code != informant.code:
        code = code.strip().upper()
        if not CODE_PATTERN.match(code):
            raise QualcodeError(t("informants.bad_code", value=code))
        other = code_owner(project, informant.code, code)
        if other is not None:
            raise QualcodeError(
                t("informants.code_taken", code=code),
                t("informants.code_taken_hint", old=informant.code, code=other.code),
            )
        changes["code"] = code
    for column, value in (
        ("pseudonym", pseudonym),
        ("role", role),
        ("grp", group),
        ("category", category),
    ):
        if value is not None:
            changes[column] = value.strip()
    if attributes:
        merged = {**informant.attributes}
        for key, value in attributes.items():
            if value == "":
                merged.pop(key, None)
            else:
                merged[key] = value
        changes["attributes"] = merged
    if changes:
        with store.transaction(
            "informant.set", t("informants.event_set", code=informant.code)
        ) as tx:
            repo.update_informant(tx, informant.id, changes)
            if "code" in changes:  # memos name their informant by code: they follow it
                _retarget_memos(tx, store, informant.code, str(changes["code"]))
    result = repo.informant_by_id(store, informant.id)
    assert result is not None
    return result


def code_owner(project, ref: str, code: str) -> Informant | None:
    """The other informant that already has ``code`` (codes compare without case), if any."""
    other = repo.informant_by_code(project.store, code.strip())
    if other is None or other.code.upper() == ref.strip().upper():
        return None
    return other


def _retarget_memos(tx, store, old: str, new: str) -> int:
    """Point the memos written on informant ``old`` at ``new`` (tracked); return how many."""
    memos = memo_repo.list_memos(store, "informant", old)
    for memo in memos:
        memo_repo.update_memo(tx, memo.id, {"target": new})
    return len(memos)


_FIELDS = (("pseudonym", "pseudonym"), ("role", "role"), ("grp", "group"), ("category", "category"))


def field_label(name: str) -> str:
    """How the user reads an informant field ("Peran" for role); a free attribute as written."""
    if name in {field for _column, field in _FIELDS}:
        # keys: informants.field_{pseudonym,role,group,category}
        return t(f"informants.field_{name}")
    return name


@dataclass(frozen=True, slots=True)
class InformantMerge:
    """What merging one informant code into another did, for the student to read."""

    merged: str
    into: Informant
    sources: tuple[str, ...]
    memos: int
    filled: tuple[str, ...]
    kept: tuple[tuple[str, str, str], ...]
    """(field, the kept value of ``into``, the dropped value of ``merged``) where they differed."""
    backup: str | None


def merge_informants(project, ref: str, into: str) -> InformantMerge:
    """Say that informant ``ref`` is the same person as ``into`` (e.g. I01 and I1).

    ``ref``'s sources and memos move to ``into`` and ``ref`` is removed. ``into`` keeps every
    attribute it has; an empty one takes ``ref``'s value, and values that differ are reported,
    never silently overwritten. Sources are not in the undo log, so a backup is taken first and
    the change is a barrier: ``qualcode backup restore`` brings the two informants back.
    """
    store = project.store
    merged, target = _informant(store, ref), _informant(store, into)
    if merged.id == target.id:
        raise QualcodeError(t("informants.merge_self", code=merged.code))
    changes: dict[str, object] = {}
    filled: list[str] = []
    kept: list[tuple[str, str, str]] = []
    for column, name in _FIELDS:
        mine, theirs = getattr(target, name) or "", getattr(merged, name) or ""
        if theirs and not mine:
            changes[column] = theirs
            filled.append(name)
        elif theirs and theirs != mine:
            kept.append((name, mine, theirs))
    attributes = dict(target.attributes)
    for key, value in merged.attributes.items():
        if key not in attributes:
            attributes[key] = value
            filled.append(key)
        elif attributes[key] != value:
            kept.append((key, attributes[key], value))
    if attributes != target.attributes:
        changes["attributes"] = attributes
    sources = repo.sources_of(store, merged.id)
    backup = store.backup("before-informant-merge")
    description = t("informants.event_merge", code=merged.code, into=target.code)
    with store.transaction("informant.merge", description, kind="barrier") as tx:
        for source in sources:
            repo.set_source_informant(tx, source.id, target.id)
        memos = _retarget_memos(tx, store, merged.code, target.code)
        if changes:
            repo.update_informant(tx, target.id, changes)
        repo.delete_informant(tx, merged.id)
    result = repo.informant_by_id(store, target.id)
    assert result is not None
    return InformantMerge(
        merged=merged.code,
        into=result,
        sources=tuple(s.name for s in sources),
        memos=memos,
        filled=tuple(filled),
        kept=tuple(kept),
        backup=backup.id if backup is not None else None,
    )


def remove_informant(project, ref: str) -> Informant:
    """Remove an informant no source belongs to (undoable); one with sources or memos is kept
    and the error says to merge it instead."""
    store = project.store
    informant = _informant(store, ref)
    sources = repo.sources_of(store, informant.id)
    memos = memo_repo.list_memos(store, "informant", informant.code)
    if sources or memos:
        raise QualcodeError(
            t(
                "informants.remove_in_use",
                code=informant.code,
                sources=len(sources),
                memos=len(memos),
            ),
            t("informants.remove_in_use_hint", code=informant.code),
        )
    description = t("informants.event_remove", code=informant.code)
    with store.transaction("informant.remove", description) as tx:
        repo.delete_informant(tx, informant.id)
    return informant


def _informant(store, ref: str) -> Informant:
    informant = repo.informant_by_code(store, ref)
    if informant is None:
        known = ", ".join(i.code for i in repo.informants(store)) or "—"
        raise QualcodeError(t("informants.unknown", code=ref), t("informants.known", codes=known))
    return informant
