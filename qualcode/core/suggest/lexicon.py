"""The Indonesian cue lexicon: the words polarity, negation and keyword weighting rest on.

Plain data, written in normalised forms (see ``NORMALISE``); ``polarity.py`` applies it. Each
cue carries its weight as said and its weight when negated ("ramah" +1 / "nggak ramah" -1,
"dipungut" -1 / "tidak dipungut" +1, "ada" 0 / "belum ada" -1).
"""

from __future__ import annotations

from dataclasses import dataclass

# Spoken and SMS spellings mapped to one form before any matching ("nggak ramah" = "tidak ramah").
NORMALISE: dict[str, str] = {
    **dict.fromkeys(
        (
            "nggak",
            "ngga",
            "gak",
            "ga",
            "enggak",
            "engga",
            "tak",
            "tdk",
            "ndak",
            "nda",
            "gk",
            "kagak",
        ),
        "tidak",
    ),
    "udah": "sudah",
    "dah": "sudah",
    "sdh": "sudah",
    "blm": "belum",
    "aja": "saja",
    "cepet": "cepat",
    "bener": "benar",
    "rame": "ramai",
    "kalo": "kalau",
    "tetep": "tetap",
    "ngerti": "mengerti",
    "tpi": "tapi",
    "tp": "tapi",
    "krn": "karena",
    "yg": "yang",
    "dgn": "dengan",
}

# Function words that the lemma table or the affix stripper would turn into other words
# ("sebelum" → "belum", "tetapi" → "tetap", "selama" → "lama"): they keep their own form.
NO_STEM = frozenset(
    """
    sekali bersama setelah sebelum sesudah semoga tersebut terutama terakhir kemana sebenarnya
    terlalu seharusnya berarti tetapi misalnya biasanya katanya sebagai terhadap selama sebentar
    selalu sekarang semua seperti sendiri kemudian kemarin ketika apalagi sementara sehingga
    terus memang padahal bahkan sedangkan selain setiap seolah sedikit sekitar terserah
    """.split()
)

NEGATORS: dict[str, float] = {
    # negator: its own weight when no cue follows it in the window
    "tidak": 0.0,
    "bukan": 0.0,
    "tanpa": 0.0,
    "belum": -0.5,
    "kurang": -1.0,
}
NEGATION_WINDOW = 3

# Words a negation passes through on its way to a cue; some carry a weight of their own when the
# negation finds no cue ("belum ada genset", "tidak bisa dilayani", "nggak perlu antre").
TRANSPARENT: dict[str, float | None] = {
    "ada": -1.0,
    "punya": -1.0,
    "bisa": -1.0,
    "dapat": -1.0,
    "pernah": -0.5,
    "perlu": 0.5,
    "usah": 0.5,
    "harus": 0.0,
    "terlalu": None,
    "begitu": None,
    "sangat": None,
    "juga": None,
    "lagi": None,
    "yang": None,
    "sih": None,
    "kok": None,
    "pula": None,
    "selalu": None,
    "mau": None,
    "sampai": None,
    "dikasih": None,
    "diminta": None,
    "dimintai": None,
    "di": None,
    "ke": None,
}

# Markers after which the clause counts double (the speaker's point comes after "tapi").
CONTRAST = frozenset({"tapi", "tetapi", "tapinya", "namun", "sayangnya", "hanya saja", "cuma saja"})
# Markers that open the clause only when they stand first in it ("…, cuma printernya macet").
CONTRAST_OPENING = frozenset({"cuma", "hanya", "sayang"})
# Concessive clauses count half ("walaupun antre, petugasnya ramah").
CONCESSIVE = frozenset({"walaupun", "meskipun", "walau", "meski", "biarpun", "sekalipun"})
# Conditional clauses describe what happens if…, not what is: they count half too.
CONDITIONAL = frozenset({"kalau", "jika", "apabila", "bila", "seandainya", "andaikan"})
# Words that limit a following availability cue ("kipas cuma satu yang hidup").
LIMITERS = frozenset({"cuma", "hanya", "tinggal"})
# "baru" limits only a count after a good thing ("yang menguasai baru dua orang").
COUNT_LIMITERS = LIMITERS | {"baru"}
# Expressions that look like cues but are not ("habis itu" = after that, "terima kasih").
NOT_CUES = frozenset(
    {
        "habis itu",
        "habis ini",
        "habis gitu",
        "habis zuhur",
        "habis dzuhur",
        "habis makan",
        "habis istirahat",
        "habis jumatan",
        "cerita jujur",
        "bilang jujur",
        "jujur saja",
        "jujur ya",
        "terima kasih",
        "sama-sama",
        "baik itu",
        "lama-lama",
        "lama kelamaan",
        "kurang lebih",
        "tidak apa-apa",
        "tidak masalah kalau",
        "bukan cuma",
        "bukan hanya",
        "tidak cuma",
        "tidak hanya",
        "benar-benar",
    }
)
# Words that open a clause as a discourse marker, not as a cue ("Jujur, lumayan berat.").
DISCOURSE = frozenset({"jujur"})
# Degree words that only grade the cue right after them ("lumayan berat" is heavy, not fine).
DEGREE = frozenset({"lumayan"})
# A purpose clause states a goal, not how things are ("siapin sepuluh ribu, biar cepet"): its
# cues count half.
PURPOSE = frozenset({"biar", "supaya", "agar"})
# Cues that, standing alone at the head of a sentence ("Baik, Mbak."), only acknowledge.
INTERJECTIONS = frozenset({"baik", "oke", "ok", "bagus", "siap", "benar", "betul", "iya", "ya"})


