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
ABBREVIATIONS = "abbreviations.md"
# One test per golden file on disk: the list is read from the folder, so collecting the tests
# never renders (a rendering bug fails these tests, not the collection).
GOLDEN_PAGES = sorted(
    p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file() and p.name != ABBREVIATIONS
)


@pytest.mark.parametrize("path", GOLDEN_PAGES)
def test_generated_page_matches_golden(path: str, mini_pages: dict[str, str], update_golden: bool) -> None:
    golden = GOLDEN / path
    if update_golden and path in mini_pages:
        golden.write_text(mini_pages[path], encoding="utf-8")
    assert path in mini_pages, f"stale golden file {path}: no such page is generated (--update-golden deletes it)"
    assert mini_pages[path] == golden.read_text(encoding="utf-8")


def test_every_page_has_a_golden_file(mini_pages: dict[str, str], update_golden: bool) -> None:
    """Pages added or removed: --update-golden writes the new ones and deletes the stale ones."""
    if update_golden:
        for path, content in mini_pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(content, encoding="utf-8")
        for path in set(GOLDEN_PAGES) - set(mini_pages):
            (GOLDEN / path).unlink()
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert on_disk == set(mini_pages) | {ABBREVIATIONS}, "run pytest tests/test_golden.py --update-golden"


def test_abbreviations_match_golden(update_golden: bool) -> None:
    text = glossary_abbreviations(load_handbook(MINI))
    golden = GOLDEN / ABBREVIATIONS
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
