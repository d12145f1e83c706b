"""Every label exists in every language, every model value a page prints has one, and every label is used."""

from __future__ import annotations

import html
import re
import types
import typing
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
from babel.messages.pofile import read_po
from pydantic import BaseModel

from catalogs import english_sources, placeholders, write_catalog
from conftest import EXAMPLE, ROOT
from journeybook.core import Handbook, load_handbook
from journeybook.core.analysis import ComparedField
from journeybook.core.models import EMOTION_MAX, EMOTION_MIN, FILE_KINDS
from journeybook.render import label_keys, render_site
from journeybook.render.i18n import LANGUAGES, LOCALE_DIR_ENV, PACKAGE_LOCALE_DIR, labels_for

#: Which table of render/label_keys.py labels each Literal field the pages print.
LABELLED: dict[tuple[str, str], Mapping[Any, str]] = {
    ("PainPoint", "severity"): label_keys.SEVERITY,
    ("JourneyFile", "state"): label_keys.JOURNEY_STATE,
    ("Insight", "type"): label_keys.INSIGHT_TYPE,
    ("Insight", "status"): label_keys.INSIGHT_STATUS,
    ("BacklogItem", "status"): label_keys.BACKLOG_STATUS,
    ("Metric", "type"): label_keys.METRIC_TYPE,
    ("Metric", "better"): label_keys.BETTER,
    ("FailureDemand", "per"): label_keys.DEMAND_PERIOD,
}
#: Literal fields no page prints: the file's kind and format version, and a channel's type (for filters).
NOT_SHOWN = {"kind", "version", "Channel.type"}


def _literals(annotation: Any) -> Iterator[tuple[str, ...]]:
    if get_origin(annotation) is Literal:
        yield tuple(str(a) for a in get_args(annotation))
    elif get_origin(annotation) in (typing.Union, types.UnionType, list, dict, tuple, typing.Annotated):
        for arg in get_args(annotation):
            yield from _literals(arg)


def _nested(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _nested(arg)


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    if model in seen:
        return
    seen.add(model)
    yield model
    for info in model.model_fields.values():
        for nested in _nested(info.annotation):
            yield from _models(nested, seen)


def _literal_fields() -> dict[tuple[str, str], tuple[str, ...]]:
    seen: set[type[BaseModel]] = set()
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for kind in FILE_KINDS.values():
        for model in _models(kind, seen):
            for name, info in model.model_fields.items():
                for values in _literals(info.annotation):
                    found[(model.__name__, name)] = values
    return found


def test_every_literal_value_shown_in_pages_has_a_label() -> None:
    english = labels_for("en")
    shown = {
        field: values
        for field, values in _literal_fields().items()
        if field[1] not in NOT_SHOWN and ".".join(field) not in NOT_SHOWN
    }
    assert set(shown) == set(LABELLED), "a Literal field is neither labelled (LABELLED) nor listed in NOT_SHOWN"
    for field, values in shown.items():
        mapping = LABELLED[field]
        assert sorted(mapping) == sorted(values), field
        assert [mapping[v] for v in values if mapping[v] not in english] == [], field
    assert sorted(label_keys.COMPARED_FIELD) == sorted(get_args(ComparedField))
    assert sorted(label_keys.EMOTION) == list(range(EMOTION_MIN, EMOTION_MAX + 1))
    assert all(key in english for key in (*label_keys.COMPARED_FIELD.values(), *label_keys.EMOTION.values()))


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_catalog_has_every_key(language: str) -> None:
    """The list a translator works from: keys shown in English because the catalog lacks them."""
    assert sorted(labels_for(language).missing) == []


def test_no_catalog_holds_a_key_english_lacks() -> None:
    sources = english_sources()
    for path in PACKAGE_LOCALE_DIR.glob("*/LC_MESSAGES/journeybook.po"):
        keys = set(re.findall(r'^msgctxt "([^"]*)"', path.read_text(encoding="utf-8"), re.MULTILINE))
        assert sorted(keys - set(sources)) == [], path


def test_placeholders_match() -> None:
    """A translation names the same {placeholders} as its English source, in every plural form."""
    for path in PACKAGE_LOCALE_DIR.glob("*/LC_MESSAGES/journeybook.po"):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id or not message.string:
                continue
            forms = (message.string,) if isinstance(message.string, str) else tuple(message.string)
            source = message.id if isinstance(message.id, str) else tuple(message.id)
            for form in forms:
                if form:
                    assert placeholders(form) == placeholders(source), (path.parent.parent.name, message.context)


def test_every_label_is_used_by_a_renderer() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "plugins" / "journeybook").rglob("*.py"))
    unused = [k for k in english_sources() if f'"{k}"' not in source and f"'{k}'" not in source]
    assert unused == []


def test_language_codes_fall_back_to_english() -> None:
    assert labels_for("sv").language == "sv"
    assert labels_for("fi-FI").language == "fi"
    assert labels_for("SV_se").language == "sv"
    assert labels_for("tlh").language == "en"
    assert labels_for(None).language == "en"
    assert {"en", "sv", "fi"} <= set(LANGUAGES)
    assert LANGUAGES[0] == "en"


def test_every_heading_and_table_header_is_a_label_or_editor_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Render with a made-up language whose labels are «key»: what is left is hard-coded English."""
    fake: dict[str, str | tuple[str, ...]] = {}
    for key, text in english_sources().items():
        marks = "".join("{" + name + "}" for name in sorted(placeholders(text)))
        fake[key] = f"«{key}»{marks}" if isinstance(text, str) else (f"«{key}»{marks}", f"«{key}»{marks}")
    write_catalog(tmp_path, "xx", fake)
    monkeypatch.setenv(LOCALE_DIR_ENV, str(tmp_path))
    assert labels_for("xx").missing == frozenset()
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

    for source in book.locator.sources.values():
        walk(source.data)
    return sorted((t for t in out if len(t) > 1), key=len, reverse=True)
