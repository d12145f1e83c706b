"""The handbook beyond MkDocs 1.x: the same journey page from four builds, checked in Chromium.

(a) the plugin under MkDocs, (b) the plugin under ProperDocs (the MkDocs 1.x
fork), (c) `journeybook export` built by Zensical, (d) the export built by
plain MkDocs + Material without the plugin. On each, a reader must see the
journey's title, every diagram drawn (not shown as code), the handbook's CSS
applied, and no request may leave the site. ProperDocs and Zensical run from
their own venvs (.venv-properdocs, .venv-zensical), which `./dev test` sets up.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE, ROOT, build_site, serve, write_config
from journeybook.cli import main
from journeybook.core import load_handbook
from journeybook.core.models import JourneyFile
from test_browser import Visit

pytestmark = pytest.mark.browser

ENGINES = {
    "properdocs": ROOT / ".venv-properdocs" / "bin" / "properdocs",
    "zensical": ROOT / ".venv-zensical" / "bin" / "zensical",
}


def _start(command: list[str], cwd: Path) -> subprocess.Popen[str]:
    engine = Path(command[0])
    assert engine.is_file(), f"{engine} is missing: run './dev test' once, it installs the engines' venvs"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(process: subprocess.Popen[str]) -> None:
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, f"{process.args!r} failed:\n{output}"


@pytest.fixture(scope="module")
def sites(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example handbook built four ways, once for the module; the two other engines build meanwhile."""
    tmp = tmp_path_factory.mktemp("engines")
    config = write_config(tmp, EXAMPLE)
    properdocs = _start([str(ENGINES["properdocs"]), "build", "--strict", "-f", str(config), "-d", "pd-site"], tmp)
    export = tmp / "export"
    assert main(["export", "--config", str(config), "--out", str(export)]) == 0
    zensical = _start([str(ENGINES["zensical"]), "build", "--strict", "-f", "zensical.toml"], export)
    build_site(export / "mkdocs.yml", tmp / "export-mkdocs-site")
    example_site: Path = request.getfixturevalue("example_site")  # shared with test_browser.py, built once
    _finish(properdocs)
    _finish(zensical)
    return {
        "plugin-mkdocs": example_site,
        "plugin-properdocs": tmp / "pd-site",
        "export-zensical": export / "site",
        "export-mkdocs": tmp / "export-mkdocs-site",
    }


@pytest.fixture(scope="module")
def journey() -> JourneyFile:
    """The example's first journey: the page every build is checked on."""
    return next(iter(load_handbook(EXAMPLE).journeys.values()))


@pytest.fixture(scope="module", params=["plugin-mkdocs", "plugin-properdocs", "export-zensical", "export-mkdocs"])
def journey_page(
    request: pytest.FixtureRequest, sites: dict[str, Path], browser: Any, journey: JourneyFile
) -> Iterator[Visit]:
    """The journey's page in one build, loaded once for the checks below."""
    with contextlib.contextmanager(serve)(sites[request.param]) as url:
        visit = Visit(browser, f"{url}journeys/{journey.id}/", url)
        try:
            yield visit
        finally:
            visit.close()


def test_every_diagram_is_drawn(journey_page: Visit) -> None:
    diagrams = journey_page.diagrams()  # waits until every .mermaid holds an SVG
    assert diagrams, "the journey page shows no diagram"
    assert journey_page.page.locator("code.language-mermaid, pre.mermaid").count() == 0, "diagram source shown"
    for diagram in diagrams:
        assert diagram["type"] != "error", diagram
        assert "Syntax error" not in diagram["text"], diagram


def test_no_request_leaves_the_site(journey_page: Visit) -> None:
    journey_page.diagrams()  # Mermaid loads on demand: wait until it has drawn
    assert journey_page.foreign == [], "requests to other hosts"
    assert journey_page.failed == [], "requests that failed"


def test_the_handbook_css_is_applied(journey_page: Visit) -> None:
    loaded: list[str] = journey_page.page.evaluate(
        "() => [...document.styleSheets].filter(s => s.href && s.cssRules.length).map(s => s.href.split('/').pop())"
    )
    assert {"journeybook.css", "handbook.css"} <= set(loaded)
    # journeybook.css makes the journey map a scrolling box (a table's wrapper scrolls with no such rule).
    overflow = journey_page.page.evaluate("() => getComputedStyle(document.querySelector('.jb-map')).overflowX")
    assert overflow == "auto"


def test_the_journey_title_is_shown(journey_page: Visit, journey: JourneyFile) -> None:
    heading = journey_page.page.evaluate(
        "() => { const h = document.querySelector('article h1').cloneNode(true);"
        " h.querySelectorAll('.headerlink').forEach(a => a.remove()); return h.textContent.trim(); }"
    )
    assert heading == journey.title
    assert journey_page.page.title().startswith(journey.title)


def test_no_script_fails(journey_page: Visit) -> None:
    """The handbook's scripts and the loader work with each engine's theme bundle."""
    journey_page.diagrams()
    assert journey_page.console == []
