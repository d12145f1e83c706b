"""Find every free-text field of a handbook from the models, and poison it.

Free text is a ``str`` field (alone, optional or in a list) whose type carries
no pattern: Text, NonEmptyText and Markdown. Slugs, refs and durations carry a
pattern, Literals are not ``str``, dates and numbers are not either. A text
value that names a file beside its YAML file (``values_csv``) is a path, not
prose, and is left alone.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from journeybook.core.models import FILE_KINDS

PAYLOAD = (
    '"><img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
    '<svg onload="window.__pwned=1"></svg>'
    "' onmouseover='window.__pwned=1' x=' =1+1 ]: *[x]: \"`|#:;"
)
MARKDOWN_PAYLOAD = " [x](javascript:window.__pwned=1) [y](data:text/html,x) [z](vbscript:x)"


def _is_free_text(annotation: Any, metadata: list[Any]) -> bool:
    if annotation is not str:
        return False
    return not any(getattr(m, "pattern", None) for m in metadata)


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """The type inside Optional[...] / Annotated[...], with its metadata."""
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata += extra
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, metadata
            annotation = args[0]
        else:
            return annotation, metadata


def _is_markdown(metadata: list[Any]) -> bool:
    return any("Markdown" in (getattr(m, "description", None) or "") for m in metadata)


def _names_file(folder: Path, value: object) -> bool:
    if not isinstance(value, str) or "\n" in value or len(value) > 200:
        return False
    return (folder / value).is_file()


Visitor = Callable[[str, bool], str]


def _walk(data: Any, model: type[BaseModel], visit: Visitor, folder: Path) -> None:
    if not isinstance(data, dict):
        return
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key not in data or data[key] is None:
            continue
        annotation, metadata = _unwrap(field.annotation)
        metadata = [*field.metadata, *metadata]
        if field.description and "Markdown" in field.description:
            metadata.append(field)
        value = data[key]
        if _is_free_text(annotation, metadata):
            if _names_file(folder, value):
                continue  # a path such as values_csv
            data[key] = visit(str(value), _is_markdown(metadata))
            continue
        if typing.get_origin(annotation) is list and isinstance(value, list):
            item, item_meta = _unwrap(typing.get_args(annotation)[0])
            for index, element in enumerate(value):
                if _is_free_text(item, item_meta):
                    value[index] = visit(str(element), _is_markdown(item_meta))
                elif isinstance(item, type) and issubclass(item, BaseModel):
                    _walk(element, item, visit, folder)
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            _walk(value, annotation, visit, folder)


def poison_file(path: Path, visit: Visitor) -> int:
    """Rewrite one YAML file with visit(text, is_markdown) applied to each free-text value."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    count = replace_free_text(data, path.parent, visit)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return count


def replace_free_text(data: Any, folder: Path, visit: Visitor) -> int:
    """Apply visit(text, is_markdown) to each free-text value of one file's loaded YAML, in place."""
    model = FILE_KINDS.get(data.get("kind", "")) if isinstance(data, dict) else None
    if model is None:
        return 0
    count = 0

    def counting(text: str, markdown: bool) -> str:
        nonlocal count
        count += 1
        return visit(text, markdown)

    _walk(data, model, counting, folder)
    return count


def poison_handbook(folder: Path) -> int:
    """Append the payload to every free-text value of every YAML file; returns how many."""

    def append(text: str, markdown: bool) -> str:
        return f"{text} {PAYLOAD}{MARKDOWN_PAYLOAD if markdown else ''}"

    return sum(poison_file(path, append) for path in sorted(folder.rglob("*.yml")))


def free_text_models() -> Iterator[tuple[type[BaseModel], str]]:
    """(model, field) for every free-text field of every model reachable from a file kind."""
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = list(FILE_KINDS.values())
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            annotation, metadata = _unwrap(field.annotation)
            if typing.get_origin(annotation) is list:
                annotation, metadata = _unwrap(typing.get_args(annotation)[0])
            if _is_free_text(annotation, [*field.metadata, *metadata]):
                yield model, name
            elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
                todo.append(annotation)