@dataclass(frozen=True, slots=True)
class Cue:
    """A polarity cue: its weight as said, and its weight when negated."""

    value: float
    negated: float
    availability: bool = False


def _cues(
    words: str, value: float, negated: float | None = None, availability: bool = False
) -> dict[str, Cue]:
    cue = Cue(value, -value if negated is None else negated, availability)
    return {w.strip().replace("_", " "): cue for w in words.split() if w.strip()}


POSITIVE: dict[str, Cue] = {
    **_cues(
        """cepat sigap tanggap ramah sopan santun sabar senyum murah_senyum jelas mudah_dipahami
        mudah gampang simpel sederhana praktis gratis murah terjangkau nyaman adem sejuk bersih
        luas rapi tertib lengkap memadai sesuai sesuai_standar tepat tepat_waktu baik bagus mantap
        lancar membantu dibantu terbantu puas senang enak aman transparan terbuka terampil
        profesional disiplin teliti cekatan tertata beres langsung_jadi langsung_selesai
        hari_itu_juga berfungsi
        dipermudah memudahkan mempermudah membaik meningkat dilayani_dengan_baik mahir jago sah
        melayani_dengan_baik tersedia_lengkap sudah_jadi udah_jadi sudah_benar terpenuhi""",
        1.0,
    ),
    **_cues(
        """paham menguasai mengerti benar selesai sebentar merata tersedia jujur oke diterima
        sinkron untung untungnya stabil""",
        0.5,
    ),
    **_cues("cukup ketemu", 0.0, -0.5),
    **_cues("hidup nyala menyala muter berfungsi", 0.5, availability=True),
    **_cues("lumayan", 0.3, 0.0),
}

NEGATIVE: dict[str, Cue] = {
    **_cues(
        """lama lambat lamban lelet rusak macet mati padam mati_lampu error eror hang lemot putus
        panas gerah pengap sempit sesak berdesakan kotor bau bocor judes jutek ketus galak cuek
        kasar marah membentak telat terlambat molor tertunda numpuk menumpuk bolak-balik bolak_balik
        ribet rumit berbelit berbelit-belit repot dipersulit sulit susah dioper muter-muter bingung
        kendala masalah hambatan terhambat keluhan mengeluh kecewa kesal capek lelah stres kasihan
        rugi terpaksa terbatas minim keliru ditolak nyerobot diserobot kosong habis disuruh_pulang
        disuruh_balik antre_panjang antrean_panjang antrian_panjang parah gaptek pungli
        pungutan_liar pungutan dipungut memungut pungut calo pelicin uang_pelicin uang_rokok
        minta_uang uang_lelah mahal salah_ketik salah_input gangguan biaya_map uang_map mepet
        nyangkut dikunci tertahan berhenti kepanasan kelamaan kesulitan kerepotan persoalan
        persoalannya kurangnya komplain kesalahan bermasalah dipulangin dipulangkan kecewa kesel
        rebutan sesalkan disesalkan menyesal tersendat kelemahan""",
        -1.0,
    ),
    **_cues(
        """salah balik_lagi datang_lagi berdiri panjang berat berhari-hari khawatir takut sepi
        gelap jauh amplop seikhlasnya numpang kecil manual risiko tergantung kelewat belum_lagi
        naik_turun""",
        -0.5,
    ),
    **_cues("bayar membayar dibayar", -0.5, 1.0),
    **_cues("biaya biayanya uang ongkos", 0.0, 1.0),
}

CUES: dict[str, Cue] = {**POSITIVE, **NEGATIVE}

