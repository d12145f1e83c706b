"""Metric values kept as CSV files next to the YAML (exports from survey tools).

A malformed row is reported like any YAML mistake: the CSV file, the row's
line, the column, what was found and what was expected.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from .models import MetricValue
from .problems import FieldPath, Problem, display_path
from .yamlsource import SourceFile

HEADER = ["date", "value"]


def read_metric_csv(
    source: SourceFile, metric_path: FieldPath, relative: str
) -> tuple[list[MetricValue], list[Problem]]:
    path = (source.path.parent / relative).resolve()
    field_path = (*metric_path, "values_csv")
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
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [
            Problem(display, 1, 1, "", "the CSV file is not valid UTF-8 text", expected="a file saved as UTF-8")
        ]
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [c.strip().lower() for c in rows[0]] != HEADER:
        found = ",".join(rows[0]) if rows else "an empty file"
        return [], [
            Problem(display, 1, 1, "header", "the CSV file needs a header row", expected="date,value", found=found)
        ]
    values: list[MetricValue] = []
    problems: list[Problem] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            problems.append(
                Problem(
                    display,
                    number,
                    1,
                    f"row {number}",
                    f"the row has {len(row)} columns",
                    expected="2 columns: date,value",
                    found=",".join(row),
                )
            )
            continue
        raw_date, raw_value = (cell.strip() for cell in row)
        try:
            date = dt.date.fromisoformat(raw_date)
        except ValueError:
            problems.append(
                Problem(
                    display,
                    number,
                    1,
                    "date",
                    "the date is not a valid date",
                    expected="a date written YYYY-MM-DD",
                    found=f"'{raw_date}'",
                )
            )
            continue
        try:
            value = float(raw_value)
        except ValueError:
            problems.append(
                Problem(
                    display,
                    number,
                    len(row[0]) + 2,
                    "value",
                    "the value is not a number",
                    expected="a number such as 72 or 3.5",
                    found=f"'{raw_value}'",
                )
            )
            continue
        values.append(MetricValue(date=date, value=value))
    return values, problems
