"""The CI kit: the GitHub workflow and the pre-commit hooks, checked and run as far as can be done offline."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import HANDBOOK, ROOT
from journeybook.cli import build_parser, main

WORKFLOW = ROOT / ".github" / "workflows" / "handbook.yml"


def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps() -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = workflow()["jobs"]["handbook"]["steps"]
    return result


def journeybook_commands() -> list[list[str]]:
    """Every `journeybook ...` command the workflow runs, as argument lists (shell redirections cut off)."""
    commands = []
    for step in steps():
        for line in str(step.get("run", "")).splitlines():
            words = shlex.split(line.split(">>")[0])
            if words and words[0] == "journeybook":
                commands.append(words[1:])
    return commands


def test_workflow_runs_on_pull_requests_with_pinned_actions() -> None:
    data = workflow()
    assert "pull_request" in data[True]  # YAML 1.1 reads the key 'on' as true
    for step in steps():
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+\.\d+\.\d+", step["uses"]), step["uses"]
    names = [step.get("uses", "").split("@")[0] for step in steps()]
    assert "actions/upload-artifact" in names


def test_workflow_does_what_the_readme_promises() -> None:
    commands = journeybook_commands()
    assert ["validate", "journeys", "--format", "github"] in commands
    assert ["validate", "journeys", "--strict", "--format", "github"] in commands
    assert any(c[0] == "diff" for c in commands)
    runs = "\n".join(str(s.get("run", "")) for s in steps())
    assert "mkdocs build --strict" in runs
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs


def test_every_journeybook_command_in_the_workflow_exists() -> None:
    parser = build_parser()
    for command in journeybook_commands():
        args = parser.parse_args([w.replace("$BASE", "main") for w in command])
        assert callable(args.func)


def test_workflow_install_uses_the_lock_file() -> None:
    install = next(s["run"] for s in steps() if "pip install" in str(s.get("run", "")))
    assert "-r requirements.lock" in install and "npm ci" in install


def test_workflow_validate_commands_pass_on_the_handbook(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    for command in journeybook_commands():
        if command[0] == "validate":
            assert main(command) == 0, capsys.readouterr()


def test_workflow_diff_command_writes_a_summary(capfd: pytest.CaptureFixture[str]) -> None:
    """The diff step, with the pull request's base replaced by this checkout's HEAD."""
    diff = next(c for c in journeybook_commands() if c[0] == "diff")
    args = [w.replace("origin/$BASE", "HEAD") for w in diff]
    result = subprocess.run(
        [sys.executable, "-m", "journeybook.cli", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## Handbook changes\n")


def test_workflow_build_command_builds(tmp_path: Path) -> None:
    build = next(s["run"] for s in steps() if "mkdocs build" in str(s.get("run", "")))
    words = shlex.split(build)
    env = dict(w.split("=", 1) for w in words if "=" in w and not w.startswith("-"))
    command = [w for w in words if "=" not in w or w.startswith("-")]
    assert command[:2] == ["mkdocs", "build"]
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", *command[1:], "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "backlog" / "due-for-review" / "index.html").is_file()


def hook(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = [h for repo in data["repos"] for h in repo["hooks"]]
    assert isinstance(data, list) and len(data) == 1
    result: dict[str, Any] = data[0]
    return result


@pytest.mark.parametrize(
    "path", [ROOT / ".pre-commit-hooks.yaml", ROOT / ".pre-commit-config.yaml"], ids=["hooks", "config"]
)
def test_pre_commit_hook_selects_handbook_files(path: Path) -> None:
    spec = hook(path)
    assert spec["pass_filenames"] is True
    files = re.compile(spec["files"])
    for name in ("journeys/backlog.yml", "journeys/need-groups/uncertain.yaml", "journeys/metrics/csi-parental.csv"):
        assert files.search(name), name
    assert not files.search("README.md")
    assert spec["entry"].split()[-1] == "validate"


def test_pre_commit_hook_runs_validate_on_the_named_files(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """pre-commit calls the entry with the changed files; here, every file of the handbook and mkdocs.yml."""
    monkeypatch.chdir(ROOT)
    spec = hook(ROOT / ".pre-commit-hooks.yaml")
    files = re.compile(spec["files"])
    named = sorted(
        p.relative_to(ROOT).as_posix() for p in [*HANDBOOK.rglob("*"), ROOT / "mkdocs.yml"] if files.search(p.name)
    )
    assert main([*spec["entry"].split()[1:], *named]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "mkdocs.yml: skipped, not inside a handbook folder" in out
    assert "journeys/backlog.yml" in out and ": OK" in out
