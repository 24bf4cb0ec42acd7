"""The bundled demo corpus (transcripts/) parses cleanly: right informant, technique, turns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qualcode.core.ingest.parse import parse_file

TRANSCRIPTS = Path(__file__).resolve().parents[3] / "transcripts"
FILES = sorted(p for p in TRANSCRIPTS.glob("*") if p.suffix.lower() in (".txt", ".md", ".docx"))


@pytest.mark.skipif(not FILES, reason="the demo corpus is not there")
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_demo_file(path, segmenter):
    source = parse_file(path, segmenter=segmenter)
    assert source.warnings == ()
    name = path.stem.lower()
    kinds = [t.kind for t in source.turns]
    if "observasi" in name or "dokumentasi" in name:
        assert source.meta.technique == ("observasi" if "observasi" in name else "dokumentasi")
        assert set(kinds) == {"note"}
        return
    number = re.search(r"(?:^i|informan )0*(\d+)", name)
    assert number is not None, "demo interviews are named after their informant"
    assert source.meta.informant == f"I{number.group(1)}"
    assert source.meta.technique == "wawancara"
    assert kinds[0] == "interviewer"
    assert abs(kinds.count("interviewer") - kinds.count("informant")) <= 1
    assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False)), "turns alternate"
    assert len(source.sentences) > len(source.turns)
