"""`journeybook new`: start a journey, team, backlog item... with text that validates as written.

An editor who is not a programmer should never start from an empty file or
copy a neighbour and forget to change an id. Each kind gets a short template:
the required fields with placeholder text that passes validation, and the
optional fields as comments to fill in. Kinds that live in a shared file
(teams, life events, backlog items, metrics, insights, terms) are appended to
that file as text, so the editor's comments and layout stay as they were.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .core.handbook import find_yaml_files
from .core.kinds import Kind
from .core.models import RESERVED_PAGE_IDS, SLUG_MAX_LENGTH, SLUG_PATTERN
from .core.problems import Problem, display_path
from .core.yamlsource import load_source, written

MODELINE = "# yaml-language-server: $schema="
_QUOTE = str.maketrans({"\\": "\\\\", '"': '\\"'})


def _q(text: str) -> str:
    """A YAML double-quoted scalar: titles may hold ':' or '#', which would end a plain one."""
    printable = "".join(c for c in text if c.isprintable() or c.isspace())  # YAML refuses control characters
    return '"' + " ".join(printable.split()).translate(_QUOTE) + '"'


@dataclass(frozen=True)
class Template:
    """One kind of thing `new` can start; `name` is the word given on the command line."""

    entity: Kind
    name: str
    file_kind: str  # the `kind:` of the file it lives in
    list_path: tuple[str, ...]  # keys to the list it is appended to; () for a file of its own
    default_file: str  # where it goes when no such file exists yet
    next_steps: str


KINDS: dict[str, Template] = {
    k.name: k
    for k in (
        Template(
            Kind.JOURNEY,
            "journey",
            "journey",
            (),
            "{id}.yml",
            "write the summary, rename and fill in the phases and steps, set 'owner', 'life_event' and "
            "'need_groups', then add pain points (see the format reference, 'Journeys')",
        ),
        Template(
            Kind.NEED_GROUP,
            "need-group",
            "need-group",
            (),
            "need-groups/{id}.yml",
            "write the summary and portrait, list needs, behaviours and preferred channels, and add the "
            "group to the journeys it takes part in ('need_groups')",
        ),
        Template(
            Kind.TEAM,
            "team",
            "organisation",
            ("teams",),
            "organisation.yml",
            "write the description, then name the team as 'owner' of the steps and backlog items it owns",
        ),
        Template(
            Kind.LIFE_EVENT,
            "life-event",
            "organisation",
            ("life_events",),
            "organisation.yml",
            "write the description, then set 'life_event' in the journeys that belong to it",
        ),
        Template(
            Kind.BACKLOG_ITEM,
            "backlog-item",
            "backlog",
            ("problem_areas", "development_areas", "items"),
            "backlog.yml",
            "move it under the right development area if needed, set 'owner', the priority scores, "
            "'addresses' (pain points) and 'metrics'",
        ),
        Template(
            Kind.METRIC,
            "metric",
            "metrics",
            ("metrics",),
            "metrics.yml",
            "set 'type', 'about' (the journey or step it measures), 'unit', 'target' and the values (or 'values_csv')",
        ),
        Template(
            Kind.INSIGHT,
            "insight",
            "insights",
            ("insights",),
            "insights.yml",
            "write the text, set 'type', 'status', 'source', 'date' and 'about' (the steps or pain points "
            "it is evidence for)",
        ),
        Template(
            Kind.TERM,
            "glossary-term",
            "glossary",
            ("terms",),
            "glossary.yml",
            "write the definition, and the term in other languages under 'translations' (sv, fi, ...)",
        ),
    )
}


class ScaffoldError(Exception):
    """An id that exists, or a handbook folder that is not there: said in one located line."""


@dataclass(frozen=True)
class Created:
    path: Path
    appended: bool
    next_steps: str


@dataclass
class _Folder:
    """The handbook's files by kind, and every id already used, with where."""

    root: Path
    files: dict[str, list[tuple[Path, Any]]]
    ids: dict[str, dict[str, tuple[Path, int]]]
    #: Files that could not be read, with their first problem: one of them may be the file to add to.
    broken: list[Problem] = field(default_factory=list)


