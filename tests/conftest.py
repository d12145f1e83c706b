"""Shared fixtures: the example and mini handbooks, temp copies to break, and built sites."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from journeybook.core import HandbookError, Problem, load_handbook

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "journeys"
MINI = ROOT / "tests" / "fixtures" / "mini"
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
