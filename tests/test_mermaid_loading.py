"""Mermaid loads from the site, only where a diagram is drawn, and only the parts that diagram needs.

A page with a diagram imports Mermaid's ES module build (a small entry, its
core chunks, the flowchart's chunks) instead of the 3.5 MB single file; a page
without one loads no Mermaid file; instant navigation to a diagram still
draws it; the exported project carries every chunk the entry imports.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import MERMAID_JS, MINI, build_site, serve, write_config
from journeybook.export import export_project

pytestmark = pytest.mark.browser

# Material draws each diagram into a closed shadow root; opened so the test can see the svg.
OPEN_SHADOW = (
    "const attach = Element.prototype.attachShadow;"
    "Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: 'open'}); };"
)
DRAWN = (
    "() => { const all = [...document.querySelectorAll('.mermaid')];"
    " return all.length > 0 && all.every(e => e.shadowRoot && e.shadowRoot.querySelector('svg')); }"
)
DIAGRAM_PAGE = "backlog/traceability/"
#: The example's start page links to the traceability page and draws nothing itself.
PLAIN_PAGE = ""


class Reader:
    """A browser tab that records every request and every console error."""

    def __init__(self, browser: Any, origin: str) -> None:
        self.page = browser.new_page()
        self.origin = origin
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.add_init_script(OPEN_SHADOW)

    def open(self, path: str) -> None:
        self.page.goto(self.origin + path, wait_until="load")
        self.page.wait_for_load_state("networkidle")

    def wait_until_drawn(self) -> None:
        self.page.wait_for_function(DRAWN, timeout=20000)

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith((self.origin, "data:", "blob:"))]

    def mermaid_files(self) -> list[str]:
        """The Mermaid files requested (the loader aside): what the page paid for its diagrams."""
        return [u.rsplit("/", 1)[1] for u in self.requests if "mermaid" in u and "mermaid-loader.js" not in u]


@pytest.fixture
def reader(browser: Any, base_url: str) -> Iterator[Reader]:
    tab = Reader(browser, base_url)
    yield tab
    tab.page.close()


def test_a_diagram_is_drawn_from_the_local_module_build_only(reader: Reader) -> None:
    reader.open(DIAGRAM_PAGE)
    preloaded = reader.page.locator("head link[rel=modulepreload]").evaluate_all("links => links.map(l => l.href)")
    assert any(href.endswith("/mermaid.esm.min.mjs") for href in preloaded)
    reader.wait_until_drawn()
    assert reader.errors == []
    assert reader.foreign() == [], "requests to other hosts"
    loaded = reader.mermaid_files()
    assert "mermaid.esm.min.mjs" in loaded
    assert all(name.endswith(".mjs") for name in loaded), loaded  # never the 3.5 MB single file
    diagram_code = [name for name in loaded if re.search(r"Diagram|definition", name)]
    assert diagram_code and all(name.startswith("flowDiagram") for name in diagram_code), diagram_code
    shipped = list((MERMAID_JS.parent / "chunks" / "mermaid.esm.min").glob("*.mjs"))
    assert len(loaded) < len(shipped) / 2
    # what the page preloads is what Mermaid then imports: nothing fetched in vain
    assert sorted(href.rsplit("/", 1)[1] for href in preloaded) == sorted(set(loaded))


def test_a_page_without_a_diagram_loads_no_mermaid(reader: Reader) -> None:
    reader.open(PLAIN_PAGE)
    assert reader.page.locator(".mermaid").count() == 0
    assert reader.mermaid_files() == []
    assert reader.errors == []


def test_instant_navigation_to_a_diagram_draws_it(reader: Reader) -> None:
    reader.open(PLAIN_PAGE)
    reader.page.locator("article a[href$='backlog/traceability/']").first.click()
    reader.page.wait_for_url("**/" + DIAGRAM_PAGE)
    reader.wait_until_drawn()
    # the theme swapped the content without a reload: the stand-in loaded the module on demand
    assert reader.page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert "mermaid.esm.min.mjs" in reader.mermaid_files()
    assert reader.errors == [] and reader.foreign() == []


def test_a_mermaid_without_its_module_build_is_loaded_as_the_single_file(browser: Any, tmp_path: Path) -> None:
    """mermaid_js may name a lone mermaid.min.js: the site then serves and loads that, and asks for no module."""
    lone = tmp_path / "vendor" / "mermaid.min.js"
    lone.parent.mkdir()
    shutil.copy(MERMAID_JS, lone)
    config = write_config(tmp_path, MINI)
    config.write_text(config.read_text(encoding="utf-8").replace(str(MERMAID_JS), str(lone)), encoding="utf-8")
    build_site(config, tmp_path / "site", strict=False)
    assert not (tmp_path / "site" / "assets" / "javascripts" / "mermaid.esm.min.mjs").exists()
    server = serve(tmp_path / "site")
    tab = Reader(browser, next(server))
    try:
        tab.open(DIAGRAM_PAGE)
        tab.wait_until_drawn()
        assert tab.mermaid_files() == ["mermaid.min.js"]
        assert tab.errors == [] and tab.foreign() == []
    finally:
        tab.page.close()
        server.close()


def test_the_export_carries_every_chunk_the_module_imports(tmp_path: Path) -> None:
    """The exported project serves the module build too, so plain MkDocs and Zensical draw the same way."""
    out = tmp_path / "out"
    export_project(out, data_dir=MINI, config_file=write_config(tmp_path, MINI))
    scripts = out / "docs" / "assets" / "javascripts"
    pending = [scripts / "mermaid.esm.min.mjs"]
    seen: set[Path] = set()
    while pending:
        module = pending.pop()
        assert module.is_file(), f"{module.relative_to(out)} is imported but not exported"
        if module in seen:
            continue
        seen.add(module)
        for target in re.findall(r'(?:from|import)\s*\(?\s*"(\./[^"]+\.mjs)"', module.read_text(encoding="utf-8")):
            pending.append((module.parent / target).resolve())
    assert any(m.name.startswith("flowDiagram") for m in seen)
