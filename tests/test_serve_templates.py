"""Under `mkdocs serve` the theme's templates are compiled once, and again only when one is edited.

MkDocs makes a new Jinja environment for each rebuild; journeybook gives it
the templates compiled by the last one (Jinja's bytecode cache). What an
editor relies on: a saved YAML file or an edited template override shows in
the next rebuild's HTML, as it did without the cache. The counts come from
the cache itself (templates compiled, templates reused), not from timing.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Literal

import pytest
from jinja2 import DictLoader, Environment, pass_context
from jinja2.runtime import Context
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from conftest import MERMAID_JS, ROOT, edit
from journeybook.mkdocs_plugin import JourneybookPlugin
from journeybook.template_cache import TemplateCodeCache

MAIN = '{% extends "base.html" %}\n{% block announce %}<p id="marker">Announcement one</p>{% endblock %}\n'


@pytest.fixture
def project(mini: Path, tmp_path: Path) -> Path:
    """The mini handbook with a one-page docs folder and an override folder holding its own main.html."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    (overrides / "main.html").write_text(MAIN, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: Preview\ndocs_dir: {docs}\ntheme:\n  name: material\n  custom_dir: {overrides}\n"
        f"plugins:\n  - journeybook:\n      data_dir: {mini}\n      mermaid_js: {MERMAID_JS}\n"
        "markdown_extensions:\n  - pymdownx.tabbed:\n      alternate_style: true\n  - pymdownx.superfences:\n"
        "      custom_fences:\n        - name: mermaid\n          class: mermaid\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n",
        encoding="utf-8",
    )
    return config


class Session:
    """Builds as `mkdocs serve` does: the config loaded again for every rebuild, the plugin kept."""

    def __init__(self, config_file: Path, *, command: Literal["build", "serve"] = "serve", dirty: bool = False) -> None:
        self.config_file = config_file
        self.site = config_file.parent / "site"
        self.dirty = dirty
        config = self._load()
        config.plugins.on_startup(command=command, dirty=dirty)
        self.config = config

    def _load(self) -> MkDocsConfig:
        return load_config(str(self.config_file), site_dir=str(self.site))

    def rebuild(self) -> TemplateCodeCache:
        build(self.config, dirty=self.dirty)
        plugin = self.config.plugins["journeybook"]
        assert isinstance(plugin, JourneybookPlugin)
        templates = plugin.templates
        self.config = self._load()
        assert self.config.plugins["journeybook"] is plugin, "MkDocs keeps the plugin across rebuilds"
        return templates

    def html(self, page: str) -> str:
        return (self.site / page).read_text(encoding="utf-8")

    def close(self) -> None:
        self.config.plugins.on_shutdown()


def test_a_rebuild_with_no_template_edited_compiles_none_and_shows_the_yaml_edit(project: Path, mini: Path) -> None:
    session = Session(project, dirty=True)
    templates = session.rebuild()
    compiled = templates.compiled
    assert compiled > 10, "the first build compiles the theme's page templates"
    edit(mini / "now.yml", "name: Report", "name: Report the move")
    templates = session.rebuild()
    assert "Report the move" in session.html("journeys/move-now/index.html")
    assert templates.compiled == compiled, "nothing compiled again"
    assert templates.reused >= compiled
    session.close()


def test_an_edited_override_is_compiled_again_and_shows_in_the_next_rebuild(project: Path) -> None:
    session = Session(project)
    templates = session.rebuild()
    compiled = templates.compiled
    assert "Announcement one" in session.html("journeys/move-now/index.html")
    main = project.parent / "overrides" / "main.html"
    main.write_text(MAIN.replace("Announcement one", "Announcement two"), encoding="utf-8")
    templates = session.rebuild()
    for page in ("index.html", "journeys/move-now/index.html"):
        html = session.html(page)
        assert "Announcement two" in html
        assert "Announcement one" not in html
    assert templates.compiled == compiled + 1, "only the edited template is compiled again"
    session.close()


def test_a_one_off_build_keeps_no_compiled_templates(project: Path) -> None:
    session = Session(project, command="build")
    templates = session.rebuild()
    assert (templates.compiled, templates.reused) == (0, 0)
    assert "Announcement one" in session.html("index.html")
    session.close()


def _environment(*, with_filter: bool) -> Environment:
    env = Environment(loader=DictLoader({"page.html": "{{ title | shout }}"}))

    @pass_context
    def shout_in_context(context: Context, value: str) -> str:
        return value.upper() + "!"

    env.filters["shout"] = shout_in_context if with_filter else str.upper
    return env


def test_code_compiled_under_other_environment_settings_is_not_reused() -> None:
    """Jinja writes how a filter is called into the code: an environment whose filters differ compiles anew."""
    cache = TemplateCodeCache()
    plain = cache.attach(_environment(with_filter=False))
    assert plain.get_template("page.html").render(title="hello") == "HELLO"
    same = cache.attach(_environment(with_filter=False))
    assert same.get_template("page.html").render(title="hello") == "HELLO"
    assert (cache.compiled, cache.reused) == (1, 1)
    other = cache.attach(_environment(with_filter=True))
    assert other.get_template("page.html").render(title="hello") == "HELLO!"
    assert (cache.compiled, cache.reused) == (2, 1)
