"""Informant operations: set the attributes that displays group and filter by."""

from __future__ import annotations

import re

from qualcode.core.records import CATEGORIES, GROUPS, Informant
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
    informant = repo.informant_by_code(store, ref)
    if informant is None:
        known = ", ".join(i.code for i in repo.informants(store)) or "—"
        raise QualcodeError(t("informants.unknown", code=ref), t("informants.known", codes=known))
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
        other = repo.informant_by_code(store, code)
        if other is not None and other.id != informant.id:
            raise QualcodeError(t("informants.code_taken", code=code))
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
    result = repo.informant_by_id(store, informant.id)
    assert result is not None
    return result
