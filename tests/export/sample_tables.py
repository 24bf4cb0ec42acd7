"""Hand-made tables shaped like the real displays (demo study facts), for the writers' tests."""

from __future__ import annotations

from qualcode.core.table import Cell, Column, Row, Table

DIMENSIONS = (
    ("prosedur", "Prosedur Pelayanan"),
    ("waktu", "Waktu Penyelesaian"),
    ("biaya", "Biaya Pelayanan"),
    ("produk", "Produk Pelayanan"),
    ("sarana", "Sarana dan Prasarana"),
    ("kompetensi", "Kompetensi Petugas"),
)

INFORMANTS = (
    ("I1", "Camat", "Aparatur"),
    ("I2", "Sekretaris Camat", "Aparatur"),
    ("I3", "Kasi Pelayanan Umum", "Aparatur"),
    ("I4", "Petugas Loket 1", "Aparatur"),
    ("I5", "Petugas Loket 2", "Aparatur"),
    ("I6", "Petugas Loket 3", "Aparatur"),
    ("I7", "Warga, pedagang", "Masyarakat"),
    ("I8", "Warga, petani", "Masyarakat"),
    ("I9", "Warga, mahasiswa", "Masyarakat"),
    ("I10", "Warga, ojek", "Masyarakat"),
    ("I11", "Ketua RT 03", "Masyarakat"),
    ("I12", "Ibu rumah tangga", "Masyarakat"),
    ("I13", "Warga, buruh", "Masyarakat"),
)

SUMMARIES = {
    "prosedur": (
        "Alur pelayanan sudah jelas dan dipasang di banner depan loket; petugas menjelaskan ulang.",
        "Persyaratan membingungkan; pernah disuruh pulang karena fotokopi KK dan pengantar "
        "desa kurang.",
    ),
    "waktu": (
        "Surat keterangan biasa selesai di hari yang sama sesuai SOP.",
        "Rekomendasi menunggu tanda tangan camat yang dinas luar, 3–5 hari, harus bolak-balik "
        "2–3 kali.",
    ),
    "biaya": (
        "Tidak dipungut biaya; banner 'Tidak dipungut biaya' terpasang di loket.",
        "Pernah memberi 'uang rokok' kepada tenaga honorer secara sukarela.",
    ),
    "produk": (
        "Dokumen umumnya benar dan bisa langsung dipakai.",
        "Ada salah ketik nama/NIK sehingga harus revisi dan datang lagi; blanko kadang habis.",
    ),
    "sarana": (
        "Ruang tunggu tersedia dengan kursi dan kipas angin.",
        "Hanya 3 dari 5 komputer berfungsi, printer sering macet, jaringan SIAK lambat, "
        "tanpa genset.",
    ),
    "kompetensi": (
        "Petugas ramah dan sopan dalam melayani warga.",
        "Honorer belum pernah ikut bimtek; loket sering baru buka sekitar pukul 08.30.",
    ),
}


def informant_matrix() -> Table:
    """13 informants × 6 dimensions with long summaries, grouped Aparatur / Masyarakat."""
    columns = (Column("informant", "Informan"),) + tuple(
        Column(k, label) for k, label in DIMENSIONS
    )
    rows = []
    cid = 0
    for n, (code, role, group) in enumerate(INFORMANTS):
        cells = [Cell(f"{code} ({role})")]
        for d, _label in DIMENSIONS:
            good, bad = SUMMARIES[d]
            lines = [good] if (n + len(d)) % 3 else [good, bad]
            if group == "Masyarakat" and d in ("sarana", "prosedur"):
                lines = [bad]
            ids = tuple(range(cid + 1, cid + 1 + len(lines)))
            cid += len(lines)
            cells.append(Cell("\n".join(f"• {line}" for line in lines), codings=ids))
        rows.append(Row(code, tuple(cells), group))
    return Table(
        kind="informant-dimension",
        title="Matriks Informan × Dimensi Kualitas Pelayanan PATEN di Kecamatan Sukamaju",
        columns=columns,
        rows=tuple(rows),
        notes=("Keterangan: • = ringkasan pernyataan informan (hasil kondensasi data).",),
        landscape=True,
    )


