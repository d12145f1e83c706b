"""Every label exists in every language, and every label is used."""

from __future__ import annotations

import re

from conftest import ROOT
from journeybook.render.labels import EN, FI, LANGUAGES, SV, labels_for


def test_all_languages_have_the_same_keys() -> None:
    assert set(SV) == set(EN)
    assert set(FI) == set(EN)


def test_placeholders_match() -> None:
    for key, text in EN.items():
        names = set(re.findall(r"{(\w+)}", text))
        for language in (SV, FI):
            assert set(re.findall(r"{(\w+)}", language[key])) == names, key


def test_every_label_is_used_by_a_renderer() -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "plugins" / "journeybook").rglob("*.py") if p.name != "labels.py"
    )
    prefixes = ("status_", "severity_", "insight_", "metric_", "field_", "better_", "state_", "emotion_")
    unused = [k for k in EN if f'"{k}"' not in source and f"'{k}'" not in source and not k.startswith(prefixes)]
    assert unused == []


def test_language_codes_fall_back_to_english() -> None:
    assert labels_for("sv") is SV
    assert labels_for("fi-FI") is FI
    assert labels_for("de") is EN
    assert labels_for(None) is EN
    assert set(LANGUAGES) == {"en", "sv", "fi"}
