"""Golden tests: the mini handbook in, the exact Markdown and Mermaid out.

Run `pytest tests/test_golden.py --update-golden` after an intended change
and review the diff of tests/golden/.
"""

from __future__ import annotations

import pytest

from conftest import MINI, ROOT
from journeybook.core import load_handbook
from journeybook.render import glossary_abbreviations, render_site

GOLDEN = ROOT / "tests" / "golden"
PAGES = [p.path for p in render_site(load_handbook(MINI))]


@pytest.mark.parametrize("path", PAGES)
def test_generated_page_matches_golden(path: str, update_golden: bool) -> None:
    page = next(p for p in render_site(load_handbook(MINI)) if p.path == path)
    golden = GOLDEN / path
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(page.content, encoding="utf-8")
    assert golden.is_file(), f"no golden file for {path}; run pytest --update-golden"
    assert page.content == golden.read_text(encoding="utf-8")


def test_no_stale_golden_files() -> None:
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert on_disk == set(PAGES) | {"abbreviations.md"}


def test_abbreviations_match_golden(update_golden: bool) -> None:
    text = glossary_abbreviations(load_handbook(MINI))
    golden = GOLDEN / "abbreviations.md"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_render_is_deterministic() -> None:
    book = load_handbook(MINI)
    assert [p.content for p in render_site(book)] == [p.content for p in render_site(book)]


def test_pages_name_their_yaml_source() -> None:
    pages = {p.path: p for p in render_site(load_handbook(MINI))}
    assert pages["journeys/move-now/index.md"].source == MINI / "now.yml"
    assert pages["need-groups/hurried.md"].source == MINI / "group.yml"
    assert pages["backlog/index.md"].source == MINI / "backlog.yml"
