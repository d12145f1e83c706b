"""A first `validate` parses the files the cache lacks in worker processes (core/prewarm.py).

What an editor relies on: the same messages, at the same places, and the
same handbook, whether the files were parsed by workers, by the load itself,
or taken from a cache; a file with a mistake is reported as always. Speed is
measured by benchmarks/, not here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journeybook.cli import main
from journeybook.core import HandbookCache, HandbookError, load_handbook
from journeybook.core.handbook import find_yaml_files
from journeybook.core.prewarm import MIN_FILES, missing, prewarm
from synthetic import generate

JOURNEYS = MIN_FILES + 6


@pytest.fixture()
def handbook(tmp_path: Path) -> Path:
    data = tmp_path / "journeys"
    data.mkdir()
    generate(data, JOURNEYS, 3)
    return data


def _break(data: Path) -> None:
    """Two mistakes in two files: a wrong type and a reference to nothing."""
    first = data / "journey-7.yml"
    first.write_text(first.read_text("utf-8").replace("phases:", "phases: 12\nold_phases:", 1), "utf-8")
    second = data / "journey-40.yml"
    text = second.read_text("utf-8")
    second.write_text(text.replace("owner: ", "owner: no-such-team-", 1), "utf-8")


def _problems(data: Path, cache: HandbookCache) -> list[tuple[str, int, int, str, str]]:
    try:
        load_handbook(data, cache)
    except HandbookError as exc:
        return [(p.file, p.line, p.column, p.field, p.message) for p in exc.problems]
    return []


def test_workers_write_what_the_load_then_reads(handbook: Path, tmp_path: Path) -> None:
    cache = HandbookCache(tmp_path / "cache")
    assert cache.disk is not None and len(missing(handbook, cache.disk)) > MIN_FILES
    given = prewarm(handbook, cache, 2)
    assert given == len(find_yaml_files(handbook))
    assert missing(handbook, cache.disk) == []
    worked = load_handbook(handbook, cache)
    assert cache.disk_hits == given  # every file came from the workers' entries, none parsed again
    alone = load_handbook(handbook, HandbookCache(None))
    assert worked.journeys.keys() == alone.journeys.keys()
    assert worked.journeys == alone.journeys and worked.backlog == alone.backlog


def test_mistakes_are_reported_as_without_workers(handbook: Path, tmp_path: Path) -> None:
    _break(handbook)
    expected = _problems(handbook, HandbookCache(None))
    assert len({p[0] for p in expected}) == 2
    cache = HandbookCache(tmp_path / "cache")
    prewarm(handbook, cache, 2)
    assert cache.disk is not None
    # The file with a mistake of its own has no entry: the load parses it and makes its messages itself.
    # A reference to nothing is checked by the load across files, cached or not.
    assert [p.name for p in missing(handbook, cache.disk)] == ["journey-7.yml"]
    assert _problems(handbook, cache) == expected


@pytest.mark.parametrize("jobs", [0, 1])
def test_one_process_or_a_small_handbook_or_no_cache_parses_in_the_load(
    handbook: Path, tmp_path: Path, jobs: int
) -> None:
    assert prewarm(handbook, HandbookCache(tmp_path / "a"), jobs) == 0
    assert prewarm(handbook, HandbookCache(None), 2) == 0
    assert prewarm(handbook, HandbookCache(tmp_path / "b", write=False), 2) == 0
    for extra in sorted(handbook.glob("journey-*.yml"))[: JOURNEYS - MIN_FILES + 20]:
        extra.unlink()
    assert prewarm(handbook, HandbookCache(tmp_path / "c"), 2) == 0


def test_validate_says_the_same_with_and_without_workers(
    handbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _break(handbook)
    said = []
    for jobs in ("1", "2"):
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)
        code = main(["validate", str(handbook), "--cache-dir", str(tmp_path / "cache"), "--jobs", jobs])
        out, err = capsys.readouterr()
        said.append((code, out + err))
    assert said[0] == said[1]
    assert said[0][0] == 1 and "journey-7.yml" in said[0][1] and "journey-40.yml" in said[0][1]