def _ids(kind: Template, data: Any, source: Any, path: Path, out: dict[str, tuple[Path, int]]) -> None:
    if not kind.list_path:
        if isinstance(data, dict) and isinstance(data.get("id"), str | int):
            out.setdefault(str(written(data["id"])), (path, source.position(("id",))[0]))
        return

    def walk(node: Any, keys: tuple[str, ...], at: tuple[str | int, ...]) -> None:
        if not keys:
            if isinstance(node, list):
                for i, entry in enumerate(node):
                    if isinstance(entry, dict) and isinstance(entry.get("id"), str | int):
                        out.setdefault(str(written(entry["id"])), (path, source.position((*at, i, "id"))[0]))
            return
        child = node.get(keys[0]) if isinstance(node, dict) else None
        if len(keys) > 1 and isinstance(child, list):
            for i, entry in enumerate(child):
                walk(entry, keys[1:], (*at, keys[0], i))
        else:
            walk(child, keys[1:], (*at, keys[0]))

    walk(data, kind.list_path, ())


def _scan(root: Path) -> _Folder:
    files: dict[str, list[tuple[Path, Any]]] = {}
    ids: dict[str, dict[str, tuple[Path, int]]] = {name: {} for name in KINDS}
    broken: list[Problem] = []
    for path in find_yaml_files(root):
        source, problems = load_source(path, display_path(path))
        if source is None or not isinstance(source.data, dict):
            broken.extend(problems[:1])
            continue
        file_kind = str(source.data.get("kind", ""))
        files.setdefault(file_kind, []).append((path, source.data))
        for kind in KINDS.values():
            if kind.file_kind == file_kind:
                _ids(kind, source.data, source, path, ids[kind.name])
    return _Folder(root, files, ids, broken)


def _schema_ref(folder: _Folder, target: Path, file_kind: str) -> str:
    """The modeline's schema path from target, found from the organisation file's own modeline."""
    schema_dir = folder.root.parent / "schema"
    for path, _ in folder.files.get("organisation", []):
        first = path.read_text(encoding="utf-8").splitlines()[:1]
        if first and first[0].startswith(MODELINE):
            schema_dir = (path.parent / first[0][len(MODELINE) :]).parent
    return Path(os.path.relpath(schema_dir / f"{file_kind}.schema.json", target.parent)).as_posix()


def _first(folder: _Folder, file_kind: str) -> str:
    for _, data in folder.files.get(file_kind, []):
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            return str(data["id"])
    return ""


def _entry(kind: Kind, ident: str, title: str, folder: _Folder, today: dt.date) -> str:
    """The YAML of one list entry, at indentation 0, starting with '- '."""
    journey = _first(folder, "journey")
    if kind is Kind.TEAM:
        return (
            f"- id: {ident}\n  name: {_q(title)}\n"
            "  # organisation: The organisation it belongs to, when several take part\n"
            "  # description: What the team does, in a sentence or two\n"
            "  # contact: Where to reach the team\n"
        )
    if kind is Kind.LIFE_EVENT:
        return f"- id: {ident}\n  name: {_q(title)}\n  # description: What the customer is going through\n"
    if kind is Kind.BACKLOG_ITEM:
        return (
            f"- id: {ident}\n  title: {_q(title)}\n  status: idea\n"
            "  priority: {customer_value: 3, organisation_value: 3, effort: 3}   # each 1 (low) to 5 (high)\n"
            "  # description: What the change is, and for whom\n"
            "  # owner: team-id\n"
            "  # addresses: [journey-id/pain-point-id]\n"
            "  # root_causes: [journey-id/root-cause-id]\n"
            "  # metrics: [metric-id]\n"
        )
    if kind is Kind.METRIC:
        about = journey or "journey-id"
        return (
            f"- id: {ident}\n  name: {_q(title)}\n"
            "  type: csi   # one of: nki, csi, nps, ces, contacts\n"
            f"  about: [{about}]   # the journey, or 'journey-id/step-id', it measures\n"
            "  # unit: index 0-100\n  # target: 75\n"
            "  # values:\n  #   - {date: " + today.isoformat() + ", value: 70}\n"
            "  # values_csv: metrics/" + ident + ".csv\n"
        )
    if kind is Kind.INSIGHT:
        about = journey or "journey-id"
        return (
            f"- id: {ident}\n  type: finding   # one of: quote, finding, feedback, analytics\n"
            f"  text: {_q(title)}\n"
            "  status: assumed   # one of: observed, assumed, proposed\n"
            '  source: "Where it comes from (replace this text)"\n'
            f"  date: {today.isoformat()}\n"
            f"  about: [{about}]   # journeys, steps or pain points: 'journey-id/item-id'\n"
        )
    # glossary-term
    return (
        f"- id: {ident}\n  term: {_q(title)}\n"
        '  definition: "What the term means (replace this text)"\n'
        "  # translations: {sv: the Swedish term, fi: the Finnish term}\n  # aliases: [another spelling]\n"
    )


