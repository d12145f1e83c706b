"""A build that fails on the handbook's data leaves the previous site as it was, and says why."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import build_site, edit, write_config


def snapshot(site: Path) -> dict[str, str]:
    files = (p for p in site.rglob("*") if p.is_file())
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def test_broken_yaml_keeps_the_previous_site(mini: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = write_config(tmp_path, mini)
    site = tmp_path / "site"
    build_site(config, site, strict=False)
    before = snapshot(site)
    assert "journeys/move-now/index.html" in before

    edit(mini / "now.yml", "kind: journey", "kind: journey\nphases: [unclosed")
    with pytest.raises(Abort):  # MkDocs logs the PluginError's message, then aborts
        build_site(config, site, strict=False)

    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1
    assert "journeybook: the handbook data has problems" in errors[0]
    assert "now.yml:3:" in errors[0] and "YAML syntax error" in errors[0] and "1 problem found." in errors[0]
    assert snapshot(site) == before
