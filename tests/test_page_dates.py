"""Each generated page shows when its YAML file last changed, from git; outside a checkout, quietly the build date."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import MINI, build_site, write_config

DATE_SPAN = '<span class="git-revision-date-localized-plugin git-revision-date-localized-plugin-iso_date"'


def test_generated_page_carries_its_yaml_files_last_commit(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "journeys")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": "2024-03-05T12:00:00+00:00",
        "GIT_COMMITTER_DATE": "2024-03-05T12:00:00+00:00",
    }
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "journeys"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)
    build_site(write_config(tmp_path, repo / "journeys"), tmp_path / "site", strict=False)
    page = (tmp_path / "site" / "journeys" / "move-now" / "index.html").read_text(encoding="utf-8")
    assert f'{DATE_SPAN} title="Data last changed">2024-03-05</span>' in page


def test_outside_a_git_checkout_no_warning(mini: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        build_site(write_config(tmp_path, mini), tmp_path / "site", strict=False)
    assert not [r for r in caplog.records if "git" in r.getMessage().lower()]
    page = (tmp_path / "site" / "journeys" / "move-now" / "index.html").read_text(encoding="utf-8")
    assert DATE_SPAN in page  # the build date, from fallback_to_build_date
