"""Parsed-and-validated files kept on disk, so that a second `validate` reads only what changed.

Parsing a large handbook's YAML is most of the time `journeybook validate`
takes; the result for a file depends only on its bytes and on journeybook's own
code. So each file without a mistake is written once to ``<cache_dir>/parsed/``,
named by the SHA-256 of its bytes, as JSON of plain data: the model's fields and
the positions `SourceFile.compact` keeps. A file with mistakes is never stored
(it is parsed again on every run, so its messages are always made fresh).

An entry is used only when its header names this cache format, this
journeybook (its version and the code that reads and checks files) and the
file's own digest, and when the payload's checksum matches: an entry that is
truncated, corrupt, from another journeybook or for another file is ignored and
the file parsed again. JSON is read by the standard library's parser, never by
unpickling, and a payload that does not rebuild into the models is a miss too.
The folder may be deleted at any time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from . import models
from .models import Base
from .problems import FieldPath
from .yamlsource import SourceFile

#: Raised when the layout of entries changes, so that old entries are ignored.
CACHE_FORMAT = 2
_MAGIC = b"journeybook-parsed"
#: The modules whose code decides what a file parses and validates to.
_CODE = ("models.py", "yamlsource.py", "validation.py", "problems.py", "filecache.py")
_MODELS: dict[str, type[Base]] = {
    name: value for name, value in vars(models).items() if isinstance(value, type) and issubclass(value, Base)
}
#: Each model's field names, read once: pydantic's `model_fields` is a property that builds a new dict.
_FIELDS = {name: frozenset(cls.__pydantic_fields__) for name, cls in _MODELS.items()}
_set = object.__setattr__
#: One read-only fields-set per model class and the fields written (joined by ','): a set per model took a
#: quarter of a large handbook's memory. Models are never changed after loading (the handbook is read-only).
_FIELDS_SETS: dict[tuple[str, str], frozenset[str]] = {}


class _Foreign(Exception):
    """The entry is not one this journeybook wrote for this file."""


@lru_cache(maxsize=1)
def code_key() -> str:
    """journeybook's version and a hash of the code that reads files: a new journeybook or schema re-parses."""
    try:
        version = metadata.version("journeybook")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        version = "unknown"
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{version}".encode())
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


class ParseCache:
    """The entries of one cache folder: `load` a file's result by its digest, `store` a new one."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "parsed"
        self.key = code_key()

    def _entry(self, digest: str) -> Path:
        return self.folder / f"{digest}.json"

    def load(self, digest: str, path: Path, display: str, text: str) -> tuple[SourceFile, Base] | None:
        """The file's source and model from its entry, or None when there is no usable entry."""
        try:
            raw = self._entry(digest).read_bytes()
        except OSError:
            return None
        try:
            head, _, payload = raw.partition(b"\n")
            if head.split(b" ") != [_MAGIC, self.key.encode(), digest.encode(), _sha(payload).encode()]:
                raise _Foreign
            plain = json.loads(payload, object_hook=_rebuild)
            model = plain["model"]
            if not isinstance(model, Base):
                raise _Foreign
            values: dict[FieldPath, int] = {tuple(p): int(v) for p, v in plain["values"]}
        except (_Foreign, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return None
        source = SourceFile(path=path, display=display, values=values, text=text, compacted=True)
        return source, model

    def store(self, digest: str, source: SourceFile, model: Base) -> None:
        """Write a file's result; a folder that cannot be written only means no cache."""
        values = [[list(p), v] for p, v in source.values.items()]
        plain = {"model": model, "values": values}
        payload = json.dumps(plain, default=_tagged, separators=(",", ":")).encode()
        head = b" ".join([_MAGIC, self.key.encode(), digest.encode(), _sha(payload).encode()])
        entry = self._entry(digest)
        # Written whole under a name of this process's own, then renamed: a reader never sees half an entry.
        partial = entry.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(head + b"\n" + payload)
            os.replace(partial, entry)
        except OSError:
            return


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tagged(value: Any) -> Any:
    """What JSON cannot hold, as tagged mappings ('$' a model, '$d' a date), which no id can be.

    Called by the JSON encoder (in C) for each model and date only: it walks the
    lists, mappings, texts and numbers itself.
    """
    if isinstance(value, Base):
        return {"$": type(value).__name__, "f": value.__dict__, "s": ",".join(sorted(value.model_fields_set))}
    if isinstance(value, dt.date):
        return {"$d": value.isoformat()}
    raise TypeError(f"cannot store {type(value).__name__}")  # pragma: no cover - the models hold no other type


def _rebuild(mapping: dict[str, Any]) -> Any:
    """The inverse of _tagged, called by the JSON parser for every mapping, innermost first."""
    name = mapping.get("$")
    if name is None:
        day = mapping.get("$d")
        return mapping if day is None else dt.date.fromisoformat(day)
    cls = _MODELS[name]
    fields = mapping["f"]
    if fields.keys() != _FIELDS[name]:
        raise _Foreign
    # What model_construct does, without its per-field defaults: every field is in the entry.
    model = cls.__new__(cls)
    _set(model, "__dict__", fields)
    written = mapping["s"]
    fields_set = _FIELDS_SETS.get((name, written))
    if fields_set is None:
        fields_set = _FIELDS_SETS.setdefault((name, written), frozenset(written.split(",")) - {""})
    _set(model, "__pydantic_fields_set__", fields_set)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model

