"""Source metadata: key names, informant codes, dates and techniques as students write them."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from qualcode.core.ingest.model import SourceMeta
from qualcode.core.records import TECHNIQUES
from qualcode.i18n import t

FIELDS = ("informant", "name", "role", "group", "category", "technique", "date", "title")

# Normalised key (lower case, single spaces, no trailing colon) -> SourceMeta field.
_FIELD_BY_KEY = {
    "informant": "informant",
    "informan": "informant",
    "kode informan": "informant",
    "kode": "informant",
    "kode narasumber": "informant",
    "no. informan": "informant",
    "nomor informan": "informant",
    "id informan": "informant",
    "narasumber": "informant",
    "responden": "informant",
    "kode responden": "informant",
    "name": "name",
    "nama": "name",
    "nama informan": "name",
    "nama narasumber": "name",
    "nama responden": "name",
    "nama lengkap": "name",
    "role": "role",
    "jabatan": "role",
    "pekerjaan": "role",
    "peran": "role",
    "profesi": "role",
    "group": "group",
    "kelompok": "group",
    "kelompok informan": "group",
    "category": "category",
    "kategori": "category",
    "kategori informan": "category",
    "jenis informan": "category",
    "technique": "technique",
    "teknik": "technique",
    "teknik pengumpulan data": "technique",
    "date": "date",
    "tanggal": "date",
    "tanggal wawancara": "date",
    "tanggal observasi": "date",
    "hari/tanggal": "date",
    "hari, tanggal": "date",
    "hari tanggal": "date",
    "tgl": "date",
    "tgl. wawancara": "date",
    "waktu wawancara": "date",
    "title": "title",
    "judul": "title",
}
# Keys that identify a code explicitly; a non-code value under them deserves a warning.
_CODE_KEYS = frozenset(
    {
        "informant",
        "kode informan",
        "kode",
        "kode narasumber",
        "id informan",
        "no. informan",
        "nomor informan",
    }
)
# Identity rows that have no SourceMeta field but mark a table or header block as identity data.
_EXTRA_KEYS = frozenset(
    {
        "jenis kelamin",
        "umur",
        "usia",
        "tempat",
        "lokasi",
        "tempat wawancara",
        "alamat",
        "pendidikan",
        "pendidikan terakhir",
        "instansi",
        "unit kerja",
        "waktu",
        "pukul",
        "jam",
        "hari",
        "durasi",
        "lama wawancara",
        "masa kerja",
        "status",
        "agama",
        "suku",
        "pewawancara",
        "peneliti",
        "interviewer",
        "lama bekerja",
        "keterangan",
        "ket",
        "legenda",
        "kode pembicara",
        "desa",
        "kelurahan",
        "asal",
        "tempat tinggal",
        "domisili",
        "lokasi wawancara",
    }
)

# "Informan 8", "informan-08", "Inf. 4", "Narasumber 2": the word spelled out, code I<number>.
_WORD_CODE_RE = re.compile(
    r"(?:informan(?:t)?|narasumber|responden|inf)[\s._\-#]*(?P<num>\d{1,5})(?!\d)", re.IGNORECASE
)
# "I01", "I100", "P01", "R-12", "IK-1": kept as written (letters upper-cased).
_CODE_RE = re.compile(r"(?P<prefix>[A-Za-z]{1,3})(?P<sep>[-_.]?)(?P<num>\d{1,5})(?!\d)")
# Category by code prefix (IK-1 / IU-2 / IP-3): informan kunci, utama, pendukung.
_CATEGORY_PREFIXES = {"IK": "kunci", "IU": "utama", "IP": "pendukung"}
# A code in a file name ("I01_camat", "W_P07", "ik-1 pak lurah"): only the schemes students
# use for informants, standing alone between separators, so "RT03" or "SOP2" is not a code.
_FILE_CODE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?P<prefix>I[KUP]|[IPR])(?P<sep>[-_.]?)(?P<num>\d{1,5})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# "Transkrip Wawancara Informan 8": the word spelled out, as in a header line.
_FILE_WORD_RE = re.compile(r"(?<![A-Za-z0-9])" + _WORD_CODE_RE.pattern, re.IGNORECASE)

_MONTHS = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "feb": 2,
    "pebruari": 2,
    "february": 2,
    "maret": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
    "december": 12,
}
_ISO_DATE_RE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DMY_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_TEXT_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})(?!\d)")
_MDY_TEXT_DATE_RE = re.compile(r"\b([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)")

_TECHNIQUE_WORDS = {
    "wawancara": "wawancara",
    "interview": "wawancara",
    "wawancara mendalam": "wawancara",
    "observasi": "observasi",
    "observation": "observasi",
    "pengamatan": "observasi",
    "dokumentasi": "dokumentasi",
    "documentation": "dokumentasi",
    "dokumen": "dokumentasi",
    "studi dokumentasi": "dokumentasi",
    "document": "dokumentasi",
}


def normalise_key(key: str) -> str:
    """Lower-case a metadata key and drop markup, extra spaces and a trailing colon."""
    key = key.replace("*", "").replace("_", " ").strip().rstrip(":").strip().lower()
    return " ".join(key.split())


def is_identity_key(key: str) -> bool:
    """True when a key belongs in an identity table or header block (Nama, Umur, Tanggal...);
    a compound key such as "Nama/Jabatan" or "Waktu/Tempat" when each of its parts does."""
    norm = normalise_key(key)
    if norm in _FIELD_BY_KEY or norm in _EXTRA_KEYS:
        return True
    parts = [part.strip() for part in norm.split("/")]
    return len(parts) > 1 and all(p in _FIELD_BY_KEY or p in _EXTRA_KEYS for p in parts)


def informant_code(value: str) -> str | None:
    """The informant code a value names, kept as written: "I01" stays I01, "I100", "P01",
    "R-12", "IK-1"; "Informan 8" and a bare "8" are I8; None when the value is not a code."""
    value = value.strip()
    if value.isdigit():
        return f"I{value}" if int(value) and len(value) <= 5 else None
    match = _WORD_CODE_RE.match(value) or _CODE_RE.match(value)
    if match is None or not int(match.group("num")):
        return None
    rest = value[match.end() :].lstrip()
    if rest and rest[0].isalnum():
        return None
    if "prefix" not in match.groupdict():
        return f"I{match.group('num')}"
    return match.group("prefix").upper() + match.group("sep") + match.group("num")


def category_of_code(code: str | None) -> str | None:
    """The category an informant code's prefix tells: IK-1 kunci, IU-2 utama, IP-3 pendukung."""
    match = _CODE_RE.fullmatch(code or "")
    return _CATEGORY_PREFIXES.get(match.group("prefix").upper()) if match else None


