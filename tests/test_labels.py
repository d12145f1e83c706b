"""Every label exists in every language, and every label is used."""

from __future__ import annotations

import html
import re

import pytest

from conftest import EXAMPLE, ROOT
from journeybook.core import Handbook, load_handbook
from journeybook.render import render_site
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


def test_every_heading_and_table_header_is_a_label_or_editor_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render with a made-up language whose labels are «key»: what is left is hard-coded English."""
    fake = {key: f"«{key}»" + ("{steps}{phases}" if key == "steps_in_phases" else "") for key in EN}
    monkeypatch.setitem(LANGUAGES, "xx", fake)
    book = load_handbook(EXAMPLE)
    editor_text = _editor_text(book)
    leftovers = set()
    for page in render_site(book, "xx"):
        if not page.path.endswith(".md"):
            continue
        for line in page.content.splitlines():
            if line.startswith("#"):
                cells = [line.lstrip("#").split("{ #")[0]]
            elif line.startswith("| ") and not line.startswith("| ["):
                cells = line.strip("|").split("|")
            else:
                continue
            for cell in cells:
                # links keep their text; tags (a filtered row's marker) are markup, not words
                text = html.unescape(re.sub(r"<[^>]*>", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", cell)))
                rest = re.sub(r"«[^»]*»", "", text)
                for written in editor_text:
                    rest = rest.replace(written, "")
                if re.search(r"[^\W\d_]{2,}", rest):  # a word that is neither a label nor editor text
                    leftovers.add((page.path, rest.strip()))
    assert sorted(leftovers) == []


def _editor_text(book: Handbook) -> list[str]:
    """Every short text an editor wrote: names, titles, steps, ids."""
    out: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            out.add(value.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for source in book.sources.values():
        walk(source.data)
    return sorted((t for t in out if len(t) > 1), key=len, reverse=True)
