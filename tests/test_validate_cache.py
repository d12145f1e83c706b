"""The on-disk cache of parsed files: a later run reads only what changed, and never says anything else.

`journeybook validate` keeps each file without mistakes, parsed and validated,
under the cache folder (core/filecache.py). An editor relies on three things:
an edited file is read again, a damaged cache never changes a message or a
figure, and `--no-cache` leaves nothing behind.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Literal

import pytest

from conftest import EXAMPLE, MINI, edit
from journeybook.cli import main
from journeybook.core import Handbook, HandbookCache, HandbookError, Problem, load_handbook
from test_editor_mistakes import PARTS, Case, read_cases


def load(folder: Path, cache: Path | None) -> tuple[Handbook | None, list[Problem], HandbookCache]:
    """One run as a new process makes it: a fresh in-memory cache, over the disk cache when given."""
    files = HandbookCache(cache)
    try:
        return load_handbook(folder, files, display_root=folder), [], files
    except HandbookError as exc:
        return None, exc.problems, files


def snapshot(book: Handbook | None) -> dict[str, Any]:
    """Everything a page or a message is made from: every entity's data, origin and the warnings."""
    if book is None:
        return {}
    tables = ("teams", "channels", "life_events", "need_groups", "journeys", "insights", "metrics", "terms")
    out: dict[str, Any] = {name: {k: v.model_dump() for k, v in getattr(book, name).items()} for name in tables}
    out["organisation"] = book.organisation.model_dump()
    out["backlog"] = {k: v.item.model_dump() for k, v in book.backlog.items()}
    out["fields_set"] = {k: sorted(v.model_fields_set) for k, v in book.journeys.items()}
    out["origins"] = dict(book.origins)
    out["warnings"] = list(book.warnings)
    out["gaps"] = list(book.gap_problems)
    return out


@pytest.mark.parametrize("fixture", [EXAMPLE, MINI], ids=lambda p: p.name)
def test_a_handbook_read_from_the_cache_is_the_handbook_parsed(fixture: Path, tmp_path: Path) -> None:
    folder = tmp_path / "journeys"
    shutil.copytree(fixture, folder)
    parsed, _, _ = load(folder, None)
    load(folder, tmp_path / "cache")
    cached, _, files = load(folder, tmp_path / "cache")
    assert files.disk_hits > 0 and files.disk_hits == files.misses
    assert snapshot(cached) == snapshot(parsed)


@pytest.mark.parametrize("case", read_cases(), ids=lambda case: case["name"])
def test_every_editor_mistake_gets_the_same_message_with_a_cache(
    case: Case, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, text in case["files"].items():
        (mini / name).write_bytes(text.encode(case.get("encoding", "utf-8")))
    monkeypatch.chdir(mini)
    _, without, _ = load(mini, None)
    load(mini, tmp_path / "cache")
    _, cached, files = load(mini, tmp_path / "cache")
    assert files.disk_hits > 0
    assert [[getattr(p, part) for part in PARTS] for p in cached] == [
        [getattr(p, part) for part in PARTS] for p in without
    ]
    assert cached == without


def test_an_edited_file_is_read_again(mini: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    journey = mini / "now.yml"

    def mistakes() -> list[str]:
        _, problems, files = load(mini, cache)
        assert files.disk_hits > 0, "the other files come from the cache"
        return [f"{p.message} ({p.field})" for p in problems if p.file == journey.name]

    load(mini, cache)
    edit(journey, "kind: journey", "kind: journey\nsummery: typo")
    assert mistakes() == ["unknown field 'summery' (summery)"]
    edit(journey, "kind: journey\nsummery: typo", "kind: journey")
    edit(journey, "owner: front", "owner: front\nstate: later")
    assert mistakes() == ["'state' has a value that is not allowed (state)"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"",
        lambda raw: raw.replace(b'"', b"'", 3),
        lambda raw: b"journeybook-parsed 0 0 0\n{}",
        lambda raw: raw.split(b"\n", 1)[0] + b"\n" + b'{"model": 1, "values": []}',
        lambda raw: bytes(range(256)),
    ],
    ids=["truncated", "empty", "corrupt", "foreign", "forged-payload", "binary"],
)
def test_a_damaged_cache_entry_is_ignored(damage: Any, mini: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected, _, _ = load(mini, None)
    load(mini, cache)
    entries = sorted((cache / "parsed").glob("*.json"))
    assert entries
    for entry in entries:
        entry.write_bytes(damage(entry.read_bytes()))
    book, problems, files = load(mini, cache)
    assert problems == [] and files.disk_hits == 0
    assert snapshot(book) == snapshot(expected)
    _, _, again = load(mini, cache)
    assert again.disk_hits == again.misses, "a damaged entry is written anew"


def test_validate_keeps_its_cache_next_to_the_handbook_unless_told_not_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "project" / "journeys"
    shutil.copytree(MINI, folder)
    assert main(["validate", str(folder), "--no-cache"]) == 0
    assert not (tmp_path / "project" / ".cache").exists()
    no_cache = capsys.readouterr()
    assert main(["validate", str(folder)]) == 0
    assert list((tmp_path / "project" / ".cache" / "journeybook" / "parsed").glob("*.json"))
    assert main(["validate", str(folder), "--cache-dir", str(tmp_path / "elsewhere")]) == 0
    assert list((tmp_path / "elsewhere" / "parsed").glob("*.json"))
    assert main(["validate", str(folder)]) == 0
    assert capsys.readouterr().out == no_cache.out * 3


def test_a_build_reads_what_validate_kept_and_only_serve_writes(mini: Path, tmp_path: Path) -> None:
    """`journeybook validate` then `mkdocs build` (as CI runs them): the build parses nothing again."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from conftest import write_config
    from journeybook.mkdocs_plugin import JourneybookPlugin

    config_file = write_config(tmp_path, mini)
    cache = tmp_path / ".cache" / "journeybook"
    files = len(list(mini.rglob("*.yml")))
    runs: tuple[tuple[Literal["build", "serve"], int], ...] = (("build", 0), ("serve", files))
    for command, written in runs:
        shutil.rmtree(cache, ignore_errors=True)
        config = load_config(str(config_file), site_dir=str(tmp_path / "site"))
        config.plugins.on_startup(command=command, dirty=False)
        build(config)
        assert len(list((cache / "parsed").glob("*.json"))) == written, command
    assert main(["validate", str(mini), "--cache-dir", str(cache)]) == 0
    config = load_config(str(config_file), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    plugin = config.plugins["journeybook"]
    assert isinstance(plugin, JourneybookPlugin)
    assert plugin.cache.disk_hits == files