def informant_from_filename(stem: str) -> str | None:
    """The informant code a file name states, kept as written like a header's code: "I01_camat"
    is I01, "I1_camat" is I1, "R-12 warga" is R-12, "Transkrip Wawancara Informan 8" is I8."""
    for pattern in (_FILE_WORD_RE, _FILE_CODE_RE):
        for match in pattern.finditer(stem):
            if int(match.group("num")):
                return informant_code(match.group(0))
    return None


def technique_from_filename(stem: str) -> str | None:
    """ "observasi" or "dokumentasi" when the file name says so, else None."""
    lowered = stem.lower()
    for word in ("observasi", "observation", "dokumentasi", "documentation"):
        if word in lowered:
            return _TECHNIQUE_WORDS[word]
    return None


def technique_of(value: str) -> str | None:
    """Map "Wawancara", "observation", "Studi dokumentasi" to a technique; None if unknown."""
    norm = " ".join(value.lower().split())
    if norm in TECHNIQUES:
        return norm
    return _TECHNIQUE_WORDS.get(norm)


def parse_date(value: str) -> str | None:
    """ISO yyyy-mm-dd from "2026-03-12", "12/03/2026", "Kamis, 12 Maret 2026"; else None."""
    for pattern, order in ((_ISO_DATE_RE, "ymd"), (_DMY_DATE_RE, "dmy")):
        match = pattern.search(value)
        if match is not None:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            iso = _iso(parts["y"], parts["m"], parts["d"])
            if iso is not None:
                return iso
    match = _TEXT_DATE_RE.search(value)
    if match is not None and match.group(2).lower() in _MONTHS:
        iso = _iso(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
        if iso is not None:
            return iso
    match = _MDY_TEXT_DATE_RE.search(value)
    if match is not None and match.group(1).lower() in _MONTHS:
        return _iso(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@dataclass(slots=True)
class MetaLayer:
    """Metadata from one place (front matter, identity table, header lines), first value wins."""

    fields: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(self, key: str, value: str) -> None:
        """Record one `key: value` pair, mapping known keys to fields and the rest to extra."""
        key, value = key.strip().strip("*").strip(), " ".join(value.split())
        if not key or not value:
            return
        norm = normalise_key(key)
        name = _FIELD_BY_KEY.get(norm)
        if name is None and "/" in key:
            keys, values = key.split("/"), re.split(r"\s*/\s*", value)
            if len(keys) > 1 and len(keys) == len(values):  # "Nama/Jabatan: Budi / Kasi"
                for part, part_value in zip(keys, values, strict=True):
                    self.add(part, part_value)
                return
        if name == "informant":
            code = informant_code(value)
            if code is None:
                if norm in _CODE_KEYS:
                    self.warnings.append(
                        t("ingest_errors.warn_not_informant_code", field=key, value=value)
                    )
                name = "name"
            else:
                value = code
        elif name == "date":
            iso = parse_date(value)
            if iso is None:
                name = None
            else:
                value = iso
        elif name == "technique":
            technique = technique_of(value)
            if technique is None:
                self.warnings.append(
                    t(
                        "ingest_errors.warn_unknown_technique",
                        value=value,
                        choices=", ".join(TECHNIQUES),
                    )
                )
                name = None
            else:
                value = technique
        elif name in ("group", "category"):
            value = value.lower()
            if name == "category" and value.startswith("informan "):
                value = value.removeprefix("informan ")  # "Informan Kunci" -> "kunci"
        if name is not None and name not in self.fields:
            self.fields[name] = value
        elif key not in self.extra:
            self.extra[key] = value

    def add_all(self, pairs: Iterable[tuple[str, str]]) -> MetaLayer:
        """Record every pair and return self."""
        for key, value in pairs:
            self.add(key, value)
        return self


def resolve_meta(
    layers: Iterable[MetaLayer],
    *,
    default_technique: str = "wawancara",
    fallback_title: str | None = None,
) -> SourceMeta:
    """Merge layers in order of authority: the first layer that names a field wins."""
    chosen: dict[str, str] = {}
    extra: dict[str, str] = {}
    for layer in layers:
        for name, value in layer.fields.items():
            chosen.setdefault(name, value)
        for key, value in layer.extra.items():
            extra.setdefault(key, value)
    if "category" not in chosen and (category := category_of_code(chosen.get("informant"))):
        chosen["category"] = category
    return SourceMeta(
        informant=chosen.get("informant"),
        name=chosen.get("name"),
        role=chosen.get("role"),
        group=chosen.get("group"),
        category=chosen.get("category"),
        technique=chosen.get("technique", default_technique),
        date=chosen.get("date"),
        title=chosen.get("title", fallback_title),
        extra=extra,
    )
