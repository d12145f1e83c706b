"""The MkDocs plugin on the example handbook and on broken or unusual projects."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import EXAMPLE, build_site, edit, write_config
from journeybook.core import Handbook
from journeybook.mkdocs_plugin import JourneybookPlugin


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _nav(page: str) -> str:
    return page.split('class="md-nav md-nav--primary"', 1)[1].split('class="md-content"', 1)[0]


def test_every_journey_and_need_group_has_a_page_in_the_nav(example_site: Path, example_book: Handbook) -> None:
    # navigation.prune: a page carries the nav of its own section, so each is checked where a reader sees it.
    for jid in example_book.journeys:
        assert (example_site / "journeys" / jid / "index.html").is_file()
        assert (example_site / "journeys" / jid / "blueprint" / "index.html").is_file()
        assert 'href="./"' in _nav(html(example_site, f"journeys/{jid}"))
    groups = _nav(html(example_site, "need-groups"))
    for gid in example_book.need_groups:
        assert (example_site / "need-groups" / gid / "index.html").is_file()
        assert f'href="{gid}/"' in groups
    journeys = _nav(html(example_site, "journeys"))
    for event in ("Falling seriously ill", "Having a child", "Losing a job"):
        assert event in journeys
    home = _nav(html(example_site, ""))
    for section in ("Need groups", "Teams", "Improvement backlog", "Metrics", "Failure demand", "Glossary"):
        assert section in home


def test_generated_page_content(example_site: Path) -> None:
    page = html(example_site, "journeys/breast-cancer-current")
    assert "<h1" in page and "Breast cancer diagnosis and treatment (today)" in page
    for heading in ("journey-map", "by-need-group", "steps", "root-causes", "failure-demand"):
        assert f'<h2 id="{heading}"' in page  # some carry data-search-exclude
    assert 'id="step-referral-sent"' in page
    # the traceability flowchart is Mermaid; the metric charts are journeybook's own SVG
    assert page.count('class="mermaid"') == 1
    assert page.count('class="jb-metric-chart"') == 2


def test_search_index_holds_generated_text(example_site: Path) -> None:
    index = json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Cannot see where the referral is or whether it has arrived" in text
    assert "Rakt på sak" in text


FETCHED_BY = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src"}


class _Resources(HTMLParser):
    """Everything a page makes the browser fetch by itself: scripts, styles, images, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and (values.get("rel") or "") in ("stylesheet", "preload", "modulepreload", "icon"):
            self.urls.append(values.get("href") or "")
        elif tag in FETCHED_BY and values.get(FETCHED_BY[tag]):
            self.urls.append(values[FETCHED_BY[tag]] or "")


def test_mermaid_is_served_by_the_site_and_nothing_is_fetched_from_elsewhere(example_site: Path) -> None:
    assert (example_site / "assets" / "javascripts" / "mermaid.min.js").stat().st_size > 1_000_000
    for page in example_site.rglob("*.html"):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.urls, page
        foreign = [u for u in parser.urls if re.match(r"^(?:[a-z]+:)?//", u, re.IGNORECASE)]
        assert foreign == [], page
        # a plain (not async) script: window.mermaid is defined (a loader of the local Mermaid)
        # by the time mkdocs-material's bundle mounts diagrams, so the bundle never asks a CDN;
        # a page with a diagram also preloads the local module
        assert any(u.endswith("assets/javascripts/mermaid-loader.js") for u in parser.urls), page
        if 'class="mermaid"' in page.read_text(encoding="utf-8"):
            assert any(u.endswith("assets/javascripts/mermaid.esm.min.mjs") for u in parser.urls), page


