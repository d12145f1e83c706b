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
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import FieldPath, Problem, format_field

Position = tuple[int, int]
#: Positions are stored packed in one int (line << 24 | column): a large handbook has a
#: million of them, and an int takes half the memory of a tuple of two.
#: One bit of the column part marks where a mapping starts (an entity, for compact()); a file is at
#: most MAX_FILE_BYTES long, so no column reaches it.
_COLUMN_BITS = 24
_MAPPING = 1 << (_COLUMN_BITS - 1)
_COLUMN_MASK = _MAPPING - 1


def _pack(line: int, column: int) -> int:
    return line << _COLUMN_BITS | min(column, _COLUMN_MASK)


def _unpack(packed: int) -> Position:
    return packed >> _COLUMN_BITS, packed & _COLUMN_MASK


#: libyaml's parser when PyYAML was built with it (the wheels are): 20x faster on large handbooks.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


@dataclass
class SourceFile:
    """A parsed YAML file: its data and the position of every field in it."""

    path: Path
    display: str
    parsed: Any = None
    values: dict[FieldPath, int] = field(default_factory=dict)
    keys: dict[FieldPath, int] = field(default_factory=dict)
    #: The file's text, kept so that positions dropped by compact() can be found again.
    text: str = field(default="", repr=False)
    compacted: bool = False

    def compact(self) -> None:
        """Drop the data and positions of a file without mistakes; they are rebuilt when asked for.

        Positions are needed only when a later check finds something; in a large
        handbook they take more memory than everything else together. Those of
        mappings in lists and of the file's own fields are kept: every entity (a
        team, a backlog item) is such a mapping whose line is looked up for each,
        and the review warnings point at a file's 'id' or 'reviewed' line
        (re-parsing every file for them doubled the time of `validate`).
        """
        self.values = {
            path: pos
            for path, pos in self.values.items()
            if len(path) < 2 or (pos & _MAPPING and type(path[-1]) is int)
        }
        self.keys = {}
        self.parsed = None
        self.compacted = True

    def _rebuild(self) -> None:
        self.compacted = False
        self.parsed = _build(self, self.text, _FAST_LOADER).documents[0]

    @property
    def data(self) -> Any:
        """The file's plain data (mappings, lists, text, numbers)."""
        if self.compacted:
            self._rebuild()
        return self.parsed

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        """The closest known position: the field itself, else its nearest parent."""
        if self.compacted:
            if not key and path in self.values:
                return _unpack(self.values[path])
            self._rebuild()
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return _unpack(table[probe])
            if not key and probe in self.keys:
                return _unpack(self.keys[probe])
            probe = probe[:-1]
        return _unpack(self.values.get((), _pack(1, 1)))

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


#: Limits that keep a hostile or broken file from exhausting time or memory (docs/reference.md).
MAX_FILE_BYTES = 5_000_000
MAX_DEPTH = 50
MAX_ALIAS_VALUES = 10_000
EMPTY_FILE = "the file is empty"

# What YAML allows in a file: tab, line breaks and printable characters.
_DISALLOWED = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "backspace", 0x0B: "vertical tab", 0x0C: "form feed", 0x1B: "ESC", 0x7F: "DEL"}


class YamlInt(int):
    """An unquoted whole number that remembers how it was written.

    Number fields use the number; text fields show ``text``, exactly as typed
    (a phone number ``0701234567`` keeps its leading zero).
    """

    text: str

    def __new__(cls, text: str) -> YamlInt:
        self = super().__new__(cls, text)
        self.text = text
        return self


class YamlFloat(float):
    """An unquoted decimal number that remembers how it was written (``10.250``, ``1e3``)."""

    text: str

    def __new__(cls, text: str) -> YamlFloat:
        self = super().__new__(cls, text)
        self.text = text
        return self


def written(value: object) -> object:
    """A number read from YAML as the text the editor typed; anything else unchanged."""
    return value.text if isinstance(value, YamlInt | YamlFloat) else value


class _Stop(Exception):
    """A limit was hit: the file's problem is recorded and parsing ends."""


class _Frame:
    """One open list or mapping while its events arrive."""

    __slots__ = ("anchor", "awaiting_value", "container", "discard_value", "is_key", "is_list", "key", "path", "size")

    def __init__(
        self, container: dict[str, Any] | list[Any], path: FieldPath, anchor: str | None, is_key: bool
    ) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.size = 1
        self.key: str | None = None
        self.awaiting_value = False
        self.discard_value = False
        self.is_key = is_key
        self.is_list = type(container) is list


