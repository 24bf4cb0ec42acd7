"""qualcode status lists what the transcripts did not identify; import reads header lines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

HEADERS = Path(__file__).resolve().parents[1] / "core" / "ingest" / "fixtures" / "headers"


def test_status_lists_interviews_and_informants_needing_attention(project, cli):
    for name in ("ani.txt", "yusuf.txt", "ik.txt"):
        shutil.copy(HEADERS / name, project / "transcripts" / name)
    assert cli("--project", project, "import", project / "transcripts").code == 0
    people = {
        p["code"]: p for p in json.loads(cli("--project", project, "informants", "--json").out)
    }
    # codes as written, names, roles, groups and categories from the header lines
    assert (people["I3"]["pseudonym"], people["I3"]["group"]) == ("Ibu Ani", "masyarakat")
    assert (people["IK-1"]["role"], people["IK-1"]["group"], people["IK-1"]["category"]) == (
        "Camat",
        "aparatur",
        "kunci",
    )
    attention = json.loads(cli("--project", project, "status", "--json").out)["attention"]
    assert [(a["kind"], a["ref"], a["reason"]) for a in attention] == [
        ("source", "transcripts/yusuf.txt", "no_informant")
    ]
    shown = cli("--project", project, "status")
    assert shown.code == 0 and "Perlu diperiksa (1)" in shown.out and "yusuf.txt" in shown.out
    cli("--project", project, "informant", "I3", "--group", "aparatur")
    (project / "transcripts" / "ani.txt").write_text(
        (HEADERS / "ani.txt").read_text(encoding="utf-8") + "P: Terima kasih.\n", encoding="utf-8"
    )
    assert cli("--project", project, "import", project / "transcripts").code == 0
    people = {
        p["code"]: p for p in json.loads(cli("--project", project, "informants", "--json").out)
    }
    assert people["I3"]["group"] == "aparatur"  # the student's setting wins over the role


def test_an_informant_left_without_sources_is_flagged_and_can_be_removed(project, cli):
    transcripts = project / "transcripts"
    (transcripts / "I01_camat.txt").write_text("P: Pelayanannya?\n\nI: Cepat.\n", "utf-8")
    (transcripts / "I1_sekcam.txt").write_text("P: Antre?\n\nI: Antrean panjang.\n", "utf-8")
    assert cli("--project", project, "import", transcripts).code == 0
    # The student adds a header line: the camat's transcript is I1's; I01 keeps no source.
    (transcripts / "I01_camat.txt").write_text(
        "Kode informan: I1\n\nP: Pelayanannya?\n\nI: Cepat.\n", "utf-8"
    )
    assert cli("--project", project, "import", transcripts).code == 0
    attention = json.loads(cli("--project", project, "status", "--json").out)["attention"]
    about = [(a["ref"], a["reason"]) for a in attention if a["kind"] == "informant"]
    assert ("I01", "no_sources") in about
    assert ("I01", "no_name") not in about  # naming it would not help
    shown = cli("--project", project, "status").out
    assert "qualcode informants remove I01" in shown

    kept = cli("--project", project, "informants", "remove", "I1")
    assert kept.code != 0 and "qualcode informants merge I1" in kept.err
    assert cli("--project", project, "informants", "remove", "I01").code == 0
    codes = [p["code"] for p in json.loads(cli("--project", project, "informants", "--json").out)]
    assert codes == ["I1"]
    assert cli("--project", project, "undo").code == 0  # an ordinary, undoable change
    codes = [p["code"] for p in json.loads(cli("--project", project, "informants", "--json").out)]
    assert codes == ["I01", "I1"]