def factor_matrix() -> Table:
    """Dimension × pendukung / penghambat statements with informant codes."""
    columns = (
        Column("dimension", "Dimensi"),
        Column("pendukung", "Faktor Pendukung"),
        Column("penghambat", "Faktor Penghambat"),
    )
    statements = {
        "prosedur": (
            "Alur pelayanan jelas dan dipasang di banner (I1, I3, I4)",
            "Persyaratan beda antara desa dan kecamatan (I7, I8, I11)",
        ),
        "waktu": (
            "Surat keterangan selesai hari itu juga (I4, I9, I12)",
            "Menunggu tanda tangan camat yang dinas luar (I3, I7, I10, I13)",
        ),
        "biaya": (
            "Pelayanan gratis sesuai ketentuan (I1, I2, I7, I8, I9)",
            "Ada 'uang rokok' kepada honorer (I10); kabar 'biaya map' Rp 10.000 (I12)",
        ),
        "produk": (
            "Dokumen benar dan dapat dipakai (I3, I9)",
            "Salah ketik nama/NIK (I8, I11); blanko habis (I5)",
        ),
        "sarana": (
            "Ruang tunggu dan kipas tersedia (I2)",
            "Komputer hanya 3 unit berfungsi (I2, I5, I9)\nPrinter sering macet (I4, I6)\n"
            "Listrik padam tanpa genset (I1, I10)",
        ),
        "kompetensi": (
            "Petugas ramah dan sopan (I7, I9, I12)",
            "Honorer belum ikut bimtek (I5, I6); loket buka 08.30 (I9, I11)",
        ),
    }
    rows = []
    for n, (d, label) in enumerate(DIMENSIONS):
        good, bad = statements[d]
        rows.append(
            Row(
                d,
                (
                    Cell(label, style="strong"),
                    Cell(good, codings=(100 + n,), style="pendukung"),
                    Cell(bad, codings=(200 + n, 300 + n), style="penghambat"),
                ),
            )
        )
    return Table(
        kind="factors",
        title="Matriks Faktor Pendukung dan Penghambat Kualitas Pelayanan PATEN",
        columns=columns,
        rows=tuple(rows),
    )


def indicator_checklist() -> Table:
    """Indicators with counts and a verdict, ending with the tally as a note."""
    columns = (
        Column("no", "No", numeric=True),
        Column("indicator", "Indikator"),
        Column("pendukung", "Pendukung", group="Jumlah Bukti", numeric=True),
        Column("penghambat", "Penghambat", group="Jumlah Bukti", numeric=True),
        Column("verdict", "Penilaian"),
    )
    indicators = (
        ("Prosedur Pelayanan", "Kejelasan persyaratan", 2, 6),
        ("Prosedur Pelayanan", "Kejelasan alur pelayanan", 7, 1),
        ("Waktu Penyelesaian", "Ketepatan waktu sesuai SOP", 5, 4),
        ("Biaya Pelayanan", "Kewajaran dan keterbukaan biaya", 9, 2),
        ("Sarana dan Prasarana", "Kelengkapan peralatan kerja", 1, 9),
        ("Sarana dan Prasarana", "Kenyamanan ruang tunggu", 2, 5),
        ("Kompetensi Petugas", "Keramahan dan kesopanan", 8, 1),
    )
    rows = []
    good = 0
    for n, (dim, label, p, h) in enumerate(indicators, start=1):
        ok = p > h
        good += ok
        verdict = "berkualitas" if ok else "belum berkualitas"
        rows.append(
            Row(
                f"ind{n}",
                (
                    Cell(str(n), value=n),
                    Cell(label),
                    Cell(str(p), value=p),
                    Cell(str(h), value=h),
                    Cell(verdict, style="verdict-good" if ok else "verdict-bad"),
                ),
                group=dim,
            )
        )
    return Table(
        kind="indicators",
        title="Daftar Periksa Indikator Kualitas Pelayanan",
        columns=columns,
        rows=tuple(rows),
        notes=(f"{good} dari {len(indicators)} indikator berkualitas",),
    )


def all_samples() -> list[Table]:
    """The three sample displays, in the order a chapter IV shows them."""
    return [informant_matrix(), factor_matrix(), indicator_checklist()]