class _Builder:
    """Builds plain data straight from the parser's events, without recursion.

    Working on events rather than a composed node graph keeps memory and time
    proportional to the file, lets nesting depth and alias expansion be
    bounded before they cost anything, and records every position in one pass.
    libyaml (in C) scans and parses; this loop runs once per event in Python,
    so its common cases (a key, a plain value, a list or mapping opening and
    closing) are written out inline and the rare ones (aliases, odd keys,
    limits) are methods.
    """

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.documents: list[Any] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.alias_values = 0
        self.stack: list[_Frame] = []
        self.stopped = False

    def run(self, loader: Any) -> None:
        try:
            self._events(loader.get_event)
        except _Stop:
            pass
        finally:
            loader.dispose()

    def _events(self, get_event: Any) -> None:
        values = self.source.values
        keys = self.source.keys
        stack = self.stack
        anchors = self.anchors
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        while True:
            event = get_event()
            if event is None:
                return
            cls = type(event)
            value: Any
            size = 1
            if cls is scalar_event:
                mark = event.start_mark
                packed = (mark.line + 1) << _COLUMN_BITS | (mark.column + 1)
                if stack:
                    top = stack[-1]
                    if top.is_list:
                        path: FieldPath = (*top.path, len(top.container))
                    elif top.awaiting_value:
                        path = (*top.path, top.key or "")
                    else:
                        key = event.value
                        if (event.style or key != "<<") and key not in top.container:
                            top.awaiting_value, top.key = True, key
                            keys[(*top.path, key)] = packed
                            continue
                        self.odd_key(top, event, packed)
                        continue
                else:
                    path = ()
                values[path] = packed
                text = event.value
                style = event.style
                if style or event.tag is not None:
                    value = text
                    if style == '"' and _DISALLOWED.search(text):
                        self.escaped_control(path, text)
                elif text and text[0] not in _MAYBE_TYPED:
                    value = text
                else:
                    value = _plain(text)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
            elif cls is mapping_start or cls is sequence_start:
                if len(stack) >= MAX_DEPTH:
                    self.too_deep(event.start_mark)
                mark = event.start_mark
                packed = (mark.line + 1) << _COLUMN_BITS | (mark.column + 1)
                is_key = False
                if stack:
                    top = stack[-1]
                    if top.is_list:
                        path = (*top.path, len(top.container))
                    elif top.awaiting_value:
                        path = (*top.path, top.key or "")
                    else:
                        is_key = self.bad_key(_unpack(packed))
                        path = (*top.path, "")
                else:
                    path = ()
                if not is_key:
                    values[path] = packed | _MAPPING if cls is mapping_start else packed
                stack.append(_Frame({} if cls is mapping_start else [], path, event.anchor, is_key))
                continue
            elif cls is mapping_end or cls is sequence_end:
                frame = stack.pop()
                if frame.is_key:
                    stack[-1].awaiting_value = True
                    continue
                value, size = frame.container, frame.size
                if frame.anchor:
                    anchors[frame.anchor] = (value, size)
            elif cls is alias_event:
                found = self.alias(event)
                if found is None:
                    continue
                value, size = found
            else:
                if cls is yaml.DocumentStartEvent:
                    anchors.clear()
                continue
            # The value is complete: put it into its list or mapping.
            if not stack:
                self.documents.append(value)
                continue
            top = stack[-1]
            top.size += size
            if top.is_list:
                top.container.append(value)  # type: ignore[union-attr]
                continue
            if not top.discard_value and top.key is not None:
                top.container[top.key] = value  # type: ignore[call-overload]
            top.awaiting_value, top.discard_value, top.key = False, False, None

    def fail(self, mark: Any, message: str, expected: str, found: str = "", hint: str = "") -> None:
        self.problems.append(
            Problem(
                file=self.source.display,
                line=mark.line + 1,
                column=mark.column + 1,
                field="",
                message=message,
                expected=expected,
                found=found,
                hint=hint,
            )
        )
        self.stopped = True
        raise _Stop

    def too_deep(self, mark: Any) -> None:
        self.fail(
            mark,
            f"the data is nested more than {MAX_DEPTH} levels deep",
            expected=f"at most {MAX_DEPTH} levels of lists and mappings",
            found="a list or mapping inside this many others",
            hint="a handbook needs a few levels; check for unclosed '[' or '{', or split the file",
        )

    def next_path(self) -> FieldPath:
        """The path of the value that starts now."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if top.is_list:
            return (*top.path, len(top.container))
        return (*top.path, top.key or "")

    def escaped_control(self, path: FieldPath, value: str) -> None:
        """A control character written as an escape ("\\0", "\\e") is refused like a raw one."""
        code = ord(_DISALLOWED.findall(value)[0])
        self.problems.append(
            self.source.problem(
                path,
                "the text holds a control character",
                expected="text without control characters",
                found=f"U+{code:04X} ({_CONTROL_NAMES.get(code, 'a control character')})",
                hint="remove the escape sequence (such as \\0 or \\e) from the quoted text",
            )
        )

    def bad_key(self, position: Position) -> bool:
        """Report a list, mapping or alias used as a mapping key; its value is then left out."""
        if not self.stack or self.stack[-1].is_list or self.stack[-1].awaiting_value:
            return False
        top = self.stack[-1]
        line, column = position
        self.problems.append(
            Problem(
                file=self.source.display,
                line=line,
                column=column,
                field=format_field(top.path),
                message="a key must be a plain word",
                expected="key: value",
                found="a list or mapping as key",
            )
        )
        top.key, top.discard_value = "", True
        return True

    def odd_key(self, top: _Frame, event: yaml.ScalarEvent, packed: int) -> None:
        """A merge key ('<<') or a key seen before in the same mapping: reported, its value left out."""
        key = str(event.value)
        top.awaiting_value, top.discard_value, top.key = True, True, key
        if key == "<<" and not event.style:
            self.problems.append(
                self.source.problem(
                    top.path,
                    "YAML merge keys ('<<') are not supported",
                    expected="each field written out in full",
                    hint="copy the fields instead of merging them",
                )
            )
            return
        child = (*top.path, key)
        line, column = _unpack(packed)
        self.problems.append(
            Problem(
                file=self.source.display,
                line=line,
                column=column,
                field=format_field(child),
                message=f"duplicate key '{key}' in the same mapping",
                expected="each key once per mapping",
                found=f"'{key}' again (first on line {_unpack(self.source.keys[child])[0]})",
                hint="merge the two entries or rename one; only the first is used",
            )
        )

    def alias(self, event: yaml.AliasEvent) -> tuple[Any, int] | None:
        """The value an alias repeats and its size, or None when it stands where a key belongs."""
        name = str(event.anchor)
        if self.bad_key(_mark(event.start_mark)):
            self.stack[-1].awaiting_value = True
            return None
        if name not in self.anchors:
            self.fail(
                event.start_mark,
                f"YAML syntax error: found undefined alias '{name}'",
                expected="valid YAML",
                hint="'*' starts a YAML alias; put the text in quotes",
            )
        value, size = self.anchors[name]
        self.alias_values += size
        if self.alias_values > MAX_ALIAS_VALUES:
            self.fail(
                event.start_mark,
                f"YAML aliases repeat more than {MAX_ALIAS_VALUES} values",
                expected=f"aliases ('*name') that repeat at most {MAX_ALIAS_VALUES} values in all",
                found=f"'*{name}' repeating {size} values, on top of the ones before",
                hint="write the values out, or refer to things by id instead of repeating them",
            )
        self.source.values[self.next_path()] = _pack(*_mark(event.start_mark))
        return value, size


def _mark(mark: Any) -> Position:
    return mark.line + 1, mark.column + 1


#: First characters of the plain scalars that may be null, a yes/no value or a number.
_MAYBE_TYPED = frozenset("0123456789+-.~nNtTfF")
_NUMBER_START = frozenset("0123456789+-.")


#: The null and yes/no words of the YAML 1.2 core schema ('' is an empty value), looked up at once.
_WORDS: dict[str, bool | None] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}


def _plain(text: str) -> Any:
    """A plain (unquoted, untagged) scalar read by the YAML 1.2 core schema: `no` stays text."""
    if text in _WORDS:
        return _WORDS[text]
    if text[0] not in _NUMBER_START:
        return text
    try:
        if _INT.match(text):
            return YamlInt(text)
        if _FLOAT.match(text) and any(c.isdigit() for c in text):
            return YamlFloat(text)
    except ValueError:  # more digits than Python converts: text, refused where a number belongs
        pass
    return text


def read_text(path: Path, display: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, or the problem that stops it being read (too large, unreadable)."""

    def refused(message: str, expected: str, found: str = "", hint: str = "") -> tuple[None, list[Problem]]:
        return None, [Problem(display, 1, 1, "", message, expected=expected, found=found, hint=hint)]

    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            # A named pipe or a device would block the read, or never end.
            return refused(
                "the file is not a regular file (a pipe, socket or device)",
                expected="a YAML or CSV file saved on disk",
                hint="remove it from the folder",
            )
        size = status.st_size
        if size > limit:
            return refused(
                f"the file is too large to read ({size:,} bytes)",
                expected=f"at most {limit:,} bytes per file",
                hint="split it into several files",
            )
        return path.read_bytes(), []
    except PermissionError:
        return refused("the file cannot be read: permission denied", "a readable file", hint="check its permissions")
    except OSError as exc:
        return refused(f"the file cannot be read: {exc.strerror or exc}", "a readable file")


