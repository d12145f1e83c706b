"""Parse on every core the files the disk cache lacks, before a load reads them from it.

A first `validate` of a large handbook (a fresh CI checkout, a new
journeybook) parses every file: at a thousand journeys most of its time is
PyYAML and the checks of each file, one file at a time on one core. The
result of a file depends only on its bytes (core.filecache), so worker
processes can each parse a share of the files and write their entries; the
load that follows finds them on disk, as a second run would. What a load
reports is unchanged: a file with a mistake is never stored, so the load
parses it again itself and its messages are made there, located as always.

Only where it pays and is safe: a cache that is written, enough files
missing, more than one core free to this process, and Linux (where a worker
is a fork of this process, ready at once; elsewhere the load parses the
files itself).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .filecache import ParseCache
from .handbook import HandbookCache, find_yaml_files, without_cycle_collection
from .yamlsource import read_text

#: Fewer missing files than this are parsed by the load itself: starting processes costs more.
MIN_FILES = 64
#: Workers at most, whatever the machine says it has.
MAX_WORKERS = 8


def cores() -> int:
    """The cores this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - platforms without affinity
        return os.cpu_count() or 1


def missing(root: Path, disk: ParseCache) -> list[Path]:
    """The YAML files under root whose current bytes have no entry in the disk cache."""
    out = []
    for path in find_yaml_files(root):
        raw, _ = read_text(path, str(path))
        if raw is not None and not disk.has(raw):
            out.append(path)
    return out


def _parse_share(folder: Path, paths: list[Path]) -> int:
    """In a worker: parse these files, writing the entries of those without mistakes."""
    cache = HandbookCache(folder)
    with without_cycle_collection():  # as the load does (core.handbook): a third less time
        for path in paths:
            cache.parse(path, str(path))
            cache.forget()  # the entry is on disk; the worker keeps nothing
    return len(paths)


def prewarm(root: Path, cache: HandbookCache, workers: int | None = None) -> int:
    """Parse in worker processes the files under root that cache's disk folder lacks; how many were given out.

    0 when it does not pay or cannot be done here (see the module's docstring): the load then parses them.
    """
    disk = cache.disk
    if disk is None or not cache.write or not root.is_dir():
        return 0
    wanted = min(workers if workers is not None else cores(), MAX_WORKERS)
    # Forking is safe on Linux; macOS and Windows start processes another way, each importing journeybook anew.
    if wanted < 2 or not sys.platform.startswith("linux"):
        return 0
    todo = missing(root, disk)
    if len(todo) < MIN_FILES:
        return 0
    # Files in turn to each worker: neighbours in a folder are often alike in size.
    shares = [todo[i::wanted] for i in range(wanted)]
    folder = disk.folder.parent
    try:
        with ProcessPoolExecutor(wanted, mp_context=multiprocessing.get_context("fork")) as pool:
            done = sum(pool.map(_parse_share, [folder] * wanted, shares))
    except Exception:  # no processes to be had, or a worker failed: the load parses the files itself
        return 0
    return done
