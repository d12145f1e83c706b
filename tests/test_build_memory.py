"""A one-off build lets go of the handbook once its pages are written; serve keeps only what a rebuild reuses.

MkDocs holds every page's Markdown and HTML until a build ends. If the
plugin also held the parsed handbook and every rendered page, a large
handbook's build would peak at the site twice over (issue 11: peak memory at
1000 journeys), and a long serve session would grow with every edit.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any, Literal

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import EXAMPLE, write_config
from journeybook import mkdocs_plugin
from journeybook.core import Handbook, load_handbook


def _record_loads(monkeypatch: pytest.MonkeyPatch) -> list[Handbook]:
    """Every handbook the plugin loads from now on; the caller keeps only weak references to them."""
    loaded: list[Handbook] = []

    def recording(*args: Any, **kwargs: Any) -> Handbook:
        book = load_handbook(*args, **kwargs)
        loaded.append(book)
        return book

    monkeypatch.setattr(mkdocs_plugin, "load_handbook", recording)
    return loaded


def _build(tmp: Path, command: Literal["build", "serve"], monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[Any]]:
    """Build the example as `command` runs it; returns the plugin and weak references to every journey read."""
    loaded = _record_loads(monkeypatch)
    config = load_config(str(write_config(tmp, EXAMPLE)), site_dir=str(tmp / "site"))
    config.plugins.on_startup(command=command, dirty=command == "serve")
    build(config, dirty=command == "serve")
    journeys = [weakref.ref(journey) for book in loaded for journey in book.journeys.values()]
    loaded.clear()
    gc.collect()
    # The plugin is still alive (the config holds it): whatever it kept is still reachable.
    return config.plugins["journeybook"], journeys


def test_a_build_keeps_neither_the_parsed_handbook_nor_the_rendered_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugin, journeys = _build(tmp_path, "build", monkeypatch)
    assert journeys, "the example handbook has journeys"
    assert [ref for ref in journeys if ref() is not None] == []
    assert plugin.pages == [] and plugin.written == {}
    # The site itself is complete: every journey got its page.
    assert (tmp_path / "site" / "journeys" / "index.html").is_file()
    assert len(plugin.generated) > len(journeys)


def test_a_build_lets_go_of_each_generated_pages_markdown_once_converted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages: list[Any] = []
    context = mkdocs_plugin.JourneybookPlugin.on_page_context

    def recording(self: Any, ctx: Any, /, *, page: Any, config: Any, nav: Any) -> Any:
        pages.append(page)
        return context(self, ctx, page=page, config=config, nav=nav)

    monkeypatch.setattr(mkdocs_plugin.JourneybookPlugin, "on_page_context", recording)
    _build(tmp_path, "build", monkeypatch)
    generated = [page for page in pages if page.file.generated_by is not None]
    written = [page for page in pages if page.file.generated_by is None]
    assert generated and written
    # MkDocs needs only the HTML from conversion on; the title comes from the page's front matter.
    assert all(page.markdown == "" and page.content and page.title for page in generated)
    # Pages editors wrote stay as MkDocs left them: other plugins may read their Markdown.
    assert all(page.markdown for page in written)


def test_serve_keeps_the_parsed_files_and_pages_an_edit_reuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plugin, journeys = _build(tmp_path, "serve", monkeypatch)
    assert journeys and all(ref() is not None for ref in journeys)
    assert plugin.pages and plugin.written


def test_serve_does_not_pile_up_a_handbook_per_rebuild(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = _record_loads(monkeypatch)
    config_file = write_config(tmp_path, EXAMPLE)
    config = load_config(str(config_file), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=True)
    for _ in range(3):
        # As `mkdocs serve` does: the config is loaded again for each rebuild, the plugin instance kept.
        config = load_config(str(config_file), site_dir=str(tmp_path / "site"))
        build(config, dirty=True)
    books = [weakref.ref(book) for book in loaded]
    loaded.clear()
    gc.collect()
    # Each rebuild makes a new handbook from the kept parsed files; none outlives its rebuild, so memory
    # stays the same however long an editor keeps serve running.
    assert len(books) == 3
    assert [ref() for ref in books] == [None, None, None]
