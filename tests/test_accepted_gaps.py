"""`gap_accepted`: a traceability gap left alone on purpose, with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit
from journeybook.cli import main
from journeybook.core import load_handbook
from journeybook.render import render_site

REASON = "Left <b>alone</b>: *on purpose*"


@pytest.fixture
def accepted(mini: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Mini with the unowned backlog item's gaps accepted, and every page reviewed recently."""
    edit(
        mini / "backlog.yml",
        "            title: Unowned idea\n",
        f'            title: Unowned idea\n            gap_accepted: "{REASON}"\n',
    )
    monkeypatch.setenv("JOURNEYBOOK_TODAY", "2026-06-01")
    for name, ident in (("now.yml", "move-now"), ("future.yml", "move-future"), ("group.yml", "hurried")):
        edit(mini / name, f"id: {ident}\n", f"id: {ident}\nreviewed: 2026-01-15\n")
    return mini


def test_accepted_gap_is_not_a_gap(accepted: Path) -> None:
    found = load_handbook(accepted).gaps
    assert found.count == 0
    assert [e.item.id for e in found.accepted_items] == ["unowned"]


def test_strict_passes_with_accepted_gaps(accepted: Path) -> None:
    assert main(["validate", str(accepted), "--strict"]) == 0


def test_gaps_page_shows_the_reason_escaped(accepted: Path) -> None:
    pages = {p.path: p.content for p in render_site(load_handbook(accepted))}
    page = pages["backlog/gaps.md"]
    assert (
        "## Gaps left alone on purpose (1)\n\n- [Unowned idea](index.md#item-unowned): "
        "Left &#60;b&#62;alone&#60;/b&#62;: &#42;on purpose&#42;" in page
    )


def test_accepted_pain_point(accepted: Path) -> None:
    edit(accepted / "now.yml", "            root_causes: [old-system]\n", "            gap_accepted: Known.\n")
    found = load_handbook(accepted).gaps
    assert [(j.id, p.id) for j, p in found.accepted_pains] == [("move-now", "no-receipt")]
    assert found.pains_without_cause == ()


def test_empty_reason_is_a_mistake(accepted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(accepted / "backlog.yml", f'gap_accepted: "{REASON}"', 'gap_accepted: ""')
    assert main(["validate", str(accepted)]) == 1
    assert "'gap_accepted' is empty" in capsys.readouterr().err
