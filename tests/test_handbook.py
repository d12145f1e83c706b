"""The handbook checks: what must hold for ANY handbook in journeys/ and docs/, not for the example's figures.

Editors change journeys/ and docs/ by pull request; these tests only check
what every valid handbook satisfies (it validates strictly, builds strictly,
every page renders in the browser, no editor text runs), so a content change
never breaks them. Tests of journeybook itself read the fixtures in tests/.
The last tests make a content change as an editor would (a new journey, team
and life event with `journeybook new`) and run the same checks on it.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import HANDBOOK, ROOT, build_site, edit, serve, write_config
from journeybook.cli import main
from journeybook.core import load_handbook
from journeybook.core.kinds import Kind
from test_browser import Visit


def site_pages(site: Path) -> list[str]:
    """Every page of a built site, as addresses relative to its root: derived, never listed by hand."""
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if "assets" not in p.relative_to(site).parts
    )


def handbook_checks_without_browser(site: Path, data: Path) -> None:
    """Pages for every journey and need group; no editor HTML or script live in any page."""
    book = load_handbook(data)
    pages = site_pages(site)
    for jid in book.journeys:
        assert f"journeys/{jid}/" in pages
    for gid in book.need_groups:
        assert f"need-groups/{gid}/" in pages
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        article = text.split("<article", 1)[-1].split("</article>", 1)[0]
        assert not re.search(r"<script(?![^>]*\bsrc=)", article), page
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", article, re.IGNORECASE), page
        assert "javascript:" not in article.lower(), page


@pytest.fixture(scope="module")
def handbook_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("handbook")
    build_site(write_config(tmp, HANDBOOK, docs_dir=ROOT / "docs"), tmp / "site")
    return tmp / "site"


def test_handbook_validates_strictly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(HANDBOOK), "--strict"]) == 0, capsys.readouterr().err


def test_handbook_builds_strictly_without_live_editor_html(handbook_site: Path) -> None:
    handbook_checks_without_browser(handbook_site, HANDBOOK)


def test_edit_links_open_the_yaml_files(handbook_site: Path) -> None:
    book = load_handbook(HANDBOOK)
    for jid in book.journeys:
        origin = book.origin(Kind.JOURNEY, jid)
        assert origin is not None
        yaml_file = Path(os.path.relpath(origin.path, ROOT)).as_posix()
        page = (handbook_site / "journeys" / jid / "index.html").read_text(encoding="utf-8")
        assert f'/edit/main/{yaml_file}"' in page, jid
    assert "edit/main/docs/index.md" in (handbook_site / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def handbook_url(handbook_site: Path) -> Iterator[str]:
    yield from serve(handbook_site)


def page_renders_cleanly(browser: Any, base_url: str, path: str) -> None:
    visit = Visit(browser, base_url + path, base_url)
    try:
        for diagram in visit.diagrams():
            assert diagram["type"] != "error" and "Syntax error" not in diagram["text"], diagram
        assert visit.console == [], path
        assert visit.foreign == [], path
        assert visit.failed == [], path
        assert visit.axe() == [], path
    finally:
        visit.close()


@pytest.mark.browser
def test_every_page_renders_in_the_browser(browser: Any, handbook_site: Path, handbook_url: str) -> None:
    pages = site_pages(handbook_site)
    assert len(pages) > 10
    for path in pages:
        page_renders_cleanly(browser, handbook_url, path)


# --- a content change, as an editor makes it --------------------------------------------


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the handbook with a new journey that uses a new team and a new life event."""
    tmp = tmp_path_factory.mktemp("changed")
    data = tmp / "journeys"
    shutil.copytree(HANDBOOK, data)
    assert main(["new", "team", "housing-office", "--title", "Housing office", "--dir", str(data)]) == 0
    assert main(["new", "life-event", "moving-home", "--title", "Moving home", "--dir", str(data)]) == 0
    assert main(["new", "journey", "moving-in", "--title", "Moving in: the first week", "--dir", str(data)]) == 0
    journey = data / "moving-in.yml"
    edit(journey, "# owner: team-id\n", "owner: housing-office\n")
    edit(journey, "# life_event: life-event-id\n", "life_event: moving-home\n")
    edit(journey, "        # owner: team-id\n", "        owner: housing-office\n")
    edit(journey, "        # waiting: 3 days\n", "        waiting: 3 days\n")
    return data


@pytest.fixture(scope="module")
def changed_site(changed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("changed-site")
    build_site(write_config(tmp, changed, docs_dir=ROOT / "docs"), tmp / "site")
    return tmp / "site"


def test_content_change_validates_strictly(changed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(changed), "--strict"]) == 0, capsys.readouterr().err
    assert "moving-in" in load_handbook(changed).journeys


def test_content_change_builds_strictly(changed: Path, changed_site: Path) -> None:
    handbook_checks_without_browser(changed_site, changed)
    team = (changed_site / "teams" / "housing-office" / "index.html").read_text(encoding="utf-8")
    assert "Moving in: the first week" in team


@pytest.mark.browser
def test_content_change_pages_render(browser: Any, changed_site: Path) -> None:
    for url in serve(changed_site):
        for path in ("journeys/", "journeys/moving-in/", "journeys/moving-in/blueprint/", "teams/housing-office/"):
            page_renders_cleanly(browser, url, path)