def control_characters(text: str, display: str) -> list[Problem]:
    """Characters YAML forbids (NUL, escape codes), each at its real line and column."""
    problems = []
    for match in _DISALLOWED.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        code = ord(match.group())
        name = _CONTROL_NAMES.get(code, "a control character")
        problems.append(
            Problem(
                file=display,
                line=line,
                column=column,
                field="",
                message="the file holds a character YAML does not allow",
                expected="text without control characters",
                found=f"U+{code:04X} ({name})",
                hint="delete it: it is invisible in most editors and often comes from text copied out of "
                "another program",
            )
        )
        if len(problems) == 20:
            break
    return problems


def load_source(path: Path, display: str, raw: bytes | None = None) -> tuple[SourceFile | None, list[Problem]]:
    """Read one YAML file. Returns the parsed file, or None with the problems found."""
    source = SourceFile(path=path, display=display)
    if raw is None:
        raw, problems = read_text(path, display)
        if raw is None:
            return None, problems
    saved_as = saved_as_encoding(raw)
    try:
        if saved_as.startswith("UTF-16"):
            # Its ASCII reads as UTF-8 with a NUL after every letter; every character is wrong, and the
            # bytes count no columns: the file is the place.
            raise UnicodeDecodeError("utf-8", raw, 0, 1, "UTF-16")
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf16 = saved_as.startswith("UTF-16")
        return None, [
            Problem(
                file=display,
                line=1 if utf16 else raw[: exc.start].count(b"\n") + 1,
                column=1 if utf16 else exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1,
                field="",
                message="the file is not valid UTF-8 text",
                found="UTF-16 text" if utf16 else f"byte 0x{raw[exc.start]:02x}",
                expected="a file saved as UTF-8",
                hint=f"re-save the file as UTF-8 in your editor (it was probably saved as {saved_as})",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    early = control_characters(text, display) or _tab_indentation(text, display)
    if early:
        return None, early
    if not _has_content(text):
        return None, [
            Problem(
                file=display,
                line=1,
                column=1,
                field="",
                message=EMPTY_FILE,
                expected="a mapping starting with 'kind:'",
                hint="add the file's content, or delete the file",
            )
        ]
    try:
        try:
            builder = _build(source, text, _FAST_LOADER)
        except yaml.MarkedYAMLError:
            # libyaml words its errors differently; the pure-Python parser gives
            # the messages (and hints) editors are shown, and mistakes are rare.
            builder = _build(source, text, yaml.SafeLoader)
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
                hint=_quote_hint(text, exc) or _syntax_hint(what),
            )
        ]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text input
        return None, [Problem(display, 1, 1, "", f"YAML error: {exc}", expected="valid YAML")]
    if builder.stopped:
        return None, builder.problems
    if len(builder.documents) != 1:
        return None, [
            Problem(
                file=display,
                line=1,
                column=1,
                field="",
                message=f"the file holds {len(builder.documents)} YAML documents",
                expected="exactly one document per file",
                hint="split the documents ('---') into separate files",
            )
        ]
    source.parsed = builder.documents[0]
    source.text = text
    return source, builder.problems


