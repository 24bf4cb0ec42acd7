"""Codebooks: the shipped files, the model's queries, and every validation problem with its line.

Messages are checked in English (the module's default here, set by ``english``) and, where a test
asks for ``indonesian``, in Indonesian, the interface's default language.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

from qualcode.core.codebook.model import (
    EFFORT_CATEGORY_ID,
    EFFORT_KEYWORDS,
    Code,
    Codebook,
    UnknownCodeError,
    check_codebook,
    effort_id,
    load_codebook,
    parse_codebook,
)
from qualcode.errors import CodebookError, CodingError, QualcodeError
from qualcode.i18n import get_language, set_language

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "codebooks"
FIXTURES = Path(__file__).parent / "fixtures" / "codebooks"
PROBLEM_FIXTURES = sorted(p.name for p in FIXTURES.glob("*.yaml") if p.name != "valid-minimal.yaml")
EXPECT = re.compile(r"#\s*expect(?:-(?P<lang>id))?:\s*(?P<text>.*?)\s*(?=#\s*expect|$)")


def expectations(path: Path, lang: str = "en") -> list[tuple[int, str]]:
    """Read the `# expect: a ;; b` (English) or `# expect-id: ...` (Indonesian) markers.

    Each names a problem expected on the marker's own line.
    """
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for match in EXPECT.finditer(line):
            if (match.group("lang") or "en") == lang:
                found += [(number, part.strip()) for part in match.group("text").split(";;")]
    return found


def split_problem(problem: str) -> tuple[str, int, str]:
    filename, line, message = problem.split(":", 2)
    return filename, int(line), message.strip()


@pytest.fixture(autouse=True)
def english():
    """Messages in English unless a test asks for Indonesian; the language is restored after."""
    before = get_language()
    set_language("en")
    yield
    set_language(before)


@pytest.fixture
def indonesian(english):
    set_language("id")


@pytest.fixture(scope="module")
def kepmenpan() -> Codebook:
    return load_codebook(SHIPPED / "kepmenpan-63-2003.yaml")


@pytest.fixture(scope="module")
def minimal() -> Codebook:
    return load_codebook(FIXTURES / "valid-minimal.yaml")


# -- the shipped codebooks -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "dimensions", "indicators"),
    [("kepmenpan-63-2003.yaml", 6, 20), ("servqual.yaml", 5, 25), ("edward-iii.yaml", 4, 11)],
)
def test_shipped_codebooks_load_with_known_counts(filename, dimensions, indicators):
    path = SHIPPED / filename
    assert check_codebook(path) == []
    codebook = load_codebook(path)
    assert codebook.id == filename.removesuffix(".yaml")
    assert codebook.path == path
    assert len(codebook.dimensions) == dimensions
    assert len(codebook.indicators()) == indicators
    assert len(codebook.efforts()) == dimensions
    assert [e.addresses for e in codebook.efforts()] == [d.id for d in codebook.dimensions]
    assert len(codebook.all_codes()) == dimensions + indicators + 1 + dimensions


@pytest.mark.parametrize("filename", ["kepmenpan-63-2003.yaml", "servqual.yaml", "edward-iii.yaml"])
def test_shipped_codebooks_are_complete_for_students(filename):
    codebook = load_codebook(SHIPPED / filename)
    assert codebook.reference and codebook.title_en
    for code in codebook.dimensions + codebook.indicators():
        assert code.label_en, code.id
        assert code.definition and code.example, code.id
        assert code.id.startswith(code.parent or code.id), "indicator ids carry their dimension"
    for indicator in codebook.indicators():
        assert 8 <= len(indicator.keywords) <= 20, indicator.id


def test_kepmenpan_dimensions_and_domain_keywords(kepmenpan):
    assert [d.id for d in kepmenpan.dimensions] == [
        "prosedur",
        "waktu",
        "biaya",
        "produk",
        "sarana",
        "kompetensi",
    ]
    keywords = {code.id: set(code.keywords) for code in kepmenpan.indicators()}
    assert {"komputernya", "komputr", "printernya macet", "SIAK", "genset"} <= keywords[
        "sarana-peralatan"
    ]
    assert {"persyratan", "fotokopi KK", "surat pengantar", "disuruh pulang"} <= keywords[
        "prosedur-persyaratan"
    ]
    assert {"antri", "antre", "nomor antrean"} <= keywords["sarana-antrean"]
    assert {"judes", "nggak ramah"} <= keywords["kompetensi-sikap"]
    assert {"uang rokok", "biaya map"} <= keywords["biaya-pungli"]
    assert {"dinas luar", "tanda tangan camat", "bolak-balik"} <= keywords["waktu-kepastian"]


def test_servqual_has_the_25_indicators_in_order():
    servqual = load_codebook(SHIPPED / "servqual.yaml")
    per_dimension = {d.id: len(servqual.indicators(d.id)) for d in servqual.dimensions}
    assert per_dimension == {
        "tangibles": 6,
        "reliability": 4,
        "responsiveness": 6,
        "assurance": 4,
        "empathy": 5,
    }
    assert servqual.code("empathy-ramah").label == "Petugas melayani dengan sikap ramah"
    assert "Zeithaml" in servqual.reference and "1990" in servqual.reference


def test_edward_iii_factors_and_own_verdicts():
    edward = load_codebook(SHIPPED / "edward-iii.yaml")
    assert [d.id for d in edward.dimensions] == [
        "komunikasi",
        "sumber-daya",
        "disposisi",
        "struktur-birokrasi",
    ]
    assert [i.id for i in edward.indicators("sumber-daya")] == [
        "sumber-daya-staf",
        "sumber-daya-informasi",
        "sumber-daya-kewenangan",
        "sumber-daya-fasilitas",
    ]
    assert edward.verdict_scale[0] == "berjalan baik"


def test_readme_example_is_a_valid_codebook():
    readme = (SHIPPED / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", readme, re.DOTALL)
    assert example is not None
    codebook = parse_codebook(example.group(1), "README.md")
    assert codebook.has("prosedur-persyaratan") and codebook.has("upaya.prosedur")


# -- the model --------------------------------------------------------------------------------


def test_all_codes_order_kinds_parents_and_lines(minimal):
    rows = [(c.id, c.kind, c.parent, c.addresses, c.line) for c in minimal.all_codes()]
    assert rows == [
        ("prosedur", "dimension", None, None, 7),
        ("prosedur-persyaratan", "indicator", "prosedur", None, 12),
        ("prosedur-alur", "indicator", "prosedur", None, 18),
        ("waktu", "dimension", None, None, 21),
        ("waktu-kecepatan", "indicator", "waktu", None, 25),
        ("upaya", "effort_category", None, None, 0),
        ("upaya.prosedur", "effort", "upaya", "prosedur", 0),
        ("upaya.waktu", "effort", "upaya", "waktu", 0),
    ]


def test_defaults_and_metadata(minimal):
    assert minimal.language == "id"
    assert minimal.verdict_scale == ("baik", "cukup baik", "kurang baik")
    assert minimal.indicator_verdicts == ("berkualitas", "belum berkualitas")
    assert minimal.title_en is None and minimal.description is None


def test_keywords_are_tidied_and_deduplicated(minimal):
    assert minimal.code("prosedur-persyaratan").keywords == ("syarat", "persyratan", "fotokopi KK")
    assert minimal.code("prosedur-alur").keywords == ()
    assert minimal.code("prosedur-alur").example == ""


def test_codes_and_codebooks_are_immutable(minimal):
    with pytest.raises(dataclasses.FrozenInstanceError):
        minimal.code("prosedur").label = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        minimal.title = "x"  # type: ignore[misc]
    assert hash(minimal.code("prosedur")) == hash(minimal.code("prosedur"))
    assert isinstance(minimal.all_codes(), tuple)


def test_synthesized_efforts(minimal):
    effort = minimal.code("upaya.waktu")
    assert effort.id == effort_id("waktu")
    assert effort.label == "Upaya — Waktu Penyelesaian"
    assert effort.display_label("en") == "Efforts — Waktu Penyelesaian"
    assert minimal.code("upaya.prosedur").label_en == "Efforts — Service procedure"
    assert "Waktu Penyelesaian" in effort.definition
    category = minimal.code(EFFORT_CATEGORY_ID)
    assert (category.label, category.label_en) == ("Upaya", "Efforts")
    assert minimal.children("upaya") == minimal.efforts()
    # Built-in effort words, then the codebook's own, without repeating 'upaya'.
    assert effort.keywords[: len(EFFORT_KEYWORDS)] == EFFORT_KEYWORDS
    assert effort.keywords[len(EFFORT_KEYWORDS) :] == ("pelimpahan wewenang",)
    assert {"mengusulkan", "bimtek", "pengadaan", "sosialisasi"} <= set(EFFORT_KEYWORDS)


def test_display_label(minimal):
    code = minimal.code("prosedur-persyaratan")
    assert code.display_label() == "Kejelasan persyaratan"
    assert code.display_label("en") == "Clarity of requirements"
    assert minimal.code("prosedur-alur").display_label("en") == "Kejelasan alur"


def test_path_label(kepmenpan):
    assert (
        kepmenpan.path_label("prosedur-persyaratan") == "Prosedur Pelayanan › Kejelasan persyaratan"
    )
    assert kepmenpan.path_label("prosedur") == "Prosedur Pelayanan"
    assert kepmenpan.path_label("upaya") == "Upaya"
    assert kepmenpan.path_label("upaya.sarana") == "Upaya › Sarana dan Prasarana"
    assert kepmenpan.path_label("upaya.sarana", "en") == "Efforts › Facilities and infrastructure"
    assert (
        kepmenpan.path_label("prosedur-persyaratan", lang="en")
        == "Service procedure › Clarity of requirements"
    )


def test_dimension_of(kepmenpan):
    assert kepmenpan.dimension_of("prosedur").id == "prosedur"
    assert kepmenpan.dimension_of("sarana-peralatan").id == "sarana"
    assert kepmenpan.dimension_of("upaya.waktu").id == "waktu"
    with pytest.raises(CodingError, match="efforts category"):
        kepmenpan.dimension_of("upaya")


def test_children_indicators_and_has(minimal):
    assert [c.id for c in minimal.children("prosedur")] == ["prosedur-persyaratan", "prosedur-alur"]
    assert minimal.children("prosedur-alur") == ()
    assert minimal.children("upaya.prosedur") == ()
    assert [c.id for c in minimal.indicators()] == [
        "prosedur-persyaratan",
        "prosedur-alur",
        "waktu-kecepatan",
    ]
    assert [c.id for c in minimal.indicators("waktu")] == ["waktu-kecepatan"]
    with pytest.raises(CodingError, match="is an indicator, not a dimension"):
        minimal.indicators("prosedur-alur")
    assert minimal.has("upaya.waktu") and minimal.has("waktu")
    assert not minimal.has("Waktu") and not minimal.has("biaya")


def test_unknown_code_suggests_close_matches(kepmenpan):
    with pytest.raises(UnknownCodeError) as caught:
        kepmenpan.code("prosedr")
    error = caught.value
    assert isinstance(error, KeyError) and isinstance(error, CodingError)
    assert error.code_id == "prosedr"
    assert error.suggestions[0] == "prosedur"
    assert str(error).startswith("unknown code 'prosedr' (did you mean: prosedur")
    assert kepmenpan.close_matches("persyaratan")[0] == "prosedur-persyaratan"
    assert kepmenpan.close_matches("upaya.sarna")[0] == "upaya.sarana"
    with pytest.raises(KeyError):
        kepmenpan.children("nothing-like-this-at-all")
    with pytest.raises(UnknownCodeError, match=r"^unknown code 'zzzz'$"):
        kepmenpan.dimension_of("zzzz")


def test_constructing_a_codebook_directly_synthesizes_efforts():
    def code(code_id: str, kind: str, parent: str | None = None) -> Code:
        return Code(code_id, code_id.title(), None, "d", (), "", kind, parent, None, 0)  # type: ignore[arg-type]

    codebook = Codebook(
        id="x",
        title="X",
        reference="R",
        defined_codes=(code("a", "dimension"), code("a-1", "indicator", "a")),
    )
    assert [c.id for c in codebook.all_codes()] == ["a", "a-1", "upaya", "upaya.a"]
    shuffled = Codebook(
        "x",
        "X",
        "R",
        (code("a", "dimension"), code("b", "dimension"), code("a-1", "indicator", "a")),
    )
    assert [c.id for c in shuffled.all_codes()] == ["a", "a-1", "b", "upaya", "upaya.a", "upaya.b"]
    with pytest.raises(ValueError, match="twice"):
        Codebook("x", "X", "R", (code("a", "dimension"), code("a", "dimension")))
    with pytest.raises(ValueError, match="names no dimension"):
        Codebook("x", "X", "R", (code("a-1", "indicator", "a"),))


# -- validation: every problem, with its file and line -----------------------------------------


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("fixture", PROBLEM_FIXTURES)
def test_each_problem_names_the_file_and_line(fixture, lang):
    """Each fixture marks the lines it expects problems on with `# expect: <message part>`."""
    set_language(lang)
    path = FIXTURES / fixture
    expected = expectations(path, lang)
    assert expected, f"{fixture} has no # expect markers for {lang}"
    problems = check_codebook(path)
    parsed = [split_problem(problem) for problem in problems]
    assert all(filename == str(path) for filename, _, _ in parsed), problems
    assert len(problems) == len(expected), "\n".join(problems)
    unmatched = [
        (line, text)
        for line, text in expected
        if not any(at == line and text in message for _, at, message in parsed)
    ]
    assert unmatched == [], "\n".join(problems)
    assert [line for _, line, _ in parsed] == sorted(line for _, line, _ in parsed)


def test_many_problems_raise_one_error_listing_all():
    path = FIXTURES / "many-problems.yaml"
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    error = caught.value
    assert isinstance(error, QualcodeError)
    assert error.exit_code == 4
    assert len(error.problems) == 8
    assert error.message.startswith(f"{path} has 8 problems\n")
    assert error.problems[0] == f"{path}:2: the codebook is missing required key 'reference'"
    assert f"{path}:4: unknown key 'referense' in the codebook (did you mean 'reference'?)" in (
        error.problems
    )
    assert "README.md" in (error.hint or "")
    assert "Traceback" not in str(error)


def test_parse_codebook_uses_the_given_filename():
    with pytest.raises(CodebookError) as caught:
        parse_codebook("id: x\ntitle: T\nreference: R\ndimensions: []\n", "codebooks/x.yaml")
    assert caught.value.problems == [
        "codebooks/x.yaml:4: the codebook has no dimensions; list at least one"
    ]
    assert caught.value.message.startswith("codebooks/x.yaml has 1 problem\n")


def test_empty_file_and_bom(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_bytes(b"")
    assert check_codebook(empty) == [
        f"{empty}:1: the file is empty; a codebook needs id, title, reference and dimensions"
    ]
    with_bom = tmp_path / "bom.yaml"
    text = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    with_bom.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert load_codebook(str(with_bom)).code("waktu-kecepatan").line == 25


def test_unreadable_files(tmp_path):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"id: x\ntitle: Caf\xe9\n")
    assert check_codebook(latin) == [f"{latin}:2: the file is not UTF-8 text (byte 0xe9)"]
    missing = tmp_path / "missing.yaml"
    with pytest.raises(CodebookError, match="codebook not found"):
        load_codebook(missing)
    assert check_codebook(missing) == [f"{missing}: codebook not found: {missing}"]


def test_control_character_is_a_syntax_problem():
    with pytest.raises(CodebookError) as caught:
        parse_codebook("id: x\ntitle: a\x07b\n", "c.yaml")
    assert caught.value.problems == ["c.yaml:2: YAML syntax error: character #x0007 is not allowed"]


# -- in Indonesian, the interface's default ----------------------------------------------------


def test_indonesian_summary_problems_and_hint(indonesian):
    path = FIXTURES / "many-problems.yaml"
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    error = caught.value
    assert len(error.problems) == 8
    assert error.message.startswith(f"Codebook {path} memiliki 8 masalah:\n")
    assert error.problems[0] == f"{path}:2: kunci wajib 'reference' belum ada di codebook"
    assert (
        f"{path}:13: kunci 'keyword' di indikator 'prosedur-persyaratan' tidak dikenal "
        "(maksud Anda: 'keywords'?)"
    ) in error.problems
    assert error.hint == (
        "Perbaiki setiap baris yang disebut; format codebook dijelaskan di codebooks/README.md."
    )


def test_indonesian_one_problem(indonesian):
    with pytest.raises(CodebookError) as caught:
        parse_codebook("id: x\ntitle: T\nreference: R\ndimensions: []\n", "codebooks/x.yaml")
    assert caught.value.problems == [
        "codebooks/x.yaml:4: codebook belum punya dimensi; cantumkan minimal satu"
    ]
    assert caught.value.message.startswith("Codebook codebooks/x.yaml memiliki 1 masalah:\n")


def test_indonesian_unreadable_files(indonesian, tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_bytes(b"")
    assert check_codebook(empty) == [
        f"{empty}:1: berkas ini kosong; codebook membutuhkan kunci id, title, reference, "
        "dan dimensions"
    ]
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"id: x\ntitle: Caf\xe9\n")
    with pytest.raises(CodebookError) as caught:
        load_codebook(latin)
    assert caught.value.problems == [f"{latin}:2: berkas ini bukan teks UTF-8 (byte 0xe9)"]
    assert "Simpan berkas sebagai UTF-8" in (caught.value.hint or "")
    missing = tmp_path / "missing.yaml"
    with pytest.raises(CodebookError) as caught:
        load_codebook(missing)
    assert caught.value.message == f"codebook tidak ditemukan: {missing}"
    assert "folder codebooks/" in (caught.value.hint or "")


def test_indonesian_yaml_syntax_problem(indonesian):
    with pytest.raises(CodebookError) as caught:
        parse_codebook('id: x\ntitle: "Judul\nreference: R\n', "c.yaml")
    assert caught.value.problems == [
        "c.yaml:4: kesalahan sintaks YAML: tanda kutip yang dibuka di baris 2 tidak pernah ditutup"
    ]
    with pytest.raises(CodebookError) as caught:
        parse_codebook("id: x\ntitle: a\x07b\n", "c.yaml")
    assert caught.value.problems == [
        "c.yaml:2: kesalahan sintaks YAML: karakter #x0007 tidak diperbolehkan (karakter kontrol "
        "yang tidak terlihat); hapus karakter itu dari baris ini"
    ]


def test_indonesian_unknown_code_keeps_its_attributes(indonesian, kepmenpan):
    with pytest.raises(UnknownCodeError) as caught:
        kepmenpan.code("prosedr")
    error = caught.value
    assert isinstance(error, KeyError) and isinstance(error, CodingError)
    assert (error.code_id, error.suggestions[0]) == ("prosedr", "prosedur")
    assert str(error).startswith("kode 'prosedr' tidak dikenal (maksud Anda: prosedur")
    with pytest.raises(UnknownCodeError, match=r"^kode 'zzzz' tidak dikenal$"):
        kepmenpan.dimension_of("zzzz")


def test_indonesian_misused_codes(indonesian, kepmenpan):
    with pytest.raises(CodingError) as caught:
        kepmenpan.indicators("sarana-peralatan")
    assert caught.value.message == "'sarana-peralatan' adalah indikator, bukan dimensi"
    assert caught.value.hint == (
        "Pilih salah satu dimensi: prosedur, waktu, biaya, produk, sarana, kompetensi"
    )
    with pytest.raises(CodingError, match="adalah kode upaya, bukan dimensi"):
        kepmenpan.indicators("upaya.waktu")
    with pytest.raises(CodingError) as caught:
        kepmenpan.dimension_of("upaya")
    assert caught.value.message == (
        "'upaya' adalah kategori upaya dan tidak termasuk dimensi mana pun"
    )
    assert "upaya.<id-dimensi>" in (caught.value.hint or "")


def test_english_misused_codes(kepmenpan):
    with pytest.raises(CodingError, match="^'upaya' is the efforts category, not a dimension"):
        kepmenpan.indicators("upaya")
    with pytest.raises(CodingError, match="is an effort, not a dimension"):
        kepmenpan.indicators("upaya.biaya")


def test_the_catalogue_is_complete():
    """Every key the loader uses exists, in both languages, with the same placeholders."""
    import yaml

    catalogue = ROOT / "qualcode" / "i18n" / "catalog" / "codebook.yaml"
    entries = yaml.safe_load(catalogue.read_text(encoding="utf-8"))
    placeholders = re.compile(r"(?<!\{)\{(\w+)\}")
    for key, entry in entries.items():
        assert set(entry) == {"id", "en"} and all(entry.values()), key
        assert set(placeholders.findall(entry["id"])) == set(placeholders.findall(entry["en"])), key
    sources = ["codebook/model.py", "codebook/schema.py", "codebook/format.py"]
    used = set()
    for name in sources:
        text = (ROOT / "qualcode" / "core" / name).read_text(encoding="utf-8")
        used |= set(re.findall(r'"codebook\.(\w+)"', text))
        for prefix in re.findall(r'f"codebook\.(\w+)\{', text):
            assert any(key.startswith(prefix) for key in entries), prefix
    assert used and used <= set(entries), used - set(entries)


# -- layering -------------------------------------------------------------------------------


def test_import_stays_light():
    code = (
        "import sys, qualcode.core.codebook.model\n"
        "heavy = [m for m in ('spacy', 'textual', 'rich', 'ruamel') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == ""
