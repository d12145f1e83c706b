"""`journeybook diff` on a two-commit repository, against hand-written expectations."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import MINI, edit
from journeybook.cli import main

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose first commit is the mini handbook, and a second commit that changes it."""
    root = tmp_path / "handbook-repo"
    shutil.copytree(MINI, root / "journeys")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    monkeypatch.chdir(root)
    assert main(["new", "journey", "registering", "--title", "Register <b>a</b> *move*"]) == 0
    # the letter now takes two weeks: waiting 2 days + 2 weeks + 3 days = 19 days (was 12)
    edit(root / "journeys" / "now.yml", "waiting: 1 week", "waiting: 2 weeks")
    edit(root / "journeys" / "backlog.yml", "status: planned", "status: in-progress")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "second")
    return root


EXPECTED = """## Handbook changes

### Journeys
- Added: Register &#60;b&#62;a&#60;/b&#62; &#42;move&#42; (`registering`)
- Changed: Moving – today (`move-now`); fields changed: phases
    - waiting time: 12 days → 19 days
    - lead time: 12.1 days → 19.1 days

### Steps
- Added: First step (Register &#60;b&#62;a&#60;/b&#62; &#42;move&#42;) (`registering/first-step`)
- Changed: Letter (Moving – today) (`move-now/letter`); fields changed: waiting

### Backlog items
- Changed: Send a receipt (`send-receipt`); fields changed: status
    - status: planned → in-progress
"""


def test_markdown_summary_names_what_moved(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # lead time: 12 days of waiting + 30 minutes + 1 hour = 289.5 hours = 12.06 days -> 12.1 days
    assert main(["diff", "HEAD~1", "HEAD"]) == 0
    assert capsys.readouterr().out == EXPECTED + "\n"


def test_head_defaults_to_the_working_tree(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo / "journeys" / "backlog.yml", "status: in-progress", "status: done")
    assert main(["diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "- Changed: Send a receipt (`send-receipt`); fields changed: status\n    - status: in-progress → done" in out
    assert "Journeys" not in out


def test_links_to_the_published_pages(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "HEAD~1", "HEAD", "--site-url", "https://handbook.example.org/norrvik"]) == 0
    out = capsys.readouterr().out
    assert "- Changed: [Moving – today](https://handbook.example.org/norrvik/journeys/move-now/)" in out
    assert "[Send a receipt](https://handbook.example.org/norrvik/backlog/#item-send-receipt)" in out


def test_json_for_machines(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "HEAD~1", "HEAD", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [j["id"] for j in data["journeys"]["added"]] == ["registering"]
    changed = data["journeys"]["changed"][0]
    assert changed["figures"]["waiting time"] == {"before": "12 days", "after": "19 days"}
    assert data["backlog_items"]["changed"][0]["figures"]["status"] == {"before": "planned", "after": "in-progress"}
    assert data["metrics"] == {"added": [], "removed": [], "changed": []}


def test_text_only_change_names_the_fields(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo / "journeys" / "now.yml", 'summary: "Report a move', 'summary: "Report your move')
    assert main(["diff", "HEAD"]) == 0
    assert capsys.readouterr().out == (
        "## Handbook changes\n\n### Journeys\n- Changed: Moving – today (`move-now`); fields changed: summary\n\n"
    )


def test_unknown_revision_is_one_line_not_a_traceback(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "no-such-branch"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: git archive") and "Traceback" not in err
