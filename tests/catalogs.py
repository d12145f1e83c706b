"""Test catalogs: a copy of the packaged locale folder plus a made-up language.

Adding a UI language is adding one catalog file; these helpers do exactly
that in a temp folder, which `JOURNEYBOOK_LOCALE_DIR` then points at.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping
from pathlib import Path

from babel.messages.pofile import read_po

from journeybook.render.i18n import PACKAGE_LOCALE_DIR

Translation = str | tuple[str, ...]


def english_sources() -> dict[str, Translation]:
    """Every key of the English catalog with its English text (plurals as (one, other))."""
    with (PACKAGE_LOCALE_DIR / "en" / "LC_MESSAGES" / "journeybook.po").open("rb") as handle:
        catalog = read_po(handle)
    return {m.context: m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id and m.context}


def placeholders(text: Translation) -> set[str]:
    forms = (text,) if isinstance(text, str) else text
    return {name for form in forms for name in re.findall(r"{(\w+)}", form)}


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_catalog(folder: Path, code: str, translations: Mapping[str, Translation]) -> Path:
    """Copy the packaged catalogs to folder and add code's: translations by key, nothing else."""
    if not (folder / "en").is_dir():
        shutil.copytree(PACKAGE_LOCALE_DIR, folder, dirs_exist_ok=True)
    sources = english_sources()
    lines = [
        'msgid ""',
        'msgstr ""',
        _quoted(f"Language: {code}\n"),
        _quoted("Plural-Forms: nplurals=2; plural=(n != 1);\n"),
        _quoted("Content-Type: text/plain; charset=utf-8\n"),
        "",
    ]
    for key, text in translations.items():
        source = sources[key]
        lines.append(f"msgctxt {_quoted(key)}")
        if isinstance(source, str):
            assert isinstance(text, str), key
            lines += [f"msgid {_quoted(source)}", f"msgstr {_quoted(text)}", ""]
        else:
            assert isinstance(text, tuple), key
            lines += [f"msgid {_quoted(source[0])}", f"msgid_plural {_quoted(source[1])}"]
            lines += [f"msgstr[{i}] {_quoted(form)}" for i, form in enumerate(text)]
            lines.append("")
    path = folder / code / "LC_MESSAGES" / "journeybook.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