def _build(source: SourceFile, text: str, loader: Any) -> _Builder:
    source.values.clear()
    source.keys.clear()
    builder = _Builder(source)
    builder.run(loader(text))
    return builder


# A value that starts with a quoted part and goes on after it: `text: "no" he said`.
_QUOTED_START = re.compile(r"""^\s*(?:-\s+)?(?:[^\s'"#][^:#]*:\s+)?(["'])(?:(?!\1).)*\1\s*[^\s#,\]}]""")


def _quote_hint(text: str, exc: yaml.MarkedYAMLError) -> str:
    marks = [m for m in (exc.problem_mark, exc.context_mark) if m is not None]
    lines = text.splitlines()
    for mark in marks:
        for number in (mark.line, mark.line - 1):
            if 0 <= number < len(lines) and _QUOTED_START.match(lines[number]):
                return (
                    f"line {number + 1}: a text that starts with a quote must end with it; put the whole text "
                    "in the other kind of quotes, e.g. '\"no\" he said'"
                )
    return ""


def _has_content(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            return True
    return False


def _tab_indentation(text: str, display: str) -> list[Problem]:
    if "\t" not in text:  # nearly every file: skip the line-by-line look
        return []
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


def saved_as_encoding(raw: bytes) -> str:
    """The encoding a file that is not UTF-8 most likely has, as its editor names it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:200].count(b"\x00") > len(raw[:200]) // 4:
        return "UTF-16, which some editors call 'Unicode'"
    return "Latin-1 or Windows-1252"
