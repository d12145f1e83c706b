"""The `journeybook` command as an editor and CI use it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLE, HANDBOOK, MINI, ROOT, edit
from journeybook.cli import main
from journeybook.core.handbook import find_yaml_files
from journeybook.core.models import FILE_KINDS
from journeybook.core.yamlsource import load_source
from journeybook.schema import schema_text


def test_validate_clean_example_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE)]) == 0
    assert "OK (4 journeys, 3 need groups" in capsys.readouterr().out


def test_validate_broken_input_exits_1_with_file_and_line(
    mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(mini.parent)
    edit(mini / "now.yml", "        owner: back", "        ownr: back")
    assert main(["validate", "journeys"]) == 1
    err = capsys.readouterr().err
    assert "journeys/now.yml:36:9: error: unknown field 'ownr'" in err
    assert "hint:     did you mean 'owner'?" in err
    assert err.rstrip().endswith("1 problem found.")


def test_github_annotations(mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini.parent)
    edit(mini / "now.yml", "emotion: {hurried: -1}", "emotion: {hurried: 7}")
    assert main(["validate", "journeys", "--format", "github"]) == 1
    out = capsys.readouterr().out.strip()
    assert out.startswith("::error file=journeys/now.yml,line=19,col=")
    assert "emotion is outside its scale; found the number 7" in out


def test_strict_fails_on_gaps(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(MINI), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "backlog item 'unowned' has no metric" in err
    assert "backlog item 'unowned' has no owner" in err


def test_strict_passes_without_gaps(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(
        mini / "backlog.yml",
        "          - id: unowned\n            title: Unowned idea\n"
        "            priority: {customer_value: 1, organisation_value: 1, effort: 5}\n",
        "",
    )
    monkeypatch.setenv("JOURNEYBOOK_TODAY", "2026-06-01")
    for name, ident in (("now.yml", "move-now"), ("future.yml", "move-future"), ("group.yml", "hurried")):
        edit(mini / name, f"id: {ident}\n", f"id: {ident}\nreviewed: 2026-01-15\n")
    assert main(["validate", str(mini), "--strict"]) == 0


def test_console_script_never_prints_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.yml").write_bytes(b"kind: journey\n\tid: x\n")
    result = subprocess.run(
        [sys.executable, "-m", "journeybook.cli", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "tab character used for indentation" in result.stderr


def test_schema_files_in_the_repository_are_current() -> None:
    for kind in FILE_KINDS:
        assert (ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8") == schema_text(kind), (
            f"schema/{kind}.schema.json is out of date: run 'journeybook schema --out schema'"
        )


def test_schema_command_writes_every_kind(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{k}.schema.json" for k in FILE_KINDS)


@pytest.mark.parametrize(
    "path", find_yaml_files(HANDBOOK) + find_yaml_files(EXAMPLE) + find_yaml_files(MINI), ids=lambda p: p.name
)
def test_schema_accepts_every_example_file(path: Path) -> None:
    source, problems = load_source(path, path.name)
    assert source is not None and not problems
    schema = json.loads((ROOT / "schema" / f"{source.data['kind']}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(source.data)


def test_schema_rejects_what_validation_rejects() -> None:
    schema = json.loads((ROOT / "schema" / "journey.schema.json").read_text(encoding="utf-8"))
    bad = {"kind": "journey", "id": "x", "title": "t", "summary": "s", "phases": [], "colour": "red"}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert {e.validator for e in errors} >= {"additionalProperties", "minItems"}


@pytest.mark.parametrize("path", find_yaml_files(EXAMPLE), ids=lambda p: p.name)
def test_example_files_carry_the_schema_modeline(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target.is_file(), target


def test_export_writes_the_markdown_tree(tmp_path: Path) -> None:
    assert main(["export", str(MINI), "--out", str(tmp_path), "--language", "sv"]) == 0
    page = (tmp_path / "docs" / "journeys" / "move-now" / "index.md").read_text(encoding="utf-8")
    assert "## Kundresekarta" in page
    assert "*[Receipt]: Proof that" in page
    assert (tmp_path / "docs" / "backlog" / "backlog.csv").is_file()


def test_validate_called_from_python_gives_the_cycle_collector_back(mini: Path) -> None:
    """validate pauses Python's cycle collector for speed; a caller in the same process (a test, a
    benchmark, an editor's script) must not be left without it."""
    import gc

    assert gc.isenabled()
    assert main(["validate", str(mini), "--no-cache"]) == 0
    assert gc.isenabled()
