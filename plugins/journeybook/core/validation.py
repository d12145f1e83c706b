"""Turn one parsed YAML file into a typed model, or into editor-readable problems.

Pydantic does the checking; this module translates its errors, which are
written for programmers ("Input should be a valid integer"), into what an
editor can act on: the field, what was found, what was expected, and a
"did you mean" for a misspelt key or value.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError

from .models import (
    DURATION_MAX_HOURS,
    DURATION_PATTERN,
    EMOTION_MAX,
    EMOTION_MIN,
    FILE_KINDS,
    JOURNEY_MAX_PAIN_POINTS,
    JOURNEY_MAX_STEPS,
    MARKDOWN_MAX_CHARS,
    MARKDOWN_MAX_LINKS,
    MARKDOWN_MAX_NESTING,
    MARKDOWN_MAX_UNCLOSED,
    NUMBER_MAX,
    SLUG_MAX_LENGTH,
    SLUG_PATTERN,
    Base,
    meant_id,
)
from .problems import FieldPath, Problem, did_you_mean
from .yamlsource import SourceFile, written

KIND_LIST = ", ".join(sorted(FILE_KINDS))


def describe(value: Any) -> str:
    """How a found value reads in a message."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list (lines starting with '- ')"
    if isinstance(value, int | float):
        return f"the number {_short(str(written(value)))}"
    return f"'{_short(str(value))}'"


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > 60:
        text = text[:57] + "..."
    return text