def _own_file(kind: Kind, ident: str, title: str, modeline: str, today: dt.date) -> str:
    if kind is Kind.NEED_GROUP:
        return (
            f"{modeline}\nkind: need-group\nid: {ident}\nname: {_q(title)}\n"
            'summary: "How this group behaves, in one sentence (replace this text)"\n'
            f"reviewed: {today.isoformat()}   # the day someone last checked this page against reality\n"
            "# local_name: the group's name in the organisation's own language\n"
            "# portrait: |\n#   A short story of one person in the group.\n"
            "# needs:\n#   - What they need\n"
            "# behaviours:\n#   - What they do\n"
            "# preferred_channels: [web]\n"
            "# quotes:\n#   - Something one of them said\n"
        )
    return (
        f"{modeline}\nkind: journey\nid: {ident}\ntitle: {_q(title)}\n"
        'summary: "What the customer wants to get done, in one sentence (replace this text)"\n'
        f"reviewed: {today.isoformat()}   # the day someone last checked this journey against reality\n"
        "# owner: team-id\n# life_event: life-event-id\n# need_groups: [need-group-id]\n# tags: [a tag]\n"
        "phases:\n"
        "  - id: find-out\n    name: Find out\n    steps:\n"
        "      - id: first-step\n        name: First step\n"
        '        does: "What the customer does in this step (replace this text)"\n'
        "        # owner: team-id\n        # channels: [web]\n        # waiting: 3 days\n"
        "        # duration: 30 minutes\n        # emotion: {need-group-id: 0}\n"
        "        # pain_points:\n        #   - id: pain-id\n        #     text: What hurts\n"
        "# root_causes:\n#   - id: root-cause-id\n#     text: Why it hurts\n"
    )


_LIST_ITEM = re.compile(r"^(\s*)- ")
_EMPTY_FLOW_LIST = re.compile(r"^(\s*(?:- )?[\w-]+:)[ \t]*\[[ \t]*\]([ \t]*(?:#.*)?\r?\n?)$")


def _append_to_list(text: str, keys: tuple[str, ...], entry: str) -> str:
    """Insert entry as the last item of the list at keys (the last entry of nested lists), keeping the rest."""
    lines = text.splitlines(keepends=True)
    start, end, indent = 0, len(lines), -1
    for key in keys:
        found = None
        for i in range(start, end):
            stripped = lines[i].lstrip(" -")
            if stripped.startswith(f"{key}:") and _indent(lines[i]) > indent:
                found = i  # the last occurrence: nested lists take their last entry
        if found is None:
            return _add_key(lines, start, end, indent, keys[keys.index(key) :], entry)
        if key == keys[-1]:
            # `teams: []` is an empty list too; its entries then follow on lines of their own.
            lines[found] = _EMPTY_FLOW_LIST.sub(r"\1\2", lines[found])
        indent = _indent(lines[found]) + (2 if lines[found].lstrip().startswith("- ") else 0)
        start = found + 1
        end = _block_end(lines, start, indent)
    item_indent = indent + 2
    for i in range(start, end):
        match = _LIST_ITEM.match(lines[i])
        if match:
            item_indent = len(match.group(1))
            break
    while end > start and not lines[end - 1].strip():
        end -= 1
    block = "".join(" " * item_indent + line + "\n" if line else "\n" for line in entry.splitlines())
    if end and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end]) + block + "".join(lines[end:])


def _add_key(lines: list[str], start: int, end: int, indent: int, keys: tuple[str, ...], entry: str) -> str:
    """Add the missing keys (and the entry) after the last list item of the block, or at the file's end."""
    pad = 0
    for i in range(start, end):
        match = _LIST_ITEM.match(lines[i])
        if match and indent >= 0:
            pad = len(match.group(1)) + 2
            break
    body = ""
    for depth, key in enumerate(keys[:-1]):
        body += " " * (pad + 2 * depth) + f"{key}:\n"
    body += " " * (pad + 2 * (len(keys) - 1)) + f"{keys[-1]}:\n"
    item_pad = pad + 2 * len(keys)
    body += "".join(" " * item_pad + line + "\n" for line in entry.splitlines())
    text = "".join(lines[:end])
    if text and not text.endswith("\n"):
        text += "\n"
    return text + body + "".join(lines[end:])


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], start: int, indent: int) -> int:
    for i in range(start, len(lines)):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#") or _indent(lines[i]) > indent:
            continue
        # a list written at its key's own indentation ("teams:\n- id: x") goes on
        if not (stripped.startswith("- ") and _indent(lines[i]) == indent >= 0):
            return i
    return len(lines)