def test_backlog_data_files_are_published_and_linked(example_site: Path, example_book: Handbook) -> None:
    rows = (example_site / "backlog" / "backlog.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("id,solution_concept,development_area,problem_area,owner,status")
    assert len(rows) == 1 + len(example_book.backlog)
    records = json.loads((example_site / "backlog" / "backlog.json").read_text(encoding="utf-8"))
    assert records[0]["id"] == "receipt" and records[0]["priority"] == 15.0
    page = html(example_site, "backlog")
    assert 'href="../backlog.csv"' in page or 'href="backlog.csv"' in page


def test_glossary_terms_become_tooltips(example_site: Path) -> None:
    method = html(example_site, "method")
    assert '<abbr title="The line in a blueprint between what the customer sees' in method


@pytest.mark.parametrize(
    ("language", "labels", "english"),
    [
        ("sv", ["Kundresekarta", "Känslokurva", "Synlighetslinje", "Smärtpunkter", "Per behovsgrupp"], "Journey map"),
        ("fi", ["Polkukartta", "Tunnekäyrä", "Näkyvyyden raja", "Kipupisteet", "Tarveryhmittäin"], "Journey map"),
    ],
)
def test_labels_follow_the_site_language(tmp_path: Path, language: str, labels: list[str], english: str) -> None:
    build_site(write_config(tmp_path, EXAMPLE, language), tmp_path / "site")
    journey = html(tmp_path / "site", "journeys/parental-benefit")
    blueprint = html(tmp_path / "site", "journeys/parental-benefit/blueprint")
    for label in labels:
        assert label in journey + blueprint, label
    assert english not in journey
    assert f'<html lang="{language}"' in journey


def test_a_data_mistake_fails_the_build_with_the_validate_message(
    tmp_path: Path,
    mini: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from journeybook.cli import main

    edit(mini / "now.yml", "        owner: back", "        ownr: back")
    with pytest.raises(Abort):
        build_site(write_config(tmp_path, mini), tmp_path / "site")
    message = caplog.text
    monkeypatch.chdir(mini.parent)
    assert main(["validate", "journeys"]) == 1
    assert capsys.readouterr().err.strip() in message
    assert "unknown field 'ownr'" in message
    assert "did you mean 'owner'?" in message
    assert re.search(r"journeys/now\.yml:36:9", message), message


def test_rebuild_reuses_parsed_yaml(tmp_path: Path, mini: Path) -> None:
    """The serve path: one plugin instance, several builds, unchanged files parsed once."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(write_config(tmp_path, mini)), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    plugin = config.plugins["journeybook"]
    assert isinstance(plugin, JourneybookPlugin)
    assert plugin.cache.misses == 0
    build(config)
    files = len(list(mini.rglob("*.yml")))
    assert (plugin.cache.misses, plugin.cache.hits) == (files, 0)
    edit(mini / "now.yml", "title: Moving – today", "title: Moving – as it is")
    config = load_config(str(write_config(tmp_path, mini)), site_dir=str(tmp_path / "site"))
    kept = config.plugins["journeybook"]
    assert isinstance(kept, JourneybookPlugin)
    assert kept is plugin  # MkDocs keeps plugins that define on_startup
    build(config)
    assert (plugin.cache.misses, plugin.cache.hits) == (files + 1, files - 1)
    assert "Moving – as it is" in (tmp_path / "site" / "journeys" / "move-now" / "index.html").read_text("utf-8")


def test_missing_mermaid_says_how_to_install_it(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = write_config(tmp_path, EXAMPLE)
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"mermaid_js: .*", "mermaid_js: nowhere/mermaid.min.js", text), encoding="utf-8")
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert "Mermaid not found at nowhere/mermaid.min.js. Run 'npm ci'" in caplog.text


def test_unknown_plugin_option_fails_strict(tmp_path: Path) -> None:
    config = write_config(tmp_path, EXAMPLE)
    config.write_text(
        config.read_text(encoding="utf-8").replace("      data_dir:", "      colour: red\n      data_dir:"),
        encoding="utf-8",
    )
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")


def test_builds_with_no_network_at_all(tmp_path: Path) -> None:
    """An internal handbook builds where there is no internet: run the build in an empty network namespace."""
    config = write_config(tmp_path, EXAMPLE)
    result = subprocess.run(
        [
            "unshare",
            "--map-root-user",
            "--net",
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "journeys" / "breast-cancer-current" / "index.html").is_file()


def test_missing_mermaid_fence_config_says_what_to_add(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = write_config(tmp_path, EXAMPLE)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("        - name: mermaid\n", "        - name: diagram\n"), encoding="utf-8")
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert "the generated pages need Mermaid fences and content tabs. Add to mkdocs.yml" in caplog.text
