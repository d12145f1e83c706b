"""Changes editors make that nobody here wrote: each gives a located message or a page that builds.

Found by working on a copy of the handbook as an editor would (odd values,
missing optional files, long texts, odd files in the folder); each test is
one such change, and failed before the fix it guards.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import signal
from pathlib import Path

import pytest

from conftest import build_site, edit, problems_in, write_config
from journeybook.cli import main
from journeybook.core import Problem, load_handbook
from journeybook.core.freshness import TODAY_VARIABLE, due_for_review, review_problems
from journeybook.render import render_site
from journeybook.site_assets import mermaid_loader

#: Mermaid's own default: beyond it a diagram shows only "Maximum text size in diagram exceeded".
MERMAID_DEFAULT_MAX_TEXT = 50_000
#: Characters of text a diagram's node shows (render/mermaid.py, LABEL_MAX_CHARS).
LABEL_MAX_CHARS = 160


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(p.format_text() for p in problems)
    return problems[0]


def only_after(folder: Path, file: str, old: str, new: str) -> Problem:
    """The one problem an editor's change to file makes in the handbook at folder."""
    edit(folder / file, old, new)
    return only(problems_in(folder))


# --- review dates and the review interval -----------------------------------------------


@pytest.mark.parametrize(
    ("value", "message", "expected"),
    [
        ("2000000", "'review_interval_months' is out of range", "a number at most 1200"),
        ("100000000000", "'review_interval_months' is out of range", "a number at most 1200"),
        ("true", "'review_interval_months' must be a finite number", "a number such as 72 or 3.5"),
    ],
)
def test_a_review_interval_no_calendar_holds_is_a_located_error(
    mini: Path, value: str, message: str, expected: str
) -> None:
    p = only_after(mini, "organisation.yml", "currency: EUR", f"currency: EUR\nreview_interval_months: {value}")
    assert (p.file, p.line, p.field) == ("organisation.yml", 4, "review_interval_months")
    assert (p.message, p.expected) == (message, expected)


def test_a_review_date_in_the_calendars_last_year_is_never_due_and_never_crashes(mini: Path) -> None:
    edit(mini / "now.yml", "owner: front\nneed_groups", "owner: front\nreviewed: 9999-12-31\nneed_groups")
    book = load_handbook(mini)
    on = dt.date(2026, 11, 24)
    assert "move-now" not in {d.ident for d in due_for_review(book, on)}
    # Not due, but a day still to come is said (tests/test_review_freshness.py), not an overflow.
    assert [p.message for p in review_problems(book, on) if "move-now" in p.message] == [
        "journey 'move-now' says it was reviewed on 9999-12-31, a day still to come"
    ]
    assert render_site(book, today=on)


@pytest.mark.parametrize(
    ("value", "message", "expected"),
    [
        # A number was read as seconds since 1970: 0 passed as 1970-01-01, 1699920000 as 2023-11-14.
        ("0", "'reviewed' has the wrong type", "a date written YYYY-MM-DD"),
        ("1699920000", "'reviewed' has the wrong type", "a date written YYYY-MM-DD"),
        ("1.5", "'reviewed' has the wrong type", "a date written YYYY-MM-DD"),
        ("2026-02-30", "no such date: 2026-02-30", "a real date written YYYY-MM-DD"),
    ],
)
def test_reviewed_is_read_like_every_other_date(mini: Path, value: str, message: str, expected: str) -> None:
    p = only_after(mini, "group.yml", "needs: [Speed]", f"reviewed: {value}\nneeds: [Speed]")
    assert (p.file, p.field, p.message, p.expected) == ("group.yml", "reviewed", message, expected)


