"""Hostile or broken input gives a located message, never a traceback, a hang or a file read from outside.

Each test writes a small file into a copy of the mini handbook and asserts the
message an editor reads. The limits themselves are documented in
docs/reference.md ("Limits").
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import edit, problems_in
from journeybook.core import Problem, load_handbook
from journeybook.core.models import MARKDOWN_MAX_CHARS, MARKDOWN_MAX_LINKS, MARKDOWN_MAX_NESTING
from journeybook.core.yamlsource import MAX_FILE_BYTES
from journeybook.render import render_site
from journeybook.render.text import block


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(p.format_text() for p in problems)
    return problems[0]


def glossary(term: str) -> str:
    return f"kind: glossary\nterms:\n  - id: x\n    term: {term}\n    definition: d\n"


def write_portrait(folder: Path, markdown: str) -> None:
    """The need group with only this portrait, which starts on line 5."""
    lines = "".join(f"  {line}\n" for line in markdown.split("\n"))
    (folder / "group.yml").write_text(
        f"kind: need-group\nid: hurried\nname: Hurried\nsummary: In a hurry.\nportrait: |-\n{lines}",
        encoding="utf-8",
    )


# --- 3. bounded parsing -------------------------------------------------------------


def test_billion_laughs_is_stopped_at_the_alias(mini: Path) -> None:
    lines = ["kind: glossary", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    lines.append("terms: *j")
    (mini / "bomb.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = only(problems_in(mini))
    assert (p.file, p.line) == ("bomb.yml", 5)
    assert p.message == "YAML aliases repeat more than 10000 values"
    assert p.found.startswith("'*c' repeating 1111 values")
    assert p.hint == "write the values out, or refer to things by id instead of repeating them"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("terms: " + "[" * 10_000 + "]" * 10_000, 2),
        ("terms: " + "{a: " * 10_000 + "1" + "}" * 10_000, 2),
        ("terms:\n" + "".join(" " * i + "-\n" for i in range(0, 2_000, 2)), 52),
        ("".join(" " * i + "a:\n" for i in range(1_500)), 52),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists", "block-mappings"],
)
def test_deep_nesting_is_a_located_error(mini: Path, text: str, line: int) -> None:
    (mini / "deep.yml").write_text("kind: glossary\n" + text + "\n", encoding="utf-8")
    p = only(problems_in(mini))
    assert (p.file, p.line) == ("deep.yml", line)
    assert p.message == "the data is nested more than 50 levels deep"
    assert p.expected == "at most 50 levels of lists and mappings"


def test_a_file_over_the_size_limit_is_refused_by_name(mini: Path) -> None:
    (mini / "huge.yml").write_text("kind: glossary\n# " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    p = only(problems_in(mini))
    assert p.file == "huge.yml"
    assert p.message.startswith("the file is too large to read (")
    assert p.expected == "at most 5,000,000 bytes per file"


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("*" * (MARKDOWN_MAX_CHARS + 1), f"'portrait' is too long ({MARKDOWN_MAX_CHARS + 1} characters)"),
        (
            "\n".join("> " * i + "x" for i in range(1, MARKDOWN_MAX_NESTING + 3)),
            "'portrait' nests lists or quotes 9 levels deep (line 9 of the text)",
        ),
        (
            "\n".join("  " * i + "- x" for i in range(40)),
            "'portrait' nests lists or quotes 9 levels deep (line 17 of the text)",
        ),
        ("[a] " * (MARKDOWN_MAX_LINKS + 1), "'portrait' has 101 '[' characters"),
        ("[a](" * 11, "'portrait' has 11 '[' or '(' that are never closed"),
        ("![" * 11, "'portrait' has 11 '[' or '(' that are never closed"),
    ],
    ids=["long", "quotes", "lists", "brackets", "open-links", "open-images"],
)
def test_markdown_fields_are_bounded(mini: Path, markdown: str, message: str) -> None:
    write_portrait(mini, markdown)
    p = only(problems_in(mini))
    assert (p.file, p.line, p.field) == ("group.yml", 5, "portrait")
    assert p.message == message


@pytest.mark.parametrize(
    "markdown",
    [
        "*" * MARKDOWN_MAX_CHARS,
        "*_" * (MARKDOWN_MAX_CHARS // 2),
        "\n".join("> " * MARKDOWN_MAX_NESTING + "x" for _ in range(MARKDOWN_MAX_CHARS // 20)),
        "\n".join("    " * (i % (MARKDOWN_MAX_NESTING - 1)) + "- x" for i in range(MARKDOWN_MAX_CHARS // 40)),
        "[a](" * 10 + "[a](b) " * 90 + "x" * (MARKDOWN_MAX_CHARS - 670),
        "![" * 10 + "`" * (MARKDOWN_MAX_CHARS - 20),
        "&<" * (MARKDOWN_MAX_CHARS // 2),
    ],
    ids=["stars", "mixed-emphasis", "quotes", "lists", "open-links", "images-and-code", "entities"],
)
def test_what_validates_renders(mini: Path, markdown: str) -> None:
    """Markdown at the limits renders (Python-Markdown neither recurses out nor runs away)."""
    write_portrait(mini, markdown)
    book = load_handbook(mini)
    assert block(book.need_groups["hurried"].portrait).startswith('<div class="jb-prose">')


# --- 4. values that cannot be real --------------------------------------------------


@pytest.mark.parametrize("written", [".nan", ".inf", "inf", "-.inf", "NaN", "1e400"])
def test_infinite_numbers_are_refused(mini: Path, written: str) -> None:
    edit(mini / "organisation.yml", "cost_per_contact: 10", f"cost_per_contact: {written}")
    p = only(problems_in(mini))
    assert (p.file, p.line, p.field) == ("organisation.yml", 13, "channels[0].cost_per_contact")
    assert p.message == "'cost_per_contact' must be a finite number"
    assert p.hint == "'.inf', 'inf' and '.nan' are not numbers a handbook can hold"


@pytest.mark.parametrize(
    ("file", "old", "new", "field"),
    [
        ("now.yml", "hurried: -1", "hurried: true", "phases[0].steps[0].emotion.hurried"),
        ("now.yml", "volume: 10", "volume: false", "phases[0].steps[0].failure_demand[0].volume"),
        ("backlog.yml", "customer_value: 4", "customer_value: true", "customer_value"),
        ("metrics.yml", "target: 10", "target: true", "metrics[0].target"),
    ],
)
def test_yes_no_values_are_not_numbers(mini: Path, file: str, old: str, new: str, field: str) -> None:
    edit(mini / file, old, new)
    p = only(problems_in(mini))
    assert p.file == file and p.field.endswith(field)
    assert p.message.endswith("must be a finite number")
    assert (p.found, p.hint) == ("the yes/no value " + new.split()[-1], "true/false are yes/no values, not numbers")


def test_a_number_too_large_to_be_real(mini: Path) -> None:
    edit(mini / "metrics.yml", "target: 10", "target: " + "9" * 5000)
    p = only(problems_in(mini))
    assert (p.line, p.message) == (7, "'target' is too large to be real")


def test_metric_values_in_yaml_must_be_finite(mini: Path) -> None:
    edit(
        mini / "metrics.yml",
        "    target: 10\n",
        "    target: 10\n    values:\n      - {date: 2026-01-31, value: .nan}\n",
    )
    p = only(problems_in(mini))
    assert (p.line, p.field) == (9, "metrics[0].values[0].value")
    assert p.message == "'value' must be a finite number"


def test_csv_values_must_be_finite(mini: Path) -> None:
    (mini / "metrics" / "calls.csv").write_text("date,value\n2026-01-31,nan\n2026-02-28,inf\n2026-03-31,1e999\n")
    found = problems_in(mini)
    assert [(p.line, p.field, p.message) for p in found] == [
        (line, "value", "the value must be a finite number") for line in (2, 3, 4)
    ]


def test_a_duration_beyond_ten_years_is_refused_before_it_overflows(mini: Path) -> None:
    edit(mini / "now.yml", "waiting: 1 week", "waiting: " + "1" * 400 + " days")
    p = only(problems_in(mini))
    assert (p.file, p.line, p.field) == ("now.yml", 35, "phases[0].steps[1].waiting")
    assert p.message == "'waiting' is longer than 10 years"


def test_an_impossible_date_says_no_such_date(mini: Path) -> None:
    edit(mini / "insights.yml", "    source: Call log\n", "    source: Call log\n    date: 2026-02-30\n")
    p = only(problems_in(mini))
    assert (p.file, p.line, p.field) == ("insights.yml", 8, "insights[0].date")
    assert p.message == "no such date: 2026-02-30"
    assert p.expected == "a real date written YYYY-MM-DD"


def test_an_impossible_csv_date_says_no_such_date(mini: Path) -> None:
    (mini / "metrics" / "calls.csv").write_text("date,value\n2026-04-31,5\n", encoding="utf-8")
    p = only(problems_in(mini))
    assert (p.line, p.message) == (2, "no such date: 2026-04-31")


# --- 5. ids ---------------------------------------------------------------------------


def test_an_id_longer_than_the_limit(mini: Path) -> None:
    edit(mini / "glossary.yml", "id: receipt", "id: " + "a" * 65)
    p = only(problems_in(mini))
    assert (p.line, p.field, p.message) == (3, "terms[0].id", "'id' is too long (65 characters)")
    assert p.expected == "an id of at most 64 characters"


@pytest.mark.parametrize(
    ("file", "old", "page"),
    [("group.yml", "id: hurried", "need-groups/index.md"), ("organisation.yml", "id: front", "teams/index.md")],
)
def test_an_id_that_names_a_section_page_is_reserved(mini: Path, file: str, old: str, page: str) -> None:
    edit(mini / file, old, "id: index")
    p = next(p for p in problems_in(mini) if p.file == file)
    assert p.message == "the id 'index' is reserved"
    assert p.hint == f"'index' would replace the section page {page}; choose another id, e.g. 'index-group'"


def test_all_digit_ids_work_as_written(mini: Path) -> None:
    edit(mini / "glossary.yml", "id: receipt", "id: 0042")
    assert problems_in(mini) == []
    assert list(load_handbook(mini).terms) == ["0042"]


# --- 6. files stay inside the handbook -------------------------------------------------


@pytest.mark.parametrize("written", ["../../../../../../etc/passwd", "/etc/passwd", "../outside.csv", "link.csv"])
def test_a_csv_path_leading_outside_is_refused_without_reading_it(mini: Path, written: str) -> None:
    outside = mini.parent / "outside.csv"
    outside.write_text("secret,content\n", encoding="utf-8")
    (mini / "link.csv").symlink_to(outside)
    edit(mini / "metrics.yml", "metrics/calls.csv", written)
    p = only(problems_in(mini))
    assert (p.file, p.line, p.field) == ("metrics.yml", 8, "metrics[0].values_csv")
    assert p.message == f"the CSV file '{written}' is outside the journeys folder"
    assert "secret" not in p.format_text()


def test_a_yaml_link_to_outside_is_refused(mini: Path) -> None:
    outside = mini.parent / "elsewhere.yml"
    outside.write_text(glossary("Outside"), encoding="utf-8")
    (mini / "link.yml").symlink_to(outside)
    p = only(problems_in(mini))
    assert (p.file, p.message) == ("link.yml", "the file is a link to a file outside the journeys folder")


def test_upper_case_suffixes_are_read(mini: Path) -> None:
    (mini / "glossary.yml").rename(mini / "glossary.YML")
    (mini / "extra.Yaml").write_text(glossary("Extra").replace("id: x", "id: extra"), encoding="utf-8")
    assert set(load_handbook(mini).terms) == {"receipt", "extra"}


def test_stray_files_are_warned_about_not_ignored(mini: Path) -> None:
    (mini / "notes.txt").write_text("draft", encoding="utf-8")
    (mini / "old.csv").write_text("date,value\n", encoding="utf-8")
    (mini / "x.yml").mkdir()
    (mini / "README.md").write_text("# About these files", encoding="utf-8")
    warnings = load_handbook(mini, display_root=mini).warnings
    assert [(w.file, w.severity, w.message) for w in warnings] == [
        ("notes.txt", "warning", "a '.txt' file among the YAML files is not read"),
        ("old.csv", "warning", "a CSV file no metric reads"),
        ("x.yml", "warning", "a folder named like a YAML file"),
    ]


# --- 7. messages point at the cause ----------------------------------------------------


@pytest.mark.parametrize(("char", "name"), [("\x00", "NUL"), ("\x1b", "ESC"), ("\x07", "BEL")])
def test_a_control_character_names_its_real_line(mini: Path, char: str, name: str) -> None:
    (mini / "glossary.yml").write_text(glossary(f"Rec{char}eipt"), encoding="utf-8")
    p = only(problems_in(mini))
    assert (p.file, p.line, p.column) == ("glossary.yml", 4, 14)
    assert p.message == "the file holds a character YAML does not allow"
    assert p.found == f"U+{ord(char):04X} ({name})"


def test_an_unreadable_file_is_reported_and_its_knock_ons_are_not(mini: Path) -> None:
    (mini / "group.yml").unlink()
    (mini / "group.yml").symlink_to(mini / "missing.yml")
    p = only(problems_in(mini))
    assert (p.file, p.message) == ("group.yml", "the file cannot be read: No such file or directory")


def test_an_emptied_file_comes_first_and_is_named_in_the_knock_ons(mini: Path) -> None:
    (mini / "group.yml").write_text("", encoding="utf-8")
    found = problems_in(mini)
    assert (found[0].file, found[0].message) == ("group.yml", "the file is empty")
    assert found[1].message == "no need group with id 'hurried'"
    assert found[1].hint.endswith("it may have been in group.yml, which is empty")


@pytest.mark.parametrize("text", ['"Proof" of it', "'Proof' of it"])
def test_text_starting_with_a_quote_gets_a_quoting_hint(mini: Path, text: str) -> None:
    edit(mini / "glossary.yml", 'definition: Proof that "it" arrived.', f"definition: {text}")
    p = only(problems_in(mini))
    assert (p.file, p.line) == ("glossary.yml", 5)
    assert p.hint.startswith("line 5: a text that starts with a quote must end with it")


def test_a_semicolon_csv_with_decimal_commas_is_read(mini: Path) -> None:
    (mini / "metrics" / "calls.csv").write_text("date;value\n2026-01-31;72,5\n2026-02-28;40\n", encoding="utf-8")
    values = load_handbook(mini).metric_values["calls-per-month"]
    assert [v.value for v in values] == [72.5, 40.0]


def test_a_decimal_comma_in_a_comma_csv_gets_a_hint(mini: Path) -> None:
    (mini / "metrics" / "calls.csv").write_text("date,value\n2026-01-31,72,5\n", encoding="utf-8")
    p = only(problems_in(mini))
    assert (p.line, p.message) == (2, "the row has 3 columns")
    assert p.hint == "a decimal comma needs the 'date;value' form, or write 72.5"


def test_a_tab_separated_csv_gets_a_hint_naming_the_separators(mini: Path) -> None:
    (mini / "metrics" / "calls.csv").write_text("date\tvalue\n2026-01-31\t72\n", encoding="utf-8")
    p = only(problems_in(mini))
    assert p.hint == "write the header 'date,value' or 'date;value'; other separators are not read"


# --- 8. numbers and text shown as written ---------------------------------------------


@pytest.mark.parametrize("written", ["0701234567", "10.250", "1e3", "0x10", "-0", "+12"])
def test_number_like_text_is_shown_as_written(mini: Path, written: str) -> None:
    edit(mini / "glossary.yml", "    sv: kvitto", f"    sv: {written}")
    book = load_handbook(mini)
    assert book.terms["receipt"].translations["sv"] == written
    page = next(p for p in render_site(book) if p.path == "glossary/index.md")
    assert f"**Swedish:** {written}\n" in html.unescape(page.content)


def test_a_link_loop_is_reported_not_followed(mini: Path) -> None:
    (mini / "a.yml").symlink_to(mini / "b.yml")
    (mini / "b.yml").symlink_to(mini / "a.yml")
    found = problems_in(mini)
    assert [(p.file, p.message) for p in found] == [
        (name, "the file is a link that never reaches a file (a loop)") for name in ("a.yml", "b.yml")
    ]


def test_a_control_character_written_as_an_escape_is_refused(mini: Path) -> None:
    edit(mini / "glossary.yml", "    sv: kvitto", '    sv: "kvi\\0tto"')
    p = only(problems_in(mini))
    assert (p.line, p.field, p.message, p.found) == (
        7,
        "terms[0].translations.sv",
        "the text holds a control character",
        "U+0000 (NUL)",
    )


def test_a_reference_in_an_otherwise_clean_file_is_located_after_its_positions_were_dropped(mini: Path) -> None:
    """Clean files drop their position tables to save memory; a later finding rebuilds them."""
    edit(mini / "backlog.yml", "owner: back", "owner: nobody")
    p = only(problems_in(mini))
    assert (p.file, p.line, p.column, p.field) == (
        "backlog.yml",
        11,
        20,
        "problem_areas[0].development_areas[0].items[0].owner",
    )
    assert p.message == "no team with id 'nobody'"


def test_validate_prints_warnings_and_still_passes(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from journeybook.cli import main

    (mini / "notes.txt").write_text("draft", encoding="utf-8")
    assert main(["validate", str(mini)]) == 0
    err = capsys.readouterr().err
    assert "notes.txt:1:1: warning: a '.txt' file among the YAML files is not read" in err
    # the mini handbook also has pages never reviewed: those are warnings too, counted in the same line
    assert re.search(r"\n\d+ warnings? found\.$", err.rstrip())