def validate_source(source: SourceFile) -> tuple[Base | None, list[Problem]]:
    data = source.data
    if not isinstance(data, dict):
        return None, [
            source.problem(
                (),
                "the file must be a mapping of fields",
                expected="a mapping starting with 'kind:'",
                found=describe(data),
                hint="remove the leading '- ' if the whole file is written as a list",
            )
        ]
    kind = data.get("kind")
    if kind is None:
        return None, [
            source.problem(
                (),
                "the file has no 'kind' field",
                expected=f"'kind:' with one of: {KIND_LIST}",
                hint="add e.g. 'kind: journey' as the first line",
            )
        ]
    model = FILE_KINDS.get(str(kind))
    if model is None:
        return None, [
            source.problem(
                ("kind",),
                f"unknown file kind '{kind}'",
                expected=f"one of: {KIND_LIST}",
                found=describe(kind),
                hint=did_you_mean(str(kind), FILE_KINDS),
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = [_translate(source, model, err) for err in exc.errors(include_url=False)]
        return partial_model(model, data, exc), problems


#: How many broken fields partial_model drops before it gives up on a file.
MAX_REPAIRS = 50


def partial_model(model: type[Base], data: Any, error: ValidationError) -> Base | None:
    """The file's model with the broken parts left out, or None when nothing useful remains.

    Used only to go on checking the rest of the file (its references, its
    ids) in the same run, so that an editor sees every mistake at once. A
    broken field is dropped; when the field was required, the list entry
    holding it (a step, a pain point) is dropped instead.
    """
    current = copy.deepcopy(data)
    errors = error.errors(include_url=False)
    for _ in range(MAX_REPAIRS):
        loc: FieldPath = tuple(errors[0]["loc"])
        if "[key]" in loc:
            loc = loc[: loc.index("[key]")]
        dropped = errors[0]["type"] != "missing" and _drop(current, loc)
        if not dropped and not _drop(current, _enclosing_entry(loc)):
            return None
        try:
            return model.model_validate(current)
        except ValidationError as again:
            errors = again.errors(include_url=False)
    return None


def _enclosing_entry(loc: FieldPath) -> FieldPath:
    for i in range(len(loc) - 1, -1, -1):
        if isinstance(loc[i], int):
            return loc[: i + 1]
    return ()


def _drop(data: Any, loc: FieldPath) -> bool:
    if not loc:
        return False
    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = loc[-1]
    if isinstance(parent, dict) and last in parent:
        del parent[last]
        return True
    if isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        del parent[last]
        return True
    return False


def _model_at(model: type[BaseModel], loc: FieldPath) -> type[BaseModel] | None:
    """The model class that holds the last part of loc, for key suggestions."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _translate(source: SourceFile, model: type[BaseModel], err: Any) -> Problem:
    loc: FieldPath = tuple(err["loc"])
    kind: str = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    name = str(loc[-1]) if loc else ""

    if loc and loc[-1] == "[key]":
        path = loc[:-1]
        return source.problem(
            path,
            f"'{path[-1]}' is not a valid id",
            expected="lower-case letters, digits and single hyphens, e.g. 'straight-to-the-point'",
            found=describe(path[-1]),
            key=True,
        )
    if kind == "extra_forbidden":
        holder = _model_at(model, loc)
        choices = list(holder.model_fields) if holder else []
        hint = did_you_mean(name, choices)
        return source.problem(
            loc,
            f"unknown field '{name}'",
            expected="one of: " + ", ".join(choices) if choices else "no such field here",
            found=f"'{name}'",
            hint=hint or "see the format reference for the fields allowed here",
            key=True,
        )
    if kind == "missing":
        return source.problem(
            loc,
            f"required field '{name}' is missing",
            expected=f"a line '{name}: ...' in this mapping",
            hint="see the format reference for an example",
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return source.problem(
            loc,
            f"'{_label(loc)}' must be a mapping",
            expected="a mapping (indented 'key: value' lines)",
            found=describe(value),
            hint="remove the leading '- '" if isinstance(value, list) else "",
        )
    if kind == "list_type":
        return source.problem(
            loc,
            f"'{_label(loc)}' must be a list",
            expected="a list (one '- item' per line)",
            found=describe(value),
            hint="write each entry on its own line starting with '- '",
        )
    if kind == "literal_error":
        options = ctx.get("expected", "")
        choices = [o.strip(" '") for o in str(options).replace(" or ", ", ").split(",")]
        return source.problem(
            loc,
            f"'{_label(loc)}' has a value that is not allowed",
            expected=f"one of: {options}",
            found=describe(value),
            hint=did_you_mean(str(value), choices),
        )
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "min|" in pattern:
            expected = "a duration such as '30 minutes', '4 hours', '3 days', '2 weeks' or '1 month'"
        elif "/" in pattern:
            expected = "an id ('journey-id') or 'journey-id/item-id', lower-case with hyphens"
        else:
            expected = "an id of lower-case letters, digits and single hyphens, e.g. 'book-visit'"
        return source.problem(
            loc,
            f"'{_label(loc)}' is not in the right form",
            expected=expected,
            found=describe(value),
            hint=_duration_hint(value) if "min|" in pattern else _id_hint(value, pattern),
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        if "emotion" in loc:
            expected = f"a whole number from {EMOTION_MIN} (very negative) to {EMOTION_MAX} (very positive)"
            message = "emotion is outside its scale"
        else:
            bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
            words = {
                "greater_than_equal": "at least",
                "less_than_equal": "at most",
                "greater_than": "more than",
                "less_than": "less than",
            }
            expected = f"a number {words[kind]} {bound}"
            message = f"'{_label(loc)}' is out of range"
        return source.problem(loc, message, expected=expected, found=describe(value))
    special = _special(source, loc, kind, value, ctx)
    if special is not None:
        return special
    if kind in ("too_short", "string_too_short"):
        return source.problem(
            loc,
            f"'{_label(loc)}' is empty",
            expected="at least one entry" if kind == "too_short" else "some text",
            found=describe(value),
        )
    expected_by_type = {
        "string_type": "text",
        "int_type": "a whole number",
        "int_parsing": "a whole number",
        "int_from_float": "a whole number",
        "float_type": "a number",
        "float_parsing": "a number",
        "bool_type": "true or false",
        "bool_parsing": "true or false",
        "date_type": "a date written YYYY-MM-DD",
        "date_parsing": "a date written YYYY-MM-DD",
        "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    }
    if kind in expected_by_type:
        hint = ""
        if kind == "string_type" and isinstance(value, dict | list):
            hint = "a text containing ': ' or starting with '- ' must be put in quotes"
        if kind == "string_type" and name in ("waiting", "duration") and isinstance(value, int | float):
            hint = f"add the unit: '{written(value)} days', '{written(value)} hours'..."
        hint = hint or _type_hint(kind, value)
        return source.problem(
            loc,
            f"'{_label(loc)}' has the wrong type",
            expected=expected_by_type[kind],
            found=describe(value),
            hint=hint,
        )
    return source.problem(loc, f"'{_label(loc)}': {err.get('msg', 'invalid value')}", found=describe(value))


_DAY_FIRST = re.compile(r"(\d{1,2})([./])(\d{1,2})[./](\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})[./](\d{1,2})[./](\d{1,2})")


def _type_hint(kind: str, value: Any) -> str:
    """How to write a number or a date that came as text ('1 000', '75%', '01.10.2026')."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if kind.startswith(("int_", "float_")):
        meant = re.sub(r"[\s\u00a0\u202f%]", "", text).replace(",", ".")
        if not re.fullmatch(r"[+-]?\d+(?:\.\d+)?", meant):
            return "write digits only, with '.' before decimals: no units, spaces or '%'"
        return f"write it {meant}: digits only, with '.' before decimals, no units, spaces or '%'"
    if kind.startswith("date_"):
        meant = text[:10] if re.match(r"\d{4}-\d{2}-\d{2}[T ]", text) else ""
        if match := _YEAR_FIRST.fullmatch(text):
            meant = f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}"
        elif (match := _DAY_FIRST.fullmatch(text)) and (match[2] == "." or int(match[1]) > 12):
            meant = f"{match[4]}-{int(match[3]):02d}-{int(match[1]):02d}"
        return f"write it {meant}" if meant else "write the year, month and day with hyphens, e.g. 2026-10-01"
    if kind.startswith("bool_"):
        return "write true or false"
    return ""


#: Error kind -> message (with {label}, {value} and the error's context), expected, hint.
_LIMITS: dict[str, tuple[str, str, str]] = {
    "too_large": ("'{label}' is too large to be real", f"a number no larger than {NUMBER_MAX:,.0f}", ""),
    "no_such_date": (
        "no such date: {value}",
        "a real date written YYYY-MM-DD",
        "check the day and the month (e.g. February has 28 or 29 days)",
    ),
    "duration_too_long": (
        "'{label}' is longer than 10 years",
        f"a duration of at most {DURATION_MAX_HOURS // 24} days, such as '3 days' or '2 weeks'",
        "",
    ),
    "journey_too_many_steps": (
        "the journey has {count} steps",
        f"at most {JOURNEY_MAX_STEPS} steps in one journey",
        "split it into journeys of their own (one per stage of the life event), linked by life_event",
    ),
    "journey_too_many_pain_points": (
        "the journey has {count} pain points",
        f"at most {JOURNEY_MAX_PAIN_POINTS} pain points in one journey",
        "split it into journeys of their own, or keep the pain points that matter most",
    ),
    "markdown_too_deep": (
        "'{label}' nests lists or quotes {depth} levels deep (line {line} of the text)",
        f"at most {MARKDOWN_MAX_NESTING} levels of nested lists and quotes",
        "flatten the list or quote; deeper nesting does not read well and is slow to render",
    ),
    "markdown_too_many_links": (
        "'{label}' has {count} '[' characters",
        f"at most {MARKDOWN_MAX_LINKS} links ('[' characters) in one text",
        "write fewer links, or move the list to a page of its own in docs/",
    ),
    "markdown_unclosed": (
        "'{label}' has {count} '[' or '(' that are never closed",
        f"at most {MARKDOWN_MAX_UNCLOSED} unclosed brackets in one text",
        "close each '[' with ']' and each '(' with ')', or write fewer of them",
    ),
}


def _special(source: SourceFile, loc: FieldPath, kind: str, value: Any, ctx: dict[str, Any]) -> Problem | None:
    """Messages for the limits that keep impossible values and hostile input out (docs/reference.md)."""
    label = _label(loc)
    if kind == "not_finite":
        return source.problem(
            loc,
            f"'{label}' must be a finite number",
            expected="a number such as 72 or 3.5",
            found=describe(value),
            hint="true/false are yes/no values, not numbers"
            if isinstance(value, bool)
            else "'.inf', 'inf' and '.nan' are not numbers a handbook can hold",
        )
    if kind in _LIMITS:
        message, expected, hint = _LIMITS[kind]
        words = {"label": label, "value": str(value).strip(), **ctx}
        return source.problem(loc, message.format(**words), expected=expected, found=describe(value), hint=hint)
    if kind == "reserved_id":
        folder = "teams" if "teams" in loc else "need-groups"
        return source.problem(
            loc,
            f"the id '{value}' is reserved",
            expected="an id other than: index",
            found=describe(value),
            hint=f"'{value}' would replace the section page {folder}/{value}.md; choose another id, "
            f"e.g. '{value}-group'",
        )
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        if limit == MARKDOWN_MAX_CHARS:
            return source.problem(
                loc,
                f"'{label}' is too long ({len(str(value))} characters)",
                expected=f"at most {MARKDOWN_MAX_CHARS} characters of Markdown",
                hint="shorten it, or move the detail to a page of its own in docs/",
            )
        return source.problem(
            loc,
            f"'{label}' is too long ({len(str(value))} characters)",
            expected=f"an id of at most {SLUG_MAX_LENGTH} characters"
            if limit == SLUG_MAX_LENGTH
            else f"at most {limit} characters",
            found=describe(value),
            hint="ids name generated pages and files; keep them short",
        )
    return None


def _id_hint(value: Any, pattern: str) -> str:
    """What to change in a mistyped id: an invisible character, capitals, spaces or underscores."""
    if not isinstance(value, str):
        return ""
    hidden = [c for c in value if unicodedata.category(c) == "Cf"]
    if hidden:
        return f"it holds an invisible character (U+{ord(hidden[0]):04X}), often pasted with the text: delete it"
    if value != value.strip() and re.fullmatch(pattern or SLUG_PATTERN, value.strip()):
        # The message shows text with its spaces collapsed: 'x ' would read as the right id.
        return f"delete the space at its start or end (kept because it is in quotes): write it '{value.strip()}'"
    meant = "/".join(meant_id(part) for part in value.split("/"))
    if meant != value and re.fullmatch(pattern or SLUG_PATTERN, meant):
        return f"write it '{meant}'"
    foreign = [c for c in meant if not c.isascii() and c.isalpha()]
    if foreign:  # 'ansökan', or a Cyrillic 'ѕ' that looks like a Latin 's'
        name = unicodedata.name(foreign[0], "").lower()
        return f"ids use the letters a-z only: '{foreign[0]}' (U+{ord(foreign[0]):04X} {name}) is not one of them"
    return ""


def _duration_hint(value: Any) -> str:
    """A duration written in capitals or with a decimal comma: the form that reads."""
    if not isinstance(value, str):
        return ""
    meant = " ".join(value.lower().replace(",", ".").split())
    return f"write it '{meant}'" if meant != value and re.fullmatch(DURATION_PATTERN, meant) else ""


def _label(loc: FieldPath) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "value"
