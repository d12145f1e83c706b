"""JSON Schema for every file kind, from the same models that validate.

Editors' YAML plugins (the yaml-language-server modeline at the top of each
example file) read these for completion and inline errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .core.models import FILE_KINDS


def schema_for(kind: str) -> dict[str, Any]:
    model = FILE_KINDS[kind]
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    schema["title"] = f"journeybook {kind} file, format version 1"
    return schema


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILE_KINDS:
        path = out / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written
