"""Under `mkdocs serve`, a saved YAML file that changes only page bodies rebuilds only those pages.

What an editor relies on: the page in the browser shows the edit, the same
page a full build would write, and search finds the new text and no longer
the old; anything that would leave another page wrong (a new title for the
nav, a hand-written page, mkdocs.yml, a data mistake) gets MkDocs' own full
build. The server is MkDocs' own kind of builder hook: journeybook's on_serve
replaces `server.builder`, as the live-reload server calls it on a change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from conftest import edit, write_config
from journeybook.mkdocs_plugin import JourneybookPlugin
from test_serve_preview import PATIENCE_SECONDS, preview_config, serving

JOURNEY = "journeys/job-seeker/index.html"
OLD_STEP = "name: Register as a job seeker"


class Server:
    """The part of MkDocs' LiveReloadServer a plugin sees: watch() and the builder it calls on a change."""

    def __init__(self, config_file: Path, site: Path) -> None:
        self.config_file, self.site = config_file, site
        self.full_builds = 0
        self.watched: list[str] = []
        self.config = self.load()
        self.config.plugins.on_startup(command="serve", dirty=False)
        self.builder = self.full_build

    def load(self) -> MkDocsConfig:
        return load_config(str(self.config_file), site_dir=str(self.site))

    def full_build(self) -> None:
        """What `mkdocs serve` does on a change: the config read again, the whole site built."""
        self.full_builds += 1
        self.config = self.load()
        build(self.config)

    def watch(self, path: str) -> None:
        self.watched.append(path)

    def html(self, page: str) -> str:
        return (self.site / page).read_text(encoding="utf-8")

    def search_texts(self, page: str) -> list[str]:
        return search_texts(self.site, page)


