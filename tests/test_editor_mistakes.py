"""Every kind of editor mistake, as a table: a snippet in, the whole located message out.

The cases live in tests/cases/editor_mistakes.yaml (see its header). Each one is a
few files an editor might save into a handbook, and the exact problems the
editor is shown: file, line, column, field, message, found, expected and hint.
The table is the test's own definition, so it is read when the tests are
collected; the handbook each case breaks is a fresh copy of the mini fixture.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import NotRequired, TypedDict

import pytest
import yaml

from conftest import problems_in

CASES = Path(__file__).parent / "cases" / "editor_mistakes.yaml"
PARTS = ("file", "line", "column", "field", "message", "found", "expected", "hint")


class Case(TypedDict):
    name: str
    files: dict[str, str]
    problems: list[dict[str, str | int]]
    encoding: NotRequired[str]


def read_cases() -> list[Case]:
    cases: list[Case] = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return cases


@pytest.mark.parametrize("case", read_cases(), ids=lambda case: case["name"])
def test_editor_mistake_gets_its_located_message(case: Case, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, text in case["files"].items():
        (mini / name).write_bytes(text.encode(case.get("encoding", "utf-8")))
    monkeypatch.chdir(mini)  # a CSV file is named relative to the working directory, as in CI logs
    found = [{part: getattr(problem, part) for part in PARTS} for problem in problems_in(mini)]
    expected = [{part: problem.get(part, "") for part in PARTS} for problem in case["problems"]]
    assert found == expected


def test_the_case_table_is_well_formed() -> None:
    cases = read_cases()
    names = [case["name"] for case in cases]
    assert len(names) == len(set(names)), "case names must be unique: they name the tests"
    assert len(cases) >= 25
    for case in cases:
        assert case["problems"], f"{case['name']}: a mistake case expects at least one problem"
        for name in case["files"]:
            assert len(PurePosixPath(name).parts) == 1, f"{case['name']}: {name} must be a plain file name"
        for problem in case["problems"]:
            assert set(problem) <= set(PARTS), f"{case['name']}: unknown parts {set(problem) - set(PARTS)}"
            assert {"file", "line", "column", "message"} <= set(problem), f"{case['name']}: unlocated message"
