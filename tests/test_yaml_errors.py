"""Every kind of editor mistake gets its own message: file, line, column, field, found, expected."""

from __future__ import annotations

from pathlib import Path

from conftest import edit, problems_in
from journeybook.core import Problem


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(p.format_text() for p in problems)
    return problems[0]


def test_the_mini_handbook_is_clean(mini: Path) -> None:
    assert problems_in(mini) == []


def test_yaml_syntax_error_is_located_with_a_hint(mini: Path) -> None:
    edit(mini / "glossary.yml", "definition: Proof", "definition: Proof: of")
    p = only(problems_in(mini))
    assert (p.file, p.line, p.column) == ("glossary.yml", 5, 22)
    assert p.message == "YAML syntax error: mapping values are not allowed here"
    assert p.hint == "a text containing ': ' must be put in quotes"


def test_tab_indentation(mini: Path) -> None:
    edit(mini / "glossary.yml", "      sv: kvitto", "\tsv: kvitto")
    p = only(problems_in(mini))
    assert (p.file, p.line, p.column) == ("glossary.yml", 7, 1)
    assert p.message == "tab character used for indentation"
    assert "spaces" in p.expected


def test_non_utf8_bytes(mini: Path) -> None:
    (mini / "glossary.yml").write_bytes("kind: glossary\nterms:\n  - id: x\n    term: Rådvill\n".encode("latin-1"))
    p = only(problems_in(mini))
    assert (p.line, p.column) == (4, 12)
    assert p.message == "the file is not valid UTF-8 text"
    assert p.found == "byte 0xe5"
    assert "UTF-8" in p.hint


def test_empty_file(mini: Path) -> None:
    (mini / "empty.yml").write_text("# nothing yet\n", encoding="utf-8")
    p = only(problems_in(mini))
    assert (p.file, p.line, p.message) == ("empty.yml", 1, "the file is empty")


def test_list_where_a_mapping_belongs(mini: Path) -> None:
    edit(
        mini / "now.yml",
        "        blueprint:\n          backstage: [Clerk prints letter]",
        "        blueprint:\n          - backstage",
    )
    p = only(problems_in(mini))
    assert p.file == "now.yml"
    assert p.line == 39
    assert p.field == "phases[0].steps[1].blueprint"
    assert p.message == "'blueprint' must be a mapping"
    assert p.found == "a list (lines starting with '- ')"
    assert p.hint == "remove the leading '- '"


def test_unknown_key_suggests_the_right_one(mini: Path) -> None:
    edit(mini / "now.yml", "        owner: back", "        ownr: back")
    p = only(problems_in(mini))
    assert (p.file, p.line, p.column) == ("now.yml", 36, 9)
    assert p.field == "phases[0].steps[1].ownr"
    assert p.message == "unknown field 'ownr'"
    assert p.hint == "did you mean 'owner'?"
    assert "owner" in p.expected


def test_missing_required_key(mini: Path) -> None:
    edit(mini / "now.yml", "        does: Gets a letter.\n", "")
    p = only(problems_in(mini))
    assert p.field == "phases[0].steps[1].does"
    assert p.message == "required field 'does' is missing"
    assert p.line == 31


def test_wrong_type(mini: Path) -> None:
    edit(mini / "metrics.yml", "    target: 10", "    target: ten")
    p = only(problems_in(mini))
    assert (p.line, p.field) == (7, "metrics[0].target")
    assert p.message == "'target' has the wrong type"
    assert (p.found, p.expected) == ("'ten'", "a number")


def test_duplicate_key_in_a_mapping(mini: Path) -> None:
    edit(mini / "now.yml", "owner: front\nneed_groups", "owner: front\nowner: back\nneed_groups")
    p = only(problems_in(mini))
    assert (p.file, p.line, p.column) == ("now.yml", 7, 1)
    assert p.message == "duplicate key 'owner' in the same mapping"
    assert p.found == "'owner' again (first on line 6)"


def test_duplicate_id_across_files(mini: Path) -> None:
    (mini / "copy.yml").write_text((mini / "future.yml").read_text(encoding="utf-8"), encoding="utf-8")
    found = problems_in(mini)
    assert any(
        p.message == "duplicate journey id 'move-future'"
        and p.file in ("copy.yml", "future.yml")
        and "already used in" in p.found
        and p.line == 2
        for p in found
    ), [p.format_text() for p in found]


def test_dangling_reference_suggests_the_closest_id(mini: Path) -> None:
    edit(mini / "now.yml", "        owner: back", "        owner: bakc")
    p = only(problems_in(mini))
    assert (p.file, p.line) == ("now.yml", 36)
    assert p.message == "no team with id 'bakc'"
    assert p.hint == "did you mean 'back'?"


def test_dangling_qualified_reference(mini: Path) -> None:
    edit(mini / "backlog.yml", "addresses: [move-now/no-receipt]", "addresses: [move-now/no-reciept]")
    p = only(problems_in(mini))
    assert p.file == "backlog.yml"
    assert p.message == "journey 'move-now' has no pain point with id 'no-reciept'"
    assert p.hint == "did you mean 'move-now/no-receipt'?"


def test_future_journey_without_current(mini: Path) -> None:
    edit(mini / "future.yml", "replaces: move-now\n", "")
    p = only(problems_in(mini))
    assert (p.file, p.line, p.field) == ("future.yml", 5, "state")
    assert p.message == "a future journey must name the current journey it replaces"


def test_future_journey_replacing_a_missing_one(mini: Path) -> None:
    edit(mini / "future.yml", "replaces: move-now", "replaces: move-later")
    p = only(problems_in(mini))
    assert p.message == "no journey with id 'move-later'"


def test_emotion_outside_its_scale(mini: Path) -> None:
    edit(mini / "now.yml", "emotion: {hurried: -1}", "emotion: {hurried: -5}")
    p = only(problems_in(mini))
    assert (p.line, p.field) == (19, "phases[0].steps[0].emotion.hurried")
    assert p.message == "emotion is outside its scale"
    assert p.expected == "a whole number from -2 (very negative) to 2 (very positive)"


def test_unknown_kind_suggests(mini: Path) -> None:
    edit(mini / "group.yml", "kind: need-group", "kind: need-groups")
    p = only(problems_in(mini))
    assert p.message == "unknown file kind 'need-groups'"
    assert p.hint == "did you mean 'need-group'?"


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


def test_malformed_csv_row_is_located(mini: Path) -> None:
    (mini / "metrics" / "calls.csv").write_text(
        "date,value\n2026-01-31,50\n2026-02-30,40\n2026-03-31,lots\n", encoding="utf-8"
    )
    found = problems_in(mini)
    assert [(p.file.endswith("calls.csv"), p.line, p.field, p.message) for p in found] == [
        (True, 3, "date", "no such date: 2026-02-30"),
        (True, 4, "value", "the value is not a number"),
    ]


def test_csv_without_header(mini: Path) -> None:
    (mini / "metrics" / "calls.csv").write_text("2026-01-31,50\n", encoding="utf-8")
    p = only(problems_in(mini))
    assert (p.line, p.message, p.expected) == (1, "the CSV file needs a header row", "date,value")


def test_missing_csv_file(mini: Path) -> None:
    edit(mini / "metrics.yml", "metrics/calls.csv", "metrics/call.csv")
    p = only(problems_in(mini))
    assert (p.file, p.line) == ("metrics.yml", 8)
    assert p.message == "the CSV file 'metrics/call.csv' does not exist"


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
