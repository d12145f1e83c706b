"""Metric values kept as CSV files next to the YAML (exports from survey tools).

A malformed row is reported like any YAML mistake: the CSV file, the row's
line, the column, what was found and what was expected. The path an editor
writes must stay inside the journeys folder, so that a pull request cannot
make the build read (and print) a file from elsewhere on the machine.
Spreadsheets set to Swedish or Finnish write ``date;value`` with a decimal
comma; that form is read too.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pydantic_core import PydanticCustomError

from .models import MetricValue, to_date, to_number
from .problems import FieldPath, Problem, display_path
from .yamlsource import SourceFile, read_text, saved_as_encoding

HEADER = ["date", "value"]


def resolve_path(path: Path) -> Path | None:
    """The real path, or None for one that cannot be followed (a link loop, a NUL byte)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def read_metric_csv(
    source: SourceFile, metric_path: FieldPath, relative: str, root: Path | None = None
) -> tuple[list[MetricValue], list[Problem]]:
    field_path = (*metric_path, "values_csv")
    root = (root or source.path.parent).resolve()
    written = Path(relative)
    path = resolve_path(source.path.parent / written)
    if path is None:
        return [], [
            source.problem(
                field_path,
                f"the CSV path '{relative}' cannot be followed",
                expected="a path relative to this YAML file, inside the journeys folder",
                found=f"'{relative}'",
                hint="check for a link that points to itself, or a character that cannot be in a path",
            )
        ]
    if written.is_absolute() or not path.is_relative_to(root):
        return [], [
            source.problem(
                field_path,
                f"the CSV file '{relative}' is outside the journeys folder",
                expected="a path relative to this YAML file, inside the journeys folder",
                found=f"'{relative}'",
                hint="copy the CSV file into the journeys folder (e.g. metrics/) and name it from there"
                + ("; a link that leads outside counts as outside" if not written.is_absolute() else ""),
            )
        ]
    if not path.is_file():
        return [], [
            source.problem(
                field_path,
                f"the CSV file '{relative}' does not exist",
                expected="a path relative to this YAML file",
                found=f"'{relative}'",
            )
        ]
    display = display_path(path)
    raw, problems = read_text(path, display)
    if raw is None:
        return [], problems
    try:
        if saved_as_encoding(raw).startswith("UTF-16"):
            raise UnicodeDecodeError("utf-8", raw, 0, 1, "UTF-16")  # its ASCII would read as text with NULs
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [
            Problem(
                display,
                1,
                1,
                "",
                "the CSV file is not valid UTF-8 text",
                expected="a file saved as UTF-8",
                hint=f"save it as 'CSV UTF-8' (it was probably saved as {saved_as_encoding(raw)})",
            )
        ]
    first = text.split("\n", 1)[0].strip().lower().replace(" ", "")
    semicolon = first == "date;value"
    reader = csv.reader(io.StringIO(text), delimiter=";" if semicolon else ",")
    rows: list[list[str]] = []
    lines: list[int] = []  # the line each row starts on: a quoted cell may run over several
    try:
        last = 0
        for row in reader:
            lines.append(last + 1)
            rows.append(row)
            last = reader.line_num
    except csv.Error as exc:  # a cell longer than the csv module reads (128 KB)
        return [], [
            Problem(
                display,
                reader.line_num or 1,
                1,
                "",
                "the CSV file cannot be read",
                expected="rows of 'date,value'",
                found=str(exc),
                hint='a cell this long is usually a quote (") that is never closed; close it or remove it',
            )
        ]
    if not rows or [c.strip().lower() for c in rows[0]] != HEADER:
        found = (",".join(rows[0]) if rows else "an empty file")[:60]
        hint = "the first line must be exactly 'date,value' (or 'date;value')"
        if ";" in first or "\t" in first:
            hint = "write the header 'date,value' or 'date;value'; other separators are not read"
        return [], [
            Problem(
                display,
                1,
                1,
                "header",
                "the CSV file needs a header row",
                expected="date,value",
                found=found,
                hint=hint,
            )
        ]
    separator = ";" if semicolon else ","
    values: list[MetricValue] = []
    problems = []
    for number, row in zip(lines[1:], rows[1:], strict=True):
        if not any(cell.strip() for cell in row):
            continue
        if any("\n" in cell for cell in row):
            problems.append(
                Problem(
                    display,
                    number,
                    1,
                    f"row {number}",
                    'a quote (") opened on this row is closed only on a later line',
                    expected=f"one row per line: date{separator}value",
                    found=" ".join(separator.join(row).split())[:60],
                    hint="remove the quote, or close it before the end of the line",
                )
            )
            continue
        if len(row) != 2:
            problems.append(
                Problem(
                    display,
                    number,
                    1,
                    f"row {number}",
                    f"the row has {len(row)} columns",
                    expected=f"2 columns: date{separator}value",
                    found=separator.join(row)[:60],
                    hint="a decimal comma needs the 'date;value' form, or write 72.5"
                    if not semicolon and len(row) == 3
                    else "",
                )
            )
            continue
        raw_date, raw_value = (cell.strip() for cell in row)
        try:
            date = to_date(raw_date)
        except PydanticCustomError as exc:
            impossible = exc.type == "no_such_date"
            problems.append(
                Problem(
                    display,
                    number,
                    1,
                    "date",
                    f"no such date: {raw_date}" if impossible else "the date is not a valid date",
                    expected="a real date written YYYY-MM-DD" if impossible else "a date written YYYY-MM-DD",
                    found=f"'{raw_date[:60]}'",
                )
            )
            continue
        try:
            value = to_number(raw_value.replace(",", ".") if semicolon else raw_value)
        except PydanticCustomError as exc:
            message = {
                "not_finite": "the value must be a finite number",
                "too_large": "the value is too large to be real",
            }.get(exc.type, "the value is not a number")
            problems.append(
                Problem(
                    display,
                    number,
                    len(row[0]) + 2,
                    "value",
                    message,
                    expected="a number such as 72 or 3.5",
                    found=f"'{raw_value[:60]}'",
                )
            )
            continue
        values.append(MetricValue(date=date, value=value))
    return values, problems