@pytest.mark.parametrize("value", ["26-11-2026", "2026-02-30", "tomorrow"])
def test_a_mistyped_today_variable_is_one_line_not_a_traceback(
    mini: Path, value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(TODAY_VARIABLE, value)
    assert main(["validate", str(mini), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: the environment variable JOURNEYBOOK_TODAY is '{value}', which is not a date: write it "
        "YYYY-MM-DD (e.g. JOURNEYBOOK_TODAY=2026-11-01), or unset it to use today's date\n"
    )


# --- files in the folder --------------------------------------------------------------


def _stuck(signum: int, frame: object) -> None:
    raise TimeoutError("the check waited on the pipe")


def test_a_pipe_named_like_a_yaml_file_is_refused_not_waited_on(mini: Path) -> None:
    os.mkfifo(mini / "pipe.yml")  # opening it waits for a writer: forever
    # Not a timing: a check that opens the pipe never returns, and this makes the test fail instead.
    previous = signal.signal(signal.SIGALRM, _stuck)
    signal.alarm(60)
    try:
        problems = problems_in(mini)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    p = only(problems)
    assert (p.file, p.line, p.message) == ("pipe.yml", 1, "the file is not a regular file (a pipe, socket or device)")
    assert p.hint == "remove it from the folder"


# --- optional files left out ----------------------------------------------------------


def test_without_glossary_and_insights_their_section_pages_still_exist(mini: Path) -> None:
    (mini / "glossary.yml").unlink()
    (mini / "insights.yml").unlink()
    pages = {p.path: p.content for p in render_site(load_handbook(mini))}
    assert "No terms yet: add them in a file with 'kind: glossary'." in pages["glossary/index.md"]
    assert "No insights yet: add them in a file with 'kind: insights'." in pages["insights/index.md"]


def test_a_handbook_without_glossary_and_insights_builds_strictly(example: Path, tmp_path: Path) -> None:
    """mkdocs.yml's nav and the hand-written pages link to both section pages."""
    (example / "glossary.yml").unlink()
    (example / "insights.yml").unlink()
    build_site(write_config(tmp_path, example), tmp_path / "site")
    assert (tmp_path / "site" / "glossary" / "index.html").is_file()
    assert (tmp_path / "site" / "insights" / "index.html").is_file()


# --- long texts in diagrams -----------------------------------------------------------


def _diagrams(page: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r'<pre class="mermaid"><code>(.*?)</code></pre>', page, re.S)]


def test_a_pasted_paragraph_keeps_the_chain_diagram_within_mermaids_limit(mini: Path) -> None:
    paragraph = "The form asks again for what the agency knows, such as the child's number. " * 800
    edit(mini / "now.yml", "text: No receipt <img src=x onerror=alert(1)>", f"text: {paragraph.strip()}")
    edit(mini / "now.yml", "title: Moving – today", f"title: {paragraph.strip()}")
    pages = {p.path: p.content for p in render_site(load_handbook(mini))}
    diagrams = [d for page in pages.values() for d in _diagrams(page)]
    assert diagrams
    for diagram in diagrams:
        assert len(diagram) < MERMAID_DEFAULT_MAX_TEXT
    # The label is cut at a word, marked, and the full text is still on the journey page.
    journey = pages["journeys/move-now/index.md"]
    label = re.search(r'n1\["(.*?)"\]', _diagrams(journey)[0])
    assert label is not None
    assert label.group(1).endswith("#8230;")
    assert len(re.sub(r"#\d+;", "x", label.group(1))) <= LABEL_MAX_CHARS
    assert paragraph.strip() in journey


def test_the_mermaid_loader_lifts_mermaids_text_and_edge_limits() -> None:
    """A large journey's chain is many labels; Mermaid's site-wide limits can only be set by the page."""
    for module_build in (True, False):
        loader = mermaid_loader(module_build)
        assert "maxTextSize: 1000000" in loader
        assert "maxEdges: 5000" in loader


# --- `journeybook new` on files editors have shaped ----------------------------------------


def test_new_never_replaces_a_file_it_cannot_read(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A typo in organisation.yml made `new team` write a fresh file over it: every team and channel lost."""
    organisation = mini / "organisation.yml"
    edit(organisation, "name: Test org", "name: Test: org")
    before = organisation.read_bytes()
    assert main(["new", "team", "housing", "--dir", str(mini)]) == 1
    assert organisation.read_bytes() == before
    err = capsys.readouterr().err
    assert "organisation.yml:2: YAML syntax error: mapping values are not allowed here" in err
    assert "so nothing was written" in err


def test_new_adds_to_a_list_written_as_empty_brackets(mini: Path) -> None:
    edit(
        mini / "organisation.yml", "life_events:\n  - id: moving\n    name: Moving house\n", "life_events: []  # none\n"
    )
    edit(mini / "now.yml", "life_event: moving\n", "")
    edit(mini / "future.yml", "life_event: moving\n", "")
    assert main(["new", "life-event", "moving-in", "--dir", str(mini)]) == 0
    assert "moving-in" in load_handbook(mini).life_events


def test_new_leaves_a_list_in_brackets_as_it_was(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        mini / "organisation.yml",
        "life_events:\n  - id: moving\n    name: Moving house\n",
        "life_events: [{id: moving, name: Moving house}]\n",
    )
    before = (mini / "organisation.yml").read_bytes()
    assert main(["new", "life-event", "moving-in", "--dir", str(mini)]) == 1
    assert (mini / "organisation.yml").read_bytes() == before
    assert "write the list 'life_events' one entry per line" in capsys.readouterr().err
    assert not problems_in(mini)


@pytest.mark.parametrize(
    ("kind", "ident", "message"),
    [
        (
            "need-group",
            "index",
            "error: the id 'index' is reserved for the section page; choose another, e.g. 'index-group'\n",
        ),
        (
            "team",
            "index",
            "error: the id 'index' is reserved for the section page; choose another, e.g. 'index-group'\n",
        ),
        ("journey", "a" * 65, f"error: '{'a' * 65}' is too long for an id (65 characters): use at most 64\n"),
    ],
)
def test_new_refuses_the_ids_validate_refuses(
    mini: Path, kind: str, ident: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    files = sorted(mini.rglob("*"))
    assert main(["new", kind, ident, "--dir", str(mini)]) == 1
    assert capsys.readouterr().err == message
    assert sorted(mini.rglob("*")) == files


def test_new_sees_an_id_written_as_a_number(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini / "organisation.yml", "teams:\n", "teams:\n  - id: 2024\n    name: The 2024 reform team\n")
    assert not problems_in(mini)
    assert main(["new", "team", "2024", "--dir", str(mini)]) == 1
    assert "organisation.yml:5: a team with id '2024' already exists" in capsys.readouterr().err


def test_new_keeps_control_characters_out_of_the_file(mini: Path) -> None:
    assert main(["new", "journey", "red", "--title", "\x1b[31mRed\u202e", "--dir", str(mini)]) == 0
    assert load_handbook(mini).journeys["red"].title == "[31mRed"


# --- glossary terms that are numbers ----------------------------------------------------


def test_a_glossary_term_that_is_a_number_leaves_the_text_around_it_whole(mini: Path, tmp_path: Path) -> None:
    """Python-Markdown's abbr matched '12' inside its placeholder for the 12th escaped character of a page."""
    glossary = mini / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8")
        + "  - id: emergency\n    term: '112'\n    definition: The emergency number\n    aliases: ['12', '1', '0']\n",
        encoding="utf-8",
    )
    build_site(write_config(tmp_path, mini), tmp_path / "site", strict=False)
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "wzxhzdk" not in text and "klzzwxh" not in text, page
    journey = (tmp_path / "site" / "journeys" / "move-now" / "index.html").read_text(encoding="utf-8")
    assert "Report a move: #1 [x](y) & more" in html.unescape(re.sub(r"<[^>]+>", "", journey))


def test_the_export_leaves_out_tooltips_python_markdown_would_garble(tmp_path: Path) -> None:
    from journeybook.export import _append_abbreviations

    (tmp_path / "page.md").write_text("# A page\n", encoding="utf-8")
    _append_abbreviations(tmp_path, "*[112]: The emergency number\n*[Need group]: A group\n*[:]: colon")
    assert (tmp_path / "page.md").read_text(encoding="utf-8") == "# A page\n\n\n*[Need group]: A group\n"


def test_a_tooltip_shows_the_definition_as_typed(mini: Path, tmp_path: Path) -> None:
    """'&amp;' typed in a definition showed as '&': Python-Markdown leaves entity-like text in a title."""
    definition = 'Proof, R&amp;D & <b>not bold</b> &nbsp; "it" arrived.'
    edit(mini / "glossary.yml", 'definition: Proof that "it" arrived.', f"definition: '{definition}'")
    build_site(write_config(tmp_path, mini), tmp_path / "site", strict=False)
    journey = (tmp_path / "site" / "journeys" / "move-now" / "index.html").read_text(encoding="utf-8")
    titles = {html.unescape(t) for t in re.findall(r'<abbr title="([^"]*)">Receipt</abbr>', journey, re.I)}
    assert titles == {definition}


# --- metric values from a spreadsheet -----------------------------------------------------


def test_a_csv_cell_beyond_what_the_csv_module_reads_is_a_located_error(mini: Path) -> None:
    (mini / "metrics" / "calls.csv").write_text("date,value\n2026-01-31," + "9" * 200_000 + "\n", encoding="utf-8")
    p = only(problems_in(mini))
    assert p.file.endswith("metrics/calls.csv")
    assert (p.line, p.message) == (2, "the CSV file cannot be read")
    assert p.found == "field larger than field limit (131072)"


def test_a_quote_never_closed_in_a_csv_file_is_named_on_its_own_line(mini: Path) -> None:
    rows = "date,value\n2026-01-31,4\n\n" + '"2026-02-28,5\n' + "2026-03-31,6\n" * 50
    (mini / "metrics" / "calls.csv").write_text(rows, encoding="utf-8")
    p = only(problems_in(mini))
    assert p.file.endswith("metrics/calls.csv")
    assert (p.line, p.field) == (4, "row 4")
    assert p.message == 'a quote (") opened on this row is closed only on a later line'
    assert "\n" not in p.found and len(p.found) <= 60


# --- Markdown fields ------------------------------------------------------------------------


def test_a_code_block_in_a_markdown_field_keeps_its_lines_and_spaces() -> None:
    """The one-line HTML of a Markdown field joined an indented block's lines: an address read as one line."""
    from journeybook.render.escape import block

    out = block("The letter says:\n\n    Dear applicant,\n      your  case is open.\n\nThen  more   text.")
    code = re.search(r"<pre><code>(.*?)</code></pre>", out)
    assert code is not None and "\n" not in out
    assert html.unescape(code.group(1)) == "Dear applicant,\n  your  case is open.\n"
    assert "<p>Then more text.</p>" in out


# --- tags -------------------------------------------------------------------------------------


def test_tags_that_differ_only_in_case_are_one_tag(mini: Path) -> None:
    """'E-service' and 'e-service' made two sections with the same anchor on the tags page; the page's own
    tag ('Journey') keeps the spelling every other journey page gives it, and an editor's tag the handbook's
    first spelling (tests/test_tag_spellings.py)."""
    edit(
        mini / "now.yml",
        "need_groups: [hurried]",
        "need_groups: [hurried]\ntags: [E-service, e-service, journey, Forms]",
    )
    pages = {p.path: p.content for p in render_site(load_handbook(mini))}
    front = pages["journeys/move-now/index.md"].split("---")[1]
    assert front.split("tags:\n", 1)[1].split("\n")[:4] == ["- E-service", "- Journey", "- Forms", "search:"]


# --- a mistyped id ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("move\u200b-now", "it holds an invisible character (U+200B), often pasted with the text: delete it"),
        ("Move-Now", "write it 'move-now'"),
        ("move_now", "write it 'move-now'"),
    ],
)
def test_a_mistyped_id_is_one_message_with_what_to_change(mini: Path, written: str, hint: str) -> None:
    """The references that spell the id right were each reported as well (one mistake, five messages)."""
    p = only_after(mini, "now.yml", "id: move-now", f'id: "{written}"')
    assert (p.file, p.line, p.field, p.message) == ("now.yml", 2, "id", "'id' is not in the right form")
    assert p.hint == hint


