"""The format reference in docs/ documents every field of every model, in that model's own table.

An editor looks a field up where the thing it belongs to is described: a step's
`owner` under *A step*, not under the journey or the backlog. So each model is
mapped to its table in docs/reference.md, named by its section (`## Journey`)
and the first **bold** or `code` words of the sentence just before the table
(`A **step** is ...`, `` `kind: journey` ``). Each model's fields must be rows of
its own table, marked *required* exactly when the model requires it, and each
row of a mapped table must be a field of a model mapped to it (no field
documented that the format does not accept).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from conftest import ROOT
from journeybook.core import models
from journeybook.core.models import FILE_KINDS

REFERENCE = ROOT / "docs" / "reference.md"
FIELD_TABLE = "| Field | Required | Meaning |"
EVERY_FILE = ("Files and limits", "every file")
# Fields every file kind has, documented once in the table of fields that stand in every file.
FILE_FIELDS = frozenset({"kind", "version"})

# model -> (section heading, first bold or code words of the sentence before its table)
TABLES: dict[type[BaseModel], tuple[str, str]] = {
    models.OrganisationFile: ("Organisation", "kind: organisation"),
    models.Team: ("Organisation", "team"),
    models.Channel: ("Organisation", "channel"),
    models.LifeEvent: ("Organisation", "life event"),
    models.NeedGroupFile: ("Need group", "kind: need-group"),
    models.JourneyFile: ("Journey", "kind: journey"),
    models.Phase: ("Journey", "phase"),
    models.Step: ("Journey", "step"),
    models.PainPoint: ("Journey", "pain point"),
    models.GainPoint: ("Journey", "pain point"),
    models.Blueprint: ("Journey", "blueprint"),
    models.FailureDemand: ("Journey", "Failure demand"),
    models.RootCause: ("Journey", "root cause"),
    models.InsightsFile: ("Insights", "kind: insights"),
    models.Insight: ("Insights", "insight"),
    models.BacklogFile: ("Backlog", "kind: backlog"),
    models.ProblemArea: ("Backlog", "problem area"),
    models.DevelopmentArea: ("Backlog", "problem area"),
    models.BacklogItem: ("Backlog", "backlog item"),
    models.Priority: ("Backlog", "priority"),
    models.MetricsFile: ("Metrics", "kind: metrics"),
    models.Metric: ("Metrics", "metric"),
    models.MetricValue: ("Metrics", "values"),
    models.GlossaryFile: ("Glossary", "kind: glossary"),
    models.Term: ("Glossary", "term"),
}

Tables = dict[tuple[str, str], dict[str, str]]
"""(section, first emphasised words before the table) -> field name -> its Required cell."""
ROW = re.compile(r"^\| `([a-z_]+)` \|([^|]*)\|")
EMPHASIS = re.compile(r"\*\*([^*]+)\*\*|`([^`]+)`")


def field_tables(text: str) -> Tables:
    """Every field table of the reference, with each field's Required cell."""
    tables: Tables = {}
    section, paragraph, ended = "", "", False
    lines = iter(text.splitlines())
    for line in lines:
        if line.startswith(("# ", "## ")):
            section, paragraph = line.lstrip("#").strip(), ""
        elif line.startswith(FIELD_TABLE):
            match = EMPHASIS.search(paragraph)
            key = (section, (match.group(1) or match.group(2)) if match else "")
            assert key not in tables, f"two field tables are both named {key} in {REFERENCE.name}"
            tables[key] = dict(_rows(lines))
            paragraph = ""
        elif line.strip():
            paragraph = line if ended else f"{paragraph} {line}"
        ended = not line.strip()
    return tables


def _rows(lines: Iterator[str]) -> Iterator[tuple[str, str]]:
    for line in lines:
        if not line.startswith("|"):
            return
        if match := ROW.match(line):
            yield match.group(1), match.group(2).strip()


def every_model() -> list[type[BaseModel]]:
    """Every model a YAML file can hold, found from the file kinds (so a new model is found too)."""
    seen: list[type[BaseModel]] = []
    stack: list[object] = list(FILE_KINDS.values())
    while stack:
        annotation = stack.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                continue
            seen.append(annotation)
            stack.extend(info.annotation for info in annotation.model_fields.values())
        else:
            stack.extend(typing.get_args(annotation))
    return sorted(seen, key=lambda model: model.__name__)


@pytest.fixture(scope="module")
def reference() -> str:
    return REFERENCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tables(reference: str) -> Tables:
    return field_tables(reference)


def test_every_model_is_mapped_to_a_table() -> None:
    unmapped = [model.__name__ for model in every_model() if model not in TABLES]
    assert unmapped == [], "add each new model to TABLES with the section and table that describe it"


@pytest.mark.parametrize("model", every_model(), ids=lambda model: model.__name__)
def test_every_field_is_in_its_models_own_table(model: type[BaseModel], tables: Tables) -> None:
    assert TABLES[model] in tables, f"no field table {TABLES[model]} in {REFERENCE.name}"
    own = set(tables[TABLES[model]])
    if model in FILE_KINDS.values():
        own |= set(tables[EVERY_FILE]) & FILE_FIELDS
    missing = [name for name in model.model_fields if name not in own]
    assert missing == [], f"{model.__name__}: fields missing from the table {TABLES[model]}"
    cells = tables[TABLES[model]]
    wrong = [
        name
        for name, info in model.model_fields.items()
        if name in cells and (cells[name] == "required") != info.is_required()
    ]
    assert wrong == [], f"{model.__name__}: 'required' in the reference differs from the model for these fields"


def test_no_table_documents_a_field_the_format_refuses(tables: Tables) -> None:
    accepted: dict[tuple[str, str], set[str]] = {EVERY_FILE: set(FILE_FIELDS)}
    for model, key in TABLES.items():
        accepted.setdefault(key, set()).update(model.model_fields)
    unknown = sorted(
        f"{key}: {name}" for key, names in accepted.items() for name in tables.get(key, []) if name not in names
    )
    assert unknown == []


def test_field_tables_are_read_by_section_and_name() -> None:
    """The parser itself: a field under the wrong table is not counted as documented."""
    text = "## Journey\n\nA **step**:\n\n" + FIELD_TABLE + "\n| --- | --- | --- |\n| `owner` | | x |\n\nA **phase**:\n"
    text += "\n" + FIELD_TABLE + "\n| --- | --- | --- |\n| `id` | required | x |\n"
    assert field_tables(text) == {("Journey", "step"): {"owner": ""}, ("Journey", "phase"): {"id": "required"}}


def test_every_file_kind_has_an_example(reference: str) -> None:
    for kind in FILE_KINDS:
        assert f"kind: {kind}\n" in reference, kind
