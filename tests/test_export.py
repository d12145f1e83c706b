"""`journeybook export`: the project it writes, and how it treats the folder it writes to.

The builds of the export (Zensical, plain MkDocs) are in tests/test_engines.py;
these are the quick checks of what the files say.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import MERMAID_JS, MINI
from journeybook.cli import main

CONFIG = f"""\
site_name: Mini handbook
theme:
  name: material
  font: false
markdown_extensions:
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
plugins:
  - search
  - some-other-plugin
  - journeybook:
      data_dir: {MINI}
      mermaid_js: {MERMAID_JS}
nav:
  - Home: index.md
  - journeys/index.md
"""


class _TaggedLoader(yaml.SafeLoader):
    """Reads `!!python/name:` as the name, as MkDocs would resolve it."""


_TaggedLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A handbook project: mkdocs.yml with the plugin, and one page of its own."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def _export(project: Path, out: Path) -> int:
    return main(["export", "--config", str(project / "mkdocs.yml"), "--out", str(out)])


def _fences(extensions: Any) -> Any:
    """The custom fences, from a list of extensions (mkdocs.yml) or a table of them (zensical.toml)."""
    if isinstance(extensions, list):
        extensions = {k: v for e in extensions if isinstance(e, dict) for k, v in e.items()}
    return extensions["pymdownx.superfences"]["custom_fences"]


def test_both_configs_draw_diagrams_from_the_local_mermaid_without_the_plugin(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _export(project, out) == 0
    mkdocs = yaml.load((out / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TaggedLoader)
    zensical = tomllib.loads((out / "zensical.toml").read_text(encoding="utf-8"))["project"]
    for config in (mkdocs, zensical):
        assert _fences(config["markdown_extensions"]) == [
            {"name": "mermaid", "class": "mermaid", "format": "pymdownx.superfences.fence_code_format"}
        ]
        # The loader comes before any other script, so window.mermaid exists before the theme looks for it.
        assert config["extra_javascript"][0] == "assets/javascripts/mermaid-loader.js"
        assert "assets/journeybook/journeybook.css" in config["extra_css"]
        assert config["theme"]["font"] is False
    assert mkdocs["nav"] == zensical["nav"]
    assert {"Home": "index.md"} in mkdocs["nav"]
    assert "journeybook" not in str(mkdocs["plugins"]) and "some-other-plugin" not in str(mkdocs["plugins"])
    assert (out / "docs" / "assets" / "javascripts" / "mermaid.min.js").read_bytes() == MERMAID_JS.read_bytes()
    assert (out / "docs" / "index.md").is_file() and (out / "docs" / "journeys" / "index.md").is_file()


def test_the_command_says_which_plugins_it_left_out(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _export(project, tmp_path / "out") == 0
    assert "left out the plugin 'some-other-plugin'" in capsys.readouterr().out


def test_a_new_export_replaces_an_earlier_one(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _export(project, out) == 0
    stale = out / "docs" / "removed-since.md"
    stale.write_text("# Gone\n", encoding="utf-8")
    assert _export(project, out) == 0
    assert not stale.exists()
    assert (out / "docs" / "index.md").is_file()


def test_a_folder_holding_something_else_is_left_alone(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert _export(project, out) == 1
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_missing_mermaid_says_how_to_install_it(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(str(MERMAID_JS), "nowhere/mermaid.min.js"))
    assert _export(project, tmp_path / "out") == 1
    assert "npm ci" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