# --- a huge journey ----------------------------------------------------------------------------


def _journey(steps: int, pains_per_step: int) -> str:
    lines = ["kind: journey", "id: huge", "title: Huge", "summary: Every step of everything.", "phases:"]
    lines += ["  - id: all", "    name: All", "    steps:"]
    for n in range(steps):
        pains = ", ".join(f"{{id: pain-{n}-{k}, text: Hurts}}" for k in range(pains_per_step))
        lines.append(f"      - {{id: step-{n}, name: Step {n}, does: Does it, pain_points: [{pains}]}}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("steps", "pains", "message", "expected"),
    [
        (301, 0, "the journey has 301 steps", "at most 300 steps in one journey"),
        (200, 4, "the journey has 800 pain points", "at most 600 pain points in one journey"),
    ],
)
def test_a_journey_too_large_to_map_is_a_located_error(
    mini: Path, steps: int, pains: int, message: str, expected: str
) -> None:
    """A 5 MB journey of 10 000 steps validated, then took 80 s to render into a 49 MB page."""
    (mini / "huge.yml").write_text(_journey(steps, pains), encoding="utf-8")
    p = only(problems_in(mini))
    assert (p.file, p.field, p.message, p.expected) == ("huge.yml", "phases", message, expected)


def test_a_journey_at_the_limits_is_fine(mini: Path) -> None:
    (mini / "huge.yml").write_text(_journey(300, 2), encoding="utf-8")
    assert len(load_handbook(mini).journeys["huge"].phases[0].steps) == 300


