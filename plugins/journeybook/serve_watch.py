"""Under `mkdocs serve`, notice a saved YAML file within a tenth of a second.

MkDocs polls what it watches every half second (a `PollingObserver`: native
file events miss changes in Docker volumes and network mounts), then waits a
tenth of a second for the writes to settle. For an editor who changed one
line that is up to 0.6 s before anything starts, a third of the wait at 200
journeys. The data folder is what editors change, and it is small to poll
(one stat per YAML file), so journeybook polls it itself every 0.1 s, with
the same kind of observer (symlinks and mounts behave as under MkDocs), and
asks the server for a rebuild as MkDocs' own watcher does. A look at the
folder is Python work that holds the interpreter lock (about 4 ms at 200
journeys, 15 ms at 1000), so the interval grows with what one look costs:
polling stays under about a twentieth of a core, idle or rebuilding, and
never slower than MkDocs' own half second. The docs folder,
mkdocs.yml and the theme stay with MkDocs' watcher.

Asking for a rebuild uses the live-reload server's condition and flag (MkDocs
1.6, pinned). A server without them (another MkDocs) gets the folder through
its public `watch()` instead: slower, never wrong.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver
from watchdog.utils.dirsnapshot import DirectorySnapshot, DirectorySnapshotDiff

#: Seconds between two looks at the data folder, for a folder that is cheap to look at.
DATA_POLL_SECONDS = 0.1
#: ... and for one so large that looking costs more (MkDocs' own interval).
DATA_POLL_MAX_SECONDS = 0.5
#: The share of one core polling may take.
DATA_POLL_SHARE = 0.05


def poll_interval(folder: Path) -> float:
    """Seconds between looks at `folder`, from what one look (a snapshot and its comparison) costs here."""
    started = time.perf_counter()
    snapshot = DirectorySnapshot(str(folder), recursive=True)
    DirectorySnapshotDiff(snapshot, snapshot)
    cost = time.perf_counter() - started
    return min(DATA_POLL_MAX_SECONDS, max(DATA_POLL_SECONDS, cost / DATA_POLL_SHARE))


class _AskRebuild(FileSystemEventHandler):
    """What MkDocs' own watcher does on a change: set the flag and wake the build loop."""

    def __init__(self, server: Any) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        condition: threading.Condition = self.server._rebuild_cond
        with condition:
            self.server._want_rebuild = True
            condition.notify_all()


def can_ask_rebuild(server: Any) -> bool:
    return isinstance(getattr(server, "_rebuild_cond", None), threading.Condition) and hasattr(server, "_want_rebuild")


class DataWatchError(Exception):
    """The data folder cannot be watched (missing, unreadable): serve goes on, without reloading on its edits."""


def watch_data(server: Any, folder: Path, interval: float | None = None) -> PollingObserver | None:
    """Watch the data folder for the server: our own quick poll where the server allows it, else its own watch.

    Returns the started observer (stop it when serve ends; its `timeout` is the interval, by default
    poll_interval's), or None when the server watches the folder itself.
    A folder that is not there (the page the server shows says so) would stop MkDocs' watcher, and with it
    serve, with a traceback; it raises DataWatchError instead.
    """
    if not folder.is_dir():
        raise DataWatchError(f"the data folder {folder} does not exist")
    if not can_ask_rebuild(server):
        server.watch(str(folder))
        return None
    observer: PollingObserver | None = None
    try:
        observer = PollingObserver(timeout=poll_interval(folder) if interval is None else interval)
        observer.daemon = True
        observer.schedule(_AskRebuild(server), str(folder), recursive=True)
        observer.start()
    except OSError as exc:
        if observer is not None:
            observer.stop()
        raise DataWatchError(f"the data folder {folder} cannot be read ({exc.strerror or exc})") from None
    return observer
