"""The format reference in docs/ documents every field the models accept."""

from __future__ import annotations

import typing

from pydantic import BaseModel

from conftest import ROOT
from journeybook.core.models import FILE_KINDS

REFERENCE = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    if model in seen:
        return
    seen.add(model)
    for info in model.model_fields.values():
        stack = [info.annotation]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                _models(annotation, seen)
            stack.extend(typing.get_args(annotation))


def test_every_field_is_documented() -> None:
    seen: set[type[BaseModel]] = set()
    for model in FILE_KINDS.values():
        _models(model, seen)
    missing = sorted(
        f"{model.__name__}.{name}" for model in seen for name in model.model_fields if f"| `{name}` |" not in REFERENCE
    )
    assert missing == []


def test_every_file_kind_has_an_example() -> None:
    for kind in FILE_KINDS:
        assert f"kind: {kind}\n" in REFERENCE, kind