def test_a_metric_with_more_values_than_a_chart_can_show_is_a_located_error(mini: Path) -> None:
    """45 000 daily values in a CSV file validated, and made a 7.5 MB metrics page."""
    start = dt.date(1990, 1, 1)
    rows = "".join(f"{start + dt.timedelta(days=n)},{n % 90}\n" for n in range(5001))
    (mini / "metrics" / "calls.csv").write_text("date,value\n" + rows, encoding="utf-8")
    p = only(problems_in(mini))
    assert (p.file, p.line, p.field) == ("metrics.yml", 8, "metrics[0].values_csv")
    assert (p.message, p.expected) == ("metric 'calls-per-month' has 5,001 values", "at most 5,000 values per metric")


def test_validating_a_mistyped_file_name_says_so(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """It said 'the journeys folder does not exist', naming the file as a folder."""
    assert main(["validate", str(mini / "glosary.yml"), "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "glosary.yml:1:1: error: the file does not exist" in err
    assert "hint:     did you mean 'glossary.yml'?" in err


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        ("5 Days", "'waiting' is not in the right form", "write it '5 days'"),
        ("2,5 days", "'waiting' is not in the right form", "write it '2.5 days'"),
        ("2", "'waiting' has the wrong type", "add the unit: '2 days', '2 hours'..."),
        ("soon", "'waiting' is not in the right form", ""),
    ],
)
def test_a_mistyped_duration_gets_the_form_that_reads(mini: Path, written: str, message: str, hint: str) -> None:
    """The id hint ('write it 5-days') must not reach durations; a bare number needs its unit."""
    p = only_after(mini, "now.yml", "waiting: 2 days", f"waiting: {written}")
    assert (p.file, p.field, p.message, p.hint) == ("now.yml", "phases[0].steps[0].waiting", message, hint)


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        (
            "ansökan",
            "ids use the letters a-z only: 'ö' (U+00F6 latin small letter o with diaeresis) is not one of them",
        ),
        ("rесeipt", "ids use the letters a-z only: 'е' (U+0435 cyrillic small letter ie) is not one of them"),
    ],
)
def test_an_id_with_a_letter_outside_a_to_z_names_the_letter(mini: Path, written: str, hint: str) -> None:
    p = only_after(mini, "glossary.yml", "id: receipt", f"id: {written}")
    assert (p.field, p.hint) == ("terms[0].id", hint)