# A wish or a suggestion says the present falls short ("Harapan saya…", "kalau bisa…",
# "sebaiknya…", "jangan dikunci"): the sentence counts against, whatever it praises.
WISHES = frozenset(
    {
        "harapan",
        "harapannya",
        "berharap",
        "kalau bisa",
        "sebaiknya",
        "seharusnya",
        "semestinya",
        "mestinya",
        "harusnya",
        "mbok",
        "tolong",
        "mohon",
        "jangan",
        "saran saya",
        "usul saya",
        "coba kalau",
        "andai",
        "andaikan",
        "kalau saja",
        "maunya",
        "pengennya",
        "inginnya",
        "perlu lebih",
    }
)
# A hope that goes with an effort under way ("sudah diusulkan, semoga cair") is not a wish.
# So do "it would be better" comparisons ("kalau mesinnya dipasang kan lebih tertib").
HOPES = frozenset(
    {
        "semoga",
        "mudah-mudahan",
        "moga-moga",
        "kan lebih",
        "pasti lebih",
        "minimal",
        "lebih baik kalau",
    }
)
# Questions that ask for problems or wishes: a cue-less answer to them counts against
# ("Kendala apa…?" — "Wah, banyak, Mbak."); questions that ask what works count for.
PROBLEM_QUESTIONS = frozenset(
    {
        "kendala",
        "kendalanya",
        "masalah",
        "masalahnya",
        "hambatan",
        "hambatannya",
        "keluhan",
        "keluhannya",
        "kekurangan",
        "kekurangannya",
        "kurang",
        "dikeluhkan",
        "mengeluh",
        "kesulitan",
        "susahnya",
        "sulitnya",
        "repotnya",
        "paling terasa",
    }
)
# Questions that ask for wishes: every sentence of the answer is a wish.
WISH_QUESTIONS = frozenset(
    {
        "harapan",
        "harapannya",
        "saran",
        "sarannya",
        "usulan",
        "usul",
        "masukan",
        "masukannya",
        "berharap",
        "ke depan",
        "sebaiknya",
        "diperbaiki",
        "perbaikan",
        "dibenahi",
        "ditingkatkan",
    }
)
PRAISE_QUESTIONS = frozenset({"kelebihan", "kelebihannya", "bagusnya", "positif", "puas"})

# Greetings, consent, thanks and forms of address: a sentence made only of these ("Siang, Mbak
# Nadia.", "Boleh, silakan.") speaks of no dimension, whatever the question was.
PHATIC = frozenset(
    """selamat pagi siang sore malam terima kasih makasih sama-sama boleh silakan silahkan bersedia
    iya ya ok oke baik siap halo assalamualaikum waalaikumsalam permisi mbak mas pak bu bapak ibu
    kak dik dek bang nak sukses semoga penelitiannya lancar amin aamiin hehe haha hmm wah nah
    apa-apa direkam rekam tidak saja kok sih dong deh ini itu""".split()
)

# Back-channel and fillers: a sentence made only of these ("Iya.", "Oh gitu.", "Hmm, betul.")
# acknowledges what was said; it is evidence for nothing.
BACKCHANNEL = frozenset(
    """oh o gitu begitu gini hmm hm em eh he'em heem lho loh kan toh tuh betul benar sip nggih
    inggih yah iyo yoi ah oalah lah sudah cukup""".split()
)

# "cuma tiga", "sampai tiga kali": a count after a limiter or "sampai" tells of too few or too many.
NUMBERS = frozenset(
    """satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas belasan puluhan
    seratus ratusan satu-dua dua-tiga""".split()
)
TIME_UNITS = frozenset({"detik", "menit", "jam", "hari", "minggu", "bulan", "tahun"})
EXCESS = frozenset({"sampai", "sampe"})

MAX_CUE_WORDS = max(
    len(k.split())
    for k in (*CUES, *NOT_CUES, *CONTRAST, *WISHES, *HOPES, *PROBLEM_QUESTIONS, *WISH_QUESTIONS)
)
POLARITY_MARGIN = 0.25

# Very common roots that many unrelated derived words share ("pengadaan" and "ada", "mengatasi"
# and "atas", "sehari" and "berhari-hari"): a keyword matches them by its own form, never by root.
STOP_STEMS = frozenset(
    """ada atas jadi bisa buat kata sama lain kasih tahu ambil bawa kira lihat pakai dapat datang
    hari orang baru waktu sudah punya jalan tugas guna kali satu dua tiga hal mana kan laku tanya
    jawab beri rasa kena ikut tempat masuk keluar dengar minta kerja dalam luar antar
    bagi""".split()
)

# Roots of effort words that everyday words share ("gantian" = taking turns, "baik" = good,
# "tambah lama" = ever longer): an effort keyword met only through one of them is no effort.
EFFORT_STOP_STEMS = frozenset({"baik", "ganti", "tambah", "tingkat", "rencana"})

# Codebook keywords that everyday speech mostly uses in another sense ("jadi" = so, "waktu itu"
# = back then, "habis itu" = after that, "terima kasih" = thanks): they count, but weakly.
WEAK_KEYWORDS: dict[str, float] = {
    **dict.fromkeys(("jadi", "waktu", "habis", "hasil", "tahu", "ditanya", "terima kasih"), 0.35),
    **dict.fromkeys(
        (
            "jelas",
            "paham",
            "memahami",
            "penuh",
            "duluan",
            "berdiri",
            "membantu",
            "dibantu",
            "selesai",
            "tersedia",
            "akses",
            "menjelaskan",
            "bisa menjelaskan",
            "belum bisa",
            "tidak tahu",
            "nggak tahu",
            "form",
            "kertas",
            "mudah",
            "cap",
            "urutan",
            "langsung",
            "datang lagi",
            "balik lagi",
            "bayar",
            "uang",
        ),
        0.6,
    ),
}