def search_texts(site: Path, page: str) -> list[str]:
    """The search index's entries for one page of a built site (its sections' text and titles)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    url = page.removesuffix("index.html")
    return [d["text"] + d["title"] for d in index["docs"] if d["location"].partition("#")[0] == url]


@pytest.fixture
def server(example: Path, tmp_path: Path) -> Iterator[Server]:
    served = Server(write_config(tmp_path, example), tmp_path / "site")
    build(served.config)
    plugin = served.config.plugins["journeybook"]
    assert isinstance(plugin, JourneybookPlugin)
    returned: Any = served.config.plugins.on_serve(cast(Any, served), config=served.config, builder=served.builder)
    assert returned is served
    yield served
    served.config.plugins.on_shutdown()


def _main(html: str) -> str:
    """The page's article (without the build-date stamps): what the page shows apart from the theme's chrome."""
    found = re.search(r"<article.*?</article>", html, re.S)
    assert found, "the page has its article"
    return re.sub(r"\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d", "(date)", found.group(0))


def test_a_step_edit_rebuilds_only_changed_pages_as_a_full_build_would(
    server: Server, example: Path, tmp_path: Path
) -> None:
    edit(example / "job-seeking" / "current.yml", OLD_STEP, "name: Sign up as a job seeker")
    untouched = server.site / "glossary" / "index.html"
    untouched_before = untouched.stat().st_mtime_ns
    server.builder()
    assert server.full_builds == 0, "a body-only edit needs no full build"
    quick = server.html(JOURNEY)
    assert "Sign up as a job seeker" in quick
    assert "Register as a job seeker" not in quick
    assert untouched.stat().st_mtime_ns == untouched_before, "pages the edit did not change are left alone"

    texts = server.search_texts(JOURNEY)
    assert any("Sign up as a job seeker" in t for t in texts), "search finds the new text"
    assert not any("Register as a job seeker" in t for t in texts), "and no longer the old"

    # A one-off build of the same data (MkDocs shares plugin instances within a process: the server is done).
    server.config.plugins.on_shutdown()
    again = tmp_path / "again"
    again.mkdir()
    docs = Path(server.config.docs_dir)
    config = load_config(str(write_config(again, example, docs_dir=docs)), site_dir=str(tmp_path / "full-site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    full = tmp_path / "full-site"
    assert _main(quick) == _main((full / JOURNEY).read_text(encoding="utf-8")), "the same page a full build writes"
    assert sorted(texts) == sorted(search_texts(full, JOURNEY)), "each section of the page indexed once"


def test_edits_one_after_another_each_show(server: Server, example: Path) -> None:
    names = ["Sign up", "Enrol", "Register again"]
    before = OLD_STEP
    for name in names:
        edit(example / "job-seeking" / "current.yml", before, f"name: {name} today")
        before = f"name: {name} today"
        server.builder()
        assert f"{name} today" in server.html(JOURNEY)
    assert server.full_builds == 0


def test_a_new_journey_title_is_a_full_build_so_the_nav_and_links_show_it(server: Server, example: Path) -> None:
    edit(example / "job-seeking" / "current.yml", "title: Registering as a job seeker", "title: Becoming a job seeker")
    server.builder()
    assert server.full_builds == 1
    listing = server.html("journeys/index.html")
    assert "Becoming a job seeker" in listing, "other pages show the new title too"


def test_a_hand_written_page_or_mkdocs_yml_edit_is_a_full_build(server: Server, example: Path) -> None:
    docs = Path(server.config.docs_dir)
    page = docs / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    server.builder()
    assert server.full_builds == 1
    assert "A new closing line." in server.html("index.html")
    edit(example / "job-seeking" / "current.yml", OLD_STEP, "name: Sign up as a job seeker")
    config = server.config_file
    config.write_text(config.read_text(encoding="utf-8").replace("site_name:", "site_name: Renamed", 1), "utf-8")
    server.builder()
    assert server.full_builds == 2
    assert "Sign up as a job seeker" in server.html(JOURNEY)


def test_a_data_mistake_gets_the_full_build_that_shows_it_and_the_fix_a_quick_one_after(
    server: Server, example: Path
) -> None:
    journey = example / "job-seeking" / "current.yml"
    edit(journey, "channels: [web]", "channels: web, phone, [")
    server.builder()
    assert server.full_builds == 1
    assert "Handbook data has problems" in server.html(JOURNEY)
    edit(journey, "channels: web, phone, [", "channels: [web]")
    server.builder()
    assert server.full_builds == 2, "the page that showed the message is rebuilt in full"
    edit(journey, OLD_STEP, "name: Sign up as a job seeker")
    server.builder()
    assert server.full_builds == 2
    assert "Sign up as a job seeker" in server.html(JOURNEY)


def test_a_plugin_journeybook_does_not_know_gets_full_builds(example: Path, tmp_path: Path) -> None:
    extra = "hooks:\n  - " + str(tmp_path / "hook.py") + "\n"
    (tmp_path / "hook.py").write_text("def on_page_markdown(markdown, **kwargs):\n    return markdown\n", "utf-8")
    served = Server(write_config(tmp_path, example, extra=extra), tmp_path / "site")
    build(served.config)
    served.config.plugins.on_serve(cast(Any, served), config=served.config, builder=served.builder)
    edit(example / "job-seeking" / "current.yml", OLD_STEP, "name: Sign up as a job seeker")
    served.builder()
    assert served.full_builds == 1
    assert "Sign up as a job seeker" in served.html(JOURNEY)
    served.config.plugins.on_shutdown()


@pytest.fixture
def live(mini: Path, tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """A real `mkdocs serve` of the mini handbook, with search, its log in a file."""
    log = tmp_path / "serve.log"
    with log.open("wb") as sink, serving(preview_config(tmp_path, mini, "  - search\n"), sink) as url:
        yield url, mini, log


def test_under_a_real_mkdocs_serve_the_open_page_reloads_with_the_edit(
    live: tuple[str, Path, Path], browser: Any
) -> None:
    """MkDocs' live-reload server calls the quick rebuild, and the reader's open page reloads by itself."""
    url, data, log = live
    page = browser.new_page()
    try:
        page.goto(url + "journeys/move-now/")
        assert "Fill in" in page.inner_text("article")
        edit(data / "now.yml", 'name: Fill in "form"', "name: Send the moving form")
        page.wait_for_function(
            "() => document.querySelector('article')?.innerText.includes('Send the moving form')",
            timeout=PATIENCE_SECONDS * 1000,
        )
        assert "Fill in" not in page.inner_text("article")
    finally:
        page.close()
    said = log.read_text(encoding="utf-8")
    assert re.search(r"rebuilt \d+ changed pages? in [\d.]+ seconds: .*journeys/move-now/", said), said
    assert said.count("Building documentation") == 1, "the first build only: the edit was a quick rebuild"
