"""Identity written as free text before the first turn, the way students head a transcript.

    Informan 3 — Ibu Ani (45 th), pedagang pasar, Desa Sukamaju
    Wawancara dengan Pak Budi (R07), Kepala Seksi Pelayanan
    Narasumber IK-1: Drs. Sutrisno, Camat

Each becomes `key: value` pairs for the metadata (code, name, age, role, place), never a turn.
The pieces after the name are read in order: a piece naming a place (Desa, Kelurahan, Dusun,
Kecamatan, Kabupaten, Kota, Jl., RT) is the place, the first other piece the role or occupation,
any further piece a note. The speaker legend (`Keterangan: P = peneliti, I = informan`) maps
labels to interviewer or informant.
"""

from __future__ import annotations

import re

from qualcode.core.ingest.meta import informant_code

_INFORMANT_LINE_RE = re.compile(
    r"(?:informan(?:t)?|narasumber|responden)\s+(?P<code>[A-Za-z]{0,3}[-_.]?\d{1,5})"
    r"\s*(?:[—–:|]|-{1,2})\s*(?P<rest>.+)",
    re.IGNORECASE,
)
_INTERVIEW_LINE_RE = re.compile(
    r"(?:transkrip\s+)?wawancara\s+(?:dengan|bersama)\s+(?P<rest>.+)", re.IGNORECASE
)
_AGE_RE = re.compile(r"\(\s*(\d{1,3})\s*(?:th|thn|tahun)\.?\s*\)", re.IGNORECASE)
_PAREN_RE = re.compile(r"\(\s*([^()]*?)\s*\)")
_PLACE_WORDS = frozenset(
    "desa kelurahan dusun kampung kecamatan kabupaten kota jl jl. jalan rt rw pasar".split()
)
_LEGEND_RE = re.compile(r"(?P<label>[A-Za-z][\w.-]{0,20})\s*=\s*(?P<who>[^,;]+)")
_INTERVIEWER_WORDS = frozenset("peneliti pewawancara penanya interviewer researcher".split())


def identity_pairs(text: str) -> list[tuple[str, str]]:
    """The `key: value` pairs a free-text identity line holds ([] when it is not one)."""
    line = " ".join(text.strip().strip("*_#").split())
    match = _INFORMANT_LINE_RE.fullmatch(line)
    if match is not None:
        code = informant_code(match.group("code"))
        if code is None:
            return []
        return [("Kode informan", code), *_who(match.group("rest"))]
    match = _INTERVIEW_LINE_RE.fullmatch(line)
    if match is not None:
        return _who(match.group("rest"))
    return []


def _who(rest: str) -> list[tuple[str, str]]:
    """Name (with a code or an age in brackets), then role and place, comma-separated."""
    pieces = [p.strip() for p in rest.split(",") if p.strip()]
    if not pieces:
        return []
    pairs: list[tuple[str, str]] = []
    name = pieces[0]
    age = _AGE_RE.search(name)
    if age is not None:
        pairs.append(("Umur", f"{age.group(1)} tahun"))
        name = name[: age.start()] + name[age.end() :]
    for inner in _PAREN_RE.findall(name):
        code = informant_code(inner)
        if code is not None:
            pairs.append(("Kode informan", code))
    name = " ".join(_PAREN_RE.sub(" ", name).split())
    if name:
        pairs.append(("Nama", name))
    role_taken = False
    for piece in pieces[1:]:
        first = piece.split()[0].lower().rstrip(".")
        if first in _PLACE_WORDS or f"{first}." in _PLACE_WORDS:
            pairs.append(("Tempat", piece))
        elif not role_taken:
            pairs.append(("Pekerjaan", piece))
            role_taken = True
        else:
            pairs.append(("Keterangan", piece))
    return pairs


def speaker_legend(value: str) -> dict[str, str]:
    """Labels a legend defines: "P = peneliti, I = informan" → {P: interviewer, I: informant}."""
    roles: dict[str, str] = {}
    for match in _LEGEND_RE.finditer(value):
        who = match.group("who").strip().lower().split()
        first = who[0] if who else ""
        roles[match.group("label")] = "interviewer" if first in _INTERVIEWER_WORDS else "informant"
    return roles
