"""Shared fixtures: the example and mini handbooks, temp copies to break, and built sites.

Tests of the tool read EXAMPLE, a frozen copy of the example handbook under
tests/fixtures (with its own copy of the hand-written pages that link to its
journeys), so that editors can change journeys/ and docs/ without touching a
test. Only the handbook checks (tests/test_handbook.py) read HANDBOOK.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from journeybook.core import Handbook, HandbookError, Problem, load_handbook
from journeybook.render import render_site

ROOT = Path(__file__).resolve().parents[1]
HANDBOOK = ROOT / "journeys"
EXAMPLE = ROOT / "tests" / "fixtures" / "example"
EXAMPLE_DOCS = ROOT / "tests" / "fixtures" / "example-docs"
MINI = ROOT / "tests" / "fixtures" / "mini"
CHROMIUM = "/usr/bin/chromium"
MERMAID_JS = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files in tests/golden")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small test handbook."""
    target = tmp_path / "journeys"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A writable copy of the example handbook."""
    target = tmp_path / "journeys"
    shutil.copytree(EXAMPLE, target)
    return target


# Loaded by fixtures, never at import: a mistake in a fixture handbook fails the tests that read it,
# with the validation message, instead of stopping the whole test collection.


@pytest.fixture(scope="session")
def mini_book() -> Handbook:
    """The small test handbook, loaded once (read-only: tests that change data use `mini`)."""
    return load_handbook(MINI)


@pytest.fixture(scope="session")
def example_book() -> Handbook:
    """The frozen example handbook, loaded once (read-only: tests that change data use `example`)."""
    return load_handbook(EXAMPLE)


@pytest.fixture(scope="session")
def mini_pages(mini_book: Handbook) -> dict[str, str]:
    """Every generated page of the mini handbook: path -> content."""
    return {p.path: p.content for p in render_site(mini_book)}


@pytest.fixture(scope="session")
def example_pages(example_book: Handbook) -> dict[str, str]:
    """Every generated page of the example handbook: path -> content."""
    return {p.path: p.content for p in render_site(example_book)}


def problems_in(folder: Path) -> list[Problem]:
    try:
        load_handbook(folder, display_root=folder)
    except HandbookError as exc:
        return exc.problems
    return []


@pytest.fixture
def problems() -> Callable[[Path], list[Problem]]:
    return problems_in


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a YAML file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fixture_docs(tmp: Path) -> Path:
    """docs/ with the pages that link to example journeys replaced by their frozen copies."""
    target = tmp / "docs"
    if not target.exists():
        shutil.copytree(ROOT / "docs", target)
        for page in EXAMPLE_DOCS.iterdir():
            shutil.copy(page, target / page.name)
    return target


def write_config(
    tmp: Path, data_dir: Path, language: str = "en", extra: str = "", *, docs_dir: Path | None = None
) -> Path:
    """A copy of mkdocs.yml that reads overrides/ from the repository and data from data_dir.

    docs_dir defaults to the repository's docs/ with the frozen example pages (fixture_docs).
    """
    docs = docs_dir or fixture_docs(tmp)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    replacements = {
        "  custom_dir: overrides": f"  custom_dir: {ROOT / 'overrides'}",
        "      data_dir: journeys": f"      data_dir: {data_dir}\n      mermaid_js: {MERMAID_JS}",
        "  language: en": f"  language: {language}",
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    config = tmp / "mkdocs.yml"
    config.write_text(f"docs_dir: {docs}\n{text}\n{extra}", encoding="utf-8")
    return config


def build_site(config_file: Path, site_dir: Path, *, strict: bool = True) -> object:
    """Build like `mkdocs build --strict`; returns the loaded config (with its plugin instances).

    Builds of other data than the example's use strict=False: the hand-written
    pages in docs/ link to the example journeys.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return config


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example handbook built once, strictly, for the integration and browser tests."""
    tmp = tmp_path_factory.mktemp("example-site")
    build_site(write_config(tmp, EXAMPLE), tmp / "site")
    return tmp / "site"


# --- browser tests: the built example site served locally, one Chromium per session ---


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(site: Path) -> Generator[str, None, None]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(example_site: Path) -> Iterator[str]:
    yield from serve(example_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield chromium
        chromium.close()
