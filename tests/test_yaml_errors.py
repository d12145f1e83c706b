"""Editor mistakes across files: all reported in one run, without knock-on messages.

Each kind of mistake and its whole located message (file, line, column, field, found,
expected, hint) is a case in tests/cases/editor_mistakes.yaml, run by tests/test_editor_mistakes.py.
"""

from __future__ import annotations

from pathlib import Path

from conftest import edit, problems_in
from journeybook.core import Problem


def test_the_mini_handbook_is_clean(mini: Path) -> None:
    assert problems_in(mini) == []


def test_every_mistake_is_reported_in_one_run(mini: Path) -> None:
    edit(mini / "now.yml", "        owner: back", "        ownr: back")
    edit(mini / "metrics.yml", "    target: 10", "    target: ten")
    (mini / "empty.yml").write_text("", encoding="utf-8")
    edit(mini / "backlog.yml", "owner: back", "owner: nobody")
    found = problems_in(mini)
    assert sorted(p.file for p in found) == ["backlog.yml", "empty.yml", "metrics.yml", "now.yml"]


def test_a_file_with_a_syntax_error_does_not_cascade(mini: Path) -> None:
    edit(mini / "now.yml", 'summary: "Report', 'summary: Report: "x')
    found = problems_in(mini)
    assert [(p.file, p.message) for p in found] == [
        ("now.yml", "YAML syntax error: mapping values are not allowed here")
    ]


def test_a_broken_file_does_not_cascade_into_dangling_references(mini: Path) -> None:
    """References to ids of a file that failed to validate are not reported again."""
    edit(mini / "now.yml", "        owner: back", "        ownr: back")
    found = problems_in(mini)
    assert [p.message for p in found] == ["unknown field 'ownr'"]


def test_norway_stays_text(mini: Path) -> None:
    edit(mini / "glossary.yml", "    sv: kvitto", "    sv: no")
    assert problems_in(mini) == []


def test_number_as_text_is_accepted(mini: Path) -> None:
    edit(mini / "group.yml", "needs: [Speed]", "needs: [2024]")
    assert problems_in(mini) == []


def test_no_organisation_file(mini: Path) -> None:
    (mini / "organisation.yml").unlink()
    found = problems_in(mini)
    assert found[-1].message == "no organisation file found" or any(
        p.message == "no organisation file found" for p in found
    )


def test_problem_text_format() -> None:
    p = Problem("a.yml", 3, 5, "x.y", "something wrong", expected="this", found="that", hint="try")
    assert p.format_text() == (
        "a.yml:3:5: error: something wrong\n    field:    x.y\n    found:    that\n"
        "    expected: this\n    hint:     try"
    )
    assert (
        p.format_github() == "::error file=a.yml,line=3,col=5,title=journeybook%3A x.y::something wrong; "
        "found that; expected this (try)"
    )


def test_references_in_a_file_with_other_mistakes_are_still_checked(mini: Path) -> None:
    """One run shows the unknown field and the misspelt team in the same file."""
    edit(mini / "now.yml", "        owner: back", "        ownr: back")
    edit(mini / "now.yml", "owner: front\nneed_groups", "owner: frnt\nneed_groups")
    found = problems_in(mini)
    assert [(p.line, p.message) for p in found] == [
        (6, "no team with id 'frnt'"),
        (36, "unknown field 'ownr'"),
    ]


def test_references_to_a_step_left_out_for_its_mistake_are_not_reported(mini: Path) -> None:
    """The backlog, insight and metric point at the broken step's pain point: one message, not four."""
    edit(mini / "now.yml", "        does: Fills in the form; waits.\n", "")
    found = problems_in(mini)
    assert [(p.file, p.message) for p in found] == [("now.yml", "required field 'does' is missing")]


def test_a_file_missing_a_top_level_field_does_not_cascade(mini: Path) -> None:
    edit(mini / "now.yml", "title: Moving – today\n", "")
    found = problems_in(mini)
    assert [(p.file, p.line, p.message) for p in found] == [("now.yml", 1, "required field 'title' is missing")]
