"""The user's settings file: the polarity of a code given by hand is a choice the student makes."""

from __future__ import annotations

import pytest

from qualcode.errors import ProjectError
from qualcode.settings import load_user_settings


def test_manual_polarity_is_netral_unless_the_student_chooses(tmp_path):
    path = tmp_path / "settings.yaml"
    assert load_user_settings(path).manual_polarity == "netral"
    path.write_text("manual_polarity: tanya\n", encoding="utf-8")
    assert load_user_settings(path).manual_polarity == "tanya"


def test_an_unknown_manual_polarity_is_refused_with_the_choices(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("manual_polarity: positif\n", encoding="utf-8")
    with pytest.raises(ProjectError) as err:
        load_user_settings(path)
    assert "positif" in err.value.message and "tanya" in err.value.message
