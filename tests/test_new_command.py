"""`journeybook new` and `journeybook validate FILE`: starting and checking one thing at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import pytest

from conftest import edit
from journeybook.cli import main
from journeybook.core import load_handbook
from journeybook.scaffold import KINDS, create

TODAY = dt.date(2026, 5, 4)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_validates_as_written(example: Path, kind: str) -> None:
    created = create(example, kind, "brand-new", 'Title: with "quotes" # and a hash', TODAY)
    book = load_handbook(example)
    assert created.path.read_text(encoding="utf-8").count("brand-new") >= 1
    tables: dict[str, Mapping[str, object]] = {
        "journey": book.journeys,
        "need-group": book.need_groups,
        "team": book.teams,
        "life-event": book.life_events,
        "backlog-item": book.backlog,
        "metric": book.metrics,
        "insight": book.insights,
        "glossary-term": book.terms,
    }
    assert "brand-new" in tables[kind]


def test_new_journey_file_has_the_modeline_and_commented_placeholders(example: Path) -> None:
    created = create(example, "journey", "moving-in", "Moving in", TODAY)
    assert created.path == example / "moving-in.yml"
    lines = created.path.read_text(encoding="utf-8").splitlines()
    # the schema path is the organisation file's, from the same folder
    organisation = (example / "organisation.yml").read_text(encoding="utf-8").splitlines()[0]
    assert lines[0] == organisation.replace("organisation.schema.json", "journey.schema.json")
    assert 'title: "Moving in"' in lines and "reviewed: 2026-05-04" in " ".join(lines)
    assert "# owner: team-id" in lines
    journey = load_handbook(example).journeys["moving-in"]
    assert journey.reviewed == TODAY and journey.phases[0].steps[0].id == "first-step"


def test_appending_keeps_the_editors_comments_and_layout(example: Path) -> None:
    organisation = example / "organisation.yml"
    edit(organisation, "teams:\n", "teams:  # every unit that owns a step\n")
    before = organisation.read_text(encoding="utf-8")
    create(example, "team", "housing", "Housing office", TODAY)
    after = organisation.read_text(encoding="utf-8")
    assert "teams:  # every unit that owns a step\n" in after
    added = after.replace(before.split("\nchannels:")[0], "", 1)
    # the new team sits at the end of the team list, before the channels, indented like its neighbours
    assert added.startswith('  - id: housing\n    name: "Housing office"\n')
    assert list(load_handbook(example).teams)[-1] == "housing"


def test_backlog_item_goes_to_the_last_development_area(example: Path) -> None:
    create(example, "backlog-item", "new-idea", "A new idea", TODAY)
    entry = load_handbook(example).backlog["new-idea"]
    assert entry.problem_area.id == "handovers-between-organisations"
    assert entry.item.status == "idea"


def test_refuses_an_id_that_exists(
    example: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example.parent)
    assert main(["new", "team", "contact-centre"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: journeys/organisation.yml:")
    assert "a team with id 'contact-centre' already exists" in err
    assert main(["new", "journey", "parental-benefit"]) == 1
    assert "journeys/parental-benefit/current.yml:3: a journey with id 'parental-benefit' already exists" in (
        capsys.readouterr().err
    )


def test_refuses_an_id_that_is_not_an_id(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "journey", "Moving House", "--dir", str(example)]) == 1
    assert "'Moving House' is not a valid id" in capsys.readouterr().err
    assert not list(example.glob("Moving*"))


def test_prints_what_to_fill_in_next(
    example: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example.parent)
    assert main(["new", "need-group", "planner", "--title", "The planner"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("wrote journeys/need-groups/planner.yml: need-group 'planner'\nnext: write the summary")
    assert "then check it: journeybook validate journeys/need-groups/planner.yml" in out


def test_new_journey_output_validates_as_a_single_file(
    example: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example.parent)
    assert main(["new", "journey", "moving-in"]) == 0
    capsys.readouterr()
    assert main(["validate", "journeys/moving-in.yml"]) == 0
    assert capsys.readouterr().out == "journeys/moving-in.yml: OK\n"


def test_validate_file_reports_only_that_file(
    example: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example.parent)
    edit(example / "backlog.yml", "owner: web-content", "owner: web-contnet")
    edit(example / "metrics.yml", "type: csi", "type: cis")
    assert main(["validate", "journeys/backlog.yml"]) == 1
    err = capsys.readouterr().err
    assert "journeys/backlog.yml:" in err and "web-contnet" in err
    assert "metrics.yml" not in err
    # a file of the same handbook without mistakes: OK, and a pointer to the other files' problems
    assert main(["validate", "journeys/insights.yml"]) == 0
    assert "journeys/insights.yml: OK (2 problem(s) in other files" in capsys.readouterr().out


def test_validate_file_is_checked_against_the_whole_handbook(
    example: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reference to a team in the organisation file resolves; one to a missing team is reported."""
    monkeypatch.chdir(example.parent)
    journey = example / "parental-benefit" / "current.yml"
    assert main(["validate", str(journey.relative_to(example.parent))]) == 0
    edit(journey, "owner: eservices", "owner: nobody")
    assert main(["validate", "journeys/parental-benefit/current.yml", "journeys/glossary.yml"]) == 1
    err = capsys.readouterr().err
    assert "journeys/parental-benefit/current.yml" in err and "'nobody'" in err


def test_files_outside_a_handbook_are_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "mkdocs.yml"
    other.write_text("site_name: x\n", encoding="utf-8")
    assert main(["validate", str(other)]) == 0
    assert "skipped, not inside a handbook folder" in capsys.readouterr().out


def test_validate_file_under_strict_checks_its_gaps_only(
    example: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example.parent)
    monkeypatch.setenv("JOURNEYBOOK_TODAY", "2026-06-01")
    assert main(["validate", "journeys/glossary.yml", "--strict"]) == 0
    assert main(["validate", "journeys/backlog.yml", "--strict"]) == 1
    err = capsys.readouterr().err
    assert "backlog item 'register-once' has no metric" in err
    assert "current.yml" not in err