def create(root: Path, kind: str, ident: str, title: str | None = None, today: dt.date | None = None) -> Created:
    """Write the new entity into the handbook at root; raise ScaffoldError if its id is taken."""
    spec = KINDS[kind]
    today = today or dt.date.today()
    if not root.is_dir():
        raise ScaffoldError(f"{root}: the handbook folder does not exist (give it with --dir)")
    if not re.match(SLUG_PATTERN, ident):
        raise ScaffoldError(
            f"'{ident}' is not a valid id: use lower-case letters, digits and single hyphens, e.g. 'moving-house'"
        )
    if len(ident) > SLUG_MAX_LENGTH:
        raise ScaffoldError(f"'{ident}' is too long for an id ({len(ident)} characters): use at most {SLUG_MAX_LENGTH}")
    if spec.entity in (Kind.NEED_GROUP, Kind.TEAM) and ident in RESERVED_PAGE_IDS:
        raise ScaffoldError(f"the id '{ident}' is reserved for the section page; choose another, e.g. '{ident}-group'")
    folder = _scan(root)
    taken = folder.ids[kind].get(ident)
    if taken is not None:
        path, line = taken
        raise ScaffoldError(
            f"{display_path(path)}:{line}: a {spec.entity} with id '{ident}' already exists; choose another id"
        )
    title = title or ident.replace("-", " ").capitalize()
    if not spec.list_path:
        target = root / spec.default_file.format(id=ident)
        if spec.entity is Kind.NEED_GROUP and not (root / "need-groups").is_dir():
            target = root / f"{ident}.yml"
        if target.exists():
            raise ScaffoldError(f"{display_path(target)}:1: the file already exists; choose another id")
        modeline = MODELINE + _schema_ref(folder, target, spec.file_kind)
        text = _checked(target, _own_file(spec.entity, ident, title, modeline, today), (), ident)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return Created(target, False, spec.next_steps)
    entry = _entry(spec.entity, ident, title, folder, today)
    existing = folder.files.get(spec.file_kind, [])
    if existing:
        target = existing[0][0]
        text = target.read_text(encoding="utf-8")
        target.write_text(
            _checked(target, _append_to_list(text, spec.list_path, entry), spec.list_path, ident), encoding="utf-8"
        )
        return Created(target, True, spec.next_steps)
    target = root / spec.default_file
    if folder.broken or target.exists():
        # The file this belongs in may be one that cannot be read: writing a new one would replace it.
        first = folder.broken[0] if folder.broken else None
        where = (
            f"{first.file}:{first.line}: {first.message}"
            if first
            else f"{display_path(target)}: not a {spec.file_kind} file"
        )
        raise ScaffoldError(
            f"{where}; no readable file with 'kind: {spec.file_kind}' was found, so nothing was written: fix the "
            f"file (journeybook validate shows every mistake) and run the command again"
        )
    modeline = MODELINE + _schema_ref(folder, target, spec.file_kind)
    head = f"{modeline}\nkind: {spec.file_kind}\n"
    if spec.entity is Kind.BACKLOG_ITEM:
        head += (
            "problem_areas:\n  - id: first-problem-area\n    name: First problem area\n"
            "    development_areas:\n      - id: first-development-area\n        name: First development area\n"
        )
    target.write_text(
        _checked(target, _append_to_list(head, spec.list_path, entry), spec.list_path, ident), encoding="utf-8"
    )
    return Created(target, False, spec.next_steps)


def _checked(target: Path, text: str, keys: tuple[str, ...], ident: str) -> str:
    """text, once it reads back as YAML with the new entry where it belongs; else ScaffoldError, nothing written.

    The entry is added as text to keep the editor's layout, and some layouts cannot take it
    (a list written in brackets, `teams: [...]`): the file is then left as it was.
    """
    display = display_path(target)
    source, problems = load_source(target, display, text.encode("utf-8"))
    node: Any = source.data if source is not None and not problems else None
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
        if key != keys[-1]:
            node = node[-1] if isinstance(node, list) and node else None
    if keys:
        node = node[-1] if isinstance(node, list) and node else None
    if isinstance(node, dict) and str(written(node.get("id"))) == ident:
        return text
    where = f"{problems[0].file}:{problems[0].line}" if problems else display
    if not keys:
        raise ScaffoldError(f"{where}: the new file would not read back as YAML, so nothing was written")
    raise ScaffoldError(
        f"{where}: the new entry could not be added without breaking the file, so nothing was written; "
        f"write the list '{keys[-1]}' one entry per line ('- id: ...'), not in brackets, and run the command again"
    )
