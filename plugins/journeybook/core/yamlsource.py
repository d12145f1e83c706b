"""Safe YAML loading that remembers where every value came from.

PyYAML's safe loader forgets line numbers once it builds Python objects, lets
a duplicate key silently overwrite the first one, and reads ``no`` as
``False`` (so the country code of Norway becomes a boolean). Editors need the
opposite on all three counts, so we compose the node graph ourselves and build
plain data from it, recording the position of every key and value by its field
path, rejecting duplicates, and reading scalars by the YAML 1.2 core rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import FieldPath, Problem, format_field

Position = tuple[int, int]

#: libyaml's parser when PyYAML was built with it (the wheels are): 20x faster on large handbooks.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_BOOL_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


@dataclass
class SourceFile:
    """A parsed YAML file: its data and the position of every field in it."""

    path: Path
    display: str
    data: Any
    values: dict[FieldPath, Position] = field(default_factory=dict)
    keys: dict[FieldPath, Position] = field(default_factory=dict)

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        """The closest known position: the field itself, else its nearest parent."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.keys:
                return self.keys[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def problem(
        self,
        path: FieldPath,
        message: str,
        *,
        expected: str = "",
        found: str = "",
        hint: str = "",
        key: bool = False,
        severity: str = "error",
    ) -> Problem:
        line, column = self.position(path, key=key)
        return Problem(
            file=self.display,
            line=line,
            column=column,
            field=format_field(path),
            message=message,
            expected=expected,
            found=found,
            hint=hint,
            severity=severity,
        )


class _Builder:
    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.source.values[path] = _pos(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return _scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    self.source.problem(
                        path,
                        "YAML merge keys ('<<') are not supported",
                        expected="each field written out in full",
                        hint="copy the fields instead of merging them",
                    )
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.source.values[path] = _pos(key_node)
                self.problems.append(
                    self.source.problem(
                        path, "a key must be a plain word", expected="key: value", found="a list or mapping as key"
                    )
                )
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key in first_seen:
                line, column = _pos(key_node)
                self.problems.append(
                    Problem(
                        file=self.source.display,
                        line=line,
                        column=column,
                        field=format_field(child),
                        message=f"duplicate key '{key}' in the same mapping",
                        expected="each key once per mapping",
                        found=f"'{key}' again (first on line {first_seen[key][0]})",
                        hint="merge the two entries or rename one; only the first is used",
                    )
                )
                continue
            first_seen[key] = _pos(key_node)
            self.source.keys[child] = _pos(key_node)
            out[key] = self.build(value_node, child)
        return out


def _pos(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _scalar(node: yaml.ScalarNode) -> Any:
    text = str(node.value)
    if node.style in ("'", '"', "|", ">"):
        return text
    if _NULL.match(text):
        return None
    if _BOOL_TRUE.match(text):
        return True
    if _BOOL_FALSE.match(text):
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        return float(text)
    return text


def load_source(path: Path, display: str) -> tuple[SourceFile | None, list[Problem]]:
    """Read one YAML file. Returns the parsed file, or None with the problems found."""
    source = SourceFile(path=path, display=display, data=None)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                file=display,
                line=line,
                column=column,
                field="",
                message="the file is not valid UTF-8 text",
                found=f"byte 0x{raw[exc.start]:02x}",
                expected="a file saved as UTF-8",
                hint="re-save the file as UTF-8 in your editor (it was probably saved as Latin-1 or Windows-1252)",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    tab_problems = _tab_indentation(text, display)
    if tab_problems:
        return None, tab_problems
    if not _has_content(text):
        return None, [
            Problem(
                file=display,
                line=1,
                column=1,
                field="",
                message="the file is empty",
                expected="a mapping starting with 'kind:'",
                hint="add the file's content, or delete the file",
            )
        ]
    try:
        try:
            nodes = list(yaml.compose_all(text, Loader=_FAST_LOADER))
        except yaml.MarkedYAMLError:
            # libyaml words its errors differently; the pure-Python parser gives
            # the messages (and hints) editors are shown, and mistakes are rare.
            nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        context = f" {exc.context}" if exc.context else ""
        return None, [
            Problem(
                file=display,
                line=line,
                column=column,
                field="",
                message=f"YAML syntax error: {what}{context}",
                expected="valid YAML",
                hint=_syntax_hint(what),
            )
        ]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text input
        return None, [Problem(display, 1, 1, "", f"YAML error: {exc}", expected="valid YAML")]
    if len(nodes) != 1:
        return None, [
            Problem(
                file=display,
                line=1,
                column=1,
                field="",
                message=f"the file holds {len(nodes)} YAML documents",
                expected="exactly one document per file",
                hint="split the documents ('---') into separate files",
            )
        ]
    builder = _Builder(source)
    source.data = builder.build(nodes[0], ())
    return source, builder.problems


def _has_content(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            return True
    return False


def _tab_indentation(text: str, display: str) -> list[Problem]:
    problems = []
    in_block_scalar = False
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip() and not in_block_scalar:
            problems.append(
                Problem(
                    file=display,
                    line=number,
                    column=indent.index("\t") + 1,
                    field="",
                    message="tab character used for indentation",
                    found="a tab",
                    expected="spaces (YAML does not allow tabs for indentation)",
                    hint="set your editor to insert spaces, 2 per level",
                )
            )
        stripped = line.rstrip()
        in_block_scalar = stripped.endswith(("|", ">", "|-", ">-", "|+", ">+")) or (
            in_block_scalar and (not line.strip() or line.startswith((" ", "\t")))
        )
    return problems


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a text containing ': ' must be put in quotes"
    if "could not find expected ':'" in problem:
        return "each line of a mapping needs 'key: value'; check the indentation of this and the line above"
    if "found character '@'" in problem or "found character '`'" in problem:
        return "a text starting with @ or ` must be put in quotes"
    if "expected <block end>" in problem:
        return "check the indentation: items of one list or mapping must start in the same column"
    if "found undefined alias" in problem:
        return "'*' starts a YAML alias; put the text in quotes"
    return "check the quotes and indentation around this line"
